"""Facts from outside the article (the folder's external/), loaded and validated strictly apart from the
article's annotations: the sources read, external actors and events with real dates, the outcome of every plan
the article reports, and the parties' stances on the article's claims.

Every external row cites at least one source with a URL and a publication date; quotes are at most a dozen
words. Nothing here changes a table derived from the article: these tables only sit beside them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.tables.events import Dataset
from analysis.text.actors import read_actors
from analysis.text.codebook import read_cameo, sign_of
from analysis.text.records import AnnotationError, check_fields, read_csv, read_toml, unique_index

EXTERNAL_DIR = "external"
SOURCE_KINDS = ("news report", "wire", "official statement", "transcript", "analysis")
PRECISIONS = ("day", "week", "month", "range")
CONFIDENCE = ("high", "medium", "low")
OUTCOMES = ("happened_as_planned", "happened_other_form", "never_happened", "unknown")
STANCES = ("asserts", "disputes", "other_cause", "silent")
UNREALIZED = ("planned", "postponed", "cancelled", "hypothetical")  # statuses whose outcome the layer must give
MAX_QUOTE_WORDS = 12
SOURCE_COLUMNS = ["source_id", "outlet", "title", "published", "url", "language", "kind", "read_via", "note"]
EVENT_KEYS = {"id", "label", "actor1", "cameo", "status", "start", "end", "precision", "paraphrase", "sources"}
EVENT_OPTIONAL = {"actor2", "other_actors", "quote", "quote_source", "confidence", "note", "article_event"}


EVENT_COLUMNS = [
    "external_id",
    "label",
    "actor1",
    "actor2",
    "other_actors",
    "cameo_code",
    "goldstein",
    "quad_class",
    "sign",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "article_event",
    "paraphrase",
    "quote",
    "quote_source",
    "sources",
    "confidence",
    "note",
]
OUTCOME_COLUMNS = ["event_id", "status", "outcome", "as_of", "when", "form", "external_events", "sources", "note"]
STANCE_COLUMNS = ["claim", "party", "stance", "date", "said", "quote", "source", "note"]


@dataclass(frozen=True)
class External:
    """The external layer of one article: every table validated, ids cross-checked."""

    folder: Path
    sources: pd.DataFrame  # indexed by source_id
    actors: pd.DataFrame  # external actors, indexed by actor_id, like the registry's
    events: pd.DataFrame  # one row per external event
    outcomes: pd.DataFrame  # one row per unrealized article event
    stances: pd.DataFrame  # one row per party's stance on a claim

    @property
    def present(self) -> bool:
        """Whether the article folder has an external layer at all."""
        return self.folder.is_dir()


class _Checker:
    """Validation helpers whose errors name the file, the record and the problem."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, record: str, problem: str):
        raise AnnotationError(self.path, record, problem)

    def keys(self, record: str, entry, required: set[str], optional: set[str]):
        check_fields(self.path, record, entry, required, optional)

    def date(self, record: str, value, what: str) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(record, f"{what} {value!r} is not a date (YYYY-MM-DD)")

    def one_of(self, record: str, value, allowed: tuple, what: str) -> str:
        if value not in allowed:
            self.fail(record, f"{what} {value!r} is not one of {', '.join(allowed)}")
        return value

    def known(self, record: str, value: str, known, what: str) -> str:
        if value not in known:
            self.fail(record, f"unknown {what} {value!r}")
        return value

    def quote(self, record: str, text: str, source: str, sources) -> None:
        if text and len(text.split()) > MAX_QUOTE_WORDS:
            self.fail(record, f"a quote of {len(text.split())} words: at most {MAX_QUOTE_WORDS}, the rest in own words")
        if text:
            self.known(record, source, sources, "quote_source")

    def texts(self, record: str, entry: dict, key: str) -> list[str]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(record, f"{key} must be a list of ids")
        return value


def load_sources(path: Path) -> pd.DataFrame:
    """The sources read: each with an outlet, a title, a publication date, a URL and a kind."""
    check = _Checker(path)
    rows = unique_index(path, read_csv(path, SOURCE_COLUMNS), "source_id")
    for source_id, row in rows.items():
        for column in ("outlet", "title", "url"):
            if not row[column]:
                check.fail(source_id, f"no {column}")
        if not re.match(r"https?://\S+$", row["url"]):
            check.fail(source_id, f"url {row['url']!r} is not an http(s) address")
        row["published"] = check.date(source_id, row["published"], "published")
        check.one_of(source_id, row["kind"], SOURCE_KINDS, "kind")
    return pd.DataFrame.from_dict(rows, orient="index").drop(columns="source_id").rename_axis("source_id")


