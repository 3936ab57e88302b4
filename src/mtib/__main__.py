"""``python -m mtib``: the command-line interface."""

import sys

from mtib.cli import main

sys.exit(main())
