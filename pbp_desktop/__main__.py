"""Composition root's entry: `python -m pbp_desktop [REGISTER]` starts the app, as `pbp-desktop` does."""

import sys

from .app import main

sys.exit(main())
