"""Agreement between two independent codings of the same units: Cohen's kappa and Krippendorff's alpha for
nominal codes (two coders, every unit coded by both), overall and per code.

Both compare the observed agreement with the agreement expected by chance: kappa from each coder's own code
frequencies, alpha from the pooled frequencies with a small-sample correction. 0.8 is the usual bar for trusting a
code, 0.667 for tentative use (Krippendorff 2004).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """(p_o - p_e) / (1 - p_e), with p_e from each coder's marginal frequencies; 1.0 when both agree on one code."""
    if len(a) != len(b) or not a:
        raise ValueError("two codings of the same, non-empty list of units are needed")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[c] * count_b[c] for c in count_a.keys() | count_b.keys()) / n**2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def krippendorff_alpha(a: list[str], b: list[str]) -> float:
    """Nominal alpha for two coders and no missing values: 1 - D_o / D_e, where D_o is the share of disagreeing
    pairable values and D_e the disagreement expected from the pooled values (n = 2 x units)."""
    if len(a) != len(b) or not a:
        raise ValueError("two codings of the same, non-empty list of units are needed")
    n = 2 * len(a)
    pooled = Counter(a) + Counter(b)
    disagree_observed = 2 * sum(x != y for x, y in zip(a, b))  # each disagreeing unit gives two ordered pairs
    disagree_expected = (n * n - sum(c * c for c in pooled.values())) / (n - 1)
    return 1.0 if disagree_expected == 0 else 1 - disagree_observed / disagree_expected


def agreement_table(first: pd.Series, second: pd.Series, codes: list[str]) -> pd.DataFrame:
    """Overall and per-code agreement of two codings of the same units (two Series with one index), over the
    units both coded (an empty code is a unit a coder could not code): for each code, alpha and kappa on "this
    code or not", with how often each coder used it."""
    first, second = first.sort_index(), second.reindex(first.sort_index().index)
    coded = (first.fillna("") != "") & (second.fillna("") != "")  # units both coders coded
    a, b = list(first[coded]), list(second[coded])
    if not a:
        return pd.DataFrame(columns=["units", "coder_a", "coder_b", "agreement", "alpha", "kappa"]).rename_axis("code")
    rows = [
        {
            "code": "all codes",
            "units": len(a),
            "coder_a": len(a),
            "coder_b": len(b),
            "agreement": sum(x == y for x, y in zip(a, b)) / len(a),
            "alpha": krippendorff_alpha(a, b),
            "kappa": cohen_kappa(a, b),
        }
    ]
    for code in codes:
        is_a, is_b = [x == code for x in a], [y == code for y in b]
        rows.append(
            {
                "code": code,
                "units": len(a),
                "coder_a": sum(is_a),
                "coder_b": sum(is_b),
                "agreement": sum(x == y for x, y in zip(is_a, is_b)) / len(a),
                "alpha": krippendorff_alpha(is_a, is_b),
                "kappa": cohen_kappa(is_a, is_b),
            }
        )
    return pd.DataFrame(rows).set_index("code").round(3)
