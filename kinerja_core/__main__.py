"""`python -m kinerja_core`: the command line (see cli.py)."""

import sys

from kinerja_core.cli import main

sys.exit(main())
