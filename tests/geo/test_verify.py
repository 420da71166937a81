"""Claims against DeepStateMap, on small hand-made frames whose answers are worked out by hand.

Settlement ``g`` plays Gornal (DeepStateMap: Ukrainian-held from 2024-08-12, unmarked from 2025-05-30) and
``s`` plays Sudzha (Ukrainian-held from 2024-08-14, unmarked from 2025-03-12).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.area_claims import read_periods
from geo.equal_area import to_wgs84
from geo.io import load_dataset
from geo.tracker import Run, runs_from_areas, runs_from_claims, source_differences, tracker_runs, tracker_timelines
from geo.verify import COLUMNS, claimant_summary, verdict, verify_claims
from geo.vocab import CLAIMANTS
from tests.conftest import REFERENCE, ROOT, TEST_DATA

G, S, FAR = (35.00, 51.00), (35.27, 51.19), (36.00, 51.50)


def settlements(*, unlocated: tuple[str, ...] = ("u",)) -> pd.DataFrame:
    rows = [("g", "Gornal-like", *G), ("s", "Sudzha-like", *S), ("f", "Far", *FAR)]
    rows += [(sid, f"Unlocated {sid}", float("nan"), float("nan")) for sid in unlocated]
    return pd.DataFrame(rows, columns=["id", "name", "lon", "lat"])


def claim(claim_id, settlement_id, day, claimant, status, *, scope="settlement", published=None, outlet=None):
    who = CLAIMANTS[claimant]
    return {
        "id": claim_id,
        "settlement_id": settlement_id,
        "claim_date": pd.Timestamp(day),
        "published": pd.Timestamp(published) if published else pd.NaT,
        "claimant": claimant,
        "speaker": None,
        "status": status,
        "scope": scope,
        "statement": f"{claim_id} statement",
        "source_outlet": outlet or ("DeepStateMap" if claimant == "deepstate" else "Outlet"),
        "source_title": None,
        "source_url": f"https://example.org/{claim_id}",
        "source_directness": "primary",
        "side": who.side,
        "claimant_label": who.label,
        "claimant_rank": who.rank,
    }


TRACKER_CLAIMS = [
    claim("g-ds-1", "g", "2024-07-25", "deepstate", "not_marked"),
    claim("g-ds-2", "g", "2024-08-12", "deepstate", "ua_control"),
    claim("g-ds-3", "g", "2025-05-30", "deepstate", "not_marked"),
    claim("s-ds-1", "s", "2024-07-25", "deepstate", "not_marked"),
    claim("s-ds-2", "s", "2024-08-14", "deepstate", "ua_control"),
    claim("s-ds-3", "s", "2025-03-12", "deepstate", "not_marked"),
]
SPOKEN = [
    claim("g-ru-ahead", "g", "2025-04-26", "ru_general_staff", "ru_control"),
    claim("s-ru-matched", "s", "2025-03-13", "ru_mod", "ru_control"),
    claim("s-ua-ahead", "s", "2024-08-10", "ua_general_staff", "ua_control"),
    claim("s-ua-denial", "s", "2025-03-11", "ua_general_staff", "contested"),
    claim("s-ua-never", "s", "2025-04-01", "ua_unofficial", "ua_control"),
    claim("g-ua-area", "g", "2025-04-27", "ua_president", "contested", scope="area"),
    claim("u-ru-unlocated", "u", "2024-09-01", "ru_mod", "ru_control"),
    claim("g-ru-too-early", "g", "2024-07-01", "ru_mod", "ru_control"),
    claim("f-ru-no-tracker", "f", "2024-09-01", "ru_mod", "ru_control"),
    claim("g-isw", "g", "2025-05-01", "isw", "contested"),
]
LAST_DAY = date(2025, 5, 30)


def claims(*rows) -> pd.DataFrame:
    return pd.DataFrame([*TRACKER_CLAIMS, *SPOKEN, *rows])


def areas() -> gpd.GeoDataFrame:
    """The tracker's areas drawing the same story as its claims at ``g`` and ``s``."""
    around_g = box(G[0] - 0.02, G[1] - 0.02, G[0] + 0.02, G[1] + 0.02)
    around_s = box(S[0] - 0.05, S[1] - 0.05, S[0] + 0.05, S[1] + 0.05)
    rows = [
        ("a-1", "ua_control", "2024-08-12", "2025-05-30", around_g),
        ("a-2", "ua_control", "2024-08-14", "2025-03-12", around_s),
        ("a-3", "contested", "2024-07-25", "2024-07-26", box(34.0, 50.5, 34.1, 50.6)),  # far away: sets day one
    ]
    return gpd.GeoDataFrame(
        {
            "id": [r[0] for r in rows],
            "claimant": "deepstate",
            "status": [r[1] for r in rows],
            "valid_from": pd.to_datetime([r[2] for r in rows]),
            "valid_to": pd.to_datetime([r[3] for r in rows]),
        },
        geometry=[r[4] for r in rows],
        crs="EPSG:4326",
    )


