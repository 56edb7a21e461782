"""Other tellings of the same story (the article folder's tellings/): who published what, citing whom; the claims
they carry; a coverage matrix coded twice, independently, with a codebook (data/vocabularies/telling_codes.csv)
and an ordinal certainty of the central claim (data/vocabularies/certainty_levels.csv); and the resolution of
the disagreements. No text of a telling is stored: paraphrases, and quotes of at most a dozen words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from analysis.external.facts import MAX_QUOTE_WORDS
from analysis.tables.events import Dataset
from analysis.text.records import VOCABULARY_DIR, AnnotationError, read_csv, unique_index

TELLINGS_DIR = "tellings"
CAMPS = ("Ukrainian", "Russian", "Western", "other")
TELLING_COLUMNS = [
    "telling_id",
    "outlet",
    "country",
    "language",
    "camp",
    "published",
    "url",
    "read_via",
    "cites",
    "is_article",
    "note",
]
CODERS = ("a", "b")
QUOTED = re.compile(r'"([^"]+)"')


@dataclass(frozen=True)
class Tellings:
    folder: Path
    tellings: pd.DataFrame  # indexed by telling_id
    claims: pd.DataFrame  # indexed by claim_id: article_ref, paraphrase
    codes: pd.DataFrame  # the codebook, indexed by code
    levels: pd.DataFrame  # certainty levels, indexed by level: rank, description
    codings: dict[str, pd.DataFrame]  # coder -> one row per telling and claim: code, evidence, cue
    certainty: dict[str, pd.DataFrame]  # coder -> one row per telling: level, cue
    resolution: pd.DataFrame  # one row per disagreement: item (a claim id or "certainty"), telling_id, final, reason

    @property
    def present(self) -> bool:
        """Whether the article folder records other tellings at all."""
        return not self.tellings.empty

    @property
    def article_telling(self) -> str:
        """The telling that is the article itself ("" when none is recorded)."""
        return next(iter(self.tellings.index[self.tellings["is_article"] == "yes"]), "")

    @property
    def reference(self) -> str:
        """The first telling (the original report), against which the others are coded ("" when none)."""
        return next(iter(self.tellings.index), "")

    def final(self) -> pd.DataFrame:
        """The coverage matrix after resolution: tellings (rows) by claims (columns)."""
        if not self.present:
            return pd.DataFrame(index=self.tellings.index, columns=self.claims.index)
        codes = self.codings["a"].set_index(["telling_id", "claim_id"])["code"].copy()
        for row in self.resolution[self.resolution["item"] != "certainty"].itertuples():
            codes[(row.telling_id, row.item)] = row.final
        return codes.unstack("claim_id").reindex(index=self.tellings.index, columns=self.claims.index)

    def final_certainty(self) -> pd.Series:
        """Each telling's certainty level of the central claim, after resolution."""
        levels = self.certainty["a"].set_index("telling_id")["level"].copy()
        for row in self.resolution[self.resolution["item"] == "certainty"].itertuples():
            levels[row.telling_id] = row.final
        return levels.reindex(self.tellings.index)


def _fail(path: Path, record: str, problem: str):
    raise AnnotationError(path, record, problem)


def _check_quotes(path: Path, record: str, text: str) -> None:
    for quote in QUOTED.findall(text):
        if len(quote.split()) > MAX_QUOTE_WORDS:
            _fail(
                path, record, f"a quote of {len(quote.split())} words: at most {MAX_QUOTE_WORDS}, the rest in own words"
            )


