"""HTML renderings of the article for the notebooks: the text with its actor and place mentions marked."""

from __future__ import annotations

import html

from analysis.figures.style import OKABE_ITO, side_colours
from analysis.tables.events import Dataset


def highlight_mentions(dataset: Dataset, only: str = "") -> str:
    """The article as HTML, one paragraph per line, each mention in a <mark> coloured by its actor's side
    (places underlined) with the actor id as a tooltip; `only` keeps marks for one actor id."""
    text, out, cursor = dataset.article.text, [], 0
    actors, colours = dataset.registry.actors, side_colours(dataset.story)
    for row in dataset.mentions.sort_values("span_start").itertuples():
        if only and row.actor_id != only:
            continue
        out.append(html.escape(text[cursor : row.span_start]))
        surface = html.escape(text[row.span_start : row.span_end])
        if row.role == "actor":
            colour = colours[actors.loc[row.actor_id, "side"]]
            out.append(
                f'<mark style="background:{colour};padding:0 2px" title="{row.actor_id}">{surface}'
                f'<sub style="font-size:70%">{row.actor_id}</sub></mark>'
            )
        else:
            out.append(f'<u title="place {row.place_id}">{surface}</u>')
        cursor = row.span_end
    out.append(html.escape(text[cursor:]))
    paragraphs = "".join(f"<p>{p}</p>" for p in "".join(out).split("\n"))
    return f'<div style="max-width:60em;line-height:1.6">{paragraphs}</div>'


SPAN_COLOURS = {"both": OKABE_ITO["green"], "curated": OKABE_ITO["sky blue"], "draft": OKABE_ITO["orange"]}


def compare_evidence(curated: Dataset, drafted: Dataset) -> str:
    """The article as HTML with the words that curated events rest on and the words the draft's events rest on
    marked, in one colour where both cite them and another where only one does, with a legend."""
    text = curated.article.text
    marks = [0] * len(text)  # bit 1: curated evidence, bit 2: drafted evidence
    for dataset, bit in ((curated, 1), (drafted, 2)):
        for event in dataset.annotations.events:
            for span in event.evidence:
                for i in range(span.start, span.end):
                    marks[i] |= bit
    names = {1: "curated", 2: "draft", 3: "both"}
    out, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[start]:
            piece = html.escape(text[start:i])
            kind = names.get(marks[start])
            out.append(
                f'<span style="background:{SPAN_COLOURS[kind]}" title="{kind}">{piece}</span>' if kind else piece
            )
            start = i
    legend = " ".join(f'<span style="background:{c};padding:0 4px">{k}</span>' for k, c in SPAN_COLOURS.items())
    paragraphs = "".join(f"<p>{p}</p>" for p in "".join(out).split("\n"))
    return f'<div style="max-width:60em;line-height:1.6"><p>Evidence of events: {legend}</p>{paragraphs}</div>'
