"""The agreement rule, exhaustively, and per settlement on the tiny fixture."""

from __future__ import annotations

from datetime import date

import pytest

from geo.agreement import AGREEMENT_CLASSES, classify, status_on
from geo.io import load_dataset
from tests.conftest import FIXED_TODAY, TEST_DATA


@pytest.mark.parametrize(
    ("ru", "ua", "expected"),
    [
        ("ru_control", "ru_control", "agree_ru"),
        ("ua_control", "ua_control", "agree_ua"),
        ("contested", "contested", "agree_contested"),
        ("ru_control", "contested", "disagree"),
        ("ru_control", "ua_control", "disagree"),
        ("contested", "ua_control", "disagree"),
        ("ru_control", None, "one_side"),
        (None, "ua_control", "one_side"),
        (None, None, "no_claims"),
        (float("nan"), float("nan"), "no_claims"),
    ],
)
def test_classify(ru, ua, expected):
    assert classify(ru, ua) == expected
    assert expected in AGREEMENT_CLASSES


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(TEST_DATA / "tiny", today=FIXED_TODAY)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 8, 1), {"alpha": "no_claims", "bravo": "no_claims", "charlie": "no_claims", "delta": "no_claims"}),
        (date(2024, 8, 15), {"alpha": "one_side", "bravo": "no_claims", "charlie": "no_claims", "delta": "no_claims"}),
        (date(2025, 3, 13), {"alpha": "disagree", "bravo": "no_claims", "charlie": "one_side", "delta": "no_claims"}),
        (date(2025, 3, 16), {"alpha": "agree_ru", "bravo": "no_claims", "charlie": "one_side", "delta": "no_claims"}),
        (date(2025, 4, 26), {"alpha": "agree_ru", "bravo": "disagree", "charlie": "one_side", "delta": "no_claims"}),
        (
            date(2025, 5, 1),
            {"alpha": "agree_ru", "bravo": "agree_contested", "charlie": "one_side", "delta": "no_claims"},
        ),
    ],
)
def test_status_on(dataset, day, expected):
    table = status_on(dataset.settlements, dataset.claims, day)
    assert dict(zip(table["settlement_id"], table["agreement"], strict=True)) == expected


def test_status_on_carries_each_sides_claim_and_source(dataset):
    row = status_on(dataset.settlements, dataset.claims, date(2025, 3, 14)).set_index("settlement_id").loc["alpha"]
    assert row["ru_status"] == "ru_control"
    assert row["ru_claimant_label"] == "Russian Ministry of Defence"
    assert row["ru_source_url"] == "https://example.org/a-ru-1"
    assert row["ua_status"] == "contested"
    assert row["independent_status"] == "not_marked"
    assert row["agreement_label"] == "The sides disagree"


def test_independent_view_never_changes_the_class(dataset):
    without = dataset.claims[dataset.claims["side"] != "independent"]
    for day in (date(2024, 8, 20), date(2025, 3, 13)):
        a = status_on(dataset.settlements, dataset.claims, day)["agreement"].tolist()
        b = status_on(dataset.settlements, without, day)["agreement"].tolist()
        assert a == b
