"""How a record's field is described once: attrs field metadata and the single-record rules.

Every field of every record is declared with :func:`field`. Besides the attrs
default and validator it records what the field *means* for the rest of mtib
(a :class:`Meta` under the metadata key ``"mtib"``): which collection an id
points into, whether a data file must give the key, whether the value is
derived from other records and never read. :mod:`mtib.core.schema` derives its
plans from this; reference checks, navigation, flat rows, CSV input, the
bundle and the JSON Schema all follow from it.

The validators here are the single-record rules. They run whenever a record is
built, in Python or from a file, so a record that exists is valid. A broken
rule raises :class:`FieldError`, a ``ValueError`` that names the field (and the
item) it is about, so that a loader can give the problem its full path.

>>> import attrs
>>> @attrs.frozen
... class Thing:
...     id: str = field("the thing's id", validator=slug)
...     sources: tuple[str, ...] = field("its sources", default=(), ref="sources", validator=unique)
>>> Thing("a-thing", ("s", "t")).sources
('s', 't')
>>> meta(attrs.fields(Thing).sources).ref
'sources'
>>> Thing("Not A Slug!")
Traceback (most recent call last):
...
mtib.core.fields.FieldError: id: malformed id 'Not A Slug!': use lowercase letters and digits joined by '-' or '_'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

__all__ = [
    "COUNTRY_RE",
    "GOAL_RE",
    "INDICATOR_RE",
    "LANGUAGE_RE",
    "META_KEY",
    "SLUG_RE",
    "TARGET_RE",
    "URL_RE",
    "FieldError",
    "Meta",
    "field",
    "meta",
    "shown",
    "unique_by",
]

# Every pattern ends in \Z (not $, which lets a trailing newline through) and is used with fullmatch.
SLUG_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
"""The form of a record id: lowercase letters and digits, joined by ``-`` or ``_``."""
GOAL_RE = re.compile(r"(?:[1-9]|1[0-7])\Z")
"""An SDG goal number as text: ``"1"`` to ``"17"``."""
TARGET_RE = re.compile(r"(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])\Z")
"""An SDG target code such as ``"3.3"`` or ``"1.a"``."""
INDICATOR_RE = re.compile(r"(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])\.[1-9][0-9]?\Z")
"""An SDG indicator code such as ``"3.3.1"``."""
LANGUAGE_RE = re.compile(r"[a-z]{2}\Z")
"""A two-letter ISO 639-1 language code."""
COUNTRY_RE = re.compile(r"[A-Z]{2}\Z")
"""A two-letter ISO 3166-1 country code."""
URL_RE = re.compile(r"https?://[^\s/$.?#][^\s]*\Z", re.ASCII)
"""A web address: ``http://`` or ``https://`` and no white space."""
_KVK_RE = re.compile(r"[0-9]{8}\Z")
_ROR_RE = re.compile(r"https://ror\.org/0[a-z0-9]{6}[0-9]{2}\Z")

META_KEY = "mtib"
"""The key of mtib's :class:`Meta` in an attrs field's metadata."""


@attrs.frozen
class Meta:
    """What a field means to mtib, beyond its type.

    ``ref`` is the collection the field's id (or ids) point into (``"*"``: a
    record of any kind); a ``soft`` reference is checked only where that
    collection has records (SDG goals and targets in a user's own file).
    ``required`` keys must be given in a data file, even when empty.
    ``derived`` values are computed from other records (a participant's
    sphere): never read from a file, never written.

    >>> Meta(doc="the topsectors", ref="topsectors").required
    False
    """

    doc: str = ""
    ref: str | None = None
    soft: bool = False
    required: bool = False
    derived: bool = False


_PLAIN = Meta()


def meta(attribute: attrs.Attribute[Any]) -> Meta:
    """The :class:`Meta` of an attrs field (an empty one where none was given).

    >>> import attrs
    >>> from mtib.core.model import Partnership
    >>> meta(attrs.fields(Partnership).participants).required
    True
    """
    found = attribute.metadata.get(META_KEY)
    return found if isinstance(found, Meta) else _PLAIN


def field(
    doc: str = "",
    *,
    default: Any = attrs.NOTHING,
    validator: Callable[[Any, attrs.Attribute[Any], Any], None]
    | list[Callable[[Any, attrs.Attribute[Any], Any], None]]
    | None = None,
    ref: str | None = None,
    soft: bool = False,
    required: bool = False,
    derived: bool = False,
) -> Any:
    """An attrs field with mtib's metadata (see :class:`Meta`).

    >>> import attrs
    >>> @attrs.frozen
    ... class Note:
    ...     text: str = field("what the note says")
    >>> meta(attrs.fields(Note).text).doc
    'what the note says'
    """
    return attrs.field(
        default=default,
        validator=validator,
        metadata={META_KEY: Meta(doc=doc, ref=ref, soft=soft, required=required, derived=derived)},
    )


class FieldError(ValueError):
    """A single-record rule is broken; ``where`` names the field and item (``("sources", 2)``).

    ``more`` holds further problems of the same value (every duplicate of a list, say),
    each as a pair of where and message; :attr:`problems` lists them all.

    >>> str(FieldError(("sources", 2), "'s' is listed twice"))
    "sources[2]: 's' is listed twice"
    """

    def __init__(
        self,
        where: tuple[str | int, ...],
        message: str,
        more: tuple[tuple[tuple[str | int, ...], str], ...] = (),
    ) -> None:
        self.where = where
        self.message = message
        self.problems: tuple[tuple[tuple[str | int, ...], str], ...] = ((where, message), *more)
        extra = f" (and {len(more)} more)" if more else ""
        super().__init__(f"{_where(where)}: {message}{extra}")


