"""The drafter's dictionaries in data/vocabularies/drafting/: plain CSV files an analyst can read and extend,
validated on load (every error names the file, the line and the problem).

- actors.csv: surface form -> actor (id, name, kind, country, CAMEO actor code), by `form`: country, capital
  (a metonym for the state, or a venue), demonym (a people's adjective, with a role: "... officials"), institution, person, outlet,
  source (unnamed sources), group, role (an organ of a state, named with a demonym or a country: its id, kind and
  code are templates with {C}, the state's id), anaphor ("both leaders": the previous event's pair) and place.
- verbs.csv: a pattern (regular expression, case-insensitive, whole words) -> CAMEO code; `kind` verb (a clause
  event), noun (a nominal event: "a meeting", "a ceasefire"), judgment (the text's own verdict on an act, the
  issuer's act: "these strikes constitute war crimes"), obligation (what an actor "must" do: the speaker demands it
  of that actor, and the act is an event of its own, asked for) or absorb (what follows it up to the next comma is
  not an event of its own: "to end the war") or courtesy (a formula that is no act: "Thank you, Mister Chair");
  `object` separate (the verb's object is an event of its own:
  "postponed a meeting") or part (it belongs to the verb's event: "continue negotiations").
- lemmas.csv: a verb's lemma -> CAMEO code for the verbs the parser finds that no verbs.csv pattern holds
  (analysis.drafting.parser); "-" for a verb that is no act ("be", "include", reporting verbs), and the row "*"
  for every other lemma (its events flagged for a person to code).
- performatives.csv: the lemmas of verbs that do what they say ("we condemn", "the Union welcomes"): in the
  simple present they report an act done by the text itself (occurred); any other verb in the simple present
  with no status cue reports a state or a habit at the report ("the army stands ready", "we seize every
  opportunity": ongoing).
- status_cues.csv: a cue -> status, with its scope: after (events after it in the clause), before (the event
  just before it: "the summit was postponed"), self (the event it is part of), previous (the last event of
  the sentence before it) or default (the event it is part of, when no other cue sets a status: "a lasting
  peace" is a goal, "the war" is under way).
- reporting.csv: a reporting phrase and where its source stands (before: "X said"; after: "according to X").
- connectives.csv: a connective -> link relation (data/vocabularies/link_relations.csv), with where the source
  and the target events stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.text.actors import ACTOR_KINDS
from analysis.text.codebook import load_codebook
from analysis.text.records import VOCABULARY_DIR, AnnotationError, files_state, read_csv

DRAFTING_DIR = VOCABULARY_DIR / "drafting"
FORMS = (
    "country",
    "capital",
    "demonym",
    "institution",
    "person",
    "outlet",
    "source",
    "group",
    "role",
    "anaphor",
    "place",
)
ANAPHORS = ("@pair",)
OTHER_LEMMA = "*"
NO_ACT = "-"
VERB_KINDS = ("verb", "noun", "judgment", "obligation", "absorb", "courtesy")
CUE_SCOPES = ("after", "before", "self", "previous", "default")
SIDES = ("before", "after")
LINK_SOURCES = ("before", "act_before", "after", "phrase", "previous")
LINK_TARGETS = ("before", "after", "main")


@dataclass(frozen=True)
class ActorForm:
    surface: str
    form: str
    actor_id: str
    name: str
    kind: str
    country: str
    cameo_code: str


@dataclass(frozen=True)
class Rule:
    """One row of verbs, status cues, reporting phrases or connectives: a compiled pattern and its values."""

    line: int
    pattern: re.Pattern
    text: str
    value: str  # CAMEO code, status, source side or relation
    kind: str = ""  # verb kind, cue scope, or link source
    extra: str = ""  # verb object policy, or link target
    joint: str = ""  # verbs: a joint subject acts "together" (one dyad) or "each" (one event per subject)


@dataclass(frozen=True)
class Dictionaries:
    actors: tuple[ActorForm, ...]
    verbs: tuple[Rule, ...]
    lemmas: dict[str, Rule]
    cues: tuple[Rule, ...]
    reporting: tuple[Rule, ...]
    connectives: tuple[Rule, ...]
    performatives: frozenset[str]
    folder: Path

    def forms(self, *forms: str) -> list[ActorForm]:
        return [a for a in self.actors if a.form in forms]

    def from_parser(self, rule: Rule) -> bool:
        """Whether a trigger's rule is a lemma row (a verb the parser found), not a verbs.csv pattern."""
        return self.lemmas.get(rule.text) is rule

    def lemma(self, lemma: str) -> Rule:
        """The rule of a parsed verb's lemma: its own row, else the row "*"."""
        return self.lemmas.get(lemma) or self.lemmas[OTHER_LEMMA]


