"""Safe reading of YAML and JSON into plain Python values, within limits.

Nothing in a file is ever run: YAML is read event by event with the safe
resolver (libyaml's parser where it is installed), and only the standard tags
are accepted. Duplicate mapping keys, aliases that expand too far, nesting that
is too deep and files that are too large are reported as :class:`Problem`
values with their paths; :func:`read` raises one :class:`mtib.DataError`.

>>> read_text('sources: [{id: "a"}]', "yaml")
{'sources': [{'id': 'a'}]}
>>> read_text('{"a": 1, "a": 2}', "json")
Traceback (most recent call last):
...
mtib.core.errors.DataError: 1 problem in the data:
  $.a: duplicate key 'a' (each key may occur once in a mapping)
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs
import yaml
import yaml.constructor
import yaml.events
import yaml.nodes
import yaml.reader
import yaml.resolver

from mtib.core.errors import DataError, Problem, ProblemList, path_join
from mtib.core.fields import shown

__all__ = ["Format", "JsonStream", "Limits", "NotStreamable", "format_of", "path_join", "read", "read_text", "stream"]

Format = Literal["yaml", "json", "csv"]


@attrs.frozen
class Limits:
    """Bounds on what one input file may hold; exceeding one is a :class:`DataError`.

    >>> Limits().max_depth
    64
    >>> Limits(max_bytes=1024).max_bytes
    1024
    """

    max_bytes: int = 64 * 1024 * 1024
    """The largest file, in bytes."""
    max_depth: int = 64
    """The deepest nesting of mappings and lists."""
    max_nodes: int = 5_000_000
    """The most values a document may hold once its YAML aliases are expanded."""
    max_aliases: int = 10_000
    """The most YAML aliases (``*name``) a document may use."""

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(Limits):
            value = getattr(self, field.name)
            least = 0 if field.name == "max_aliases" else 1  # max_aliases=0 forbids aliases
            if type(value) is not int or value < least:
                raise ValueError(f"Limits.{field.name} must be a whole number of at least {least}, got {value!r}")


def format_of(path: Path) -> Format:
    """The format of a file, from its suffix.

    >>> format_of(Path("x.yml")), format_of(Path("x.JSON")), format_of(Path("x.csv"))
    ('yaml', 'json', 'csv')
    """
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":  # a partnerships table (mtib.io.csvinput)
        return "csv"
    raise DataError(
        [Problem("$", f"unsupported file type {suffix or '(none)'!r}: use .yaml, .yml, .json or .csv", str(path))]
    )


def read(path: Path, limits: Limits | None = None) -> Any:
    """Read a YAML or JSON file safely. Raises :class:`DataError` on any problem.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = path.write_text('topsectors: [{id: "lsh", established: 2011}]')
    >>> read(path)
    {'topsectors': [{'id': 'lsh', 'established': 2011}]}
    >>> _ = path.write_text("a: !!python/object/apply:os.system ['true']")
    >>> read(path)
    Traceback (most recent call last):
    ...
    mtib.core.errors.DataError: 1 problem in the data:
      ...: $.a: line 1: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed ...
    """
    limits = limits or Limits()
    fmt = format_of(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):  # a FIFO would block, /dev/zero never ends
            raise DataError(
                [Problem("$", "not a regular file (a device, a pipe or a socket): nothing is read", str(path))]
            )
        with open(path, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise DataError([Problem("$", f"cannot read the file: {exc.strerror or exc}", str(path))]) from None
    if len(data) > limits.max_bytes:
        raise DataError(
            [Problem("$", f"the file is larger than the limit of {limits.max_bytes:,} bytes (max_bytes)", str(path))]
        )
    return _parse(data, fmt, limits, str(path))


def read_text(text: str | bytes, fmt: Format, limits: Limits | None = None, name: str | None = None) -> Any:
    """Parse YAML or JSON given as text or bytes. Raises :class:`DataError` on any problem.

    >>> read_text("{id: 'no', other: no}", "yaml")
    {'id': 'no', 'other': False}
    >>> read_text("x" * 20, "yaml", Limits(max_bytes=10))
    Traceback (most recent call last):
    ...
    mtib.core.errors.DataError: 1 problem in the data:
      $: the input is larger than the limit of 10 bytes (max_bytes)
    """
    limits = limits or Limits()
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > limits.max_bytes:
        raise DataError(
            [Problem("$", f"the input is larger than the limit of {limits.max_bytes:,} bytes (max_bytes)", name)]
        )
    return _parse(data, fmt, limits, name)


def _parse(data: bytes, fmt: Format, limits: Limits, name: str | None) -> Any:
    text = _decode(data, name)
    if text.strip() == "":
        raise DataError([Problem("$", "the file is empty", name)])
    problems = ProblemList()  # the first MAX_PROBLEMS kept, the rest counted
    if fmt == "csv":  # a partnerships table: rows become the raw mappings a YAML file would give
        from mtib.io.csvinput import parse_csv

        value = parse_csv(text, limits, problems)
    else:
        value = _read_json(text, limits, problems) if fmt == "json" else _read_yaml(text, limits, problems)
    if problems:
        raise DataError((attrs.evolve(p, file=name) for p in problems), total=problems.total, stopped=problems.stopped)
    return value


def _decode(data: bytes, name: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem("$", "the file is UTF-16 encoded: save it as UTF-8", name)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem("$", f"the file is not valid UTF-8 (byte {exc.start}, line {line}): save it as UTF-8", name)]
        ) from None


class _Fatal(Exception):
    """Stops reading; the problem is already recorded."""


# ---------------------------------------------------------------------------- YAML

_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS: dict[str, Callable[[yaml.nodes.ScalarNode], Any]] = {
    _TAG + "null": lambda node: None,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "str": lambda node: node.value,
    _TAG + "value": lambda node: node.value,  # a plain '=' (YAML 1.1's !!value) is just the text "="
    _TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
_MERGE = _TAG + "merge"
_LIBYAML_MAX_DEPTH = 1000  # libyaml refuses deeper nesting itself


@attrs.define
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: str
    anchor: str | None
    weight: int = 1
    key: Any = None
    has_key: bool = False
    key_line: int = 0
    merges: list[dict[Any, Any]] = attrs.Factory(list)
    explicit: set[Any] = attrs.Factory(set)


def _read_yaml(text: str, limits: Limits, problems: list[Problem]) -> Any:
    loader = _SafeLoader(text)
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    documents = 0
    aliases = 0
    root: Any = None

    def where() -> str:
        if not stack:
            return "$"
        top = stack[-1]
        if isinstance(top.container, list):
            return path_join(top.path, len(top.container))
        return path_join(top.path, top.key) if top.has_key and isinstance(top.key, str) else top.path

    def fail(message: str, path: str | None = None) -> None:
        problems.append(Problem(path or where(), message))
        raise _Fatal

    def add(value: Any, weight: int, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        top.weight += weight
        if top.weight > limits.max_nodes:
            fail(f"the document expands to more than {limits.max_nodes:,} values (max_nodes)")
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if not top.has_key:
            if isinstance(value, (dict, list)):
                problems.append(
                    Problem(
                        top.path,
                        f"line {line}: a mapping key must be a plain value, not a {_describe_container(value)}",
                    )
                )
                value = f"<invalid key {len(top.container)}>"
            top.key, top.has_key, top.key_line = value, True, line
            return
        key = top.key
        top.has_key = False
        if key is _MergeKey:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if not isinstance(item, dict):
                    problems.append(Problem(top.path, f"line {top.key_line}: '<<' merges only mappings"))
                    continue
                top.merges.append(item)
            return
        try:
            hash(key)
        except TypeError:
            key = repr(key)
        if key in top.explicit:
            problems.append(
                Problem(
                    path_join(top.path, key if isinstance(key, str) else str(key)),
                    f"line {top.key_line}: duplicate key {key!r} (each key may occur once in a mapping)",
                )
            )
            return
        top.explicit.add(key)
        top.container[key] = value

    try:
        while loader.check_event():
            event = loader.get_event()
            line = (event.start_mark.line + 1) if event.start_mark is not None else 0
            if isinstance(event, yaml.events.ScalarEvent):
                top = stack[-1] if stack else None
                if (
                    top is not None
                    and isinstance(top.container, dict)
                    and not top.has_key
                    and event.value == "<<"
                    and event.tag is None
                    and event.implicit[0]
                ):
                    top.key, top.has_key, top.key_line = _MergeKey, True, line
                    continue
                value = _scalar(event, problems, where)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                add(value, 1, line)
            elif isinstance(event, (yaml.events.MappingStartEvent, yaml.events.SequenceStartEvent)):
                if len(stack) >= limits.max_depth:
                    fail(f"nesting deeper than {limits.max_depth} levels (max_depth)")
                is_map = isinstance(event, yaml.events.MappingStartEvent)
                tag = event.tag
                expected = _TAG + ("map" if is_map else "seq")
                if tag not in (None, "!", expected):
                    problems.append(
                        Problem(
                            where(),
                            f"line {line}: {_tag_refused(tag)}",
                        )
                    )
                frame = _Frame({} if is_map else [], where(), event.anchor)
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                stack.append(frame)
            elif isinstance(event, (yaml.events.MappingEndEvent, yaml.events.SequenceEndEvent)):
                frame = stack.pop()
                if isinstance(frame.container, dict) and frame.merges:
                    for merged in frame.merges:
                        for k, v in merged.items():
                            if k not in frame.container:
                                frame.container[k] = v
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.container, frame.weight)
                    open_anchors.discard(frame.anchor)
                add(frame.container, frame.weight, line)
            elif isinstance(event, yaml.events.AliasEvent):
                aliases += 1
                if aliases > limits.max_aliases:
                    fail(f"more than {limits.max_aliases:,} aliases (max_aliases)")
                if event.anchor in open_anchors:
                    fail(f"line {line}: the alias *{event.anchor} refers to a node that contains it (recursive)")
                if event.anchor not in anchors:
                    fail(f"line {line}: the alias *{event.anchor} has no anchor &{event.anchor} before it")
                value, weight = anchors[str(event.anchor)]
                add(value, weight, line)
            elif isinstance(event, yaml.events.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    fail("the file holds more than one YAML document ('---'); use one", "$")
            # StreamStart/StreamEnd/DocumentEnd need nothing.
    except _Fatal:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own bound, met before ours
            depth = min(limits.max_depth, _LIBYAML_MAX_DEPTH)
            problems.append(Problem(where(), f"{at}nesting deeper than {depth} levels (max_depth)"))
        else:
            problems.append(Problem(where(), f"invalid YAML at {at}{exc.problem or exc}"))
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        problems.append(
            Problem(where(), f"line {line}: the character {character!r} is not allowed in YAML ({exc.reason})")
        )
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(where(), f"invalid YAML: {exc}"))
        return None
    except RecursionError:
        problems.append(Problem("$", "the document is nested too deeply"))
        return None
    finally:
        loader.dispose()
    if documents == 0:
        problems.append(Problem("$", "the file is empty"))
    return root


def _tag_refused(tag: str | None) -> str:
    return f"the YAML tag {tag!r} is not allowed (only plain data is read; nothing is ever run)"


def _describe_container(value: object) -> str:
    return "mapping" if isinstance(value, dict) else "list"


class _MergeKeyType:
    def __repr__(self) -> str:
        return "'<<'"


_MergeKey: Any = _MergeKeyType()


def _scalar(event: yaml.events.ScalarEvent, problems: list[Problem], where: Callable[[], str]) -> Any:
    tag = event.tag
    if tag == "!":
        tag = _TAG + "str"
    elif tag is None:
        tag = _RESOLVER.resolve(yaml.nodes.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    build = _SCALAR_TAGS.get(tag)
    line = event.start_mark.line + 1 if event.start_mark is not None else 0
    if build is None:
        problems.append(
            Problem(
                where(),
                f"line {line}: the YAML tag {tag!r} is not allowed (only plain data is read; nothing is ever run)",
            )
        )
        return None
    if event.tag is None and not event.style and tag in (_TAG + "int", _TAG + "float"):  # plain, unquoted
        ambiguous = _yaml11_number(event.value)
        if ambiguous:
            problems.append(
                Problem(
                    where(),
                    f"line {line}: {ambiguous}: write {shown(event.value)} in quotes if it is a text,"
                    " or the number in plain decimal",
                )
            )
            return None
    if _SURROGATE.search(event.value):
        problems.append(Problem(where(), f"line {line}: {_SURROGATE_MESSAGE}"))
        return None
    node = yaml.nodes.ScalarNode(tag, event.value, style=event.style)
    try:
        return build(node)
    except Exception as exc:  # noqa: BLE001 - PyYAML's constructors fail in many ways on odd text
        kind = tag.rsplit(":", 1)[-1]
        problems.append(Problem(where(), f"line {line}: the {kind} {event.value!r} cannot be read: {exc}"))
        return None


_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")
_OCTAL = re.compile(r"[-+]?0[0-7_]+\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_MESSAGE = "the text holds a lone UTF-16 surrogate (half of a character from a \\u escape), which is not text"


def _yaml11_number(value: str) -> str | None:
    """What YAML 1.1 silently makes of a plain scalar that looks like something else, or ``None``.

    Both are refused, like the YAML 1.1 booleans: checked with linear patterns, before any
    base-60 arithmetic (which is quadratic in the length of a long ``1:59:59:...``).

    >>> _yaml11_number("33:40")
    'an unquoted base-60 number in YAML 1.1 (33:40 is read as 2020)'
    >>> _yaml11_number("010"), _yaml11_number("10"), _yaml11_number("0"), _yaml11_number("1.5")
    ('an unquoted octal number in YAML 1.1 (010 is read as 8)', None, None, None)
    """
    if _SEXAGESIMAL.match(value):
        return "an unquoted base-60 number in YAML 1.1 (33:40 is read as 2020)"
    if _OCTAL.match(value):
        return "an unquoted octal number in YAML 1.1 (010 is read as 8)"
    return None


# ---------------------------------------------------------------------------- JSON


class _DuplicateKeys(dict[str, Any]):
    """A JSON object that had duplicate keys (they are reported with their path)."""

    duplicates: list[str]


def _pairs_hook(flag: list[bool]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """An object hook that marks objects with duplicate keys and raises ``flag`` when it sees one."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        seen: set[str] = set()
        marked = _DuplicateKeys(result)
        marked.duplicates = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        flag[0] = True
        return marked

    return hook


