"""Canonical actors and places, and every mention of them in the article, metonyms included."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.text.article import Article
from analysis.text.records import AnnotationError, read_csv, unique_index
from analysis.text.story import NO_SIDE

ACTORS_FILE = "actors.csv"
PLACES_FILE = "places.csv"
ROLES_FILE = "mention_roles.csv"

ACTOR_KINDS = (
    "state",
    "government body",
    "armed forces",
    "head of state",
    "news outlet",
    "anonymous sources",
    "group of partners",
)
ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "cameo_code", "side", "aliases"]


@dataclass(frozen=True)
class Registry:
    """Actors and places by id, and which id each surface form names."""

    actors: pd.DataFrame  # indexed by actor_id
    places: pd.DataFrame  # indexed by place_id
    actor_aliases: dict[str, str]
    place_aliases: dict[str, str]
    actors_path: Path
    places_path: Path

    def require_actor(self, actor_id: str, source: Path, record: str) -> str:
        if actor_id not in self.actors.index:
            raise AnnotationError(source, record, f"unknown actor {actor_id!r} (not in {self.actors_path.name})")
        return actor_id

    def require_place(self, place_id: str, source: Path, record: str) -> str:
        if place_id not in self.places.index:
            raise AnnotationError(source, record, f"unknown place {place_id!r} (not in {self.places_path.name})")
        return place_id


def _aliases(path: Path, rows: dict[str, dict[str, str]]) -> dict[str, str]:
    """Surface form -> id, refusing a form claimed by two ids of the same registry."""
    owner: dict[str, str] = {}
    for key, row in rows.items():
        forms = [form.strip() for form in row["aliases"].split(";") if form.strip()]
        if not forms:
            raise AnnotationError(path, key, "no aliases")
        for form in forms:
            if form in owner:
                raise AnnotationError(path, key, f"alias {form!r} already belongs to {owner[form]}")
            owner[form] = key
    return owner


def read_actors(path: Path, sides: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Actor rows by id, each with a known kind, a side of the story (or "other"), a name, country and code."""
    actors = unique_index(path, read_csv(path, ACTOR_COLUMNS), "actor_id")
    for key, row in actors.items():
        if row["kind"] not in ACTOR_KINDS:
            raise AnnotationError(path, key, f"unknown kind {row['kind']!r}; expected one of {ACTOR_KINDS}")
        if row["side"] not in (*sides, NO_SIDE):
            expected = ", ".join((*sides, NO_SIDE))
            raise AnnotationError(path, key, f"unknown side {row['side']!r}; expected one of {expected} (story.toml)")
        for column in ("name", "country", "cameo_code"):
            if not row[column]:
                raise AnnotationError(path, key, f"empty {column}")
    return actors


def load_registry(data_dir: Path, sides: tuple[str, ...]) -> Registry:
    """The actor and place registries, validated; an actor's side is one of the story's `sides` or "other"."""
    actors_path, places_path = data_dir / ACTORS_FILE, data_dir / PLACES_FILE
    actors = read_actors(actors_path, sides)
    places = unique_index(places_path, read_csv(places_path, ["place_id", "name", "country", "aliases"]), "place_id")
    return Registry(
        actors=pd.DataFrame.from_dict(actors, orient="index").drop(columns="actor_id").rename_axis("actor_id"),
        places=pd.DataFrame.from_dict(places, orient="index").drop(columns="place_id").rename_axis("place_id"),
        actor_aliases=_aliases(actors_path, actors),
        place_aliases=_aliases(places_path, places),
        actors_path=actors_path,
        places_path=places_path,
    )


def _load_roles(path: Path, article: Article) -> dict[tuple[str, str, int], str]:
    """(sentence, surface, occurrence) -> 'actor' or 'place', for forms that can name either."""
    roles = {}
    for line_no, row in enumerate(
        read_csv(path, ["sentence_id", "surface", "occurrence", "role"], allow_empty=True), start=2
    ):
        record = f"line {line_no}"
        if row["role"] not in ("actor", "place"):
            raise AnnotationError(path, record, f"role must be 'actor' or 'place', not {row['role']!r}")
        if not row["occurrence"].isdigit() or int(row["occurrence"]) < 1:
            raise AnnotationError(
                path, record, f"occurrence must be a positive whole number, not {row['occurrence']!r}"
            )
        key = (row["sentence_id"], row["surface"], int(row["occurrence"]))
        if row["sentence_id"] not in article.sentence_index:
            raise AnnotationError(path, record, f"unknown sentence id {row['sentence_id']!r}")
        if key in roles:
            raise AnnotationError(path, record, "duplicate of an earlier line")
        roles[key] = row["role"]
    return roles


def find_mentions(article: Article, registry: Registry, data_dir: Path) -> pd.DataFrame:
    """Every occurrence of every alias, longest first and never overlapping, resolved to one actor or place.

    A form that names both an actor and a place (a country that acts in one sentence and hosts in another) needs
    its role, per occurrence, in the article folder's mention_roles.csv; a missing or unused entry there is an
    error.
    """
    roles_path = data_dir / ROLES_FILE
    roles = _load_roles(roles_path, article)
    forms = sorted(set(registry.actor_aliases) | set(registry.place_aliases), key=lambda f: (-len(f), f))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    rows, used = [], set()
    for sentence in article.sentences:
        seen: dict[str, int] = {}
        for match in pattern.finditer(sentence.text):
            surface = match.group()
            seen[surface] = seen.get(surface, 0) + 1
            key = (sentence.sentence_id, surface, seen[surface])
            actor_id = registry.actor_aliases.get(surface, "")
            place_id = registry.place_aliases.get(surface, "")
            if actor_id and place_id:
                if key not in roles:
                    raise AnnotationError(
                        roles_path,
                        f"{sentence.sentence_id} {surface!r} #{seen[surface]}",
                        "this form names an actor and a place: say which (role actor or place)",
                    )
                used.add(key)
                actor_id, place_id = (actor_id, "") if roles[key] == "actor" else ("", place_id)
            rows.append(
                {
                    "sentence_id": sentence.sentence_id,
                    "span_start": sentence.start + match.start(),
                    "span_end": sentence.start + match.end(),
                    "surface": surface,
                    "role": "actor" if actor_id else "place",
                    "actor_id": actor_id,
                    "place_id": place_id,
                }
            )
    for key in roles.keys() - used:
        raise AnnotationError(roles_path, f"{key[0]} {key[1]!r} #{key[2]}", "no such ambiguous mention in the article")
    mentions = pd.DataFrame(rows)
    mentions.insert(0, "mention_id", [f"M{i:02d}" for i in range(1, len(mentions) + 1)])
    return mentions
