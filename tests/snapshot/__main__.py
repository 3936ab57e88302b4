"""``python -m tests.snapshot [--write]``: check or regenerate the snapshot of the bundled data.

See :mod:`tests.snapshot`.

>>> callable(main)
True
"""

import sys

from tests.snapshot import main

if __name__ == "__main__":
    sys.exit(main())