@pytest.fixture(scope="module")
def verified() -> pd.DataFrame:
    table = verify_claims(settlements(), claims())
    return table.set_index("claim_id", drop=False)


def test_one_row_per_russian_or_ukrainian_claim_with_every_column(verified):
    assert list(verified.columns) == list(COLUMNS)
    assert set(verified["claim_id"]) == {c["id"] for c in SPOKEN if c["side"] in {"ru", "ua"}}
    assert list(verified["claim_date"]) == sorted(verified["claim_date"])


def test_a_russian_capture_that_ran_ahead_of_the_tracker(verified):
    row = verified.loc["g-ru-ahead"]
    assert bool(row["scored"]) and row["tracker_status"] == "ua_control"
    assert row["agreed_on"] == pd.Timestamp("2025-05-30") and pd.isna(row["already_since"])
    assert row["lead_days"] == 34
    assert (row["verdict"], row["verdict_text"]) == ("ahead", "ran ahead of DeepStateMap by 34 days")


def test_a_capture_the_tracker_showed_a_day_earlier(verified):
    row = verified.loc["s-ru-matched"]
    assert row["tracker_status"] == "not_marked"
    assert row["already_since"] == pd.Timestamp("2025-03-12") and row["agreed_on"] == pd.Timestamp("2025-03-13")
    assert row["lead_days"] == -1
    assert (row["verdict"], row["verdict_text"]) == ("matched", "matched DeepStateMap, which showed this 1 day earlier")


def test_ukrainian_claims_of_control_and_of_fighting(verified):
    gain = verified.loc["s-ua-ahead"]  # tracker unmarked on the day, Ukrainian-held four days later
    assert (gain["tracker_status"], gain["lead_days"], gain["verdict"]) == ("not_marked", 4, "ahead")
    assert gain["verdict_text"] == "ran ahead of DeepStateMap by 4 days"
    denial = verified.loc["s-ua-denial"]  # "still fighting" while the tracker shows Ukrainian control: consistent
    assert denial["already_since"] == pd.Timestamp("2024-08-14")
    assert (denial["lead_days"], denial["verdict"]) == (-209, "behind")
    assert denial["verdict_text"] == "DeepStateMap showed this 209 days earlier"


def test_a_claim_the_tracker_never_showed(verified):
    row = verified.loc["s-ua-never"]
    assert bool(row["scored"]) and row["tracker_status"] == "not_marked"
    assert pd.isna(row["lead_days"]) and pd.isna(row["agreed_on"]) and pd.isna(row["already_since"])
    assert row["verdict"] == "never"
    assert row["verdict_text"] == f"DeepStateMap never showed this in the data (to {LAST_DAY.isoformat()})"


@pytest.mark.parametrize(
    ("claim_id", "reason"),
    [
        ("g-ua-area", "area-wide statement"),
        ("u-ru-unlocated", "location not checked"),
        ("g-ru-too-early", "no tracker data for that day"),
        ("f-ru-no-tracker", "no tracker data for that day"),
    ],
)
def test_claims_not_scored_say_why(verified, claim_id, reason):
    row = verified.loc[claim_id]
    assert not row["scored"] and row["reason_not_scored"] == reason
    assert pd.isna(row["lead_days"]) and pd.isna(row["verdict"]) and pd.isna(row["tracker_status"])


