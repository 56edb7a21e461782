"""The drafter's reading of a text: actor and place mentions (with the actor-or-venue decision), clauses, event
triggers, status cues, time expressions, reporting phrases and connectives, all as character spans of the
article. Rules on words with the standard library's `re`; the words themselves come from the dictionaries.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from analysis.chronology.expressions import NUMBER_WORDS
from analysis.drafting.dictionaries import NO_ACT, OTHER_LEMMA, ActorForm, Dictionaries, Rule

PLACE_PREPOSITIONS = {
    "in",
    "at",
    "to",
    "into",
    "near",
    "inside",
    "outside",
    "across",
    "toward",
    "towards",
    "within",
    "from",
}
GROUP_NOUNS = {
    "negotiators",
    "delegations",
    "delegation",
    "delegates",
    "officials",
    "representatives",
    "diplomats",
    "envoys",
    "troops",
    "forces",
    "leaders",
    "ministers",
    "both",
    "countries",
}  # "delegations from X": X acts
AUXILIARIES = {
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "did",
    "does",
    "do",
    "must",
    "shall",
    "plans",
    "planned",
    "hopes",
    "wants",
    "says",
    "said",
    "reported",
    "reports",
    "remains",
    "continues",
    "stayed",
    "refused",
    "agreed",
    "not",
}
OBJECT_MARKERS = {
    "with",
    "between",
    "against",
    "by",
    "warn",
    "warned",
    "told",
    "tell",
    "urged",
    "accused",
    "criticised",
    "criticized",
    "and",
    "of",
}
STOP_NAMES = {
    *(m for m in calendar.month_name if m),
    *(d for d in calendar.day_name),
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "According",
    "However",
    "Although",
    "Both",
    "Some",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "They",
    "Their",
    "He",
    "She",
    "His",
    "Her",
    "We",
    "Our",
    "President",
    "Prime",
    "Minister",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Meanwhile",
    "Since",
    "While",
    "When",
    "As",
    "If",
    "But",
    "And",
    "I",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Office",
    "Armed",
    "Forces",
    "Foreign",
    "Ministry",
    "Next",
    "Last",
    "Such",
    # the words that number a speaker's points ("Third, the reason ..."), not actors
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Finally",
    "Lastly",
    # the last word of the name of a thing, not of an actor ("the Black Sea Grain Initiative", "the UN Charter")
    "Initiative",
    "Charter",
    "Formula",
    "Plant",
    "Station",
    "Dam",
    "Corridor",
    "Lanes",
    "Agreement",
    "Agreements",
    "Deal",
    "Treaty",
    "Framework",
    "Plan",
    "Resolution",
    "Declaration",
    "Memorandum",
    "Convention",
    "Summit",
    "Conference",
}
MULTIWORD_NAME = re.compile(
    r"\b(?!(?:" + "|".join(sorted(STOP_NAMES)) + r")\b)[A-Z][a-z]{2,}(?:(?: of| of the| for| on)? [A-Z][a-z]{2,})+\b"
)  # "Emergency Response Coordination Centre", "Ministry of Defence", "Commissioner for Human Rights"
DEFINITE = {"the", "this", "these", "that", "those", "its", "their", "his", "her", "such", "our"}
NEW_MODIFIERS = {
    "next",
    "new",
    "another",
    "second",
    "third",
    "further",
    "final",
    "first",
    "ongoing",
    "daily",
    "latest",
    "recent",
    "last",
    "previous",
    "earlier",
    "past",
}
GEOGRAPHIC = r"(?:region|oblast|province|river|Sea|sea|Ocean|peninsula|territory|city|district|border|soil)"
REPORTING_THAT = re.compile(
    r"\b(?:reported|said|noted|stated|announced|claimed|added|told \w+|says|reports) that ", re.IGNORECASE
)
LEADING = re.compile(
    r"^(?:(?:and|but|however|although|though|while|whereas|because|if|when|since|meanwhile|in this "
    r"regard|as a result|moreover|yet)\b,?\s*)+",
    re.IGNORECASE,
)
SUBORDINATORS = re.compile(r" (?=(?:since|after|before|because|when|while|although|until) )")

_MONTH = "(?:" + "|".join(m for m in calendar.month_name if m) + ")"
_DAY = "(?:" + "|".join(calendar.day_name) + ")"
_COUNT = r"(?:\d+|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = r"(?:day|week|month|year)"
TIME = re.compile(
    "|".join(
        [
            r"(?i:\b(?:the day before yesterday|the day after tomorrow|yesterday|today|tomorrow)\b)",
            r"\b(?i:earlier|later) this (?:week|month|year)\b",
            r"\b(?i:last|this|next|the previous) " + _UNIT + r"\b",
            r"\b" + _COUNT + " " + _UNIT + r"s? ago\b",
            r"\b(?i:for |over |in )?(?i:the) (?:past|last) (?:" + _COUNT + " " + _UNIT + "s?|" + _UNIT + r")\b",
            r"\b(?i:on |over |at )?(?i:the|this|last|next) weekend\b",
            r"\b(?i:on )?(?:(?:last|next) )?" + _DAY + r"\b",
            r"\b(?i:on )?(?:the )?\d{1,2}(?:st|nd|rd|th)?(?: of)? " + _MONTH + r"(?:,? \d{4})?\b",
            r"\b(?i:on )?" + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?\b",
            r"\b(?i:in )?(?:(?i:early|mid|late)[- ])?" + _MONTH + r"(?: \d{4})?\b",
            r"\b\d{4}-\d\d-\d\d\b",
            r"\b(?i:in) (?:19|20)\d\d\b(?![-–/]| and)",
        ]
    )
)


@dataclass(frozen=True)
class Entity:
    """An actor (or a place) the draft names; `place_id` for forms that can be a venue."""

    actor_id: str
    name: str
    kind: str
    country: str
    cameo_code: str
    form: str
    place_id: str = ""
    place_name: str = ""
    place_country: str = ""


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    entity: Entity
    role: str = "actor"  # actor, place, or anaphor
    reason: str = ""
    flagged: bool = False


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    rule: Rule


@dataclass
class Sentence:
    sentence_id: str
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    clauses: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[Hit] = field(default_factory=list)
    absorbers: list[tuple[int, int]] = field(default_factory=list)
    cues: list[Hit] = field(default_factory=list)
    times: list[tuple[int, int]] = field(default_factory=list)
    reporting: list[tuple[Hit, Mention]] = field(default_factory=list)
    connectives: list[Hit] = field(default_factory=list)


def _place_id(name: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", re.sub(r"^the ", "", name, flags=re.IGNORECASE).upper()) or "PLACE"


def _case_pattern(surface: str) -> str:
    """A surface form as written, but a lower-case form may start a sentence with a capital."""
    escaped = re.escape(surface)
    if surface[0].islower():
        return f"[{surface[0]}{surface[0].upper()}]" + re.escape(surface[1:])
    return escaped


def _alternation(surfaces) -> str:
    return "|".join(_case_pattern(s) for s in sorted(set(surfaces), key=lambda s: (-len(s), s)))


def longest(hits: list, key=lambda h: (h.start, h.end)) -> list:
    """Non-overlapping hits, the longest first, returned in text order."""
    chosen = []
    for hit in sorted(hits, key=lambda h: (-(key(h)[1] - key(h)[0]), key(h)[0])):
        start, end = key(hit)
        if all(end <= key(c)[0] or start >= key(c)[1] for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: key(h)[0])


class Lexicon:
    """The dictionaries compiled for one article: known forms plus the names the article uses that the
    dictionaries lack (capitalized words that act, flagged for a person to check)."""

    def __init__(self, dictionaries: Dictionaries, text: str, sentences):
        self.d = dictionaries
        self.entities: dict[str, Entity] = {}
        self.by_surface: dict[str, Entity] = {}
        self.anaphors = {a.surface for a in dictionaries.forms("anaphor")}
        states: dict[str, ActorForm] = {}
        for form in dictionaries.actors:
            if form.form in ("anaphor", "role"):
                continue
            if form.form == "place":
                entity = Entity("", "", "", "", "", "place", form.actor_id, form.name, form.country)
            elif form.form in ("country", "capital"):
                place_name = form.surface if form.form == "capital" else form.name
                entity = Entity(
                    form.actor_id,
                    form.name,
                    form.kind,
                    form.country,
                    form.cameo_code,
                    form.form,
                    _place_id(place_name),
                    re.sub(r"^the ", "", place_name),
                    form.country,
                )
                states.setdefault(form.actor_id, form)
            else:
                entity = Entity(form.actor_id, form.name, form.kind, form.country, form.cameo_code, form.form)
            self.by_surface[form.surface] = entity
        self.demonyms = {f.surface: self.by_surface[f.surface] for f in dictionaries.forms("demonym")}
        self.countries = {s: e for s, e in self.by_surface.items() if e.form == "country"}
        self.unknown = self._unknown_names(text, sentences)
        self.roles = {f.surface: f for f in dictionaries.forms("role")}
        names = {**self.countries, **self.unknown}
        demonyms = {s: e for s, e in self.demonyms.items()}
        for word in set(re.findall(r"\b[A-Z][a-z]{3,}(?:ian|an|ese|ish|i)\b", text)) - set(self.by_surface):
            stem = next((n for n in names if len(n) >= 4 and word.startswith(n[: max(4, len(n) - 2)])), None)
            if stem:
                demonyms[word] = names[stem]
        self.all_demonyms = demonyms
        role_alt = _alternation(self.roles)
        owner = "(?:" + _alternation([*names, *demonyms]) + ")"
        self.compound = re.compile(
            r"(?<!\w)(?:(?:[Tt]he|[Aa]n?) )?(?P<d>" + _alternation(demonyms) + r") (?P<r>" + role_alt + r")(?![\w-])"
            r"|(?<!\w)(?P<c>" + _alternation(names) + r")'s (?P<r2>" + role_alt + r")(?![\w-])"
            r"|(?<!\w)(?:[Tt]he )?(?P<r3>" + role_alt + r") of (?:the )?(?P<c3>" + owner + r")(?![\w-])"
            r"|(?<!\w)(?P<d4>"
            + _alternation(demonyms)
            + r"|(?:"
            + _alternation(names)
            + r")['\u2019]s) (?P<p4>(?:President |Prime Minister )?(?:"
            + _alternation([s for s, e in self.by_surface.items() if e.form == "person"])
            + r"))(?![\w-])"
        )
        self.bare_role = re.compile(r"(?<!\w)[Tt]he (?P<r>" + role_alt + r")(?![\w-])")
        fixed = [s for s, e in self.by_surface.items() if e.form not in ("demonym",)] + list(self.unknown)
        self.fixed = re.compile(r"(?<![\w-])(?:" + _alternation(fixed) + r")(?![\w-])")
        self.anaphor = re.compile(r"(?<![\w-])(?:" + _alternation(self.anaphors) + r")(?![\w-])")
        self.geographic = re.compile(
            r"(?<![\w-])(?:the )?(?:(?:[A-Z][\w-]+ )+"
            + GEOGRAPHIC
            + r"|(?:"
            + _alternation(demonyms)
            + r") "
            + GEOGRAPHIC
            + r")(?![\w-])"
        )
        self.compound_entities: dict[str, Entity] = {}

    def _unknown_names(self, text: str, sentences) -> dict[str, Entity]:
        """Capitalized words the dictionaries lack that stand where an actor or a place stands: a name of several
        words ("the Emergency Response Coordination Centre", "the European Council", a demonym and a body) is one
        actor, not one per word."""
        known = re.compile(r"(?<![\w-])(?:" + _alternation(self.by_surface) + r")(?![\w-])")
        covered: dict[int, Entity] = {}
        for m in known.finditer(text):
            form = self.by_surface.get(m.group()) or self.by_surface.get(m.group()[:1].lower() + m.group()[1:])
            covered.update(dict.fromkeys(range(*m.span()), form))
        roles = {f.surface.lower() for f in self.d.forms("role")}
        known_ids = {e.actor_id for e in self.by_surface.values()}
        found: dict[str, Entity] = {}

        def add(name: str) -> None:
            code = "".join(w[0] for w in name.split() if w[0].isupper()) if " " in name else name.upper()
            code = re.sub(r"[^A-Z]", "", code.upper())[:4 if " " in name else 3]
            while code in known_ids or any(e.actor_id == code and n != name for n, e in found.items()):
                code = code[:2] + chr(ord(code[2]) + 1) if len(code) >= 3 else code + "X"
            found[name] = Entity(code, name, "state", name, code, "unknown", _place_id(name), name, name)

        for sentence in sentences:
            for match in MULTIWORD_NAME.finditer(sentence.text):
                words = re.findall(r"[A-Z][a-z]+", match.group())
                start = sentence.start + match.start()
                first = covered.get(start)
                if start in covered and (first is None or first.form != "demonym"):
                    continue  # "President ...", a country's name: a known actor opens it
                rest = [m for m in re.finditer(r"[A-Z][a-z]+", match.group())][1:]
                if any(sentence.start + m.start() in covered for m in rest):
                    continue
                if any(w in STOP_NAMES or w.lower() in roles for w in words[1:]):
                    continue  # a role ("Foreign Minister") or a thing ("... Grain Initiative") closes it
                add(match.group())
                covered.update(dict.fromkeys(range(start, start + len(match.group())), found[match.group()]))
            for match in re.finditer(r"\b[A-Z][a-z]{2,}\b", sentence.text):
                word, start = match.group(), sentence.start + match.start()
                if word in STOP_NAMES or start in covered:
                    continue
                after = sentence.text[match.end() : match.end() + 12]
                if match.start() == 0 and not re.match(r"(?:'s|,| \w+ed\b| (?:has|had|is|was|will|did)\b)", after):
                    continue
                if re.match(r" [A-Z]", after) or re.match(r"(?:ian|an|ese|ish)\b", word[-3:]) and word.endswith("ian"):
                    continue
                add(word)
        return found

    def role(self, surface: str) -> ActorForm:
        """The role form of a match: as written, or a lower-case form capitalized ("Minister" at a title)."""
        return self.roles.get(surface) or self.roles[surface[0].lower() + surface[1:]]

    def entity(self, surface: str) -> Entity | None:
        for form in (surface, surface[:1].lower() + surface[1:]):
            found = self.by_surface.get(form) or self.unknown.get(form) or self.compound_entities.get(form)
            if found:
                return found
        return None


def _role_entity(lex: Lexicon, surface: str, state: Entity, role: ActorForm) -> Entity:
    code = state.actor_id
    name = re.sub(r"^(?:the|a|an) ", "", surface, flags=re.IGNORECASE)
    name = name[0].upper() + name[1:]
    return Entity(
        role.actor_id.replace("{C}", code), name, role.kind, state.country, role.cameo_code.replace("{C}", code), "role"
    )


def find_mentions(lex: Lexicon, sentence: Sentence, previous_roles: dict[str, Entity]) -> list[Mention]:
    """Actor, place and anaphor mentions of one sentence, longest first and never overlapping."""
    text, base = sentence.text, sentence.start
    hits: list[Mention] = []
    for m in lex.compound.finditer(text):
        if m.group("d") or m.group("c") or m.group("c3"):
            owner = m.group("d") or m.group("c") or m.group("c3")
            state = lex.all_demonyms.get(owner) or lex.countries.get(owner) or lex.unknown.get(owner)
            role = lex.role(m.group("r") or m.group("r2") or m.group("r3"))
            entity = _role_entity(lex, m.group(), state, role)
            if role.kind == "state":
                entity = Entity(state.actor_id, state.name, "state", state.country, state.cameo_code, "role")
            else:
                previous_roles[role.surface] = entity
        else:
            entity = (
                lex.by_surface[m.group("p4").removeprefix("President ").removeprefix("Prime Minister ")]
                if (m.group("p4").removeprefix("President ").removeprefix("Prime Minister ") in lex.by_surface)
                else lex.by_surface[m.group("p4")]
            )
        lex.compound_entities[m.group()] = entity
        hits.append(Mention(base + m.start(), base + m.end(), m.group(), entity))
    for m in lex.bare_role.finditer(text):
        head = lex.role(m.group("r")).surface
        entity = next((e for r, e in reversed(previous_roles.items()) if r == head or r.endswith(" " + head)), None)
        if entity:
            lex.compound_entities[m.group()] = entity
            hits.append(Mention(base + m.start(), base + m.end(), m.group(), entity))
    for m in lex.fixed.finditer(text):
        hits.append(Mention(base + m.start(), base + m.end(), m.group(), lex.entity(m.group())))
    for m in lex.geographic.finditer(text):
        name = re.sub(r"^the ", "", m.group())
        hits.append(
            Mention(
                base + m.start(),
                base + m.end(),
                m.group(),
                Entity("", "", "", "", "", "place", _place_id(name), name, "unknown"),
                role="place",
            )
        )
    for m in lex.anaphor.finditer(text):
        hits.append(
            Mention(
                base + m.start(), base + m.end(), m.group(), Entity("@pair", "", "", "", "", "anaphor"), role="anaphor"
            )
        )
    mentions = longest(hits)
    for mention in mentions:
        if mention.entity.form == "place":
            mention.role, mention.reason = "place", "draft: a place in the dictionary"
        elif mention.entity.place_id:
            decide_role(lex, sentence, mention)
        elif mention.role != "anaphor":
            mention.reason = (
                f"draft: {mention.entity.form} in the dictionary" if mention.entity.form != "unknown" else ""
            )
    return mentions


def _word_before(text: str, index: int) -> str:
    match = re.search(r"([\w'-]+)\W*$", text[:index])
    return match.group(1) if match else ""


def decide_role(lex: Lexicon, sentence: Sentence, mention: Mention) -> None:
    """Actor or venue, for a form that can be either (a state, its capital, an unknown name): a preposition of
    place before it -> venue; an event noun after it ("the X summit") -> venue; the subject of a verb, a
    possessive, the object of a verb or of "with"/"between" -> actor; otherwise flagged for a person, as actor."""
    text = sentence.text
    start, end = mention.start - sentence.start, mention.end - sentence.start
    before = _word_before(text, start)
    two_before = _word_before(text, start - len(before) - 1) if before else ""
    after = text[end:]
    next_word = (
        (re.match(r"\s*([\w'-]+)", after) or re.match("", "")).group(1) if re.match(r"\s*[\w'-]+", after) else ""
    )
    if before.lower() in PLACE_PREPOSITIONS and not (before.lower() == "from" and two_before.lower() in GROUP_NOUNS):
        mention.role, mention.reason = "place", f"draft: venue, after the preposition of place {before!r}"
    elif re.match(r"\s*(?:capital,|,\s*its capital)", text[max(0, start - 10) : start] + "") or re.search(
        r"capital,\s*$", text[:start]
    ):
        mention.role, mention.reason = "place", "draft: venue, named as a capital"
    elif next_word and any(r.kind == "noun" and r.pattern.match(after.lstrip()) for r in lex.d.verbs):
        mention.role, mention.reason = "place", f"draft: venue, names the event that follows ({next_word!r})"
    elif after.startswith("'s"):
        mention.role, mention.reason = "actor", "draft: actor, a possessive"
    elif (
        next_word.lower() in AUXILIARIES
        or next_word.endswith("ed")
        or any(r.kind == "verb" and r.pattern.match(after.lstrip()) for r in lex.d.verbs)
    ):
        mention.role, mention.reason = "actor", f"draft: actor, the subject of {next_word!r}"
    elif (
        before.lower() in OBJECT_MARKERS
        or before.endswith("ed")
        or any(
            r.kind == "verb" and r.pattern.search(text[max(0, start - 20) : start].rstrip() + "\x00")
            for r in lex.d.verbs
        )
    ):
        mention.role, mention.reason = "actor", f"draft: actor, after {before!r}"
    elif before.lower() in ("both", "from", ","):
        mention.role, mention.reason = "actor", f"draft: actor, listed after {before!r}"
    else:
        mention.role, mention.reason, mention.flagged = (
            "actor",
            "draft, check: no rule settles actor or venue; guessed actor",
            True,
        )


def split_clauses(sentence: Sentence, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Clauses as absolute (start, end), leading conjunctions and trailing punctuation trimmed."""
    text = sentence.text
    cuts = set()
    for m in re.finditer(r";\s*", text):
        cuts.add((m.start(), m.end()))
    for m in re.finditer(r",\s+(?=(?:and|but|while|whereas|although|though)\b)", text):
        cuts.add((m.start(), m.end()))
    for m in re.finditer(r"\s+and\s+(?=(?:will|would|could|has|have|had|is|are|was|were|did|also)\b)", text):
        cuts.add((m.start(), m.end()))  # "X discussed A and will engage B": a second clause, the same subject
    for m in re.finditer(
        r",\s+(?=(?:citing|quoting|[a-z]+ing)\b)(?!(?:according|including|regarding|during|following)\b)", text
    ):
        cuts.add((m.start(), m.end()))
    for m in REPORTING_THAT.finditer(text):
        cuts.add((m.end(), m.end()))
    for m in re.finditer(r",\s+", text):
        rest = text[m.end() :]
        if re.match(r"(?:reports|reported|said|says|told|according to)\b", rest) or re.match(
            r"[^,]{0,60}\b(?:said|says|reported|reports|noted|added|told)\W*$", rest
        ):
            cuts.add((m.start(), m.end()))
    lead = re.match(r"(?:Although|Though|While|Because|If|When|Whereas|Since|As)\b[^,]*,\s*", text)
    if lead:
        cuts.add((lead.end() - len(lead.group()) + len(lead.group().rstrip(", ")), lead.end()))
    starts = {m.start - sentence.start for m in mentions if m.role == "actor"}
    for m in SUBORDINATORS.finditer(text):
        nxt = re.match(r"\w+ ", text[m.end() :])
        if nxt and m.end() + nxt.end() in starts:
            cuts.add((m.start(), m.end()))
    clauses, position = [], 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start > position:
            clauses.append((position, cut_start))
        position = max(position, cut_end)
    clauses.append((position, len(text)))
    trimmed = []
    for start, end in clauses:
        segment = text[start:end]
        lead_match = LEADING.match(segment)
        if lead_match:
            start += lead_match.end()
        segment = text[start:end]
        end = start + len(segment.rstrip(' .,;:!?"\u201d'))
        if end > start:
            trimmed.append((sentence.start + start, sentence.start + end))
    return trimmed


