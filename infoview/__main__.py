"""``python -m infoview`` runs the command line."""

import sys

from infoview.cli import main

sys.exit(main())