def load_external(dataset: Dataset) -> External:
    """The external layer of the dataset's article folder; an empty one (`present` False) when the folder has
    no external/, so that every table and figure of the layer still works, with nothing in it."""
    folder = dataset.folder / EXTERNAL_DIR
    if not folder.is_dir():
        return External(
            folder,
            pd.DataFrame(columns=SOURCE_COLUMNS[1:]).rename_axis("source_id"),
            pd.DataFrame(columns=list(dataset.registry.actors.columns)).rename_axis("actor_id"),
            pd.DataFrame(columns=EVENT_COLUMNS).astype({"date_start": "datetime64[s]", "date_end": "datetime64[s]"}),
            pd.DataFrame(columns=OUTCOME_COLUMNS),
            pd.DataFrame(columns=STANCE_COLUMNS),
        )
    sources = load_sources(folder / "sources.csv")
    actors_path = folder / "actors.csv"
    extra = read_actors(actors_path, dataset.story.side_labels) if actors_path.exists() else {}
    clash = set(extra) & set(dataset.registry.actors.index)
    if clash:
        raise AnnotationError(actors_path, min(clash), "already an actor of the article: use its id")
    actors = pd.DataFrame.from_dict(extra, orient="index", columns=list(dataset.registry.actors.columns))
    known_actors = set(dataset.registry.actors.index) | set(extra)
    codes_path = folder / "cameo_extra.csv"
    cameo = (
        {**read_cameo(codes_path), **dataset.codebook.cameo.to_dict(orient="index")}
        if codes_path.exists()
        else (dataset.codebook.cameo.to_dict(orient="index"))
    )
    events = _events(folder / "events.toml", dataset, sources, known_actors, cameo)
    outcomes = _outcomes(folder / "outcomes.toml", dataset, sources, set(events["external_id"]))
    stances = _stances(folder / "contested.toml", dataset, sources, known_actors)
    return External(folder, sources, actors.rename_axis("actor_id"), events, outcomes, stances)


def _events(path: Path, dataset: Dataset, sources: pd.DataFrame, actors: set[str], cameo: dict) -> pd.DataFrame:
    check = _Checker(path)
    data = read_toml(path)
    entries = data.get("external_event", [])
    if not entries:
        check.fail("file", "has no [[external_event]] records")
    article_ids = {e.event_id for e in dataset.annotations.events}
    rows, seen = [], set()
    for index, entry in enumerate(entries, start=1):
        record = f"external event #{index}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            record = f"external event {entry['id']}"
        check.keys(record, entry, EVENT_KEYS, EVENT_OPTIONAL)
        event_id = entry["id"]
        if event_id in article_ids or not re.fullmatch(r"X\d{2,}", event_id):
            check.fail(record, "an external id is X and digits: an article id would claim the fact is the article's")
        if event_id in seen:
            check.fail(record, "duplicate id")
        seen.add(event_id)
        for role in ("actor1", "actor2"):
            if entry.get(role):
                check.known(record, entry[role], actors, role)
        others = [check.known(record, a, actors, "other_actors") for a in check.texts(record, entry, "other_actors")]
        code = check.known(record, entry["cameo"], cameo, "CAMEO code (add it to external/cameo_extra.csv)")
        check.one_of(record, entry["status"], tuple(dataset.codebook.status_order), "status")
        start, end = check.date(record, entry["start"], "start"), check.date(record, entry["end"], "end")
        if start > end:
            check.fail(record, f"starts {start} after it ends {end}")
        cited = check.texts(record, entry, "sources")
        if not cited:
            check.fail(record, "no source: every external fact cites at least one")
        for source in cited:
            check.known(record, source, sources.index, "source")
        check.quote(record, entry.get("quote", ""), entry.get("quote_source", ""), sources.index)
        if entry.get("article_event"):
            check.known(record, entry["article_event"], article_ids, "article_event")
        if not str(entry["paraphrase"]).strip():
            check.fail(record, "empty paraphrase")
        rows.append(
            {
                "external_id": event_id,
                "label": entry["label"],
                "actor1": entry["actor1"],
                "actor2": entry.get("actor2", ""),
                "other_actors": ";".join(others),
                "cameo_code": code,
                "goldstein": float(cameo[code]["goldstein"]),
                "quad_class": int(cameo[code]["quad_class"]),
                "sign": sign_of(int(cameo[code]["quad_class"])),
                "status": entry["status"],
                "date_start": pd.Timestamp(start),
                "date_end": pd.Timestamp(end),
                "date_precision": check.one_of(record, entry["precision"], PRECISIONS, "precision"),
                "article_event": entry.get("article_event", ""),
                "paraphrase": entry["paraphrase"].strip(),
                "quote": entry.get("quote", ""),
                "quote_source": entry.get("quote_source", ""),
                "sources": ";".join(cited),
                "confidence": check.one_of(record, entry.get("confidence", "medium"), CONFIDENCE, "confidence"),
                "note": entry.get("note", ""),
            }
        )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).sort_values(["date_start", "external_id"]).reset_index(drop=True)