class NonFiniteNumber(float):
    """``NaN``, ``Infinity`` or a number too large for a float, as written in a JSON file.

    It is read (so that the problem is reported at the value's path) and then refused by
    the type checks, which show it as it was written.

    >>> repr(NonFiniteNumber("1e400"))
    '1e400'
    """

    text: str

    def __new__(cls, text: str) -> NonFiniteNumber:
        number = super().__new__(cls, float(text.replace("Infinity", "inf")))
        number.text = text
        return number

    def __repr__(self) -> str:
        return self.text


def _constant(name: str) -> Any:
    return NonFiniteNumber(name)


def _float(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else NonFiniteNumber(text)


def _read_json(text: str, limits: Limits, problems: list[Problem]) -> Any:
    duplicates = [False]
    try:
        value = json.loads(
            text, object_pairs_hook=_pairs_hook(duplicates), parse_constant=_constant, parse_float=_float
        )
    except json.JSONDecodeError as exc:
        problems.append(Problem("$", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"))
        return None
    except ValueError as exc:
        problems.append(Problem("$", f"invalid JSON: {exc}"))
        return None
    except RecursionError:
        problems.append(Problem("$", f"nesting deeper than {limits.max_depth} levels (max_depth)"))
        return None
    surrogates = "\\u" in text and _ESCAPED_SURROGATE.search(text) is not None
    if duplicates[0] or surrogates or _json_too_deep(text, limits.max_depth):
        _json_problems(value, limits, problems)  # the slow walk, with paths, only when needed
    return value


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


_QUOTE_AND_BRACKETS = b'"[]{}'
_AS_PARENTHESES = bytes.maketrans(b"[{]}", b"(())")
_NOT_QUOTE_OR_BRACKET = bytes(c for c in range(256) if c not in _QUOTE_AND_BRACKETS)
_QUOTED = re.compile(rb'"[^"]*"')


def _json_too_deep(text: str, max_depth: int) -> bool:
    r"""Whether the containers of a valid JSON text nest deeper than ``max_depth`` levels.

    Exact, and found with a few C-speed passes over the bytes instead of a walk over the
    parsed values. The escapes go first (a backslash only occurs inside strings, and
    ``\\`` and ``\"`` are the only escapes that hold a quote or a backslash), then all but
    the quotes and brackets, then the strings with the brackets inside them: what remains
    is one bracket pair per container. Each pass that removes every ``()`` removes the
    innermost containers, one level of nesting.

    >>> _json_too_deep('{"a": [1, {"b": "]]"}]}', 3), _json_too_deep('{"a": [1, {"b": "[["}]}', 2)
    (False, True)
    >>> _json_too_deep(r'["\"[", "\\", [[]]]', 3), _json_too_deep(r'["\"[", "\\", [[]]]', 2)
    (False, True)
    >>> _json_too_deep('"[[["', 0), _json_too_deep("[]", 0)
    (False, True)
    """
    data = text.encode("utf-8")
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Two adjacent quotes are an empty string, or the end of one string and the start of
    # the next with no bracket between: dropping them keeps every bracket inside or outside
    # the strings as it was.
    nesting = data.translate(_AS_PARENTHESES, _NOT_QUOTE_OR_BRACKET).replace(b'""', b"")
    if b'"' in nesting:
        nesting = _QUOTED.sub(b"", nesting)  # the strings that hold brackets (few)
    for _ in range(max_depth):
        if not nesting:
            return False
        nesting = nesting.replace(b"()", b"")
    return bool(nesting)


def _json_problems(value: Any, limits: Limits, problems: list[Problem]) -> None:
    todo: list[tuple[Any, str, int]] = [(value, "$", 0)]
    while todo:
        item, path, depth = todo.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                problems.append(Problem(path, _SURROGATE_MESSAGE))
        elif isinstance(item, dict):
            if depth >= limits.max_depth:
                problems.append(Problem(path, f"nesting deeper than {limits.max_depth} levels (max_depth)"))
                return
            if isinstance(item, _DuplicateKeys):
                for key in item.duplicates:
                    problems.append(
                        Problem(path_join(path, key), f"duplicate key {key!r} (each key may occur once in a mapping)")
                    )
            for key in item:
                if _SURROGATE.search(key):
                    problems.append(Problem(path, f"a key: {_SURROGATE_MESSAGE}"))
            todo.extend((v, path_join(path, k), depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            if depth >= limits.max_depth:
                problems.append(Problem(path, f"nesting deeper than {limits.max_depth} levels (max_depth)"))
                return
            todo.extend((v, path_join(path, i), depth + 1) for i, v in enumerate(item))


# ------------------------------------------------------------------ large JSON files, record by record

STREAM_BYTES = 4 * 1024 * 1024
"""JSON files of at least this many bytes are read one record at a time (:func:`stream`)."""


class NotStreamable(Exception):
    """The file cannot be read record by record without a problem: read it whole with :func:`read`.

    >>> next(JsonStream("[]", Limits()).collections())
    Traceback (most recent call last):
    ...
    mtib.io.reading.NotStreamable
    """


class JsonStream:
    """A JSON data file (a mapping of lists of records) read one record at a time.

    A large file read whole is held twice, as its parsed values and as the records made
    from them, and the memory of the parsed values is left scattered between the records.
    Read record by record, only one record's parsed values exist at a time. The records'
    values are parsed exactly as :func:`read` parses them (the same decoder and hooks);
    anything :func:`read` would report (invalid JSON, duplicate keys, nesting too deep,
    escaped surrogates) or a top level that is not a mapping of lists raises
    :class:`NotStreamable`, possibly only once every record is read: the caller then
    drops what it made and reads the file with :func:`read`, which reports the problems.

    >>> s = JsonStream('{"sources": [{"id": "a"}, {"id": "b"}], "themes": []}', Limits())
    >>> [(key, list(items)) for key, items in s.collections()]
    [('sources', [{'id': 'a'}, {'id': 'b'}]), ('themes', [])]
    >>> [list(items) for _, items in JsonStream('{"a": [1, 2', Limits()).collections()]
    Traceback (most recent call last):
    ...
    mtib.io.reading.NotStreamable
    """

    __slots__ = ("_duplicates", "_end", "_scan", "_text")

    def __init__(self, text: str, limits: Limits) -> None:
        if ("\\u" in text and _ESCAPED_SURROGATE.search(text) is not None) or _json_too_deep(text, limits.max_depth):
            raise NotStreamable
        self._text = text
        self._duplicates = [False]
        decoder = json.JSONDecoder(
            object_pairs_hook=_pairs_hook(self._duplicates), parse_constant=_constant, parse_float=_float
        )
        self._scan: Callable[[str, int], tuple[Any, int]] = decoder.scan_once  # type: ignore[attr-defined]
        self._end = 0

    def _skip(self, at: int) -> int:
        found = _WHITESPACE.match(self._text, at)
        return at if found is None else found.end()  # it always matches

    def collections(self) -> Iterator[tuple[str, Iterator[Any]]]:
        """Each key of the top level with its records, in order; each must be read to its end before the next.

        >>> [(key, list(items)) for key, items in JsonStream('{"sources": [{"id": "a"}]}', Limits()).collections()]
        [('sources', [{'id': 'a'}])]
        """
        text = self._text
        try:
            at = self._skip(0)
            if text[at] != "{":
                raise NotStreamable
            at = self._skip(at + 1)
            seen: set[str] = set()
            while text[at] != "}":
                if text[at] != '"':
                    raise NotStreamable
                key, at = _scanstring(text, at + 1)
                at = self._skip(at)
                if text[at] != ":" or key in seen:
                    raise NotStreamable
                seen.add(key)
                at = self._skip(at + 1)
                if text[at] != "[":
                    raise NotStreamable  # null or not a list: reported by the whole read
                self._end = -1
                yield key, self._items(at + 1)
                if self._end < 0:
                    raise NotStreamable  # the records were not all read
                at = self._skip(self._end)
                if text[at] == ",":
                    at = self._skip(at + 1)
                    if text[at] == "}":
                        raise NotStreamable
                elif text[at] != "}":
                    raise NotStreamable
            if self._skip(at + 1) != len(text) or self._duplicates[0]:
                raise NotStreamable
        except (IndexError, ValueError, RecursionError):  # JSONDecodeError is a ValueError
            raise NotStreamable from None

    def _items(self, at: int) -> Iterator[Any]:
        text, scan = self._text, self._scan
        try:
            at = self._skip(at)
            if text[at] == "]":
                self._end = at + 1
                return
            while True:
                value, at = scan(text, at)
                yield value
                at = self._skip(at)
                if text[at] == "]":
                    self._end = at + 1
                    return
                if text[at] != ",":
                    raise NotStreamable
                at = self._skip(at + 1)
        except (StopIteration, IndexError, ValueError, RecursionError):
            raise NotStreamable from None


_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as the decoder skips it
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def stream(path: Path, limits: Limits | None = None) -> JsonStream | None:
    """A large JSON file to read record by record, or ``None``: read it with :func:`read`.

    ``None`` for a file that is not JSON, smaller than :data:`STREAM_BYTES`, or that
    :func:`read` would refuse before parsing it (too large, not a regular file,
    unreadable, not UTF-8): :func:`read` reports those.

    >>> import tempfile
    >>> small = Path(tempfile.mkdtemp()) / "small.json"
    >>> _ = small.write_text('{"sources": []}')
    >>> stream(small) is None
    True
    """
    limits = limits or Limits()
    try:
        if format_of(path) != "json" or not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except (OSError, DataError):
        return None
    if len(data) < STREAM_BYTES or len(data) > limits.max_bytes or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    del data  # the text is what is parsed
    try:
        return JsonStream(text, limits)
    except NotStreamable:
        return None


def environ_limits() -> Limits:
    """The limits for users' files: ``MTIB_MAX_BYTES``, ``MTIB_MAX_DEPTH``, ``MTIB_MAX_NODES``
    and ``MTIB_MAX_ALIASES`` where set, else the defaults. This is how the command line's
    limits are raised. A value that is not a positive whole number is an error that names
    its variable.

    >>> environ_limits() == Limits() or any(k.startswith("MTIB_MAX_") for k in os.environ)
    True
    """
    from mtib.core.errors import MtibError

    values: dict[str, int] = {}
    for field in attrs.fields(Limits):
        name = f"MTIB_{field.name.upper()}"
        raw = os.environ.get(name)
        if raw is None:
            continue
        text = raw.strip().replace("_", "")
        if not (text.isascii() and text.isdigit()) or int(text) < 1:  # ASCII digits only (not '²' or '３')
            raise MtibError(f"the environment variable {name} must be a positive whole number, not {raw!r}")
        values[field.name] = int(text)
    return Limits(**values)
