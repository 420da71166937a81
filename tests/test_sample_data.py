"""The shipped sample data: valid, large enough, sourced, and true to the reference."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from geo.claims import claimed_status
from geo.coverage import coverage_summary
from geo.io import load_dataset
from geo.validate import haversine_km
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


def test_shipped_data_validates_and_meets_the_counts(data):
    assert len(data.settlements) >= 120
    assert len(data.claims) >= 450
    assert len(data.events) >= 150
    assert set(data.claims["side"]) == {"ru", "ua", "independent"}
    assert set(data.events["admin1"]) == {"Kursk", "Belgorod"}
    assert {"kursk", "belgorod"} <= set(data.settlements["id"])


def test_spring_2025_belgorod_fighting_is_in_the_events(data):
    events = data.events
    spring = events[(events["admin1"] == "Belgorod") & events["event_date"].between("2025-03-01", "2025-05-31")]
    assert len(spring) >= 3


def test_incursion_start_is_in_the_events(data):
    assert (data.events["event_date"] == "2024-08-06").any()


def test_every_claim_and_event_names_its_source(data):
    for frame in (data.claims, data.events):
        assert frame["source_outlet"].str.strip().str.len().gt(0).all()
    with_url = data.claims["source_url"].notna()
    assert data.claims.loc[with_url, "source_url"].str.match(r"https?://").all()


def test_every_claim_sits_on_its_settlement(data):
    points = data.settlements.set_index("id")[["lon", "lat"]]
    for claim in data.claims.itertuples():
        anchor = points.loc[claim.settlement_id]
        if pd.isna(anchor.lon):  # location not checked: the claim has no point either
            assert pd.isna(claim.lon), claim.id
            continue
        assert haversine_km((claim.lon, claim.lat), (anchor.lon, anchor.lat)) < 0.01, claim.id


def _by_id(frame, **criteria):
    mask = True
    for column, value in criteria.items():
        mask = mask & (frame[column] == value)
    return frame[mask]


def test_seed_story_gornal(data):
    claims = data.claims
    gerasimov = _by_id(claims, settlement_id="gornal", claimant="ru_general_staff", claim_date="2025-04-26")
    assert (gerasimov["status"] == "ru_control").any()
    ukraine = _by_id(claims, settlement_id="gornal", side="ua", claim_date="2025-04-26")
    assert (ukraine["status"] != "ru_control").any()
    deepstate = _by_id(claims, settlement_id="gornal", claimant="deepstate")
    ua_held = deepstate[deepstate["status"] == "ua_control"]["claim_date"]
    assert ua_held.min() <= pd.Timestamp("2024-08-12")
    stop = deepstate[(deepstate["status"] == "not_marked") & (deepstate["claim_date"] > "2025-01-01")]
    assert list(stop["claim_date"].dt.date) == [date(2025, 5, 30)]


def test_seed_story_sudzha(data):
    claims = data.claims
    assert (_by_id(claims, settlement_id="sudzha", side="ua", claim_date="2024-08-15")["status"] == "ua_control").any()
    assert (
        _by_id(claims, settlement_id="sudzha", claimant="ru_mod", claim_date="2025-03-13")["status"] == "ru_control"
    ).any()
    on = claimed_status(claims, "sudzha", "independent", date(2024, 8, 14))
    assert on["status"] == "ua_control"
    off = claimed_status(claims, "sudzha", "independent", date(2025, 3, 12))
    assert off["status"] != "ua_control"  # since #13 ISW's assessment of Russian capture outranks DeepStateMap's
    deepstate = _by_id(claims, settlement_id="sudzha", claimant="deepstate", claim_date="2025-03-12")
    assert list(deepstate["status"]) == ["not_marked"]


def test_cli_status_for_gornal_the_day_after_the_claim():
    result = subprocess.run(
        [sys.executable, "-m", "geo", "status", "--date", "2025-04-27", "--settlement", "gornal", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    row = json.loads(result.stdout)["settlements"][0]
    assert row["ru"]["status"] == "ru_control"
    assert row["ua"] is not None and row["ua"]["status"] != "ru_control"
    assert row["ru"]["source_outlet"] and row["ua"]["source_outlet"]
    assert row["agreement"] == "disagree"


# --- checks against the independent reference in ../shared/reference -----------


def _reference_rows(reference_dir):
    with (reference_dir / "settlements_reference.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_coordinates_match_the_reference(data, reference_dir):
    rows = _reference_rows(reference_dir)
    checked = 0
    for settlement in data.settlements.itertuples():
        candidates = [r for r in rows if r["name_en"] == settlement.name]
        if not candidates:
            continue
        checked += 1
        distance, limit = min(
            (
                haversine_km((settlement.lon, settlement.lat), (float(r["lon"]), float(r["lat"]))),
                float(r["precision_km"]) + 1,
            )
            for r in candidates
        )
        assert distance <= limit, f"{settlement.name} is {distance:.2f} km from the reference (limit {limit} km)"
    assert checked == len({r["name_en"] for r in rows})


def test_settlements_outside_the_reference_are_approximate_and_inside_their_district(data, reference_dir):
    rows = _reference_rows(reference_dir)
    known = {r["name_en"] for r in rows}
    district_ru = {r["district"]: r["osm_district_check"] for r in rows if r["osm_district_check"]}
    polygons = {
        f["properties"]["district_ru"]: shape(f["geometry"])
        for f in json.loads((reference_dir / "districts_osm.geojson").read_text(encoding="utf-8"))["features"]
    }
    extras = data.settlements[~data.settlements["name"].isin(known) & data.settlements["lon"].notna()]
    assert len(extras) >= 4  # Grafovka, Vnezapnoye, Poroz, Prilesye
    for settlement in extras.itertuples():
        assert settlement.geo_precision >= 2, f"{settlement.name} is not in the reference, so it must be approximate"
        polygon = polygons[district_ru[settlement.district]]
        assert polygon.contains(Point(settlement.lon, settlement.lat)), (
            f"{settlement.name} is outside {settlement.district}"
        )


def test_deepstate_claims_match_the_reference_changes(data, reference_dir):
    names = dict(zip(data.settlements["name"], data.settlements["id"], strict=True))
    mapping = {"ua_controlled": "ua_control", "contested_unknown": "contested", "not_marked": "not_marked"}
    deepstate = data.claims[data.claims["claimant"] == "deepstate"]
    recorded = set(
        zip(deepstate["settlement_id"], deepstate["claim_date"].dt.date.astype(str), deepstate["status"], strict=True)
    )
    with (reference_dir / "deepstate_status_changes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (names[row["settlement"]], row["snapshot_utc"][:10], mapping[row["deepstate_status"]])
            assert key in recorded, key


# --- coverage (issue 13): villages, sides, sources --------------------------------------

HOMONYMS = ("Viktorovka", "Oleshnya", "Popovka", "Lebedevka", "Orlovka")
"""Names the sources warn about: two Viktorovkas in Kursk oblast; the others also exist in Ukraine."""


def test_russian_liberation_claims_cover_seventy_settlements(data):
    """Issue 13 asks for a Russian claim at 70+ settlements: the MoD's and General Staff's announcements.

    The Ministry named about 65 of our villages one by one (its own tally of March 2025 lists 53 Kursk villages
    to that date); the General Staff's "the whole region is liberated" of 26 April 2025 covers the rest, attached
    as area-wide claims to the villages Ukraine held or fought for.
    """
    summary = coverage_summary(data.settlements, data.claims, data.events)
    assert summary["settlements_with_russian_official_control_claim"] >= 70
    assert summary["settlements_with_russian_liberation_claim"] >= 60


def test_no_statement_is_recorded_twice_from_one_outlet(data):
    key = ["settlement_id", "claimant", "claim_date", "status", "source_outlet"]
    doubled = data.claims[data.claims.duplicated(key, keep=False)]
    assert doubled.empty, list(doubled["id"])


def test_every_claim_says_how_direct_its_source_is_and_weak_pages_are_few(data):
    claims = data.claims
    assert claims["source_directness"].notna().all(), list(claims[claims["source_directness"].isna()]["id"])
    others = claims[claims["claimant"] != "deepstate"]
    weak = others[others["source_directness"].isin(["aggregator", "repost"])]
    assert len(weak) <= 0.10 * len(others), f"{len(weak)} of {len(others)} rest on an aggregator or repost"


def test_unlocated_villages_have_no_point_and_say_so(data):
    settlements = data.settlements
    unlocated = settlements[settlements["lon"].isna()]
    assert len(unlocated) >= 1
    assert unlocated["geo_precision"].isna().all()
    assert unlocated["coord_note"].str.startswith("Location not checked").all()
    located = settlements[settlements["lon"].notna()]
    assert located["gazetteer"].notna().all() and located["geo_precision"].notna().all()


def test_homonyms_are_resolved_to_one_district_each(data):
    settlements = data.settlements
    for name in HOMONYMS:
        same = settlements[settlements["name"] == name]
        assert not same.empty, name
        assert set(same["oblast"]) <= {"Kursk", "Belgorod"}, name
        assert same["district"].is_unique, name
        if len(same) > 1:
            assert all(district.lower() in sid for sid, district in zip(same["id"], same["district"], strict=True))
    viktorovka = settlements[settlements["name"] == "Viktorovka"]
    assert set(viktorovka["district"]) == {"Korenevsky", "Sudzhansky"}


def test_cli_status_shows_the_independent_picture_of_the_incursion():
    result = subprocess.run(
        [sys.executable, "-m", "geo", "status", "--date", "2024-09-15", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    rows = json.loads(result.stdout)["settlements"]
    held = [row for row in rows if row["independent"] and row["independent"]["status"] == "ua_control"]
    # Issue 13 asks for 25. DeepStateMap's map is read only at located villages (33), and the ISW and DeepStateMap
    # statements about the rest found so far name 21 held villages on this day. See the README's coverage notes.
    assert len(held) >= 20
    assert any(not row["located"] for row in rows)  # unlocated villages are in the CLI too
