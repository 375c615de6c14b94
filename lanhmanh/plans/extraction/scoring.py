"""Score an extraction against a reference answer, as the spec says (plan-extraction.md):

- targets: precision/recall/F1 on the set of keys (kind, op, value, value_max, year), numbers
  compared numerically (20 == 20.0);
- responsibilities: agency names matched one-to-one, a pair matching when rapidfuzz
  ``token_set_ratio`` ≥ 90 after case-folding and turning dashes and punctuation into spaces;
- reporting: the set of frequencies;
- document: ``number``, ``issued_on`` and ``years`` each right (1.0) or wrong (0.0).

A document's F1 is 1.0 where both sets are empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

NAME_THRESHOLD = 90
DOCUMENT_FIELDS = ("number", "issued_on", "years")
_PUNCT = re.compile(r"[^\w\s]|_")


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    predicted: int
    reference: int


def prf(tp: int, predicted: int, reference: int) -> PRF:
    if predicted == 0 and reference == 0:
        return PRF(1.0, 1.0, 1.0, 0, 0, 0)
    precision = tp / predicted if predicted else 0.0
    recall = tp / reference if reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, tp, predicted, reference)


def _number(value):
    if value is None:
        return None
    return float(value)


def target_key(target: dict) -> tuple:
    return (
        target.get("kind"),
        target.get("op"),
        _number(target.get("value")),
        _number(target.get("value_max")),
        None if target.get("year") is None else int(target["year"]),
    )


def set_prf(predicted: set, reference: set) -> PRF:
    return prf(len(predicted & reference), len(predicted), len(reference))


def score_targets(predicted: list[dict], reference: list[dict]) -> PRF:
    return set_prf({target_key(t) for t in predicted}, {target_key(t) for t in reference})


def normalise_name(name: str) -> str:
    """Case-fold; dashes and punctuation become spaces."""
    text = _PUNCT.sub(" ", name.casefold())
    return " ".join(text.split())


def names_match(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(normalise_name(a), normalise_name(b)) >= NAME_THRESHOLD


def match_names(predicted: list[str], reference: list[str]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predicted to reference names (augmenting paths)."""
    edges = [[j for j, ref in enumerate(reference) if names_match(pred, ref)] for pred in predicted]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(predicted)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def score_responsibilities(predicted: list[dict], reference: list[dict]) -> PRF:
    pred = [r["agency"] for r in predicted]
    ref = [r["agency"] for r in reference]
    return prf(len(match_names(pred, ref)), len(pred), len(ref))


def score_reporting(predicted: list[dict], reference: list[dict]) -> PRF:
    return set_prf({r["frequency"] for r in predicted}, {r["frequency"] for r in reference})


def _same(field: str, a, b) -> bool:
    if field == "years":
        return sorted(int(y) for y in (a or [])) == sorted(int(y) for y in (b or []))
    return a == b


def score_document(predicted: dict, reference: dict) -> dict[str, float]:
    return {
        field: 1.0 if _same(field, predicted.get(field), reference.get(field)) else 0.0
        for field in DOCUMENT_FIELDS
    }


def score(predicted: dict, reference: dict) -> dict:
    """Per-document scores: F1 of targets, responsibilities, reporting; document fields."""
    targets = score_targets(predicted.get("targets", []), reference.get("targets", []))
    resp = score_responsibilities(
        predicted.get("responsibilities", []), reference.get("responsibilities", [])
    )
    reporting = score_reporting(predicted.get("reporting", []), reference.get("reporting", []))
    return {
        "targets": targets.f1,
        "responsibilities": resp.f1,
        "reporting": reporting.f1,
        "document": score_document(predicted.get("document", {}), reference.get("document", {})),
        "detail": {"targets": targets, "responsibilities": resp, "reporting": reporting},
    }


def mean_scores(scores: list[dict]) -> dict:
    if not scores:
        return {}
    n = len(scores)
    return {
        "targets": sum(s["targets"] for s in scores) / n,
        "responsibilities": sum(s["responsibilities"] for s in scores) / n,
        "reporting": sum(s["reporting"] for s in scores) / n,
        "document": {
            field: sum(s["document"][field] for s in scores) / n for field in DOCUMENT_FIELDS
        },
    }
