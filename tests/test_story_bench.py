"""bench.story counts the frames in which the drawn map changes: checked on the tiny data, by hand."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from bench.story import play_days, tell, with_areas
from geo.io import load_dataset


def _box(lon: float, lat: float, size: float) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _period(status: str, start: str, end: str | None, geometry: dict, snapshot: int) -> dict:
    props = {"status": status, "valid_from": start, "valid_to": end, "snapshot_id": snapshot}
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_play_days_step_a_week_and_stop_at_the_last_day():
    days = play_days(date(2024, 8, 6), date(2024, 8, 27))
    assert days == [date(2024, 8, 6), date(2024, 8, 13), date(2024, 8, 20), date(2024, 8, 27)]
    assert play_days(date(2024, 8, 6), date(2024, 8, 26))[-1] == date(2024, 8, 20)


def test_a_status_change_on_one_day_is_one_changed_frame(tiny_dir):
    data = load_dataset(tiny_dir)
    # Charlie's first claims (Russian) are dated 2024-09-10: from no claims to one side, a new colour.
    story = tell(data, [date(2024, 9, 1), date(2024, 9, 8), date(2024, 9, 15)])
    assert story.settlements_changed == [False, False, True]
    assert story.colours_changed == [False, False, True]
    assert story.areas_changed == [False, False, False]
    counts = story.counts()
    assert counts["frames"] == 3
    assert counts["compared"] == 2
    assert counts["changed"] == 1
    assert counts["changed_share"] == pytest.approx(0.5)
    assert (counts["settlements"], counts["colours"], counts["areas"]) == (1, 1, 0)
    assert (counts["settlements_only"], counts["areas_only"], counts["both"], counts["visible"]) == (1, 0, 0, 1)
    assert [frame.areas for frame in story.frames] == [None, None, None]


def test_period_file_areas_count_as_area_changes(tiny_dir, tmp_path):
    small, large = _box(35.30, 51.30, 0.03), _box(35.30, 51.30, 0.06)
    features = [
        _period("ua_control", "2024-08-10T20:00:00Z", "2024-08-13T11:00:00Z", small, 1723320000),
        _period("ua_control", "2024-08-13T11:00:00Z", "2024-08-13T18:00:00Z", small, 1723546800),  # same day: dropped
        _period("ua_control", "2024-08-13T18:00:00Z", None, large, 1723572000),
    ]
    periods = tmp_path / "periods.geojson"
    periods.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    data, how = with_areas(tiny_dir, periods, scratch)

    assert "converted to 2 areas" in how
    assert len(data.areas) == 2
    days = [date(2024, 8, 9), date(2024, 8, 10), date(2024, 8, 11), date(2024, 8, 13)]
    story = tell(data, days)
    assert story.areas_changed == [False, True, False, True]
    assert story.settlements_changed == [False, False, False, False]  # the tiny claims start on 2024-08-14
    counts = story.counts()
    assert (counts["changed"], counts["areas_only"], counts["settlements"]) == (2, 2, 0)
    km2 = [frame.ua_km2 for frame in story.frames]
    assert km2[0] == 0.0
    assert 0 < km2[1] == km2[2] < km2[3]
    without = tell(dataclasses.replace(data, areas=None), days)
    assert without.counts()["changed"] == 0
