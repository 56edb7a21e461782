"""A draft against the curated (gold) annotations of the same article (`python -m analysis evaluate DRAFT GOLD`).

Matching rule for events: a draft event and a gold event are candidates when their primary evidence spans
(the first quote of each) share at least one character. Candidates are paired one to one, greedily: the pair
with the largest overlap ratio (shared characters / characters of the union of the two spans) first, ties by
gold then draft order; each event is paired at most once. Paired events are true positives; precision is
pairs / draft events, recall pairs / gold events. On the paired events: the dyad (actor1 and actor2 both
equal), the CAMEO root (first two digits), the status, the time interval (same start and same end, open ends
included, as the event table dates them) and the attribution (the actor it is attributed to).

Actor ids of the draft are compared after alignment: each draft actor (or place) stands for the gold one it
shares most mention spans with (exactly the same characters, or where there is none, the one gold mention that
holds the draft's or lies within it: "European Council" in "The European Council"), else the gold one of the same
name, else the same id. So a draft that calls an office by another id still scores, as long as it names the
same words. The source
most events are attributed to, where the text never names it (the issuer of a statement), is the same actor on
both sides.

Mentions: a draft mention matches a gold mention with exactly the same span; "span" scores the spans alone,
"span and actor" also asks for the same role (actor or place) and the same (aligned) id.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.drafting.files import draft
from analysis.tables.events import Dataset, load_dataset
from analysis.text.annotations import EVENTS_FILE
from analysis.text.article import META_FILE
from analysis.text.records import (
    ARTICLES_DIR,
    DATA_DIR,
    VOCABULARY_DIR,
    AnnotationError,
    files_state,
    read_csv,
    read_toml,
)

FIELDS = ("dyad", "cameo_root", "status", "time", "attribution")


def prf(tp: int, predicted: int, expected: int) -> dict[str, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "predicted": predicted, "expected": expected, "precision": precision, "recall": recall, "f1": f1}


def match_spans(draft: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (draft index, gold index, overlap ratio) of overlapping spans, greedy by overlap ratio."""
    candidates = []
    for i, (a0, a1) in enumerate(draft):
        for j, (b0, b1) in enumerate(gold):
            shared = min(a1, b1) - max(a0, b0)
            if shared > 0:
                candidates.append((-shared / (max(a1, b1) - min(a0, b0)), j, i))
    pairs, used_draft, used_gold = [], set(), set()
    for negative, j, i in sorted(candidates):
        if i not in used_draft and j not in used_gold:
            used_draft.add(i)
            used_gold.add(j)
            pairs.append((i, j, -negative))
    return sorted(pairs, key=lambda p: p[1])


def _mentions(dataset: Dataset) -> list[tuple[int, int, str, str]]:
    return [
        (row.span_start, row.span_end, row.role, row.actor_id or row.place_id) for row in dataset.mentions.itertuples()
    ]


def align(draft: Dataset, gold: Dataset) -> dict[str, str]:
    """Draft actor and place id -> the gold id it stands for (see the module's docstring)."""
    gold_at = {(s, e): (role, key) for s, e, role, key in _mentions(gold)}
    shared: dict[str, Counter] = {}
    for s, e, role, key in _mentions(draft):
        if (s, e) in gold_at:
            shared.setdefault(key, Counter())[gold_at[s, e][1]] += 1
            continue
        nested = {k for (gs, ge), (_, k) in gold_at.items() if gs <= s and e <= ge or s <= gs and ge <= e}
        if len(nested) == 1:
            shared.setdefault(key, Counter())[nested.pop()] += 1
    gold_names = {str(name).lower(): key for key, name in gold.registry.actors["name"].items()}
    gold_names.update({str(name).lower(): key for key, name in gold.registry.places["name"].items()})
    mapping = {}
    for table in (draft.registry.actors, draft.registry.places):
        for key, name in table["name"].items():
            if key in shared:
                best = max(shared[key].items(), key=lambda kv: (kv[1], kv[0] == key))
                mapping[key] = best[0]
            else:
                mapping[key] = gold_names.get(str(name).lower(), key)
    issuers = [_unnamed_source(d) for d in (draft, gold)]
    if all(issuers) and issuers[0] not in shared:
        mapping[issuers[0]] = issuers[1]  # both attribute to the text's issuer, which the text never names
    return mapping


def _unnamed_source(dataset: Dataset) -> str | None:
    """The actor most events are attributed to, if the text never names it (the issuer of a statement)."""
    sources = Counter(e.attributed_to for e in dataset.annotations.events if e.attributed_to)
    named = {key for _, _, _, key in _mentions(dataset)}
    top = sources.most_common(1)
    return top[0][0] if top and top[0][0] not in named else None