def find_all(rules, text: str, base: int, kinds=None) -> list[Hit]:
    return [
        Hit(base + m.start(), base + m.end(), rule)
        for rule in rules
        if kinds is None or rule.kind in kinds
        for m in rule.pattern.finditer(text)
    ]


def find_rules(rules, text: str, base: int, kinds=None) -> list[Hit]:
    """The hits of the rules (of the given kinds), the longest of overlapping ones."""
    return longest(find_all(rules, text, base, kinds))


YIELDING = "08"  # the CAMEO root of a halt ("cease hostilities", "end its attacks"): an act of its own
PERSONAL = {"i", "we", "he", "she", "they"}  # a pronoun subject that stands for an actor ("it" mostly does not)


def _names_an_actor(sentence: Sentence, span: tuple[int, int]) -> bool:
    words = sentence.text[span[0] - sentence.start : span[1] - sentence.start]
    return words.lower() in PERSONAL or any(
        span[0] <= m.start < span[1] for m in sentence.mentions if m.role != "place"
    )


def parsed_triggers(lex: Lexicon, sentence: Sentence, verbs, taken: list[tuple[int, int]]) -> list[Hit]:
    """The parser's verbs of the sentence that no pattern, name or absorbed phrase covers, coded by lemmas.csv
    (a lemma coded "-" is no act). A verb whose object or subject is an event noun is no act of its own: the
    noun is the event ("held negotiations", "seek a ceasefire", "the conflict worsened"; a cue sets its status);
    but a halt is ("cease hostilities", "end its attacks": the halting and what it halts are two events)."""
    nouns = [  # an event noun a halting word absorbs ("halt its attacks") leaves the act to the verb
        (h.start, h.end)
        for h in sentence.triggers
        if h.rule.kind == "noun" and not any(a <= h.start < b for a, b in sentence.absorbers)
    ]
    hits = []
    for verb in verbs:
        yields = lex.d.lemma(verb.lemma).value[:2] == YIELDING
        if not yields and any(a <= o < b for o in verb.arguments for a, b in nouns):
            continue
        if sentence.start <= verb.start < sentence.end and not any(a < verb.end and verb.start < b for a, b in taken):
            rule = lex.d.lemma(verb.lemma)
            if rule.text == OTHER_LEMMA and verb.subject and not _names_an_actor(sentence, verb.subject):
                continue  # a verb no dictionary knows, said of a thing ("casualties have reached", "it defies")
            if rule.value != NO_ACT:
                hits.append(Hit(verb.start, verb.end, rule))
    return hits


