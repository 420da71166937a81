"""AppTest of the "Against the trackers" tab of the Claims page, and the sentence beside each claim."""

from __future__ import annotations

import json

from tests.conftest import ROOT
from tests.pages.conftest import app_at

PAGE = str(ROOT / "pages" / "claims.py")


def _frames(at):
    return [frame.value for frame in at.dataframe]


def _summary(at):
    return next(frame for frame in _frames(at) if "median_lead_days" in frame.columns)


def _scored(at):
    return next(frame for frame in _frames(at) if "verdict_text" in frame.columns and "lead_days" in frame.columns)


def test_view_lists_scored_claims_with_verdicts_and_a_summary_per_claimant():
    at = app_at(PAGE, date="2025-04-27", settlement="gornal").run()
    assert not at.exception
    scored = _scored(at)
    gornal = scored[(scored["settlement_name"] == "Gornal") & (scored["claimant_label"] == "Russian General Staff")]
    assert "ran ahead of DeepStateMap by 34 days" in set(gornal["verdict_text"])
    sudzha = scored[(scored["settlement_name"] == "Sudzha") & (scored["claim_date"] == "2025-03-13")]
    assert "matched DeepStateMap, which showed this 1 day earlier" in set(sudzha["verdict_text"])
    summary = _summary(at)
    assert "Russian Ministry of Defence" in set(summary["claimant_label"])
    assert summary["scored"].gt(0).all()
    assert any(spec for spec in at.get("vega_lite_chart"))


def test_filters_narrow_the_table_and_the_summary():
    at = app_at(PAGE, date="2025-04-27").run()
    at.multiselect(key="trackers_claimants").set_value(["ru_general_staff"]).run()
    assert not at.exception
    assert set(_scored(at)["claimant_label"]) == {"Russian General Staff"}
    assert list(_summary(at)["claimant_label"]) == ["Russian General Staff"]
    at.multiselect(key="trackers_verdicts").set_value(["never"]).run()
    assert not at.exception
    assert _scored(at).empty or set(_scored(at)["verdict_label"]) == {"DeepStateMap never showed it"}


def test_each_side_says_how_its_claim_stood_against_deepstatemap():
    at = app_at(PAGE, date="2025-04-27", settlement="gornal").run()
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Against DeepStateMap: ran ahead of DeepStateMap by" in captions
    assert "Against DeepStateMap: not scored (area-wide statement)." in captions


def test_the_map_panel_says_it_too():
    at = app_at(str(ROOT / "pages" / "map.py"), date="2025-05-01", settlement="gornal").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Against DeepStateMap:" in captions


def test_exports_hold_what_the_view_shows():
    from geo.export import verified_to_geojson
    from geo.io import load_dataset
    from geo.verify import verify_claims

    data = load_dataset(ROOT / "data")
    verified = verify_claims(data.settlements, data.claims, data.areas)
    collection = json.loads(verified_to_geojson(verified, data.settlements))
    assert len(collection["features"]) == len(verified)
    unlocated = [f for f in collection["features"] if f["properties"]["reason_not_scored"] == "location not checked"]
    assert unlocated and all(f["geometry"] is None for f in unlocated)
    gornal = next(
        f for f in collection["features"] if f["properties"]["claim_id"] == "gornal-2025-04-26-ru-general-staff"
    )
    assert gornal["properties"]["lead_days"] == 34 and gornal["properties"]["source_outlet"]


def test_map_colours_by_claims_against_deepstatemap_from_the_link():
    at = app_at(str(ROOT / "pages" / "map.py"), date="2025-05-01", colour="trackers").run()
    assert not at.exception
    assert at.selectbox(key="colour").value == "trackers"
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Latest claim ran ahead of DeepStateMap" in text  # the counts beside the map, in the mode's words
