"""Layer builders, tested as folium tests its plugins: render to HTML and look."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from geo.agreement import AGREEMENT_CLASSES, status_on
from geo.io import load_dataset
from geo.map import (
    AGREEMENT_COLOURS,
    EVENT_WINDOWS,
    base_map,
    event_layer,
    events_in_window,
    legend_html,
    settlement_layer,
)
from tests.conftest import FIXED_TODAY, ROOT, TEST_DATA
from tests.map_scripts import contested_calls


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(TEST_DATA / "tiny", today=FIXED_TODAY)


def _render(*groups, tiles=False):
    fmap = base_map(tiles=tiles)
    for group in groups:
        group.add_to(fmap)
    return fmap.get_root().render()


def _fill_colours(html):
    return re.findall(r'"fillColor": "(#[0-9a-f]{6})"', html)


@pytest.mark.parametrize(
    ("day", "settlement", "agreement"),
    [
        (date(2025, 3, 16), "alpha", "agree_ru"),
        (date(2025, 3, 14), "alpha", "disagree"),
        (date(2024, 8, 15), "alpha", "only_ua"),
        (date(2025, 5, 1), "bravo", "agree_contested"),
        (date(2024, 8, 1), "delta", "no_claims"),
    ],
)
def test_marker_colour_follows_the_agreement_class(dataset, day, settlement, agreement):
    table = status_on(dataset.settlements, dataset.claims, day)
    row = table[table["settlement_id"] == settlement]
    assert row["agreement"].item() == agreement
    assert _fill_colours(_render(settlement_layer(row))) == [AGREEMENT_COLOURS[agreement]]


def test_agree_ua_colour(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14)).head(1)
    table = table.assign(agreement="agree_ua", agreement_label=AGREEMENT_CLASSES["agree_ua"])
    assert _fill_colours(_render(settlement_layer(table))) == [AGREEMENT_COLOURS["agree_ua"]]


def test_every_class_has_a_distinct_colour_and_a_legend_line():
    assert set(AGREEMENT_COLOURS) == set(AGREEMENT_CLASSES)
    assert len(set(AGREEMENT_COLOURS.values())) == len(AGREEMENT_COLOURS)
    legend = legend_html()
    for label in AGREEMENT_CLASSES.values():
        assert label in legend
    assert "approximate location" in legend


def test_approximate_locations_get_a_dashed_ring(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14))
    html = _render(settlement_layer(table))
    assert html.count('"dashArray": "4 3"') == 1  # only Bravo is approximate (geo_precision 2)


def test_hostile_settlement_name_and_source_are_escaped(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14))
    hostile = table.head(1).assign(
        name="<img src=x onerror=alert(1)>",
        ru_statement="<script>window.pwned=1</script>",
        ru_source_url="javascript:alert(1)",
        ru_source_outlet='Outlet"><b>',
    )
    html = _render(settlement_layer(hostile))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>window.pwned" not in html
    assert 'href="javascript' not in html and 'href=\\"javascript' not in html
    assert "Outlet&quot;&gt;&lt;b&gt;" in html


def test_popup_holds_all_three_sides_with_sources(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14))
    html = _render(settlement_layer(table[table["settlement_id"] == "alpha"]))
    for text in ("Russia", "Ukraine", "Independent", "Russian Ministry of Defence", "2025-03-13", "example.org/a-ru-1"):
        assert text in html


@pytest.mark.parametrize(
    ("window", "day", "expected"),
    [
        ("all", date(2024, 8, 5), []),
        ("all", date(2024, 8, 6), ["ev-1"]),
        ("all", date(2025, 3, 18), ["ev-1", "ev-2"]),
        ("7d", date(2025, 3, 18), ["ev-2"]),
        ("7d", date(2025, 3, 24), ["ev-2"]),  # 7 days ending on the 24th include the 18th
        ("7d", date(2025, 3, 25), []),
        ("30d", date(2024, 9, 4), ["ev-1"]),  # 30 days ending on 4 Sept start on 6 Aug
        ("30d", date(2024, 9, 5), []),
    ],
)
def test_event_window(dataset, window, day, expected):
    assert list(events_in_window(dataset.events, day, window)["id"]) == expected


def test_unknown_event_window_is_refused(dataset):
    with pytest.raises(KeyError):
        events_in_window(dataset.events, date(2025, 1, 1), "1y")
    assert set(EVENT_WINDOWS) == {"7d", "30d", "all"}


def test_event_layer_clusters_and_escapes(dataset):
    events = dataset.events.assign(notes="<img src=x onerror=alert(2)>")
    html = _render(event_layer(events))
    assert "L.markerClusterGroup" in html
    assert "<img src=x onerror=alert(2)>" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert html.count("L.circleMarker") == len(events)


def test_base_map_loads_nothing_from_a_cdn():
    html = _render()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the base map should link its scripts"
    assert all(url.startswith("/app/static/") for url in urls), urls
    assert "cdn" not in html.lower()


def test_focusing_the_map_never_scrolls_the_page():
    html = _render()
    assert contested_calls(html, "focusWithoutScrolling") == [{}]
    script = (ROOT / "static" / "contested" / "map.js").read_text(encoding="utf-8")
    assert "getContainer()" in script and "focus.call(container, {preventScroll: true})" in script


def test_tiles_are_optional():
    assert "tile.openstreetmap.org" not in _render(tiles=False)
    assert "tile.openstreetmap.org" in _render(tiles=True)


def test_base_map_script_does_not_depend_on_data():
    first, second = base_map(tiles=True), base_map(tiles=True)
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", first.get_root().render()) == strip.sub("", second.get_root().render())


def test_event_layer_handles_missing_fatalities(dataset):
    events = dataset.events.assign(fatalities=pd.NA)
    assert "Fatalities" not in _render(event_layer(events))


def test_click_is_matched_by_tooltip_name_then_distance(dataset):
    from geo.map import settlement_for_click

    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14))
    assert settlement_for_click(table, 51.2001, 35.2502, "Alpha") == "alpha"
    assert settlement_for_click(table, 51.2001, 35.2502, "2025-03-18: Other · Delta district") is None
    assert settlement_for_click(table, 51.2001, 35.2502, None) is None
    twins = table.assign(name="Same")
    assert settlement_for_click(twins, 51.10, 35.30, "Same") == "bravo"


def test_same_layers_give_the_same_code_on_every_build(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14))
    first = _render(settlement_layer(table), event_layer(dataset.events))
    second = _render(settlement_layer(table), event_layer(dataset.events))
    body = re.compile(r"feature_group_st0.*", re.S)
    maps = re.compile(r"map_[0-9a-f]{32}")
    assert maps.sub("map", body.search(first).group(0)) == maps.sub("map", body.search(second).group(0))


def test_many_settlements_travel_as_one_compact_array(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14))
    hostile = table.assign(name=["</script><img src=x onerror=alert(3)>", "B", "C", "D"])
    html = _render(settlement_layer(hostile, detail_limit=2))
    assert "</script><img" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(3)\\u003e" in html
    assert "L.circleMarker" not in html and "bindPopup" not in html  # drawn in the browser, without popups
    (options,) = contested_calls(html, "settlementDots")
    rows, colours = options["rows"], options["colours"]
    assert len(rows) == 4
    assert [colours[row[2]] for row in rows] == [AGREEMENT_COLOURS[a] for a in table["agreement"]]
    assert [row[3] for row in rows] == [False, True, False, False]  # only Bravo is approximate
