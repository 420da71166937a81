"""Start the dashboard: ``python -m ui.serve [streamlit options]`` (what ``make run`` does).

It is ``streamlit run app.py`` with one setting Streamlit has no option for.
When a ``pages/`` folder sits next to the main script, Streamlit (1.67) handles
the very first session of a new server the old way: a link such as ``/claims``
runs ``pages/claims.py`` directly, skipping ``app.py`` and with it the page
config and navigation. ``app.py`` routes with ``st.navigation``, so we tell
Streamlit up front that the folder is not an old-style pages directory.

It also imports the heavy libraries before the server starts. Sessions run in
threads, and several sessions opened at the same moment on a fresh server each
imported shapely at once; Python's import locks then handed one of them a
half-initialised module ("cannot import name 'BaseGeometry' from partially
initialized module"), and that page failed.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


WARM_IMPORTS = ("shapely", "shapely.geometry", "geopandas", "folium", "altair", "geo", "geo.map", "geo.export")
"""Modules imported once before any session starts (see the module docstring). Nothing that registers with
Streamlit's runtime (components, caches) belongs here: the runtime does not exist yet."""


def main(argv: list[str]) -> None:
    """Run the Streamlit server on ``app.py`` with the given extra options."""
    for name in WARM_IMPORTS:
        importlib.import_module(name)
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
