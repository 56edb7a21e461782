"""HTML renderings of the article for the notebooks: the text with its actor and place mentions marked."""

from __future__ import annotations

import html

from analysis.figures.style import side_colours
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