@dataclass
class Evaluation:
    events: dict[str, float]
    accuracy: dict[str, float]
    mentions_span: dict[str, float]
    mentions_actor: dict[str, float]
    matches: pd.DataFrame
    status_confusion: pd.DataFrame
    cameo_confusion: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        rows = [{"measure": f"events {k}", "value": v} for k, v in self.events.items()]
        rows += [{"measure": f"matched {k} accuracy", "value": v} for k, v in self.accuracy.items()]
        rows += [{"measure": f"mentions (span) {k}", "value": v} for k, v in self.mentions_span.items()]
        rows += [{"measure": f"mentions (span and actor) {k}", "value": v} for k, v in self.mentions_actor.items()]
        return pd.DataFrame(rows)


def _interval(dataset: Dataset, event_id: str) -> tuple:
    interval = dataset.intervals[event_id]
    return interval.start, interval.end


def evaluate(draft_dir: Path, gold_dir: Path) -> Evaluation:
    draft, gold = load_dataset(draft_dir), load_dataset(gold_dir)
    if draft.article.text != gold.article.text:
        raise ValueError(f"{draft_dir} and {gold_dir} do not hold the same article text")
    mapping = align(draft, gold)
    d_events, g_events = list(draft.annotations.events), list(gold.annotations.events)
    pairs = match_spans(
        [(e.evidence[0].start, e.evidence[0].end) for e in d_events],
        [(e.evidence[0].start, e.evidence[0].end) for e in g_events],
    )
    rows = []
    for i, j, ratio in pairs:
        d, g = d_events[i], g_events[j]
        row = {
            "draft_event": d.event_id,
            "gold_event": g.event_id,
            "overlap": round(ratio, 3),
            "draft_dyad": f"{mapping.get(d.actor1, d.actor1)}->{mapping.get(d.actor2, d.actor2) if d.actor2 else ''}",
            "gold_dyad": f"{g.actor1}->{g.actor2}",
            "draft_cameo": d.cameo_code,
            "gold_cameo": g.cameo_code,
            "draft_status": d.status,
            "gold_status": g.status,
            "draft_time": "..".join(str(x or "") for x in _interval(draft, d.event_id)),
            "gold_time": "..".join(str(x or "") for x in _interval(gold, g.event_id)),
            "draft_attribution": mapping.get(d.attributed_to, d.attributed_to),
            "gold_attribution": g.attributed_to,
        }
        row["dyad"] = row["draft_dyad"] == row["gold_dyad"]
        row["cameo_root"] = d.cameo_code[:2] == g.cameo_code[:2]
        row["status"] = d.status == g.status
        row["time"] = row["draft_time"] == row["gold_time"]
        row["attribution"] = row["draft_attribution"] == row["gold_attribution"]
        rows.append(row)
    matches = pd.DataFrame(rows, columns=[*(rows[0].keys() if rows else ["draft_event", "gold_event"]), *()])
    accuracy = {f: (float(matches[f].mean()) if len(matches) else 0.0) for f in FIELDS}
    statuses = list(gold.codebook.status_order)
    status_confusion = pd.crosstab(
        pd.Categorical(matches.get("gold_status", []), categories=statuses),
        pd.Categorical(matches.get("draft_status", []), categories=statuses),
        rownames=["gold"],
        colnames=["draft"],
        dropna=False,
    )
    roots = sorted({c[:2] for c in [*matches.get("gold_cameo", []), *matches.get("draft_cameo", [])]})
    cameo_confusion = pd.crosstab(
        pd.Categorical([c[:2] for c in matches.get("gold_cameo", [])], categories=roots),
        pd.Categorical([c[:2] for c in matches.get("draft_cameo", [])], categories=roots),
        rownames=["gold"],
        colnames=["draft"],
        dropna=False,
    )
    g_mentions, d_mentions = _mentions(gold), _mentions(draft)
    g_spans = {(s, e) for s, e, _, _ in g_mentions}
    g_full = set(g_mentions)
    span_tp = sum((s, e) in g_spans for s, e, _, _ in d_mentions)
    actor_tp = sum((s, e, role, mapping.get(key, key)) in g_full for s, e, role, key in d_mentions)
    return Evaluation(
        events=prf(len(pairs), len(d_events), len(g_events)),
        accuracy=accuracy,
        mentions_span=prf(span_tp, len(d_mentions), len(g_mentions)),
        mentions_actor=prf(actor_tp, len(d_mentions), len(g_mentions)),
        matches=matches,
        status_confusion=status_confusion,
        cameo_confusion=cameo_confusion,
    )


