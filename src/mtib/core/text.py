"""Normalisation of names for lookups and search.

Lookups ignore case, accents, punctuation, and the difference between ``&``,
``en`` and ``and``:

>>> normalise("Agri & Food") == normalise("agri en food") == normalise("AGRI-AND-FOOD")
True
>>> normalise("Landbouw, Water & Voedsel")
'landbouw water and voedsel'
>>> normalise("Coöperatie")
'cooperatie'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["compact", "normalise", "tokens"]

_NON_WORD = re.compile(r"[^0-9a-z]+")
_CONNECTIVES = {"en": "and", "and": "and"}
_EN = re.compile(r"\ben\b")


def normalise(text: str) -> str:
    """A key for ``text`` that ignores case, accents, punctuation and ``&``/``en``/``and``.

    >>> normalise("Water & Maritiem")
    'water and maritiem'
    """
    if text.isascii():  # the common case, in C: the same key as the words of tokens() joined
        key = _NON_WORD.sub(" ", text.replace("&", " and ").lower()).strip()
        return _EN.sub("and", key) if "en" in key else key
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    """The normalised words of ``text``.

    >>> tokens("Life Sciences & Health")
    ['life', 'sciences', 'and', 'health']
    """
    text = text.replace("&", " and ")  # "~" and other punctuation separate words anyway
    if text.isascii():  # no accents to take off, and casefold() is lower(): the common case, 10x faster
        stripped = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return [_CONNECTIVES.get(w, w) for w in _NON_WORD.split(stripped) if w]


def compact(text: str) -> str:
    """:func:`normalise` without the spaces, so that ``"High Tech"`` meets ``"Hightech"``.

    >>> compact("High Tech Systemen") == compact("HighTech systemen")
    True
    """
    return normalise(text).replace(" ", "")
