"""What the external facts say about the article: the outcome of each plan (a scorecard), the article's dates
against reported dates, and the parties' stances on its claims."""

from __future__ import annotations

import pandas as pd

from analysis.external.facts import OUTCOMES, STANCES, External

VERDICTS = ("inside", "overlaps", "outside")  # a reported date against the interval the article's words allow


def scorecard(external: External) -> pd.DataFrame:
    """Of the article's unrealized events, how many came to each outcome (every outcome listed, zero included)."""
    counts = external.outcomes["outcome"].value_counts().reindex(list(OUTCOMES), fill_value=0)
    events = external.outcomes.groupby("outcome")["event_id"].agg(lambda ids: ", ".join(sorted(ids)))
    return pd.DataFrame({"events": counts, "event_ids": events.reindex(list(OUTCOMES), fill_value="")}).rename_axis(
        "outcome"
    )


def date_check(table: pd.DataFrame, external: External) -> pd.DataFrame:
    """Each external event that dates an article event, beside the article-derived interval: `verdict` says
    whether the reported dates fall inside it (an open bound admits anything on its side), overlap it, or
    lie outside it."""
    dated = external.events[external.events["article_event"] != ""]
    article = table.set_index("event_id")
    rows = []
    for row in dated.itertuples():
        start, end = article.loc[row.article_event, ["date_start", "date_end"]]
        after_start = pd.isna(start) or row.date_start >= start
        before_end = pd.isna(end) or row.date_end <= end
        overlaps = (pd.isna(start) or row.date_end >= start) and (pd.isna(end) or row.date_start <= end)
        verdict = "inside" if after_start and before_end else "overlaps" if overlaps else "outside"
        rows.append(
            {
                "event_id": row.article_event,
                "article_start": start,
                "article_end": end,
                "article_precision": article.loc[row.article_event, "date_precision"],
                "external_id": row.external_id,
                "reported_start": row.date_start,
                "reported_end": row.date_end,
                "reported_precision": row.date_precision,
                "verdict": verdict,
                "sources": row.sources,
            }
        )
    return pd.DataFrame(rows)


def stance_matrix(external: External) -> pd.DataFrame:
    """Claims (rows) by parties (columns): each cell the party's stance, or "silent" where none is recorded."""
    stances = external.stances
    matrix = stances.pivot_table(index="claim", columns="party", values="stance", aggfunc="first")
    return matrix.reindex(sorted(matrix.index)).fillna("silent")


def stance_counts(external: External) -> pd.DataFrame:
    """Per claim, how many parties assert, dispute, offer another cause or stay silent."""
    matrix = stance_matrix(external)
    return pd.DataFrame({s: (matrix == s).sum(axis=1) for s in STANCES})
