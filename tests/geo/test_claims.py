"""Claim resolution on the tiny fixture, with answers worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from geo.claims import RankedClaims, claim_history, claimed_status, claims_as_of
from geo.io import load_dataset
from tests.conftest import FIXED_TODAY, ROOT


@pytest.fixture(scope="module")
def claims(request):
    from tests.conftest import TEST_DATA

    return load_dataset(TEST_DATA / "tiny", today=FIXED_TODAY).claims


@pytest.mark.parametrize(
    ("side", "day", "expected_id"),
    [
        ("ua", date(2024, 8, 14), None),  # before any Ukrainian claim: no claim yet
        ("ua", date(2024, 8, 15), "a-ua-1"),  # a claim counts on its own date
        ("ua", date(2025, 3, 13), "a-ua-1"),
        ("ua", date(2025, 3, 14), "a-ua-2"),
        ("ua", date(2025, 3, 16), "a-ua-3"),
        ("ua", date(2026, 1, 1), "a-ua-3"),
        ("ru", date(2025, 3, 12), None),
        ("ru", date(2025, 3, 13), "a-ru-1"),
        ("independent", date(2024, 8, 13), None),
        ("independent", date(2025, 3, 1), "a-ind-1"),
        ("independent", date(2025, 3, 12), "a-ind-2"),
    ],
)
def test_latest_claim_on_or_before_the_day(claims, side, day, expected_id):
    resolved = claimed_status(claims, "alpha", side, day)
    if expected_id is None:
        assert resolved is None
    else:
        assert resolved["id"] == expected_id


def test_same_day_tie_goes_to_the_higher_ranked_claimant(claims):
    resolved = claimed_status(claims, "bravo", "ru", date(2025, 4, 26))
    assert resolved["id"] == "b-ru-1"  # General Staff (rank 1) over a commander (rank 2)
    assert resolved["status"] == "ru_control"
    assert bool(resolved["side_split"]) is True


def test_same_rank_tie_goes_to_the_later_publication(claims):
    resolved = claimed_status(claims, "bravo", "ru", date(2025, 5, 1))
    assert resolved["id"] == "b-ru-3"  # both rank 1; published 05-03 beats 05-02
    assert bool(resolved["side_split"]) is True


def test_tie_rule_does_not_depend_on_file_order(claims):
    shuffled = claims.sample(frac=1, random_state=7)
    reversed_ = claims.iloc[::-1]
    for frame in (shuffled, reversed_):
        assert claimed_status(frame, "bravo", "ru", date(2025, 4, 26))["id"] == "b-ru-1"


def test_no_split_when_one_claim_that_day(claims):
    assert bool(claimed_status(claims, "alpha", "ru", date(2025, 3, 13))["side_split"]) is False


def test_claims_as_of_has_one_row_per_settlement_and_side(claims):
    standing = claims_as_of(claims, date(2025, 4, 26))
    keys = list(zip(standing["settlement_id"], standing["side"], strict=True))
    assert len(keys) == len(set(keys))
    assert set(keys) == {
        ("alpha", "ru"),
        ("alpha", "ua"),
        ("alpha", "independent"),
        ("bravo", "ru"),
        ("bravo", "ua"),
        ("charlie", "ru"),
    }


def test_claims_as_of_before_everything_is_empty(claims):
    standing = claims_as_of(claims, date(2024, 1, 1))
    assert standing.empty
    assert "side_split" in standing.columns


def test_published_by_then_hides_later_publications(claims):
    day = date(2025, 5, 2)
    everything = claims_as_of(claims, day).set_index(["settlement_id", "side"])
    known = claims_as_of(claims, day, published_by_then=True).set_index(["settlement_id", "side"])
    assert everything.loc[("bravo", "ru"), "id"] == "b-ru-3"
    assert known.loc[("bravo", "ru"), "id"] == "b-ru-4"  # b-ru-3 only appeared on 05-03


def test_history_is_chronological(claims):
    history = claim_history(claims, "alpha")
    assert list(history["id"]) == ["a-ind-1", "a-ua-1", "a-ind-2", "a-ru-1", "a-ua-2", "a-ua-3"]
    assert claim_history(claims, "delta").empty


def test_a_claim_naming_the_settlement_beats_an_area_statement_of_the_same_day(claims):
    resolved = claimed_status(claims, "charlie", "ru", date(2024, 9, 10))
    assert resolved["id"] == "c-ru-1"  # both rank 2: the official naming Charlie beats a commander's area-wide remark
    assert bool(resolved["side_split"]) is True


def _by_hand(claims, day):
    """The resolution rule written out plainly, one settlement and side at a time."""
    answer = {}
    rows = claims[claims["claim_date"] <= pd.Timestamp(day)]
    for (settlement, side), group in rows.groupby(["settlement_id", "side"]):
        records = group.to_dict("records")
        published = [r["published"] if not pd.isna(r["published"]) else r["claim_date"] for r in records]
        keys = [
            (r["claim_date"], -r["claimant_rank"], r["scope"] == "settlement", p, r["id"])
            for r, p in zip(records, published, strict=True)
        ]
        winner = records[keys.index(max(keys))]
        same_day = {r["status"] for r in records if r["claim_date"] == winner["claim_date"]}
        answer[(settlement, side)] = (winner["id"], len(same_day) > 1)
    return answer


def test_ranked_once_matches_the_rule_written_out_on_every_day_the_answer_can_change():
    data = load_dataset(ROOT / "data", today=FIXED_TODAY)
    ranked = RankedClaims.from_claims(data.claims)
    dates = {stamp.date() for stamp in data.claims["claim_date"]}
    days = sorted(dates | {d - timedelta(days=1) for d in dates})  # each claim day and the day before it
    for day in days:
        got = ranked.as_of(day)
        expected = _by_hand(data.claims, day)
        assert {(r.settlement_id, r.side): (r.id, bool(r.side_split)) for r in got.itertuples()} == expected, day
    assert len(days) > 50
