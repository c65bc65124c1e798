"""Text as people type it: NFC-normalised cells and comparison keys that forgive case,
diacritics, spacing and the administrative prefixes of commune names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def per_value(function: Callable[[object], T]) -> Callable[[object], T]:
    """Cache a pure cell parser per distinct value (typed: 1, 1.0 and True stay apart); a case
    list of millions of rows repeats the same dates, names and counts."""
    cached = lru_cache(maxsize=1 << 16, typed=True)(function)

    @wraps(function)
    def parse(value: object) -> T:
        try:
            return cached(value)
        except TypeError:  # an unhashable value: parse it uncached
            return function(value)

    return parse


@per_value
def clean_text(value: object) -> str | None:
    """NFC-normalised text without surrounding or repeated spaces; None for blank cells."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


@per_value
def match_key(value: object) -> str:
    """A comparison key that ignores case, diacritics, đ/Đ, punctuation and spacing."""
    text = unicodedata.normalize("NFD", clean_text(value) or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", text.lower())


# Administrative prefixes people write, or leave out, before a commune's name.
COMMUNE_PREFIXES = re.compile(r"^(thị trấn|thi tran|phường|phuong|xã|xa|tt|p|x)(\.\s*|\s+)", re.IGNORECASE)


def commune_name_key(value: object, diacritics: bool = True) -> str:
    """A commune name without its "Xã"/"Phường"/"Thị trấn"/"TT." prefix, case or spacing; with
    diacritics=False also without accents, for names typed on a keyboard without Vietnamese."""
    text = COMMUNE_PREFIXES.sub("", clean_text(value) or "")
    if not diacritics:
        return match_key(text)
    return re.sub(r"[^\w]+", "", text.lower().replace("Đ", "đ"))
