"""The map's scripts and styles, all served by this server, and the element that calls Contested's own script.

Streamlit serves ``./static`` at ``/app/static``: Leaflet and its plugins
are copied into ``static/vendor`` at set-up (``make assets``), the boundary
files are built into ``static/basemap``, and Contested's own JavaScript and
CSS are tracked in ``static/contested``. folium's CDN defaults are replaced
on every class used here, so the browser never contacts another host for
them. streamlit-folium loads the files listed on the map when its frame
first appears, so every script a layer needs is listed on :class:`OfflineMap`.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from folium.plugins import Fullscreen, MarkerCluster
from jinja2 import Template

from geo.escape import script_json

STATIC_URL = "/app/static"
ASSET_URL = f"{STATIC_URL}/vendor"
BASEMAP_URL = f"{STATIC_URL}/basemap"
CONTESTED_URL = f"{STATIC_URL}/contested"


class OfflineMap(folium.Map):
    """A folium map whose scripts and styles all come from this server, Contested's own included."""

    default_js = [
        ("leaflet", f"{ASSET_URL}/leaflet/leaflet.js"),
        ("jquery", f"{ASSET_URL}/jquery/jquery.min.js"),
        ("markercluster", f"{ASSET_URL}/leaflet.markercluster/leaflet.markercluster.js"),
        ("fullscreen", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.js"),
        ("contested", f"{CONTESTED_URL}/map.js"),
    ]
    default_css = [
        ("leaflet_css", f"{ASSET_URL}/leaflet/leaflet.css"),
        ("markercluster_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.css"),
        ("markercluster_default_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
        ("fullscreen_css", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.css"),
        ("contested_css", f"{CONTESTED_URL}/map.css"),
    ]


class LocalMarkerCluster(MarkerCluster):
    """MarkerCluster with its files served locally (they are also listed on :class:`OfflineMap`)."""

    default_js = [("markercluster", f"{ASSET_URL}/leaflet.markercluster/leaflet.markercluster.js")]
    default_css = [
        ("markercluster_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.css"),
        ("markercluster_default_css", f"{ASSET_URL}/leaflet.markercluster/MarkerCluster.Default.css"),
    ]


class LocalFullscreen(Fullscreen):
    """The Fullscreen control with its files served locally."""

    default_js = [("fullscreen", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.js")]
    default_css = [("fullscreen_css", f"{ASSET_URL}/leaflet.fullscreen/Control.FullScreen.css")]


class ContestedCall(MacroElement):
    """A call of one function of ``static/contested/map.js`` on the parent map or layer group.

    The script is one line, ``Contested["name"](parent, options);``, with the
    options encoded as JSON for a script element (:func:`geo.escape.script_json`),
    so values from data can never become code.

    Parameters
    ----------
    function : str
        The function's name in the ``Contested`` object (e.g. ``settlementDots``).
    options : dict, optional
        Its JSON-serialisable options.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "Contested[{{ this.function|tojson }}]({{ this._parent.get_name() }}, {{ this.options_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self, function: str, options: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._name = function[:1].upper() + function[1:]
        self.function = function
        self.options_json = script_json(options or {})