def _line(name: str, scores: dict[str, float]) -> str:
    return (
        f"{name:<26} P {scores['precision']:.2f}  R {scores['recall']:.2f}  F1 {scores['f1']:.2f}  "
        f"({scores['tp']} matched of {scores['predicted']} drafted, {scores['expected']} in gold)"
    )


def report(result: Evaluation, details: bool = False) -> str:
    lines = [
        _line("events", result.events),
        "on matched events: " + ", ".join(f"{f} {v:.2f}" for f, v in result.accuracy.items()),
        _line("mentions (span)", result.mentions_span),
        _line("mentions (span and actor)", result.mentions_actor),
        "",
        "status confusion (rows gold, columns draft):",
        result.status_confusion.to_string(),
        "",
        "CAMEO root confusion (rows gold, columns draft):",
        result.cameo_confusion.to_string(),
    ]
    if details and len(result.matches):
        lines += ["", "matched events:", result.matches.to_string(index=False)]
    return "\n".join(lines)


def write_csvs(result: Evaluation, out: Path, details: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "summary.csv": result.summary(),
        "status_confusion.csv": result.status_confusion.reset_index(),
        "cameo_confusion.csv": result.cameo_confusion.reset_index(),
    }
    if details:
        tables["matches.csv"] = result.matches
    paths = []
    for name, table in tables.items():
        table.to_csv(out / name, index=False)
        paths.append(out / name)
    return paths


# each process drafts into a folder of its own, removed when it ends: a notebook in JupyterLab and the same
# notebook under the tests, side by side, never write or delete each other's drafts
PROCESS_DRAFTS = Path(__file__).resolve().parents[2] / "build" / "drafts" / f"process-{os.getpid()}"
atexit.register(shutil.rmtree, PROCESS_DRAFTS, ignore_errors=True)


_EVALUATED: dict[tuple, Evaluation] = {}


def draft_and_evaluate(gold_dir: Path) -> tuple[Path, Evaluation]:
    """Draft the text of a curated folder afresh into build/drafts/process-PID/NAME and score it against the
    folder. Within one process a folder is drafted again only when its files or the vocabularies changed
    (notebook 08 and its findings score every text)."""
    out = PROCESS_DRAFTS / gold_dir.name
    key = (gold_dir.resolve(), files_state(gold_dir, VOCABULARY_DIR))
    if key not in _EVALUATED or not out.is_dir():
        shutil.rmtree(out, ignore_errors=True)
        draft(gold_dir, out)
        _EVALUATED[key] = evaluate(out, gold_dir)
    return out, _EVALUATED[key]


def evaluation_set(articles: Path = ARTICLES_DIR) -> list[tuple[Path, str]]:
    """Every curated article folder with its set: "held-out" where its metadata says so, else "development"."""
    folders = sorted(p for p in articles.iterdir() if (p / "events.toml").exists())
    return [(p, read_toml(p / META_FILE).get("evaluation", "development")) for p in folders]


def scores(folders: list[tuple[Path, str]]) -> pd.DataFrame:
    """One row per text, held-out texts first: its set, event precision, recall and F1, the accuracy of each field
    on matched events, and the F1 of actor mentions (span and actor)."""
    ordered = sorted(folders, key=lambda f: (f[1] != "held-out", f[0].name))
    return pd.DataFrame(
        [_score_row(folder.name, which, draft_and_evaluate(folder)[1]) for folder, which in ordered]
    )


def status_accuracy_by(matches: pd.DataFrame, column: str) -> pd.DataFrame:
    """Status accuracy on matched pairs by set and by the values of `column`: pairs, statuses right, accuracy."""
    table = matches.groupby(["set", column]).agg(pairs=("status", "size"), status_right=("status", "sum"))
    table["status_accuracy"] = (table["status_right"] / table["pairs"]).round(3)
    return table


def status_where_roots_agree(matches: pd.DataFrame) -> pd.DataFrame:
    """Status accuracy on matched pairs by set and by whether the pair's CAMEO roots agree. Where they differ, the
    pair is often two acts of one clause that the span rule matched (an appeal and what it asks for, a welcome and
    what is welcomed), so its status compares two different acts: a status error there is partly the matching's."""
    labels = {True: "roots agree", False: "roots differ"}
    return status_accuracy_by(matches.assign(cameo_root=matches["cameo_root"].map(labels)), "cameo_root")