def test_the_scope_reason_comes_before_the_location_reason():
    both = claim("u-area", "u", "2025-01-01", "ru_mod", "ru_control", scope="area")
    row = verify_claims(settlements(), claims(both)).set_index("claim_id").loc["u-area"]
    assert row["reason_not_scored"] == "area-wide statement"


def test_a_claim_after_the_trackers_last_day_is_not_scored():
    timelines = tracker_timelines(settlements(), claims())
    late = claim("g-late", "g", "2025-06-01", "ru_mod", "ru_control")
    table = verify_claims(settlements(), claims(), timelines=timelines)
    assert timelines.last_day == LAST_DAY and "g-late" not in set(table["claim_id"])
    row = verify_claims(settlements(), pd.concat([claims(), pd.DataFrame([late])]), timelines=timelines)
    assert row.set_index("claim_id").loc["g-late", "reason_not_scored"] == "no tracker data for that day"


@pytest.mark.parametrize(
    ("lead", "code", "text"),
    [
        (0, "matched", "matched DeepStateMap, which showed this on the same day"),
        (-1, "matched", "matched DeepStateMap, which showed this 1 day earlier"),
        (1, "matched", "matched DeepStateMap, which showed this 1 day later"),
        (2, "matched", "matched DeepStateMap, which showed this 2 days later"),
        (-3, "matched", "matched DeepStateMap, which showed this 3 days earlier"),
        (4, "ahead", "ran ahead of DeepStateMap by 4 days"),
        (34, "ahead", "ran ahead of DeepStateMap by 34 days"),
        (-4, "behind", "DeepStateMap showed this 4 days earlier"),
        (-12, "behind", "DeepStateMap showed this 12 days earlier"),
    ],
)
def test_verdict_words(lead, code, text):
    assert verdict(lead) == (code, text)
    assert "true" not in text.lower() and "false" not in text.lower()


def test_verdict_never_names_the_end_of_the_data():
    assert verdict(None, date(2025, 8, 3)) == ("never", "DeepStateMap never showed this in the data (to 2025-08-03)")


def test_runs_from_claims_resolve_same_day_ties_and_read_russian_control_as_unmarked():
    extra = [
        claim("s-ds-4", "s", "2025-03-14", "deepstate", "contested"),
        claim("s-ds-5", "s", "2025-03-14", "deepstate", "ua_control", published="2025-03-15"),  # published later: wins
        claim("s-ds-6", "s", "2025-03-16", "deepstate", "ru_control"),
    ]
    runs = runs_from_claims(claims(*extra)).of("s")
    assert [(r.start.isoformat(), r.status) for r in runs] == [
        ("2024-07-25", "not_marked"),
        ("2024-08-14", "ua_control"),
        ("2025-03-12", "not_marked"),
        ("2025-03-14", "ua_control"),
        ("2025-03-16", "not_marked"),
    ]
    assert runs[3].claim_id == "s-ds-5"


def test_tracker_runs_of_one_settlement_from_its_parts():
    runs = tracker_runs((settlements(), claims(), None), "g")
    assert runs == [
        Run(date(2024, 7, 25), "not_marked", "g-ds-1"),
        Run(date(2024, 8, 12), "ua_control", "g-ds-2"),
        Run(date(2025, 5, 30), "not_marked", "g-ds-3"),
    ]
    assert tracker_runs((settlements(), claims(), None), "u") == []  # no location, no runs


def test_runs_from_areas_and_from_claims_agree():
    from_areas = runs_from_areas(settlements(), areas(), claims())
    from_claims = runs_from_claims(claims())
    assert from_areas.source == "areas" and from_areas.last_day == LAST_DAY
    for sid in ("g", "s"):
        assert [(r.start, r.status) for r in from_areas.of(sid)] == [(r.start, r.status) for r in from_claims.of(sid)]
    assert [(r.start, r.status) for r in from_areas.of("f")] == [(date(2024, 7, 25), "not_marked")]
    assert source_differences(settlements(), claims(), areas()).empty


