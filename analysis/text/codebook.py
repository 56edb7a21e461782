"""The coding vocabularies in data/: CAMEO codes with Goldstein scores, statuses, link relations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.text.records import VOCABULARY_DIR, AnnotationError, read_csv, unique_index

CODEBOOK_FILE = "cameo_codebook.csv"
STATUSES_FILE = "statuses.csv"
RELATIONS_FILE = "link_relations.csv"
TIME_RULES = (
    "target_after_source",
    "source_after_target",
    "target_put_off_by_source",
    "target_put_off_after_source",
    "target_planned_after_source",
    "none",
)
TIE_RULES = ("from_end", "while_under_way", "as_plan", "never")
QUAD_CLASS_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def quad_class_of(code: str) -> int:
    """GDELT's mapping of a CAMEO root code to a quad class: 01-05, 06-09, 10-14, 15-20."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"CAMEO root {code[:2]} is outside 01-20")
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def sign_of(quad_class: int) -> str:
    return "cooperation" if quad_class <= 2 else "conflict"


@dataclass(frozen=True)
class Codebook:
    cameo: pd.DataFrame  # indexed by cameo_code: label, goldstein, quad_class
    statuses: pd.DataFrame  # indexed by status, in file order: realized, tie, tense, description
    relations: pd.DataFrame  # indexed by relation: time_rule, drawn (as a step in chains and timelines), description
    path: Path

    @property
    def status_order(self) -> list[str]:
        return list(self.statuses.index)

    def realized(self, status: str) -> bool:
        return bool(self.statuses.loc[status, "realized"])

    def tense(self, status: str) -> str | None:
        """The tense a status implies for dates without a year or a weekday ("past" for what occurred)."""
        return self.statuses.loc[status, "tense"] or None


def read_cameo(path: Path) -> dict[str, dict]:
    """CAMEO codes with their label, Goldstein score and quad class, each checked (3 or 4 digits, Goldstein in
    -10..10, quad class agreeing with the root code)."""
    rows = unique_index(path, read_csv(path, ["cameo_code", "label", "goldstein", "quad_class"]), "cameo_code")
    cameo = {}
    for code, row in rows.items():
        if not (code.isdigit() and len(code) in (3, 4)):
            raise AnnotationError(path, code, "a CAMEO code is 3 or 4 digits, zero-padded")
        try:
            goldstein, quad = float(row["goldstein"]), int(row["quad_class"])
        except ValueError as error:
            raise AnnotationError(path, code, f"goldstein and quad_class must be numbers: {error}") from error
        if not -10 <= goldstein <= 10:
            raise AnnotationError(path, code, f"Goldstein score {goldstein} is outside -10..10")
        if quad != quad_class_of(code):
            raise AnnotationError(
                path, code, f"quad class {quad} disagrees with root {code[:2]} ({quad_class_of(code)})"
            )
        cameo[code] = {"label": row["label"], "goldstein": goldstein, "quad_class": quad}
    return cameo


def load_codebook(data_dir: Path = VOCABULARY_DIR) -> Codebook:
    """The three vocabularies, each validated (Goldstein in -10..10, quad class agreeing with the root code)."""
    path = data_dir / CODEBOOK_FILE
    cameo = read_cameo(path)

    statuses_path = data_dir / STATUSES_FILE
    statuses = unique_index(
        statuses_path, read_csv(statuses_path, ["status", "realized", "tie", "tense", "description"]), "status"
    )
    for status, row in statuses.items():
        if row["realized"] not in ("yes", "no"):
            raise AnnotationError(statuses_path, status, "realized must be yes or no")
        if row["tense"] not in ("past", "future", ""):
            raise AnnotationError(statuses_path, status, "tense must be past, future or empty")
        if row["tie"] not in TIE_RULES:
            raise AnnotationError(statuses_path, status, f"tie must be one of {', '.join(TIE_RULES)}")

    relations_path = data_dir / RELATIONS_FILE
    relations = unique_index(
        relations_path, read_csv(relations_path, ["relation", "time_rule", "drawn", "description"]), "relation"
    )
    for relation, row in relations.items():
        if row["time_rule"] not in TIME_RULES:
            raise AnnotationError(relations_path, relation, f"time_rule must be one of {', '.join(TIME_RULES)}")
        if row["drawn"] not in ("yes", "no"):
            raise AnnotationError(relations_path, relation, "drawn must be yes or no")

    return Codebook(
        cameo=pd.DataFrame.from_dict(cameo, orient="index").rename_axis("cameo_code"),
        statuses=pd.DataFrame(
            {
                "realized": [row["realized"] == "yes" for row in statuses.values()],
                "tie": [row["tie"] for row in statuses.values()],
                "tense": [row["tense"] for row in statuses.values()],
                "description": [row["description"] for row in statuses.values()],
            },
            index=pd.Index(list(statuses), name="status"),
        ),
        relations=pd.DataFrame.from_dict(relations, orient="index")
        .drop(columns="relation")
        .rename_axis("relation")
        .assign(drawn=lambda frame: frame["drawn"] == "yes"),
        path=path,
    )
