"""Whether a break-glass reason is stated in real words (pure Python, no Django).

A reason is kept in the access log and read by the coordinator who reviews break-glass
reads, so it must say something: at least ``MIN_CHARS`` characters and ``MIN_WORDS``
different words. A word is a run of letters (Vietnamese diacritics allowed) of at least
two letters, not one letter repeated, with a vowel in it (every Vietnamese and nearly
every English word has one: "zxcv" is not a word). So "aaaaaaaaaa", "aaa aaa aaa",
"xem xem xem xem" and "asdf qwrt zxcv" are refused, "Công an đề nghị xác minh" passes.
"""

from __future__ import annotations

import re
import unicodedata

MIN_CHARS = 15
MIN_WORDS = 3
VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"[^\W\d_]+")


def _base_letters(word: str) -> str:
    """Letters without diacritics: "đường" → "duong"."""
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def real_words(text: str) -> set[str]:
    """The different real words of ``text`` (case-folded)."""
    words = set()
    for word in _WORD.findall(text or ""):
        folded = word.casefold()
        base = _base_letters(folded)
        if len(folded) < 2 or len(set(folded)) == 1 or not VOWELS & set(base):
            continue
        words.add(folded)
    return words


def is_real_reason(text: str) -> bool:
    """At least ``MIN_CHARS`` characters and ``MIN_WORDS`` different real words."""
    text = " ".join((text or "").split())
    return len(text) >= MIN_CHARS and len(real_words(text)) >= MIN_WORDS
