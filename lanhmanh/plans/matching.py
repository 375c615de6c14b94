"""Match agency names as printed in a plan to the agency directory.

Plans name agencies without their province ("Công an tỉnh", "Sở Y tế") and the
directory names them in full ("Công an tỉnh Nghệ An"), so the comparison is a
token-set similarity on the folded names (case and diacritics ignored), among the
agencies of the plan's area; exact-order similarity breaks ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from lanhmanh.text import fold

THRESHOLD = 90
_COURTESY = re.compile(r"^(de nghi|kinh de nghi)\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalise(name: str) -> str:
    folded = _PUNCT.sub(" ", fold(name)).replace("_", " ")
    return _COURTESY.sub("", " ".join(folded.split()))


@dataclass(frozen=True)
class Match:
    agency: object | None
    score: int


def best_match(name: str, agencies) -> Match:
    """The directory agency that ``name`` most likely means, or none under the threshold."""
    wanted = normalise(name)
    if not wanted:
        return Match(None, 0)
    best, best_key = None, (0.0, 0.0)
    for agency in agencies:
        for candidate in filter(None, (agency.name, agency.short_name)):
            other = normalise(candidate)
            key = (fuzz.token_set_ratio(wanted, other), fuzz.token_sort_ratio(wanted, other))
            if key > best_key:
                best, best_key = agency, key
    if best_key[0] < THRESHOLD:
        return Match(None, int(best_key[0]))
    return Match(best, int(best_key[0]))


# "Ủy ban nhân dân các huyện, thành phố", "UBND các xã, phường": every such body below.
_COLLECTIVE = [
    (re.compile(r"^(uy ban nhan dan|ubnd) cac "), "peoples_committee"),
    (re.compile(r"^cong an cac "), "police"),
    (re.compile(r"^cac so\b"), "department"),
]


def collective_kind(name: str) -> str:
    """The kind of agency a collective heading addresses, or "" for one named body."""
    wanted = normalise(name)
    for pattern, kind in _COLLECTIVE:
        if pattern.match(wanted):
            return kind
    return ""


_DISTRICTS = re.compile(r"\b(huyen|quan|thi xa)\b")


def addresses_districts(name: str) -> bool:
    """Whether a collective heading names the districts ("UBND các huyện, thành phố, thị
    xã"): a tier that ended on 1/7/2025."""
    return bool(collective_kind(name)) and bool(_DISTRICTS.search(normalise(name)))