def load_tellings(dataset: Dataset, vocabularies: Path = VOCABULARY_DIR) -> Tellings:
    """The tellings of the dataset's article, validated; none (`present` False) when its folder has no
    tellings/, so that the tables and figures still work, with nothing in them."""
    folder = dataset.folder / TELLINGS_DIR
    if not folder.is_dir():
        nothing = pd.DataFrame(columns=TELLING_COLUMNS[1:]).rename_axis("telling_id")
        claims = pd.DataFrame(columns=["article_ref", "paraphrase"]).rename_axis("claim_id")
        codes = pd.DataFrame(columns=["description", "rule"]).rename_axis("code")
        levels = pd.DataFrame(columns=["rank", "description"]).rename_axis("level")
        coding = pd.DataFrame(columns=["telling_id", "claim_id", "code", "evidence", "cue"])
        certainty = pd.DataFrame(columns=["telling_id", "level", "cue"])
        resolution = pd.DataFrame(columns=["item", "telling_id", "code_a", "code_b", "final", "reason"])
        return Tellings(
            folder,
            nothing,
            claims,
            codes,
            levels,
            dict.fromkeys(CODERS, coding),
            dict.fromkeys(CODERS, certainty),
            resolution,
        )
    path = folder / "tellings.csv"
    tellings = unique_index(path, read_csv(path, TELLING_COLUMNS), "telling_id")
    for telling_id, row in tellings.items():
        for column in ("outlet", "url", "published", "language"):
            if not row[column]:
                _fail(path, telling_id, f"no {column}")
        if not re.match(r"https?://\S+$", row["url"]) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"]):
            _fail(
                path,
                telling_id,
                f"needs an http(s) url and a published date YYYY-MM-DD, not {row['url']!r}, {row['published']!r}",
            )
        if row["camp"] not in CAMPS:
            _fail(path, telling_id, f"camp {row['camp']!r} is not one of {', '.join(CAMPS)}")
        if row["is_article"] not in ("yes", "no"):
            _fail(path, telling_id, "is_article must be yes or no")
        for cited in filter(None, row["cites"].split(";")):
            if cited not in tellings or cited == telling_id:
                _fail(path, telling_id, f"cites {cited!r}, which is not another telling")
    if [r["is_article"] for r in tellings.values()].count("yes") != 1:
        _fail(path, "is_article", "exactly one telling is the article itself")
    claims_path = folder / "claims.csv"
    claims = unique_index(claims_path, read_csv(claims_path, ["claim_id", "article_ref", "paraphrase"]), "claim_id")
    refs = {e.event_id for e in dataset.annotations.events} | {
        f"{k.source}->{k.target}" for k in dataset.annotations.links
    }
    for claim_id, row in claims.items():
        if not row["paraphrase"]:
            _fail(claims_path, claim_id, "no paraphrase")
        if row["article_ref"] and row["article_ref"] not in refs:
            _fail(claims_path, claim_id, f"article_ref {row['article_ref']!r} is no event or link of the article")
    codes_path, levels_path = vocabularies / "telling_codes.csv", vocabularies / "certainty_levels.csv"
    codes = unique_index(codes_path, read_csv(codes_path, ["code", "description", "rule"]), "code")
    levels = unique_index(levels_path, read_csv(levels_path, ["level", "rank", "description"]), "level")
    codings = {c: _coding(folder / f"coding_{c}.csv", tellings, claims, codes) for c in CODERS}
    certainty = {c: _certainty(folder / f"certainty_{c}.csv", tellings, levels) for c in CODERS}
    resolution = _resolution(folder / "resolution.csv", codings, certainty, codes, levels)
    for coding in (codings["a"], certainty["a"]):  # the final codes start from coder A's: it must be complete
        if (coding.iloc[:, 2 if "claim_id" in coding else 1] == "").any():
            _fail(folder / "coding_a.csv", "matrix", "coder A left cells uncoded: the final matrix would be incomplete")
    frame = pd.DataFrame.from_dict
    return Tellings(
        folder,
        frame(tellings, orient="index").drop(columns="telling_id").rename_axis("telling_id"),
        frame(claims, orient="index").drop(columns="claim_id").rename_axis("claim_id"),
        frame(codes, orient="index").drop(columns="code").rename_axis("code"),
        frame(levels, orient="index").drop(columns="level").rename_axis("level").astype({"rank": int}),
        codings,
        certainty,
        resolution,
    )


def _coding(path: Path, tellings: dict, claims: dict, codes: dict) -> pd.DataFrame:
    rows = read_csv(path, ["telling_id", "claim_id", "code", "evidence", "cue"])
    seen = set()
    for line, row in enumerate(rows, start=2):
        record = f"line {line} ({row['telling_id']} x {row['claim_id']})"
        if row["telling_id"] not in tellings:
            _fail(path, record, f"unknown telling {row['telling_id']!r}")
        if row["claim_id"] not in claims:
            _fail(path, record, f"unknown claim {row['claim_id']!r}")
        if row["code"] and row["code"] not in codes:
            _fail(path, record, f"code {row['code']!r} is not in the codebook ({', '.join(codes)})")
        if row["code"] != "absent" and not row["evidence"]:
            _fail(path, record, "a coded cell needs its evidence; an uncoded one (empty code) says why")
        _check_quotes(path, record, row["evidence"])
        key = (row["telling_id"], row["claim_id"])
        if key in seen:
            _fail(path, record, "coded twice")
        seen.add(key)
    missing = [(t, c) for t in tellings for c in claims if (t, c) not in seen]
    if missing:
        _fail(path, "matrix", f"{len(missing)} empty cell(s), e.g. {missing[0][0]} x {missing[0][1]}")
    return pd.DataFrame(rows)


