#!/usr/bin/env python
"""Django's command-line utility; `brobygger` (see brobygger/cli.py) is the same thing by name."""

import sys

from brobygger.cli import main

if __name__ == "__main__":
    sys.exit(main())