def _outcomes(path: Path, dataset: Dataset, sources: pd.DataFrame, external_ids: set[str]) -> pd.DataFrame:
    check = _Checker(path)
    statuses = {e.event_id: e.status for e in dataset.annotations.events}
    rows = {}
    keys = {"event", "outcome", "as_of", "sources"}
    for index, entry in enumerate(read_toml(path).get("outcome", []), start=1):
        record = f"outcome #{index}"
        check.keys(record, entry, keys, {"when", "form", "external_events", "note"})
        event_id = check.known(record, entry["event"], statuses, "article event")
        record = f"outcome of {event_id}"
        if statuses[event_id] not in UNREALIZED:
            check.fail(record, f"{event_id} is {statuses[event_id]}: outcomes are for what had not happened")
        if event_id in rows:
            check.fail(record, "a second outcome for the same event")
        cited = check.texts(record, entry, "sources")
        if not cited:
            check.fail(record, "no source")
        for source in cited:
            check.known(record, source, sources.index, "source")
        linked = [
            check.known(record, x, external_ids, "external event")
            for x in check.texts(record, entry, "external_events")
        ]
        rows[event_id] = {
            "event_id": event_id,
            "status": statuses[event_id],
            "outcome": check.one_of(record, entry["outcome"], OUTCOMES, "outcome"),
            "as_of": pd.Timestamp(check.date(record, entry["as_of"], "as_of")),
            "when": pd.Timestamp(check.date(record, entry["when"], "when")) if entry.get("when") else pd.NaT,
            "form": entry.get("form", ""),
            "external_events": ";".join(linked),
            "sources": ";".join(cited),
            "note": entry.get("note", ""),
        }
    missing = sorted(e for e, status in statuses.items() if status in UNREALIZED and e not in rows)
    if missing:
        check.fail("file", f"no outcome for {', '.join(missing)}: every unrealized article event needs one")
    return pd.DataFrame(list(rows.values()), columns=OUTCOME_COLUMNS).sort_values("event_id").reset_index(drop=True)


def _stances(path: Path, dataset: Dataset, sources: pd.DataFrame, actors: set[str]) -> pd.DataFrame:
    check = _Checker(path)
    claims = {e.event_id for e in dataset.annotations.events}
    claims |= {f"{link.source}->{link.target}" for link in dataset.annotations.links}
    rows = []
    keys = {"claim", "party", "stance", "date", "said", "source"}
    for index, entry in enumerate(read_toml(path).get("stance", []), start=1):
        record = f"stance #{index}"
        check.keys(record, entry, keys, {"quote", "note"})
        claim = check.known(record, entry["claim"], claims, "claim (an article event id or a link SOURCE->TARGET)")
        party = check.known(record, entry["party"], actors, "party")
        record = f"stance of {party} on {claim}"
        check.known(record, entry["source"], sources.index, "source")
        check.quote(record, entry.get("quote", ""), entry["source"], sources.index)
        if not entry["said"].strip():
            check.fail(record, "empty said: paraphrase what the party said (or why silent)")
        rows.append(
            {
                "claim": claim,
                "party": party,
                "stance": check.one_of(record, entry["stance"], STANCES, "stance"),
                "date": pd.Timestamp(check.date(record, entry["date"], "date")),
                "said": entry["said"].strip(),
                "quote": entry.get("quote", ""),
                "source": entry["source"],
                "note": entry.get("note", ""),
            }
        )
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)