def _certainty(path: Path, tellings: dict, levels: dict) -> pd.DataFrame:
    rows = unique_index(path, read_csv(path, ["telling_id", "level", "cue"]), "telling_id")
    for telling_id, row in rows.items():
        if telling_id not in tellings:
            _fail(path, telling_id, "unknown telling")
        if row["level"] and row["level"] not in levels:
            _fail(path, telling_id, f"level {row['level']!r} is not one of {', '.join(levels)}")
        _check_quotes(path, telling_id, row["cue"])
    if set(rows) != set(tellings):
        _fail(path, "file", f"no certainty for {', '.join(sorted(set(tellings) - set(rows)))}")
    return pd.DataFrame(list(rows.values()))


def _resolution(path: Path, codings: dict, certainty: dict, codes: dict, levels: dict) -> pd.DataFrame:
    """Every disagreement between the coders must be resolved, once, with a reason."""
    a, b = (codings[c].set_index(["telling_id", "claim_id"])["code"] for c in CODERS)
    both = [k for k in a.index if a[k] and b[k]]  # a cell a coder could not read (empty code) is not compared
    disagreements = {(claim, telling) for (telling, claim) in both if a[(telling, claim)] != b[(telling, claim)]}
    ca, cb = (certainty[c].set_index("telling_id")["level"] for c in CODERS)
    disagreements |= {("certainty", t) for t in ca.index if ca[t] and cb[t] and ca[t] != cb[t]}
    columns = ["item", "telling_id", "code_a", "code_b", "final", "reason"]
    rows = read_csv(path, columns, allow_empty=True) if disagreements or path.exists() else []
    resolved = set()
    for line, row in enumerate(rows, start=2):
        key = (row["item"], row["telling_id"])
        record = f"line {line} ({row['item']} x {row['telling_id']})"
        if key not in disagreements:
            _fail(path, record, "not a disagreement between the coders")
        allowed = levels if row["item"] == "certainty" else codes
        if row["final"] not in allowed or not row["reason"]:
            _fail(path, record, "needs a final code from the codebook and a reason")
        resolved.add(key)
    if disagreements - resolved:
        item, telling = min(disagreements - resolved)
        _fail(path, "file", f"{len(disagreements - resolved)} disagreement(s) unresolved, e.g. {item} x {telling}")
    return pd.DataFrame(rows, columns=columns)


def similarity_order(matrix: pd.DataFrame, first: str) -> list[str]:
    """Tellings in an order where each is followed by the most similar one left (share of claims coded alike),
    starting from `first`; ties go to the lower id."""
    if matrix.empty:
        return []
    left, order = set(matrix.index) - {first}, [first]
    while left:
        last = matrix.loc[order[-1]]
        order.append(max(sorted(left), key=lambda t: (matrix.loc[t] == last).mean()))
        left.remove(order[-1])
    return order


def citation_graph(tellings: Tellings) -> nx.DiGraph:
    """Who cites whom: an edge from each telling to the tellings it cites, nodes with outlet, camp and language."""
    graph = nx.DiGraph()
    for telling_id, row in tellings.tellings.iterrows():
        graph.add_node(telling_id, outlet=row["outlet"], camp=row["camp"], language=row["language"])
    for telling_id, row in tellings.tellings.iterrows():
        graph.add_edges_from((telling_id, cited) for cited in filter(None, row["cites"].split(";")))
    return graph


def path_to_article(tellings: Tellings) -> list[str]:
    """The chain of citations from the article's telling back to the original report (empty if none)."""
    graph = citation_graph(tellings)
    try:
        return nx.shortest_path(graph, tellings.article_telling, tellings.reference)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def against_reference(matrix: pd.DataFrame, reference: str, telling: str) -> pd.DataFrame:
    """The claims that `telling` codes otherwise than the reference carries them: dropped (absent), softened
    (hedged), hardened, altered or contradicted, each with both codes."""
    if reference not in matrix.index or telling not in matrix.index:
        return pd.DataFrame(columns=["reference", "telling"]).rename_axis("claim_id")
    both = pd.DataFrame({"reference": matrix.loc[reference], "telling": matrix.loc[telling]})
    return both[(both["reference"] == "carried") & (both["telling"] != "carried")].rename_axis("claim_id")


def kept_by_all(matrix: pd.DataFrame) -> list[str]:
    """Claims that every telling carries in some form (none leaves it out or contradicts it)."""
    return [c for c in matrix.columns if not matrix[c].isin(["absent", "contradicted"]).any()]


def coverage_by(matrix: pd.DataFrame, groups: pd.Series, codes: list[str]) -> pd.DataFrame:
    """For each group of tellings (a camp, a language), the share of its cells with each code."""
    stacked = matrix.stack().rename("code").reset_index()
    stacked["group"] = stacked["telling_id"].map(groups)
    shares = pd.crosstab(stacked["group"], stacked["code"], normalize="index")
    return shares.reindex(columns=codes, fill_value=0.0).round(3)