def _pattern(path: Path, line: int, text: str) -> re.Pattern:
    if not text:
        raise AnnotationError(path, f"line {line}", "empty pattern")
    try:
        return re.compile(r"(?<![\w'])(?:" + text + r")(?![\w-])", re.IGNORECASE)
    except re.error as error:
        raise AnnotationError(path, f"line {line}", f"pattern {text!r} is not a regular expression: {error}") from None


def _is_cameo(code: str) -> bool:
    return code.isdigit() and len(code) in (3, 4) and 1 <= int(code[:2]) <= 20


def _choice(path: Path, line: int, column: str, value: str, allowed) -> str:
    if value not in allowed:
        raise AnnotationError(path, f"line {line}", f"{column} {value!r} is not one of {', '.join(allowed)}")
    return value


def read_actor_forms(path: Path) -> tuple[ActorForm, ...]:
    rows = read_csv(path, ["surface", "form", "actor_id", "name", "kind", "country", "cameo_code"])
    forms, seen = [], {}
    for line, row in enumerate(rows, start=2):
        record = f"line {line}"
        if not row["surface"]:
            raise AnnotationError(path, record, "empty surface")
        _choice(path, line, "form", row["form"], FORMS)
        if (row["surface"], row["form"]) in seen:
            raise AnnotationError(
                path, record, f"surface {row['surface']!r} repeats line {seen[row['surface'], row['form']]}"
            )
        seen[row["surface"], row["form"]] = line
        if not row["actor_id"]:
            raise AnnotationError(path, record, "empty actor_id")
        if row["form"] == "anaphor":
            _choice(path, line, "actor_id", row["actor_id"], ANAPHORS)
        elif row["form"] == "role":
            if "{C}" not in row["actor_id"] or "{C}" not in row["cameo_code"]:
                raise AnnotationError(path, record, "a role's actor_id and cameo_code are templates with {C}")
            _choice(path, line, "kind", row["kind"], ACTOR_KINDS)
        elif row["form"] == "place":
            if not row["name"] or not row["country"]:
                raise AnnotationError(path, record, "a place needs a name and a country")
        else:
            _choice(path, line, "kind", row["kind"], ACTOR_KINDS)
            for column in ("name", "country", "cameo_code"):
                if not row[column]:
                    raise AnnotationError(path, record, f"empty {column}")
        forms.append(ActorForm(**{k: row[k] for k in ActorForm.__dataclass_fields__}))
    return tuple(forms)


def read_verbs(path: Path) -> tuple[Rule, ...]:
    rules = []
    for line, row in enumerate(read_csv(path, ["pattern", "cameo", "kind", "object", "joint"]), start=2):
        kind = _choice(path, line, "kind", row["kind"], VERB_KINDS)
        code = row["cameo"]
        if kind in ("absorb", "courtesy"):
            if code != NO_ACT:
                raise AnnotationError(path, f"line {line}", f"a row of kind {kind} codes no act: its cameo must be '-'")
        elif not _is_cameo(code):
            raise AnnotationError(
                path, f"line {line}", f"cameo {code!r} is not a CAMEO code (3 or 4 digits, root 01-20)"
            )
        if kind == "verb":
            _choice(path, line, "object", row["object"], ("separate", "part"))
            _choice(path, line, "joint", row["joint"], ("together", "each"))
        pattern = _pattern(path, line, row["pattern"])
        rules.append(Rule(line, pattern, row["pattern"], code, kind, row["object"], row["joint"]))
    return tuple(rules)


