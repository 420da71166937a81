"""Correctness at scale: 100,000 synthetic events, counted on the map exactly as they are in the data.

The data is generated into a temporary folder (a few seconds); no timing is
checked here, that is ``make bench``'s job.
"""

from __future__ import annotations

import json
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import OUTLET, Sizes, write_dataset
from geo.event_index import EVENT_TYPE_ORDER, EventIndex
from geo.io import load_dataset
from geo.map import EVENT_DETAIL_LIMIT, base_map, event_layer, events_in_window
from tests.conftest import ROOT
from tests.map_scripts import contested_calls

EVENTS = 100_000
DATES = [date(2024, 8, 6), date(2024, 12, 31), date(2025, 6, 15), date(2025, 9, 6)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_dataset(tmp_path_factory.mktemp("scale"), Sizes(events=EVENTS, settlements=300, claims=5_000))


@pytest.fixture(scope="module")
def data(folder):
    return load_dataset(folder)


def _cells(script):
    (found,) = contested_calls(script, "eventCells")
    return found["cells"]


def _raw_count(events, day, days):
    dates = events["event_date"].dt.date
    inside = dates <= day
    if days is not None:
        inside &= dates > day - pd.Timedelta(days=days)
    return int(inside.sum())


def test_generated_data_is_valid_and_clearly_synthetic(data):
    assert (len(data.events), len(data.settlements), len(data.claims)) == (EVENTS, 300, 5_000)
    for frame in (data.events, data.claims, data.settlements):
        assert frame["id"].str.startswith("syn-").all()
    assert set(data.events["source_outlet"]) == set(data.claims["source_outlet"]) == {OUTLET}
    assert data.events["source_url"].isna().all() and data.claims["source_url"].isna().all()
    assert data.settlements["name"].str.startswith("Synthetic ").all()


def test_the_generator_is_deterministic(tmp_path):
    sizes = Sizes(events=200, settlements=20, claims=50)
    first, second = write_dataset(tmp_path / "a", sizes), write_dataset(tmp_path / "b", sizes)
    for name in ("settlements.geojson", "claims.geojson", "events.geojson"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_the_generator_refuses_the_shipped_data_folder():
    with pytest.raises(ValueError, match="never"):
        write_dataset(ROOT / "data", Sizes(events=1, settlements=1, claims=1))


@pytest.mark.parametrize("day", DATES)
@pytest.mark.parametrize(("window", "days"), [("7d", 7), ("30d", 30), ("all", None)])
def test_index_counts_equal_the_raw_counts(data, day, window, days):
    index = EventIndex.from_events(data.events)
    assert (
        index.count(day, window)
        == len(events_in_window(data.events, day, window))
        == _raw_count(data.events, day, days)
    )


@pytest.mark.parametrize(("day", "window"), [(DATES[1], "30d"), (DATES[2], "7d"), (DATES[3], "all")])
def test_cell_counts_add_up_to_the_raw_counts(data, day, window):
    window_events = EventIndex.from_events(data.events).in_window(day, window)
    assert len(window_events) > EVENT_DETAIL_LIMIT
    cells = _cells(event_layer(window_events).add_to(base_map(tiles=False)).get_root().render())
    assert sum(cell[2] for cell in cells) == len(window_events)
    by_type = np.sum([cell[3:] for cell in cells], axis=0)
    expected = window_events["event_type"].astype(str).value_counts()
    assert dict(zip(EVENT_TYPE_ORDER, by_type.tolist(), strict=True)) == {
        name: int(expected.get(name, 0)) for name in EVENT_TYPE_ORDER
    }
    assert all(cell[2] == sum(cell[3:]) for cell in cells)


def test_map_page_shows_the_counts_in_the_data(folder, data, monkeypatch, tmp_path):
    monkeypatch.setenv("CONTESTED_DATA", str(folder))
    monkeypatch.setenv("CONTESTED_CACHE", str(tmp_path / "cache"))
    at = AppTest.from_file(str(ROOT / "pages" / "map.py"), default_timeout=120)
    at.query_params.update({"date": DATES[1].isoformat(), "window": "all", "layers": "events"})
    at.run()
    for day, window, days in [
        (DATES[1], "all", None),
        (DATES[2], "all", None),
        (DATES[2], "7d", 7),
        (DATES[3], "30d", 30),
    ]:
        at.slider(key="as_of.slider").set_value(day).run()
        at.radio(key="window").set_value(window).run()
        assert not at.exception
        caption = next(c.value for c in at.caption if re.match(r"\d+ events? shown", c.value))
        shown = int(re.match(r"(\d+) events shown", caption).group(1))
        assert shown == _raw_count(data.events, day, days), caption
        assert "add up to this" in caption
        (element,) = at.get("component_instance")
        cells = _cells(json.loads(element.proto.json_args)["feature_group"])
        assert sum(cell[2] for cell in cells) == shown
