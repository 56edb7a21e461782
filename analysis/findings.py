"""Findings rendered from computed values: the prose of each notebook's findings lives in the article
folder's narrative.toml, with placeholders such as {count[events]} or {event[E1][start]}, filled here from the
dataset.

A number typed into a finding can go stale while the notebook still passes its checks; so every number in a
finding must come from a placeholder, and the loader refuses digits typed by hand; ids such as E5 or S2 are
references, not numbers, and words in double quotes are the article's own (checked against its text).
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from analysis.drafting.evaluation import (
    BUDGET,
    coder_agreement,
    draft_and_evaluate,
    evaluation_set,
    held_out_record,
    pooled_beside_second_coder,
    rounds,
    scores,
    to_decide,
)
from analysis.external.agreement import agreement_table
from analysis.external.facts import load_external
from analysis.external.outcomes import VERDICTS, date_check, scorecard
from analysis.external.tellings import Tellings, against_reference, kept_by_all, load_tellings
from analysis.network.brokerage import brokerage_table
from analysis.network.graph import build_actor_graph
from analysis.network.snapshots import pair_net, snapshot
from analysis.tables.events import Dataset, build_event_table, build_link_table
from analysis.tables.sources import attribution_shares, attribution_table
from analysis.text.records import AnnotationError, read_toml

NARRATIVE_FILE = "narrative.toml"
REFERENCE = re.compile(r"\b[A-Z]+\d+\b")  # event and sentence ids (E5, S2): references, not numbers
QUOTE = re.compile(r'"([^"]+)"')  # the article's own words, checked against its text


def _day(value: pd.Timestamp) -> str:
    return "open" if pd.isna(value) else f"{value.day} {value:%B %Y}"


def facts(dataset: Dataset, with_tellings: bool = False, with_draft: bool = False) -> dict:
    """The values findings may cite, by name; summaries (headlines) are left out of every count and sum.
    `before` is the story's turning point (the reference date if it names none), whose snapshot the findings
    compare with the reference date. The other tellings (notebook 07) are read only `with_tellings`, and the
    machine drafts (notebook 08) made only `with_draft`."""
    table = build_event_table(dataset)
    counted = table[~table["summary"]]
    reference = dataset.article.reference_date
    before = dataset.story.turning_point or reference
    graph = build_actor_graph(dataset)
    links = build_link_table(dataset)
    nets = {
        name: pair_net(snapshot(graph, table, links, day)) for name, day in (("before", before), ("after", reference))
    }
    pairs = sorted(set(nets["before"].index) | set(nets["after"].index))
    external = load_external(dataset)
    card = scorecard(external)["events"]
    checked = date_check(table, external)
    shares = attribution_shares(dataset)
    return {
        "reference": _day(pd.Timestamp(reference)),
        "before": _day(pd.Timestamp(before)),
        "count": {
            "events": len(counted),
            "summaries": int(table["summary"].sum()),
            "realized": int(counted["realized"].sum()),
            "unrealized": int((~counted["realized"]).sum()),
            "day_precision": int((counted["date_precision"] == "day").sum()),
            "undated": int((counted["date_precision"] == "unknown").sum()),
        },
        "status": counted["status"].value_counts().to_dict(),
        "event": {
            row.event_id: {
                "start": _day(row.date_start),
                "end": _day(row.date_end),
                "start_day": row.date_start.day if pd.notna(row.date_start) else "open",
                "goldstein": f"{row.goldstein:+g}",
                "status": row.status,
                "days_to_reference": (pd.Timestamp(reference) - row.date_start).days + 1
                if pd.notna(row.date_start)
                else "open",
            }
            for row in table.itertuples()
        },
        "sources": attribution_table(dataset).set_index("attributed_to")["events"].to_dict(),
        "sourcing": {kind: {"events": int(r.events), "share": r.share} for kind, r in shares.iterrows()},
        "mentions": dataset.mentions.groupby("actor_id").size().to_dict(),
        "surface": {
            form: {"actor": int((rows["role"] == "actor").sum()), "place": int((rows["role"] == "place").sum())}
            for form, rows in dataset.mentions.groupby("surface")
        },
        "broker": brokerage_table(graph).set_index("actor_id").to_dict(orient="index"),
        "outcome": {**card.to_dict(), "total": int(card.sum())},
        "external": {
            "sources": len(external.sources),
            "events": len(external.events),
            "stances": len(external.stances),
        },
        "check": {verdict: int((checked["verdict"] == verdict).sum()) if len(checked) else 0 for verdict in VERDICTS},
        "xevent": {
            row.external_id: {"start": _day(row.date_start), "end": _day(row.date_end), "label": row.label}
            for row in external.events.itertuples()
        },
        "tellings": telling_facts(load_tellings(dataset)) if with_tellings else {},
        "draft": draft_facts(dataset) if with_draft else {},
        "net": {
            name: {f"{a}-{b}": f"{net.get((a, b), 0.0):+g}".replace("+0", "0") for a, b in pairs}
            for name, net in nets.items()
        },
    }


def telling_facts(tellings: Tellings) -> dict:
    """The numbers of notebook 07: tellings, languages and camps; agreement of the two codings; certainty levels
    of the central claim; how the article's telling departs from the original report; claims all tellings keep."""
    if not tellings.present:
        return {"count": 0}
    final = tellings.final()
    coded = [tellings.codings[c].set_index(["telling_id", "claim_id"])["code"] for c in ("a", "b")]
    levels = [tellings.certainty[c].set_index("telling_id")["level"] for c in ("a", "b")]
    agreement = agreement_table(*coded, list(tellings.codes.index))
    certainty_agreement = agreement_table(*levels, list(tellings.levels.index))
    changed = against_reference(final, tellings.reference, tellings.article_telling)["telling"].value_counts()
    certainty = tellings.final_certainty()
    return {
        "count": len(tellings.tellings),
        "claims": len(tellings.claims),
        "languages": tellings.tellings["language"].nunique(),
        "camp": tellings.tellings["camp"].value_counts().to_dict(),
        "alpha": float(agreement.loc["all codes", "alpha"]),
        "kappa": float(agreement.loc["all codes", "kappa"]),
        "code_alpha": agreement["alpha"].to_dict(),
        "certainty_alpha": float(certainty_agreement.loc["all codes", "alpha"]),
        "resolved": len(tellings.resolution),
        "level": certainty.value_counts().to_dict(),
        "article_level": certainty.get(tellings.article_telling, ""),
        "reference_level": certainty.get(tellings.reference, ""),
        "changed": {code: int(changed.get(code, 0)) for code in tellings.codes.index},
        "kept_by_all": len(kept_by_all(final)),
    }


