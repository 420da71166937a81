"""Entry point for ``python -m geo``."""

import os
import sys

from geo.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:  # e.g. `python -m geo status ... | head`: the reader left, which is not an error
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
sys.exit(code)
