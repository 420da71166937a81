"""History bands, disagreement periods and two-date differences, on the tiny fixture, worked by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.compare import disagreement_periods, side_bands, status_changes, summarize_changes
from geo.io import load_dataset
from tests.conftest import FIXED_TODAY, TEST_DATA

UNTIL = date(2025, 6, 1)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(TEST_DATA / "tiny", today=FIXED_TODAY)


def _bands(frame):
    return [
        (row.side, row.start.date().isoformat(), row.end.date().isoformat(), row.status) for row in frame.itertuples()
    ]


def test_bands_for_alpha(dataset):
    assert _bands(side_bands(dataset.claims, "alpha", UNTIL)) == [
        ("ru", "2025-03-13", "2025-06-01", "ru_control"),
        ("ua", "2024-08-15", "2025-03-14", "ua_control"),
        ("ua", "2025-03-14", "2025-03-16", "contested"),
        ("ua", "2025-03-16", "2025-06-01", "ru_control"),
        ("independent", "2024-08-14", "2025-03-12", "ua_control"),
        ("independent", "2025-03-12", "2025-06-01", "not_marked"),
    ]


def test_bands_follow_the_tie_rule(dataset):
    bands = side_bands(dataset.claims, "bravo", UNTIL)
    russian = bands[bands["side"] == "ru"]
    assert list(russian["id"]) == ["b-ru-1", "b-ru-3"]  # General Staff on 04-26; the later publication on 05-01
    assert list(russian["status"]) == ["ru_control", "contested"]


def test_no_claims_no_bands(dataset):
    assert side_bands(dataset.claims, "delta", UNTIL).empty


@pytest.mark.parametrize(
    ("settlement", "expected"),
    [
        ("alpha", [(date(2025, 3, 13), date(2025, 3, 16))]),  # ru_control vs ua_control, then vs contested: merged
        ("bravo", [(date(2025, 4, 26), date(2025, 5, 1))]),  # ends when both say contested
        ("charlie", []),  # only Russia has spoken
        ("delta", []),
    ],
)
def test_disagreement_periods(dataset, settlement, expected):
    assert disagreement_periods(dataset.claims, settlement, UNTIL) == expected


def test_disagreement_runs_to_the_end_when_unresolved(dataset):
    claims = dataset.claims[~dataset.claims["id"].isin(["b-ru-3", "b-ru-4"])]
    assert disagreement_periods(claims, "bravo", UNTIL) == [(date(2025, 4, 26), UNTIL)]


def test_status_changes_between_two_dates(dataset):
    changes = status_changes(dataset.claims, dataset.settlements, date(2025, 3, 1), date(2025, 3, 20))
    got = [(r.settlement_id, r.side, r.before, r.after) for r in changes.itertuples()]
    assert got == [
        ("alpha", "ru", None, "ru_control"),
        ("alpha", "ua", "ua_control", "ru_control"),
        ("alpha", "independent", "ua_control", "not_marked"),
    ]
    assert changes.loc[0, "source_url"] == "https://example.org/a-ru-1"


def test_status_changes_order_of_dates_does_not_matter(dataset):
    forward = status_changes(dataset.claims, dataset.settlements, date(2025, 3, 1), date(2025, 3, 20))
    backward = status_changes(dataset.claims, dataset.settlements, date(2025, 3, 20), date(2025, 3, 1))
    pd.testing.assert_frame_equal(forward, backward)


def test_no_changes_on_a_quiet_span(dataset):
    changes = status_changes(dataset.claims, dataset.settlements, date(2024, 10, 1), date(2024, 12, 1))
    assert changes.empty
    assert summarize_changes(changes, date(2024, 10, 1), date(2024, 12, 1)) == [
        "Between 2024-10-01 and 2024-12-01, no side's claimed status changed for any settlement."
    ]


def test_summary_sentences(dataset):
    changes = status_changes(dataset.claims, dataset.settlements, date(2025, 3, 1), date(2025, 3, 20))
    assert summarize_changes(changes, date(2025, 3, 1), date(2025, 3, 20)) == [
        "Between 2025-03-01 and 2025-03-20, Russia claimed Russian control of 1 settlement.",
        "Between 2025-03-01 and 2025-03-20, Ukraine conceded Russian control of 1 settlement.",
        "Between 2025-03-01 and 2025-03-20, the independent trackers stopped marking Ukrainian control"
        " or a grey zone in 1 settlement.",
    ]
