"""The date index gives exactly the events the plain window filter gives, without scanning."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.event_index import EVENT_TYPE_ORDER, EventIndex
from geo.io import load_dataset
from geo.map import EVENT_WINDOWS, events_in_window
from tests.conftest import FIXED_TODAY, ROOT, TEST_DATA


@pytest.fixture(scope="module", params=["tiny", "sample"])
def events(request):
    folder = TEST_DATA / "tiny" if request.param == "tiny" else ROOT / "data"
    return load_dataset(folder, today=FIXED_TODAY).events


@pytest.mark.parametrize("window", list(EVENT_WINDOWS))
@pytest.mark.parametrize(
    "day",
    [date(2024, 1, 1), date(2024, 8, 6), date(2024, 9, 4), date(2025, 3, 18), date(2025, 3, 24), date(2026, 1, 1)],
)
def test_window_matches_the_plain_filter(events, window, day):
    index = EventIndex.from_events(events)
    expected = events_in_window(events, day, window)
    got = index.in_window(day, window)
    assert list(got["id"]) == list(expected["id"])
    assert list(got.index) == list(expected.index)
    assert index.count(day, window) == len(expected)


def test_same_day_events_keep_file_order():
    events = pd.DataFrame(
        {"id": ["c", "a", "b"], "event_date": pd.to_datetime(["2025-01-02", "2025-01-01", "2025-01-02"]),
         "event_type": ["Battles", "Riots", "Protests"]}
    )  # fmt: skip
    assert list(EventIndex.from_events(events).in_window(date(2025, 1, 2), "all")["id"]) == ["a", "c", "b"]


def test_event_types_are_coded_in_a_fixed_order(events):
    index = EventIndex.from_events(events)
    assert tuple(index.events["event_type"].cat.categories) == EVENT_TYPE_ORDER
    assert list(index.events["event_type"].astype(str)) == list(
        events_in_window(events, FIXED_TODAY, "all")["event_type"]
    )


def test_index_is_read_only_and_leaves_the_input_alone(events):
    before = events.copy()
    index = EventIndex.from_events(events)
    pd.testing.assert_frame_equal(events, before)
    with pytest.raises(ValueError, match="read-only"):
        index.days[0] = 0


def test_unknown_window_is_refused(events):
    with pytest.raises(KeyError):
        EventIndex.from_events(events).in_window(date(2025, 1, 1), "1y")
