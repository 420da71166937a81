"""Start the dashboard: ``python -m ui.serve [streamlit options]`` (what ``make run`` does).

It is ``streamlit run app.py`` with one setting Streamlit has no option for.
When a ``pages/`` folder sits next to the main script, Streamlit (1.67) handles
the very first session of a new server the old way: a link such as ``/claims``
runs ``pages/claims.py`` directly, skipping ``app.py`` and with it the page
config and navigation. ``app.py`` routes with ``st.navigation``, so we tell
Streamlit up front that the folder is not an old-style pages directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> None:
    """Run the Streamlit server on ``app.py`` with the given extra options."""
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
