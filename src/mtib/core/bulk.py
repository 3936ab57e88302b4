"""Building records in bulk: the cyclic garbage collector paused meanwhile.

Records are immutable and hold no reference cycles. While hundreds of thousands of
them (or the entries of an index over them) are made, the collector would rescan
every one of them again and again and find nothing; pausing it during the build is
what keeps a large load or index build linear. The collector's state is restored
afterwards.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The garbage collector paused for the ``with`` block, and as it was afterwards.

    >>> import gc
    >>> before = gc.isenabled()
    >>> with paused_gc():
    ...     pass
    >>> gc.isenabled() == before
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