def test_verify_reads_areas_when_there_are_some():
    by_claims = verify_claims(settlements(), claims()).set_index("claim_id")
    by_areas = verify_claims(settlements(), claims(), areas()).set_index("claim_id")
    assert by_areas.loc["g-ru-ahead", "lead_days"] == 34 and by_areas.loc["s-ru-matched", "lead_days"] == -1
    # "Far" has no tracker claims but does lie inside the areas' coverage, where nothing marks it
    assert by_claims.loc["f-ru-no-tracker", "reason_not_scored"] == "no tracker data for that day"
    assert (by_areas.loc["f-ru-no-tracker", "lead_days"], by_areas.loc["f-ru-no-tracker", "verdict"]) == (-38, "behind")


def test_a_news_report_of_what_the_tracker_said_is_not_the_map():
    report = claim("s-ds-report", "s", "2025-03-13", "deepstate", "contested", outlet="Ukrainska Pravda")
    table = verify_claims(settlements(), claims(report)).set_index("claim_id")
    assert table.loc["s-ru-matched", "lead_days"] == -1


def test_source_differences_name_the_claim_that_differs():
    report = claim("s-ds-report", "s", "2025-03-13", "deepstate", "contested")
    differences = source_differences(settlements(), claims(report), areas())
    assert differences.to_dict("records") == [
        {
            "settlement_id": "s",
            "start": date(2025, 3, 13),
            "end": LAST_DAY,
            "areas_status": "not_marked",
            "claims_status": "contested",
            "claim_id": "s-ds-report",
        }
    ]


def test_contested_wins_where_both_statuses_cover_a_point():
    grey = areas().iloc[[0]].assign(id="grey", status="contested", valid_from=pd.Timestamp("2025-01-01"))
    both = pd.concat([areas(), grey], ignore_index=True)
    runs = runs_from_areas(settlements(), both).of("g")
    assert [(r.start.isoformat(), r.status) for r in runs] == [
        ("2024-07-25", "not_marked"),
        ("2024-08-12", "ua_control"),
        ("2025-01-01", "contested"),
        ("2025-05-30", "not_marked"),
    ]


def test_claimant_summary(verified):
    summary = claimant_summary(verified.reset_index(drop=True)).set_index("claimant")
    assert list(summary.index) == ["ru_general_staff", "ru_mod", "ua_president", "ua_general_staff", "ua_unofficial"]
    ru_mod = summary.loc["ru_mod"]  # matched (-1); unlocated, too early and untracked claims not scored
    assert (ru_mod["claims"], ru_mod["scored"], ru_mod["median_lead_days"]) == (4, 1, -1.0)
    assert ru_mod["share_ahead"] == 0.0 and ru_mod["share_never"] == 0.0
    assert summary.loc["ru_general_staff", "share_ahead"] == 1.0
    ua = summary.loc["ua_general_staff"]  # +4 and -209
    assert (ua["scored"], ua["median_lead_days"], ua["share_ahead"]) == (2, -102.5, 0.0)
    assert summary.loc["ua_unofficial", "share_never"] == 1.0
    nothing_scored = summary.loc["ua_president"]
    assert pd.isna(nothing_scored["median_lead_days"]) and pd.isna(nothing_scored["share_never"])


# The shipped sample data and the command line.


@pytest.fixture(scope="module")
def shipped():
    data = load_dataset(ROOT / "data")
    table = verify_claims(data.settlements, data.claims, data.areas)
    return data, table.set_index("claim_id", drop=False)


def test_shipped_gornal_general_staff_claim_ran_34_days_ahead(shipped):
    _, table = shipped
    row = table.loc["gornal-2025-04-26-ru-general-staff"]
    assert (row["claimant"], row["claim_date"], row["status"]) == (
        "ru_general_staff",
        pd.Timestamp("2025-04-26"),
        "ru_control",
    )
    assert (row["lead_days"], row["verdict"]) == (34, "ahead")


def test_shipped_sudzha_mod_claim_matched_the_map_a_day_later(shipped):
    """DeepStateMap's map stopped showing Sudzha's point as Ukrainian-held on 2025-03-12, a day before the MoD's claim.

    The claims also hold DeepStateMap's statement of 2025-03-13 (via Ukrainska Pravda) of fighting on the town's
    outskirts; it is a news report of what the tracker said, not the map, so it does not enter the runs.
    """
    data, table = shipped
    row = table.loc["sudzha-2025-03-13-ru-mod"]
    assert (row["claimant"], row["status"], row["tracker_status"]) == ("ru_mod", "ru_control", "not_marked")
    assert (row["lead_days"], row["verdict"]) == (-1, "matched")
    assert row["verdict_text"] == "matched DeepStateMap, which showed this 1 day earlier"
    runs = tracker_runs(data, "sudzha")
    assert runs[-1] == Run(date(2025, 3, 12), "not_marked", "sudzha-2025-03-12-deepstate")


