"""A new article folder to annotate (`python -m analysis new`), and a check of a folder that says everything
that is still missing or wrong, file by file (`python -m analysis check`)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from analysis.findings import load_findings
from analysis.tables.events import load_dataset
from analysis.text.actors import ACTOR_COLUMNS, ACTOR_KINDS, find_mentions, load_registry
from analysis.text.annotations import EVENTS_FILE, load_annotations
from analysis.text.article import META_FILE, load_article, sha256_of, split_sentences
from analysis.text.codebook import load_codebook
from analysis.text.records import VOCABULARY_DIR, AnnotationError
from analysis.text.story import STORY_FILE, load_story

SENTENCES_FILE = "sentences.txt"


def scaffold(text_path: Path, reference: dt.date, folder: Path) -> list[Path]:
    """Write a new article folder: the text byte for byte with its checksum, metadata to fill, the numbered
    sentences as a reading aid, and empty actor, place, mention-role, event, story and narrative files whose
    comments say how to fill them. Refuses a folder that exists and is not empty."""
    if folder.exists() and any(folder.iterdir()):
        raise AnnotationError(folder, "folder", "exists and is not empty: choose a new folder")
    if not text_path.is_file():
        raise AnnotationError(text_path, "text", "not found")
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / "article.txt"
    shutil.copyfile(text_path, article)
    text = article.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    files = {
        META_FILE: f"""# Metadata of the article, checked on load (analysis.text.article).
file = "article.txt"
sha256 = "{sha256_of(article)}"
source_file = "{text_path.name}"
language = ""  # the language of this text (and what it translates or retells, if anything)
fictional = false  # true for a text written for tests or teaching

[original_report]
outlet = ""
title = ""
published = {reference.isoformat()}
authors = []

[reference]
# Relative time expressions ("last week", "on Monday") are resolved against this date.
date = {reference.isoformat()}
basis = ""  # why this date: the publication date, a dateline, ...
""",
        SENTENCES_FILE: "# The sentences of article.txt with their ids and character offsets: quote them by id in events.toml.\n"
        + "".join(f"{s.sentence_id} [{s.start}:{s.end}] {s.text}\n" for s in sentences),
        "actors.csv": ",".join(ACTOR_COLUMNS) + "\n",
        "places.csv": "place_id,name,country,aliases\n",
        "mention_roles.csv": "sentence_id,surface,occurrence,role,reason\n",
        EVENTS_FILE: f"""# The events of the article, one [[event]] per event, and the links between them (see the README's
# "How the article is coded" and the annotated example in data/articles/). Fields of an [[event]]:
#   id (E and two or more digits), label (short), action (one line), actor1, actor2 (ids from actors.csv), cameo (a code of
#   data/vocabularies/cameo_codebook.csv, quoted), status (data/vocabularies/statuses.csv), time (a time
#   expression quoted from the evidence, optional), attributed_to = {{ actor, sentence, quote }},
#   evidence = [{{ sentence = "S..", quote = "..." }}] (quotes found character for character in that sentence).
# A [[link]] has source, target, relation (data/vocabularies/link_relations.csv) and evidence.
# Actor kinds: {", ".join(ACTOR_KINDS)}. The sentences and their ids are in {SENTENCES_FILE}.
""",
        STORY_FILE: """# What is particular to this story (see the example in data/articles/): title, a source line for the
# figures, one [[party]] per side or mediator (side = the label actors.csv uses, representative = an actor id,
# role = "side" or "mediator"), optional [[chain]] (title, events) to draw, [turning_point] (date, label) to
# compare with the reference date, [window] (start, end) for the figures.
title = ""
source_line = ""
""",
        "narrative.toml": """# The findings of each notebook, in Markdown with placeholders for every number ({count[events]}, ...):
# one ["NOTEBOOK"] table per notebook with findings = '''...'''. See the example in data/articles/.
""",
    }
    written = [article]
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def check(folder: Path, vocabularies: Path = VOCABULARY_DIR) -> list[str]:
    """Every problem of an article folder that can be found file by file, as messages naming the file, the
    record and the problem (empty when the folder loads): a new folder lists what is still to fill in."""
    problems = []

    def attempt(load):
        try:
            return load()
        except AnnotationError as error:
            problems.append(str(error))
            return None

    story = attempt(lambda: load_story(folder))
    article = attempt(lambda: load_article(folder))
    registry = attempt(lambda: load_registry(folder, story.side_labels if story else ()))
    codebook = attempt(lambda: load_codebook(vocabularies))
    if article and registry:
        attempt(lambda: find_mentions(article, registry, folder))
    if article and registry and codebook:
        annotations = attempt(lambda: load_annotations(folder / EVENTS_FILE, article, registry, codebook))
        if story and annotations:
            attempt(lambda: story.check(registry.actors, {e.event_id for e in annotations.events}))
    if not problems:  # what only the whole dataset shows: dates against links, findings against the text
        dataset = attempt(lambda: load_dataset(folder, vocabularies))
        if dataset:
            attempt(lambda: dataset.intervals)
            attempt(lambda: load_findings(folder, dataset.article.text))
    return problems
