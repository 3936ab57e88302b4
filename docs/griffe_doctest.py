"""A griffe extension for the API reference: mtib's docstrings as Markdown.

mtib's docstrings are plain prose with doctest examples (``>>>``) and Sphinx
roles (``:class:`Dataset```). Markdown would read ``>>>`` as nested quotes and
print the roles as they are, so before mkdocstrings renders a docstring this
extension

- wraps every doctest example (a ``>>>`` line up to the next blank line) in a
  fenced ``pycon`` code block, and
- turns ``:class:`~mtib.Dataset``` and its kin into a code span (``Dataset``),
  as Sphinx would show them.

It changes only what the site shows; the docstrings and their doctests stay as
they are.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|mod|exc|data|obj|const|py:\w+):`(~?)([^`]+)`")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _role(match: re.Match[str]) -> str:
    target = match.group(2).lstrip(".")
    if match.group(1):  # ~a.b.C shows as C, as in Sphinx
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def markdown_docstring(text: str) -> str:
    """The docstring ``text`` with doctest blocks fenced and Sphinx roles as code spans.

    >>> print(markdown_docstring("See :class:`~mtib.Dataset`.\\n\\n>>> 1 + 1\\n2\\n\\nDone."))
    See `Dataset`.
    <BLANKLINE>
    ```pycon
    >>> 1 + 1
    2
    ```
    <BLANKLINE>
    Done.
    """
    out: list[str] = []
    in_block = False
    in_fence = False
    indent = ""
    for line in text.splitlines():
        if not in_block and _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        stripped = line.lstrip()
        if not in_block and stripped.startswith(">>>"):
            in_block = True
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            out.append(line)
            continue
        if in_block:
            if stripped == "":
                out.append(f"{indent}```")
                out.append(line)
                in_block = False
            else:
                out.append(line)
            continue
        out.append(_ROLE.sub(_role, line))
    if in_block:
        out.append(f"{indent}```")
    return "\n".join(out)


class DocstringMarkdown(griffe.Extension):
    """Rewrite each docstring as Markdown once griffe has read it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        docstring = obj.docstring
        if docstring is not None:
            docstring.value = markdown_docstring(docstring.value)