def read_sentence(lex: Lexicon, sentence, previous_roles: dict[str, Entity], verbs=()) -> Sentence:
    """A sentence's mentions, clauses, event triggers (verbs.csv patterns, then the parser's other `verbs`, those
    of this sentence), status cues, time expressions, connectives and reporting phrases."""
    s = Sentence(sentence.sentence_id, sentence.start, sentence.end, sentence.text)
    s.mentions = find_mentions(lex, s, previous_roles)
    s.clauses = split_clauses(s, s.mentions)
    occupied = [(m.start, m.end) for m in s.mentions if m.role != "anaphor"]
    occupied += [(h.start, h.end) for h in find_rules(lex.d.verbs, s.text, s.start, ("courtesy",))]
    s.triggers = [
        h
        for h in find_rules(lex.d.verbs, s.text, s.start, ("verb", "noun", "judgment", "obligation"))
        if not any(a <= h.start < b for a, b in occupied)
    ]
    s.absorbers = []
    for hit in find_rules(lex.d.verbs, s.text, s.start, ("absorb",)):
        stop = re.search(r"[,;]", s.text[hit.end - s.start :])
        s.absorbers.append((hit.end, hit.end + stop.start() if stop else s.end))
    taken = occupied + s.absorbers + [(h.start, h.end) for h in s.triggers]
    s.triggers = sorted(s.triggers + parsed_triggers(lex, s, verbs, taken), key=lambda h: h.start)
    s.cues = sorted(  # a cue of one scope does not hide a cue of another ("will" inside "will begin")
        (
            h
            for scope in ("after", "before", "self", "previous", "default")
            for h in find_rules(lex.d.cues, s.text, s.start, (scope,))
        ),
        key=lambda h: h.start,
    )
    s.times = [(s.start + m.start(), s.start + m.end()) for m in TIME.finditer(s.text)]
    s.connectives = find_rules(lex.d.connectives, s.text, s.start)
    actors = [m for m in s.mentions if m.role == "actor"]
    taken = set()
    for hit in sorted(find_all(lex.d.reporting, s.text, s.start), key=lambda h: (h.start, h.rule.line)):
        if (hit.start, hit.end) in taken:
            continue
        if hit.rule.value == "after":
            source = next((m for m in actors if 0 <= m.start - hit.end <= 5), None)
        else:
            source = next((m for m in reversed(actors) if 0 <= hit.start - m.end <= 2), None)
        if source:
            s.reporting.append((hit, source))
            taken.add((hit.start, hit.end))
    return s
