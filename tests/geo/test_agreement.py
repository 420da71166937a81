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
        ("ru_control", None, "only_ru"),
        (None, "ua_control", "only_ua"),
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
        (date(2024, 8, 15), {"alpha": "only_ua", "bravo": "no_claims", "charlie": "no_claims", "delta": "no_claims"}),
        (date(2025, 3, 13), {"alpha": "disagree", "bravo": "no_claims", "charlie": "only_ru", "delta": "no_claims"}),
        (date(2025, 3, 16), {"alpha": "agree_ru", "bravo": "no_claims", "charlie": "only_ru", "delta": "no_claims"}),
        (date(2025, 4, 26), {"alpha": "agree_ru", "bravo": "disagree", "charlie": "only_ru", "delta": "no_claims"}),
        (
            date(2025, 5, 1),
            {"alpha": "agree_ru", "bravo": "agree_contested", "charlie": "only_ru", "delta": "no_claims"},
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


def test_area_wide_and_stale_claims_are_marked_weak_and_worded(dataset):
    # bravo on 2025-04-26: Ukraine's standing claim is area-wide (it does not name bravo).
    row = status_on(dataset.settlements, dataset.claims, date(2025, 4, 26)).set_index("settlement_id").loc["bravo"]
    assert row["ua_area"] and row["ua_weak"] and not row["ua_stale"]
    assert not row["ru_weak"]
    assert row["agreement"] == "disagree" and row["agreement_weak"]
    assert row["agreement_label"] == "The sides disagree (rests on Ukraine's area-wide claim)"


def test_stale_threshold_is_the_readers(dataset):
    # alpha on 2025-04-26: both sides last spoke in March 2025, 41 and 43 days before.
    def alpha(stale_days):
        table = status_on(dataset.settlements, dataset.claims, date(2025, 4, 26), stale_days=stale_days)
        return table.set_index("settlement_id").loc["alpha"]

    fresh, old = alpha(60), alpha(30)
    assert fresh["ru_age_days"] == 44 and fresh["ua_age_days"] == 41
    assert not fresh["agreement_weak"] and fresh["agreement_label"] == "Both sides say Russian control"
    assert old["ru_stale"] and old["ua_stale"] and old["agreement_weak"]
    assert old["agreement_label"] == "Both sides say Russian control (rests on both sides' claims over 30 days old)"


def test_only_one_side_says_which_side(dataset):
    table = status_on(dataset.settlements, dataset.claims, date(2024, 9, 20)).set_index("settlement_id")
    assert (
        table.loc["alpha", "agreement_label"] == "Only Ukraine has spoken (rests on Ukraine's claim over 30 days old)"
    )
    # charlie: the Russian official's claim names it and outranks the commander's area-wide one.
    assert table.loc["charlie", "agreement"] == "only_ru"
    assert table.loc["charlie", "agreement_label"] == "Only Russia has spoken"
