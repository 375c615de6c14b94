"""Text helpers shared by every app: the normalised form used by search columns."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-fold, strip diacritics and map đ to d, so "HÀ NỘI", "Hà Nội" and "ha noi" agree.

    Both databases compare this column byte for byte, so search behaves the same on
    SQLite (whose LIKE folds ASCII only) and PostgreSQL.
    """
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d")
    text = text.replace("-", " ").replace("\u2019", "").replace("'", "")
    return _SPACES.sub(" ", text).strip()