def _where(parts: tuple[str | int, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, shortened: messages never quote a long value in full.

    >>> shown("goverment")
    "'goverment'"
    >>> shown("x" * 100, limit=10)
    "'xxxxxxx...' (100 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[: limit - 3] + '...'!r} ({len(value):,} characters)"
    text = repr(value)
    return text if len(text) <= limit * 2 else f"{text[: limit - 3]}... ({len(text):,} characters)"


# ----------------------------------------------------------------------------- validators
# Each has the attrs validator signature (instance, attribute, value).


def slug(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """A record id: a lowercase slug.

    >>> slug(None, attrs.fields(Meta).doc, "tno")
    """
    if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
        raise FieldError(
            (attribute.name,), f"malformed id {shown(value)}: use lowercase letters and digits joined by '-' or '_'"
        )


def matching(regex: re.Pattern[str], message: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: ``None``, or a string that ``regex`` matches in full; ``message`` has a ``{}``
    for the value.

    >>> check = matching(re.compile(r"[0-9]{9}"), "expected a PIC of nine digits, got {}")
    >>> check(None, attrs.fields(Meta).doc, "999999999")
    """

    def check(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not (isinstance(value, str) and regex.fullmatch(value)):
            raise FieldError((attribute.name,), message.format(shown(value)))

    check.regex = regex  # type: ignore[attr-defined]  # what it accepts, for tools (test strategies)
    return check


url = matching(URL_RE, "not a web address: {} (expected http:// or https://)")
"""An optional web address (``http://`` or ``https://``)."""
country = matching(COUNTRY_RE, "expected a two-letter ISO 3166 code such as 'NL', got {}")
"""An optional two-letter country code."""
language = matching(LANGUAGE_RE, "expected a two-letter ISO 639-1 code such as 'nl', got {}")
"""An optional two-letter language code."""
kvk = matching(_KVK_RE, "expected an 8-digit KvK number, got {}")
"""An optional Dutch Chamber of Commerce number: eight ASCII digits."""
ror = matching(_ROR_RE, "expected a ROR id such as 'https://ror.org/01bnjb948', got {}")
"""An optional ROR id, as its https://ror.org/ address."""


def year(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """An optional year from 1000 to 2999.

    >>> year(None, attrs.fields(Meta).doc, 2021)
    """
    if value is not None and not (isinstance(value, int) and 1000 <= value <= 2999):
        raise FieldError((attribute.name,), f"implausible year {shown(value)} (expected 1000-2999)")


def day(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An optional date whose year is from 1000 to 2999 (as a year field's).

    >>> import datetime
    >>> day(None, attrs.fields(Meta).doc, datetime.date(2022, 11, 4))
    """
    if value is not None and not 1000 <= value.year <= 2999:
        raise FieldError((attribute.name,), f"implausible date {value.isoformat()} (expected a year 1000-2999)")


def unique(_: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """A list whose items are all different.

    >>> unique(None, attrs.fields(Meta).doc, ("a", "b"))
    """
    if len(set(value)) != len(value):
        _listed_twice(attribute, value, lambda item: item, shown)


def unique_by(
    key: Callable[[Any], object], what: Callable[[Any], str]
) -> Callable[[Any, attrs.Attribute[Any], tuple[Any, ...]], None]:
    """A list of values no two of which have the same ``key``; ``what`` names an item in the message.

    ``key`` is best an :func:`operator.attrgetter`: the check runs for every record built, and
    the common case (no two alike) is one pass in C.

    >>> import operator
    >>> from mtib.core.model import SDGLink
    >>> check = unique_by(operator.attrgetter("goal", "target"), lambda link: f"SDG {link.code}")
    >>> check(None, attrs.fields(Meta).doc, (SDGLink(goal=3), SDGLink(goal=3, target="3.9")))
    >>> check(None, attrs.fields(Meta).doc, (SDGLink(goal=3), SDGLink(goal=3)))
    Traceback (most recent call last):
    ...
    mtib.core.fields.FieldError: doc[1]: SDG 3 is listed twice
    """

    def validate(_: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if len(set(map(key, value))) != len(value):
            _listed_twice(attribute, value, key, what)

    return validate


def _listed_twice(
    attribute: attrs.Attribute[Any], value: tuple[Any, ...], key: Callable[[Any], object], what: Callable[[Any], str]
) -> None:
    """Raise the :class:`FieldError` of every item whose ``key`` an earlier item has."""
    seen: set[object] = set()
    twice: list[tuple[tuple[str | int, ...], str]] = []
    for i, item in enumerate(value):
        k = key(item)
        if k in seen:
            twice.append(((attribute.name, i), f"{what(item)} is listed twice"))
        seen.add(k)
    raise FieldError(*twice[0], more=tuple(twice[1:]))


def cited(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """A list of sources that is not empty.

    >>> cited(None, attrs.fields(Meta).doc, ("a-source",))
    """
    if not value:
        raise FieldError((attribute.name,), "needs at least one source")


def text(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An optional text that is not blank (``None`` for a missing text).

    >>> text(None, attrs.fields(Meta).doc, "Energie")
    """
    if value is not None and value.strip() == "":
        raise FieldError((attribute.name,), "must not be blank (use null for a missing text)")


def nonblank(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """A required text that is not blank.

    >>> nonblank(None, attrs.fields(Meta).doc, "TNO")
    """
    if not value.strip():
        raise FieldError((attribute.name,), "must not be blank")