def _matches_of_every_text(folders: list[tuple[Path, str]]) -> list[tuple[Path, pd.DataFrame]]:
    """The draft folder and the matched pairs (with their set) of every text drafted afresh, texts with no pair left
    out."""
    results = [(draft_and_evaluate(folder), which) for folder, which in folders]
    return [(out, result.matches.assign(set=which)) for (out, result), which in results if len(result.matches)]


def status_by_root_agreement(folders: list[tuple[Path, str]]) -> pd.DataFrame:
    """`status_where_roots_agree` over the matched pairs of every text drafted afresh (notebook 08)."""
    return status_where_roots_agree(pd.concat([m for _, m in _matches_of_every_text(folders)], ignore_index=True))


_WORDS = r"(?:'[^']*'|\"[^\"]*\"|\([^)]*\))"
QUOTED_WORDS = re.compile(rf"{_WORDS}(?: {_WORDS})*")  # the text's words a note quotes, one run standing as one


def status_rule(note: str) -> str:
    """The rule that set a drafted event's status, read from the first part of its note with the text's own words
    left out ("draft: status negated from 'did not'" -> "status negated from …"), so that pairs can be counted by
    rule."""
    reason = note.split("; draft")[0].removeprefix("draft: ")
    return QUOTED_WORDS.sub("…", reason)


def status_by_rule(folders: list[tuple[Path, str]]) -> pd.DataFrame:
    """Status accuracy on matched pairs by set and by the rule that set the draft's status, least accurate first in
    each set: which drafted statuses a person should check first (notebook 08)."""
    parts = []
    for out, matches in _matches_of_every_text(folders):
        rules = {e["id"]: status_rule(e.get("note", "")) for e in read_toml(out / EVENTS_FILE).get("event", [])}
        parts.append(matches.assign(status_rule=matches["draft_event"].map(rules)))
    table = status_accuracy_by(pd.concat(parts, ignore_index=True), "status_rule")
    return table.sort_values(["set", "status_accuracy", "pairs"], ascending=[True, True, False])


def _score_row(text: str, which: str, result: Evaluation) -> dict:
    return {
        "text": text,
        "set": which,
        "events": int(result.events["expected"]),
        "drafted": int(result.events["predicted"]),
        **{f"event_{k}": result.events[k] for k in ("precision", "recall", "f1")},
        **{f"{k}_accuracy": v for k, v in result.accuracy.items()},
        "mention_f1": result.mentions_actor["f1"],
    }


SECOND_CODINGS = DATA_DIR / "evaluation" / "second_codings"


def coder_agreement(second_codings: Path = SECOND_CODINGS, articles: Path = ARTICLES_DIR) -> pd.DataFrame:
    """A second person's coding of a gold text scored against the first with the drafter's own rule (the second
    coding in the place of a draft): how far apart two careful coders are. Columns as `scores`."""
    rows = []
    for folder in sorted(p for p in second_codings.iterdir() if p.is_dir()):
        if not (articles / folder.name / EVENTS_FILE).exists():
            raise AnnotationError(folder, "folder", f"codes no curated text: {articles / folder.name} is missing")
        rows.append(_score_row(folder.name, "second coder", evaluate(folder, articles / folder.name)))
    return pd.DataFrame(rows)


def draft_beside_second_coder(record: pd.DataFrame, agreement: pd.DataFrame) -> pd.DataFrame:
    """For each text coded twice that was also drafted while held out: the draft's one held-out scoring and the
    second coder's, both against the first coding, one row each (`who`): what the budget asks of the machine
    next to what a person reaches on the same words."""
    scored = record.set_index("text")
    rows = []
    for coder in agreement.itertuples():
        if coder.text not in scored.index:
            continue  # coded twice, never held out: no draft score to set beside it
        draft = scored.loc[coder.text]
        for who, source in ((f"draft, held out in round {draft['round']}", draft), ("second coder", coder._asdict())):
            rows.append(
                {
                    "text": coder.text,
                    "who": who,
                    **{measure: source[measure] for measure in ("event_f1", "status_accuracy")},
                }
            )
    return pd.DataFrame(rows, columns=["text", "who", "event_f1", "status_accuracy"])