def _reference_areas() -> gpd.GeoDataFrame:
    periods = read_periods(REFERENCE / "deepstate_kursk_areas.geojson")
    return gpd.GeoDataFrame(
        {
            "claimant": "deepstate",
            "status": [p.status for p in periods],
            "valid_from": pd.to_datetime([p.start for p in periods]),
            "valid_to": pd.to_datetime([p.end for p in periods]),
        },
        geometry=[to_wgs84(p.area) for p in periods],
        crs="EPSG:4326",
    )


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not present on this machine")
def test_shipped_claims_and_reference_areas_agree_everywhere(shipped):
    """Where both sources have data, DeepStateMap's map claims and its areas give the same status every day."""
    data, _ = shipped
    differences = source_differences(data.settlements, data.claims, _reference_areas())
    assert differences.empty, differences.to_dict("records")
    table = verify_claims(data.settlements, data.claims, _reference_areas()).set_index("claim_id")
    assert table.loc["sudzha-2025-03-13-ru-mod", "lead_days"] == -1
    assert table.loc["gornal-2025-04-26-ru-general-staff", "lead_days"] == 34


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=ROOT, check=False)


def test_cli_json_lists_the_records():
    result = run("verify", "--settlement", "gornal", "--claimant", "ru_general_staff", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert {(r["claimant"], r["settlement_id"]) for r in records} == {("ru_general_staff", "gornal")}
    (row,) = [r for r in records if r["claim_id"] == "gornal-2025-04-26-ru-general-staff"]
    assert list(row) == list(COLUMNS)
    assert (row["claim_date"], row["agreed_on"], row["already_since"]) == ("2025-04-26", "2025-05-30", None)
    assert (row["lead_days"], row["scored"], row["verdict"]) == (34, True, "ahead")


def test_cli_text_says_why_a_claim_is_not_scored():
    result = run("verify", "--settlement", "gornal", "--claimant", "ua_president")
    assert result.returncode == 0, result.stderr
    assert "Gornal: Contested" in result.stdout and "not scored: area-wide statement" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--settlement", "nowhere"], "no settlement with id 'nowhere'"),
        (["--claimant", "nobody"], "'nobody' is not a Russian or Ukrainian claimant code"),
        (["--claimant", "deepstate"], "'deepstate' is not a Russian or Ukrainian claimant code"),
    ],
)
def test_cli_unknown_settlement_or_claimant_exits_two(args, message):
    result = run("verify", *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_cli_bad_data_exits_one():
    result = run("verify", "--data", str(TEST_DATA / "bad"))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr


def test_cli_reads_the_areas_of_a_data_folder_that_has_them(tmp_path):
    from tests.areas_fixture import data_with_areas

    folder = data_with_areas(tmp_path / "data")
    result = run("verify", "--data", str(folder), "--settlement", "gornal")
    assert result.returncode == 0, result.stderr
    assert "against DeepStateMap (its areas)" in result.stdout
    plain = run("verify", "--settlement", "gornal")
    assert "against DeepStateMap (its claims)" in plain.stdout


def test_verdicts_on_a_day_take_each_settlements_latest_scored_claim(verified):
    from geo.verify import verdicts_on

    table = verified.reset_index(drop=True)
    before = verdicts_on(table, date(2025, 3, 12))
    after = verdicts_on(table, date(2025, 4, 30))
    assert "g" not in before or before["g"] != "ahead"
    assert after["g"] == "ahead"
    assert set(after) <= {"ahead", "matched", "behind", "never"}


def test_legend_names_the_classes_of_the_colour_mode():
    from geo.map import TRACKER_CLASSES, legend_html

    trackers = legend_html(mode="trackers")
    assert all(label in trackers for label in TRACKER_CLASSES.values())
    assert "the latest Russian or Ukrainian claim against DeepStateMap" in trackers
    assert "The sides disagree" in legend_html()
