"""The control-areas layer: what is sent for a day, how text is encoded, and the legend."""

from __future__ import annotations

import json
import re
from datetime import date

import folium

from geo.io import load_layer
from geo.map import area_features, area_layer, base_map, legend_html
from geo.map.areas import AREA_COLOURS
from tests.areas_fixture import data_with_areas
from tests.conftest import FIXED_TODAY
from tests.payloads import SCRIPT_PAYLOADS


def _areas(tmp_path, **kwargs):
    folder = data_with_areas(tmp_path / "data", **kwargs)
    return load_layer(folder / "areas.geojson", "areas", today=FIXED_TODAY)


def test_only_the_areas_valid_on_the_day_are_sent(tmp_path):
    areas = _areas(tmp_path)
    assert area_features(areas, date(2024, 8, 9)) == []
    first = area_features(areas, date(2024, 8, 10))
    later = area_features(areas, date(2024, 8, 13))
    assert {f["properties"]["status"] for f in first} == {"ua_control", "contested"}
    assert first != later, "the synthetic areas change shape on 2024-08-13"
    for feature in first:
        assert feature["properties"]["claimant_label"] == "DeepStateMap"
        assert feature["properties"]["period"] == "2024-08-10 to 2024-08-12"
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert later[0]["properties"]["period"].startswith("from 2024-08-13, still shown")


def test_area_text_travels_as_data_and_links_only_when_http(tmp_path):
    payload = SCRIPT_PAYLOADS["script-close"] + SCRIPT_PAYLOADS["interpolation"]
    areas = _areas(tmp_path, note=payload)
    areas["source_url"] = "javascript:alert(1)"  # refused by validation; the layer must refuse it again
    features = area_features(areas, date(2024, 8, 10))
    assert features[0]["properties"]["note"] == payload
    assert features[0]["properties"]["source_url"] is None
    fmap = folium.Map(tiles=None)
    area_layer(areas, date(2024, 8, 10)).add_to(fmap)
    script = fmap.get_root().render()
    call = re.search(r'Contested\["areas"\]\((\w+), ', script)
    assert call, "the layer is one call of Contested.areas"
    options, end = json.JSONDecoder().raw_decode(script, call.end())
    assert "<" not in script[call.end() : end], "data text must not be able to close the script element"
    assert options["features"][0]["properties"]["note"] == payload


def test_legend_names_area_statuses_only_when_areas_are_loaded():
    assert "Control areas" not in legend_html()
    with_areas = legend_html(areas=True)
    assert "Control areas" in with_areas
    for colour in AREA_COLOURS.values():
        assert colour in with_areas
    assert "Ukrainian control" in with_areas and "Contested" in with_areas


def test_base_map_always_has_the_areas_pane_under_settlements():
    script = base_map(tiles=False).get_root().render()
    assert re.search(r'createPane\(\s*"areas"', script)
    assert script.index('"areas"') < script.index('"settlements"')