def pooled_beside_second_coder(record: pd.DataFrame, agreement: pd.DataFrame) -> pd.DataFrame:
    """The texts coded twice that were also drafted while held out, their events counted together: the draft's one
    held-out scoring and the second coder's, both against the first coding (one row each, by `who`)."""
    coded = agreement[agreement["text"].isin(record["text"])]
    matched = (coded["event_recall"] * coded["events"]).round()
    second = {
        "drafted": coded["drafted"].sum(),
        "gold": coded["events"].sum(),
        "matched": matched.sum(),
        "status_correct": (coded["status_accuracy"] * matched).round().sum(),
    }
    draft = record[record["text"].isin(coded["text"])][list(RECORD_COUNTS)].sum().to_dict()
    rows = []
    for who, counts in (("draft, held out", draft), ("second coder", second)):
        counts = {k: int(v) for k, v in counts.items()}
        scores = prf(counts["matched"], counts["drafted"], counts["gold"])
        rows.append(
            {
                "who": who,
                "texts": len(coded),
                **counts,
                **{f"event_{k}": scores[k] for k in ("precision", "recall", "f1")},
                "status_accuracy": counts["status_correct"] / counts["matched"] if counts["matched"] else 0.0,
            }
        )
    return pd.DataFrame(rows).set_index("who")


def to_decide(draft_dir: Path) -> pd.DataFrame:
    """What a person must still decide in a draft: every record whose note or reason says "draft, check:"."""
    rows = []
    for name in ("actors.csv", "places.csv", "mention_roles.csv"):
        path = draft_dir / name
        if path.exists():
            for record in pd.read_csv(path, dtype=str, keep_default_na=False).to_dict(orient="records"):
                text = record.get("note", "") or record.get("reason", "")
                if "draft, check:" in text:
                    rows.append({"file": name, "record": next(iter(record.values())), "to decide": text})
    for event in read_toml(draft_dir / EVENTS_FILE).get("event", []):
        if "draft, check:" in event.get("note", ""):
            rows.append({"file": EVENTS_FILE, "record": event["id"], "to decide": event["note"]})
    return pd.DataFrame(rows, columns=["file", "record", "to decide"])


BUDGET = {"event_f1": 0.7, "status_accuracy": 0.8}  # what a draft must reach on texts it was not tuned on
HELD_OUT_RECORD = DATA_DIR / "evaluation" / "held_out_rounds.csv"
RECORD_COUNTS = ("drafted", "gold", "matched", "status_correct")


def held_out_record(path: Path = HELD_OUT_RECORD, articles: Path = ARTICLES_DIR) -> pd.DataFrame:
    """What each text scored in its one drafting while held out (data/evaluation/README.md): the recorded counts
    with event precision, recall, F1 and status accuracy on matched events. Errors name the file and line."""
    rows = []
    for line, row in enumerate(read_csv(path, ["round", "text", "rules_commit", *RECORD_COUNTS, "note"]), start=2):
        where = f"line {line}"
        if not (articles / row["text"] / EVENTS_FILE).exists():
            raise AnnotationError(path, where, f"text {row['text']!r} is not a curated folder of {articles}")
        if not re.fullmatch(r"[0-9a-f]{7,40}", row["rules_commit"]):
            raise AnnotationError(path, where, f"rules_commit {row['rules_commit']!r} is not a commit hash")
        if not all(row[c].isdigit() for c in ("round", *RECORD_COUNTS)):
            raise AnnotationError(path, where, "round and counts must be whole numbers")
        counts = {c: int(row[c]) for c in RECORD_COUNTS}
        if not counts["status_correct"] <= counts["matched"] <= min(counts["drafted"], counts["gold"]):
            raise AnnotationError(path, where, "counts must satisfy status_correct <= matched <= drafted and gold")
        scores = prf(counts["matched"], counts["drafted"], counts["gold"])
        rows.append(
            {
                "round": int(row["round"]),
                "text": row["text"],
                "rules_commit": row["rules_commit"],
                **counts,
                **{f"event_{k}": scores[k] for k in ("precision", "recall", "f1")},
                "status_accuracy": counts["status_correct"] / counts["matched"] if counts["matched"] else 0.0,
                "held_out": f"round {row['round']}, rules {row['rules_commit']}",
                "note": row["note"],
            }
        )
    if len({r["text"] for r in rows}) < len(rows):
        raise AnnotationError(path, "file", "a text is recorded twice: each is held out and scored once")
    return pd.DataFrame(rows)


def rounds(record: pd.DataFrame) -> pd.DataFrame:
    """The record pooled per round: the events of its texts counted together (micro averages)."""
    summed = record.groupby("round")[list(RECORD_COUNTS)].sum()
    pooled = [prf(r.matched, r.drafted, r.gold) for r in summed.itertuples()]
    return summed.assign(
        texts=record.groupby("round")["text"].count(),
        **{f"event_{k}": [p[k] for p in pooled] for k in ("precision", "recall", "f1")},
        status_accuracy=summed["status_correct"] / summed["matched"],
    )
