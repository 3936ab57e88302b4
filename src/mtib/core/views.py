"""How a record shows itself in Jupyter and IPython: the :class:`Viewable` mixin.

Jupyter shows an object's ``_repr_html_``; IPython's terminal calls its
``_repr_pretty_``. Every record inherits both from :class:`Viewable`: a table of
the fields that are set (those that differ from their default), drawn with
:mod:`mtib.core.tables`. No dataset is needed, and ``repr()`` and ``str()`` are
the records' own. A record does not know its dataset, so these views give the ids it
refers to; :meth:`mtib.Dataset.view` shows a record with the names of what it refers to.

>>> import mtib
>>> print(record_text(mtib.load().topsectors["lsh"]).splitlines()[0])
Topsector 'lsh': Life Sciences & Health
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from mtib.core.labels import enum_label, enum_word, label
from mtib.core.tables import clip, html_table

__all__ = ["Viewable", "pretty", "record_fields", "record_html", "record_text", "record_title"]


def pretty(obj: object, text: str, printer: Any, cycle: bool) -> None:
    """IPython's ``_repr_pretty_`` protocol: print ``text``, or a placeholder when IPython finds a cycle.

    >>> class Printer:
    ...     def text(self, s): print(s)
    >>> pretty(3, "three", Printer(), False), pretty(3, "three", Printer(), True)
    three
    <int ...>
    (None, None)
    """
    printer.text(f"<{type(obj).__name__} ...>" if cycle else text)


def _own_str(value: object) -> bool:
    return type(value).__str__ is not object.__str__


def _value_text(value: Any, nested: bool = False) -> str:
    """A field's value as short text: enums by value, a bilingual text in both languages, values
    with a ``str()`` of their own by it, other attrs values as ``field: value`` pairs, collections joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if attrs.has(type(value)):
        if tuple(f.name for f in attrs.fields(type(value))) == ("nl", "en"):  # a bilingual text: both languages
            texts = (("nl", getattr(value, "nl", None)), ("en", getattr(value, "en", None)))
            return " | ".join(f"{lang}: {text}" for lang, text in texts if text)
        if _own_str(value):
            relation = getattr(value, "relation", None)  # an SDG link that is not direct says so
            if isinstance(relation, enum.Enum) and relation.value != "direct":
                return f"{value} ({enum_word(relation)})"
            return str(value)
        text = ", ".join(f"{name}: {_value_text(v, nested=True)}" for name, v in _set_fields(value))
        return f"({text})" if nested else text
    if isinstance(value, (tuple, list, frozenset, set)):
        items = [_value_text(v, nested=True) for v in value]
        if isinstance(value, (frozenset, set)):
            items.sort()
        return "; ".join(items) if any(attrs.has(type(v)) for v in value) else ", ".join(items)
    return str(value)


def _set_fields(value: Any) -> Iterable[tuple[str, Any]]:
    """The fields of an attrs value that differ from their default, in declaration order."""
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if default is attrs.NOTHING or current != default:
            yield field.name, current


def record_title(record: Any) -> str:
    """A record's kind, id and English name (its ``name``, ``title`` or ``statement``, the first that is set).

    >>> import mtib
    >>> record_title(mtib.load().sdgs[3])
    "Goal '3': Good health and well-being"
    """
    for name in ("name", "title", "statement"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return f"{type(record).__name__} {record.id!r}: {value}"
        if value is not None and hasattr(value, "get"):
            return f"{type(record).__name__} {record.id!r}: {value.get('en')}"
    return f"{type(record).__name__} {record.id!r}"


def record_fields(record: Any) -> list[tuple[str, str]]:
    """``(field, text)`` for each field of a record that is set; a partnership adds its helix type and spheres.

    >>> from mtib.core.model import HelixSphere, Organisation
    >>> record_fields(Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA, aliases=("TNO NL",)))
    [('id', 'tno'), ('name', 'TNO'), ('sphere', 'academia'), ('aliases', 'TNO NL')]
    """
    rows = [(name, _value_text(value)) for name, value in _set_fields(record)]
    helix = getattr(record, "helix_type", None)
    if isinstance(helix, enum.Enum):
        spheres = ", ".join(sorted(enum_label(s) for s in getattr(record, "spheres", ()))) or label("word.none")
        rows.append(("helix", f"{enum_label(helix)} ({spheres})"))
    return rows


def record_text(record: Any, width: int = 100) -> str:
    """A record as compact text: its title, then one line per field that is set (long values clipped).

    >>> from mtib.core.model import HelixSphere, Organisation
    >>> print(record_text(Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA)))
    Organisation 'tno': TNO
      name: TNO
      sphere: academia
    """
    lines = [record_title(record)]
    lines += [f"  {key}: {clip(value, width)}" for key, value in record_fields(record) if key != "id"]
    return "\n".join(lines)


def record_html(record: Any) -> str:
    """A record as a two-column HTML table of the fields that are set, captioned with its title.

    >>> from mtib.core.model import HelixSphere, Organisation
    >>> "<th>sphere</th><td>academia</td>" in record_html(Organisation(id="tno", name="TNO",
    ...                                                                sphere=HelixSphere.ACADEMIA))
    True
    """
    header = [label("word.field"), label("word.value")]
    return html_table(header, record_fields(record), caption=record_title(record), row_header=True)


class Viewable:
    """A mixin for records: ``_repr_html_`` for Jupyter and ``_repr_pretty_`` for IPython.

    It has no fields (``__slots__ = ()``), so frozen slotted attrs classes can inherit it.

    >>> import mtib
    >>> isinstance(mtib.load().partnerships["momentum"], Viewable)
    True
    >>> "<caption>Partnership &#x27;momentum&#x27;" in mtib.load().partnerships["momentum"]._repr_html_()
    True
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return record_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        pretty(self, record_text(self), printer, cycle)