def draft_facts(dataset: Dataset) -> dict:
    """The numbers of notebook 08: the scores of a fresh draft of this article; of every text by set; of each
    round of texts while it was held out (pooled), and how many texts of the latest round reach each budget; and
    of a second person's coding under the same rule."""
    draft_dir, result = draft_and_evaluate(dataset.folder)
    table = scores(evaluation_set())
    development = table[table["set"] == "development"]
    record = held_out_record()
    pooled = rounds(record)
    latest = record[record["round"] == record["round"].max()]
    measures = ["event_precision", "event_recall", "event_f1", "status_accuracy"]
    coders = coder_agreement()
    coded = pooled_beside_second_coder(record, coders)  # the texts coded twice and held out, events pooled
    return {
        "events": int(result.events["expected"]),
        "drafted": int(result.events["predicted"]),
        **{k: float(result.events[k]) for k in ("precision", "recall", "f1")},
        "accuracy": {k: float(v) for k, v in result.accuracy.items()},
        "dev_median": {"event_f1": float(development["event_f1"].median())},
        "rounds": len(pooled),
        "recorded": int(pooled["texts"].sum()),
        "round_f1": _low_high(pooled["event_f1"]),
        "round_status": _low_high(pooled["status_accuracy"]),
        "last": {k: float(pooled.iloc[-1][k]) for k in measures},
        "latest": {
            "texts": len(latest),
            "f1_met": int((latest["event_f1"] >= BUDGET["event_f1"]).sum()),
            "status_met": int((latest["status_accuracy"] >= BUDGET["status_accuracy"]).sum()),
            "both_met": int(
                (
                    (latest["event_f1"] >= BUDGET["event_f1"])
                    & (latest["status_accuracy"] >= BUDGET["status_accuracy"])
                ).sum()
            ),
        },
        "coders": len(coders),
        "coder_f1": _low_high(coders["event_f1"]),
        "coder_status": _low_high(coders["status_accuracy"]),
        "coded": {
            "texts": int(coded["texts"].iloc[0]),
            **{
                re.sub(r"\W+", "_", who): {k: float(coded.loc[who][k]) for k in ("event_f1", "status_accuracy")}
                for who in coded.index
            },  # draft_held_out, second_coder
        },
        "budget": BUDGET,
        "to_decide": len(to_decide(draft_dir)),
    }


def _low_high(values: pd.Series) -> dict[str, float]:
    return {"low": float(values.min()), "high": float(values.max())}


def placeholders(template: str) -> list[str]:
    """The field names a template uses ({count[events]} -> 'count[events]')."""
    return [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]


def load_findings(data_dir: Path, article_text: str) -> dict[str, str]:
    """The findings templates by notebook (none if the folder has no narrative.toml yet), validated: words in
    double quotes must be the article's, and no number may be typed by hand outside a placeholder or a quote."""
    path = data_dir / NARRATIVE_FILE
    if not path.exists():
        return {}  # no findings written yet
    data = read_toml(path)
    templates = {}
    for notebook, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("findings"), str):
            raise AnnotationError(path, notebook, "needs findings = '''...''' (the notebook's findings, in Markdown)")
        prose = "".join(literal for literal, *_ in string.Formatter().parse(entry["findings"]))
        for quote in QUOTE.findall(prose):
            if " ".join(quote.split()) not in article_text:
                raise AnnotationError(path, notebook, f"quotes {quote!r}, which is not in the article")
        typed = re.search(r"\d", REFERENCE.sub("", QUOTE.sub("", prose)))
        if typed:
            raise AnnotationError(
                path,
                notebook,
                "a number typed by hand: use a placeholder such as {count[events]} (or quote the article)",
            )
        templates[notebook] = entry["findings"]
    return templates


def render(dataset: Dataset, notebook: str, values: dict | None = None) -> Markdown:
    """A notebook's findings with every placeholder filled from `values` (by default the dataset's facts); a
    name that no computed value has is an error naming it."""
    path = dataset.folder / NARRATIVE_FILE
    templates = load_findings(dataset.folder, dataset.article.text)
    if notebook not in templates:
        return Markdown(f'## Findings\n\n*None written yet for this article: add `["{notebook}"]` to {path.name}.*')
    template = templates[notebook]
    values = facts(dataset, "{tellings" in template, "{draft" in template) if values is None else values
    for field in placeholders(templates[notebook]):
        try:
            string.Formatter().get_field(field, (), values)
        except (KeyError, IndexError, AttributeError, TypeError) as error:
            raise AnnotationError(
                path, notebook, f"placeholder {{{field}}} names no computed value ({error})"
            ) from error
    return Markdown(templates[notebook].format(**values))