def read_lemmas(path: Path) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for line, row in enumerate(read_csv(path, ["lemma", "cameo"]), start=2):
        lemma, code = row["lemma"], row["cameo"]
        if not re.fullmatch(r"[a-z][a-z-]*|\*", lemma):
            raise AnnotationError(path, f"line {line}", f"lemma {lemma!r} is not a lower-case word (or '*')")
        if lemma in rules:
            raise AnnotationError(path, f"line {line}", f"lemma {lemma!r} repeats line {rules[lemma].line}")
        if code != NO_ACT and not _is_cameo(code):
            raise AnnotationError(path, f"line {line}", f"cameo {code!r} is not a CAMEO code or '{NO_ACT}'")
        if lemma == OTHER_LEMMA and code == NO_ACT:
            raise AnnotationError(path, f"line {line}", f"the row '{OTHER_LEMMA}' needs a CAMEO code")
        rules[lemma] = Rule(line, re.compile(re.escape(lemma)), lemma, code, "verb", "separate", "each")
    if OTHER_LEMMA not in rules:
        raise AnnotationError(path, "file", f"no row '{OTHER_LEMMA}' (the code of a lemma no row names)")
    return rules


def read_performatives(path: Path) -> frozenset[str]:
    seen: dict[str, int] = {}
    for line, row in enumerate(read_csv(path, ["lemma"]), start=2):
        lemma = row["lemma"]
        if not re.fullmatch(r"[a-z][a-z-]*", lemma):
            raise AnnotationError(path, f"line {line}", f"lemma {lemma!r} is not a lower-case word")
        if lemma in seen:
            raise AnnotationError(path, f"line {line}", f"lemma {lemma!r} repeats line {seen[lemma]}")
        seen[lemma] = line
    return frozenset(seen)


def read_cues(path: Path, statuses) -> tuple[Rule, ...]:
    rules = []
    for line, row in enumerate(read_csv(path, ["cue", "status", "scope"]), start=2):
        _choice(path, line, "status", row["status"], tuple(statuses))
        _choice(path, line, "scope", row["scope"], CUE_SCOPES)
        rules.append(Rule(line, _pattern(path, line, row["cue"]), row["cue"], row["status"], row["scope"]))
    return tuple(rules)


def read_reporting(path: Path) -> tuple[Rule, ...]:
    rules = []
    for line, row in enumerate(read_csv(path, ["phrase", "source"]), start=2):
        _choice(path, line, "source", row["source"], SIDES)
        rules.append(Rule(line, _pattern(path, line, row["phrase"]), row["phrase"], row["source"]))
    return tuple(rules)


def read_connectives(path: Path, relations) -> tuple[Rule, ...]:
    rules = []
    for line, row in enumerate(read_csv(path, ["connective", "relation", "source", "target"]), start=2):
        _choice(path, line, "relation", row["relation"], tuple(relations))
        _choice(path, line, "source", row["source"], LINK_SOURCES)
        _choice(path, line, "target", row["target"], LINK_TARGETS)
        rules.append(
            Rule(
                line,
                _pattern(path, line, row["connective"]),
                row["connective"],
                row["relation"],
                row["source"],
                row["target"],
            )
        )
    return tuple(rules)


_LOADED: dict[tuple, Dictionaries] = {}


def load_dictionaries(folder: Path = DRAFTING_DIR, vocabularies: Path = VOCABULARY_DIR) -> Dictionaries:
    """The seven dictionaries, each validated row by row (statuses and relations against the shared vocabularies);
    read again within a process only when a file of either folder changed (notebook 08 drafts every text)."""
    key = (folder.resolve(), vocabularies.resolve(), files_state(folder, vocabularies))
    if key not in _LOADED:
        _LOADED[key] = _read_dictionaries(folder, vocabularies)
    return _LOADED[key]


def _read_dictionaries(folder: Path, vocabularies: Path) -> Dictionaries:
    codebook = load_codebook(vocabularies)
    return Dictionaries(
        actors=read_actor_forms(folder / "actors.csv"),
        verbs=read_verbs(folder / "verbs.csv"),
        lemmas=read_lemmas(folder / "lemmas.csv"),
        cues=read_cues(folder / "status_cues.csv", codebook.statuses.index),
        reporting=read_reporting(folder / "reporting.csv"),
        connectives=read_connectives(folder / "connectives.csv", codebook.relations.index),
        performatives=read_performatives(folder / "performatives.csv"),
        folder=folder,
    )
