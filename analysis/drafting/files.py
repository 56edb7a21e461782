"""The draft's files (`python -m analysis draft ARTICLE_DIR`): a Draft written in the curated files' own format
(actors.csv, places.csv, mention_roles.csv, events.toml, story.toml) beside copies of the article and its metadata,
into ARTICLE_DIR/draft/ or another folder, never over the curated files."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from analysis.drafting.clauses import Sentence
from analysis.drafting.drafter import draft_article
from analysis.drafting.model import Draft
from analysis.text.actors import ACTOR_COLUMNS, ACTORS_FILE, PLACES_FILE, ROLES_FILE
from analysis.text.annotations import EVENTS_FILE
from analysis.text.article import META_FILE
from analysis.text.records import VOCABULARY_DIR, AnnotationError
from analysis.text.story import STORY_FILE

DRAFT_DIR = "draft"


def _toml(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, int):
        return str(value)
    raise TypeError(value)


def _quote(text: str, sentence: Sentence, start: int, end: int) -> dict:
    quote = text[start:end]
    hits = [m.start() for m in re.finditer(re.escape(quote), sentence.text)]
    entry = {"sentence": sentence.sentence_id, "quote": quote}
    if len(hits) > 1:
        entry["occurrence"] = hits.index(start - sentence.start) + 1
    return entry


def events_toml(draft: Draft) -> str:
    text = draft.article.text
    out = [
        "# DRAFT events written by `python -m analysis draft`: review every record (notes starting 'draft, check:'",
        "# need a decision), then copy over the folder's events.toml.",
        "",
    ]
    for event in draft.events:
        actors = [a.actor_id for a in event.actors]
        primary = event.spans[event.primary]
        spans = [primary] + [s for i, s in enumerate(event.spans) if i != event.primary and s != primary]
        sentence_of = {s.sentence_id: s for s in draft.sentences}
        quote = text[primary[0] : primary[1]]
        source, sentence, a, b = event.attribution
        fields = {
            "id": event.event_id,
            "label": " ".join(quote.split()[:8]),
            "action": quote,
            "actor1": actors[0],
        }
        if len(actors) > 1:
            fields["actor2"] = actors[1]
        if len(actors) > 2:
            fields["other_actors"] = actors[2:]
        fields["cameo"] = event.code
        fields["status"] = event.status
        if event.time:
            fields["time"] = text[event.time[0] : event.time[1]]
        if event.location:
            fields["location"] = event.location
        fields["attributed_to"] = {"actor": source.actor_id, **_quote(text, sentence, a, b)}
        evidence = []
        for s0, s1 in spans:
            holder = next(s for s in sentence_of.values() if s.start <= s0 < s.end)
            evidence.append(_quote(text, holder, s0, min(s1, holder.end)))
        fields["evidence"] = evidence
        notes = [event.status_reason, event.actors_reason, *event.notes]
        fields["note"] = "; ".join(n for n in notes if n) or "draft"
        out.append("[[event]]")
        out += [f"{k} = {_toml(v)}" for k, v in fields.items()]
        out.append("")
    for link in draft.links:
        out.append("[[link]]")
        out.append(f"source = {_toml(link.source.event_id)}")
        out.append(f"target = {_toml(link.target.event_id)}")
        out.append(f"relation = {_toml(link.relation)}")
        out.append(f"evidence = {_toml(_quote(text, link.sentence, *link.span))}")
        out.append(f"note = {_toml(link.note)}")
        out.append("")
    return "\n".join(out)


def _csv(columns: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def story_toml(draft: Draft) -> str:
    title = draft.article.meta.get("original_report", {}).get("title") or "Draft story"
    lines = [
        "# DRAFT story written by `python -m analysis draft`: the parties are the sides of the drafted actors",
        "# (a state with its organs; a state that mediates is a mediator). Review before use.",
        f"title = {_toml(title)}",
        f"source_line = {_toml('Source: ' + title + '. Coding: machine draft, to review.')}",
        "",
    ]
    for party in draft.parties:
        lines += ["[[party]]", *(f"{k} = {_toml(v)}" for k, v in party.items()), ""]
    return "\n".join(lines)


def write_draft(draft: Draft, out: Path) -> list[Path]:
    """The draft files in `out` (a new folder or a former draft folder), beside copies of the article and its
    metadata so that the folder loads on its own (`python -m analysis check OUT`)."""
    folder = draft.article.path.parent
    if out.resolve() == folder.resolve():
        raise AnnotationError(out, "folder", "the draft never overwrites the curated files: write it to another folder")
    out.mkdir(parents=True, exist_ok=True)
    files = {
        ACTORS_FILE: _csv([*ACTOR_COLUMNS, "note"], list(draft.actors.values())),
        PLACES_FILE: _csv(
            ["place_id", "name", "country", "aliases", "note"],
            [
                {"place_id": pid, **{k: (";".join(v) if k == "aliases" else v) for k, v in row.items()}}
                for pid, row in draft.places.items()
            ],
        ),
        ROLES_FILE: _csv(["sentence_id", "surface", "occurrence", "role", "reason"], draft.roles),
        EVENTS_FILE: events_toml(draft),
        STORY_FILE: story_toml(draft),
    }
    written = []
    for name in (draft.article.path.name, META_FILE):
        shutil.copyfile(folder / name, out / name)
        written.append(out / name)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
        written.append(out / name)
    return written


def draft(folder: Path, out: Path | None = None, vocabularies: Path = VOCABULARY_DIR) -> list[Path]:
    """Draft the article folder `folder` into `out` (default FOLDER/draft)."""
    return write_draft(draft_article(folder, vocabularies=vocabularies), out or folder / DRAFT_DIR)
