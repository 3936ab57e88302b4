"""Writing output files: completely or not at all, only over regular files, with the umask's mode.

Every file mtib writes (``dump``, every ``export`` format, the report, graphs,
plots) goes through :func:`atomic_write` or :func:`atomic_path`. The output is
written to a temporary file in the target's folder, flushed to disk, and only
then renamed over the target, so a full disk, a crash or an interrupt leaves
the old file (or no file) in place, never a truncated one. The temporary file
is created with mode ``0o666`` minus the umask, the mode an ordinary new file
gets (not :func:`tempfile.mkstemp`'s ``0o600``). A target that exists and is
not a regular file (a device such as ``/dev/null``, a directory, a FIFO, a
socket) is refused: it is never replaced.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(target) as fh:
...     _ = fh.write("complete")
>>> target.read_text()
'complete'
>>> write_text("/dev/null", "x", overwrite=True)
Traceback (most recent call last):
...
mtib.io.writing.OutputError: /dev/null is a character device, not a regular file: mtib writes only regular files
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

from mtib.core.errors import MtibError

__all__ = ["OutputError", "atomic_path", "atomic_write", "check_target", "write_bytes", "write_text"]


class OutputError(MtibError, OSError):
    """An output file cannot be written where it was asked for (the target is not a regular file).

    >>> issubclass(OutputError, OSError) and issubclass(OutputError, MtibError)
    True
    """


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def check_target(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """The file to write for ``path``: refused unless it is missing or a regular file.

    A symbolic link is followed: the file it points to is the one replaced (the
    link stays). An existing regular file is only replaced with ``overwrite``
    (else :class:`FileExistsError`).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_target(folder / "new.csv") == folder / "new.csv"
    True
    >>> check_target(folder)
    Traceback (most recent call last):
    ...
    mtib.io.writing.OutputError: ... is a directory, not a regular file: mtib writes only regular files
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:  # a symlink loop, a path through a file, no permission
        raise OutputError(f"{target}: cannot write here: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise OutputError(f"{target} is {kind}, not a regular file: mtib writes only regular files")
    if not overwrite:
        raise FileExistsError(f"{target} exists; use --force to replace it (overwrite=True in Python)")
    return target


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new, empty file beside ``target``, created with mode 0o666 (the kernel applies the umask)."""
    for _ in range(100):
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        return fd, candidate
    raise FileExistsError(f"cannot create a temporary file beside {target}")  # pragma: no cover


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """A temporary path to write ``path``'s content to; renamed over ``path`` when the block ends.

    For writers that want a file name (pyarrow, matplotlib). The temporary file
    exists (empty, with the umask's mode) when the block starts; if the block
    raises, it is removed and ``path`` is untouched.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "chart.svg"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("<svg/>")
    >>> target.read_text()
    '<svg/>'
    """
    target = check_target(path, overwrite=overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(target)
    os.close(fd)
    try:
        yield tmp
        _sync(tmp)
        check_target(target, overwrite=True)  # it may have become a directory or a device meanwhile
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@overload
def atomic_write(
    path: str | os.PathLike[str], *, overwrite: bool = ..., binary: Literal[False] = ...
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_write(
    path: str | os.PathLike[str], *, overwrite: bool = ..., binary: Literal[True]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_write(
    path: str | os.PathLike[str], *, overwrite: bool = False, binary: bool = False
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """An open file (UTF-8 text, or bytes with ``binary``) whose content replaces ``path`` when complete.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "data.bin"
    >>> with atomic_write(target, binary=True) as fh:
    ...     _ = fh.write(b"\\x00\\x01")
    >>> target.read_bytes()
    b'\\x00\\x01'
    """
    manager: Any = _atomic_write(path, overwrite, binary)
    return manager  # type: ignore[no-any-return]


@contextlib.contextmanager
def _atomic_write(path: str | os.PathLike[str], overwrite: bool, binary: bool) -> Iterator[IO[str] | IO[bytes]]:
    target = check_target(path, overwrite=overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_target(target, overwrite=True)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path written.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_text(target, "one") == target, target.read_text()
    (True, 'one')
    >>> write_text(target, "two")
    Traceback (most recent call last):
    ...
    FileExistsError: ... exists; use --force to replace it (overwrite=True in Python)
    """
    target = check_target(path, overwrite=overwrite)
    with atomic_write(target, overwrite=True) as fh:
        fh.write(text)
    return target


def write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path written.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.bin"
    >>> write_bytes(target, b"x").read_bytes()
    b'x'
    """
    target = check_target(path, overwrite=overwrite)
    with atomic_write(target, overwrite=True, binary=True) as fh:
        fh.write(data)
    return target
