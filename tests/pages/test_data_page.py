"""AppTest of the Data page: what is loaded, session uploads, downloads."""

from __future__ import annotations

import json

from geo.io import load_dataset
from geo.merge import check_upload
from tests.conftest import ROOT
from tests.pages.conftest import app_at

PAGE = "pages/data.py"


def _app():
    return app_at(PAGE)


def _village_upload(name):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [35.9, 51.0]},
        "properties": {"id": "test-village", "name": name, "name_ru": "Тест", "oblast": "Kursk", "district": "Test",
                       "geo_precision": 1, "gazetteer": "test"},
    }  # fmt: skip
    raw = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    return check_upload(raw, "t.geojson", "settlements", load_dataset(ROOT / "data"))


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def _shipped_count(kind):
    return len(json.loads((ROOT / "data" / f"{kind}.geojson").read_text(encoding="utf-8"))["features"])


def test_data_page_shows_the_loaded_data():
    at = _app().run()
    assert not at.exception
    for kind in ("settlements", "claims", "events"):
        assert _metric(at, kind.capitalize()) == f"{_shipped_count(kind):,}"
    claimants = at.dataframe[0].value
    assert "Russian General Staff" in set(claimants["claimant_label"])
    assert "Limits: 10 MB and 50,000 features per file" in " ".join(m.value for m in at.markdown).replace("\\", "")


def test_a_session_upload_changes_only_that_session():
    at = _app()
    at.session_state["uploads"] = [_village_upload("<b>Test</b>")]
    at.run()
    assert not at.exception
    assert _metric(at, "Settlements") == f"{_shipped_count('settlements') + 1:,}"
    assert _metric(at, "Your uploads (this session)") == "1"
    assert "t.geojson: 1 settlements" in at.text[0].value
    other = _app().run()
    assert _metric(other, "Settlements") == f"{_shipped_count('settlements'):,}"


def test_map_and_claims_pages_see_the_session_upload():
    at = app_at("pages/claims.py", settlement="test-village")
    at.session_state["uploads"] = [_village_upload("Testovo")]
    at.run()
    assert not at.exception
    assert at.selectbox(key="claims_settlement").value == "test-village"


def _gornal_claim_upload():
    """A made-up test claim: Ukraine's General Staff conceding Gornal on 2025-04-28 (never in data/)."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [35.2325, 51.066111]},
        "properties": {"id": "test-upload-claim", "settlement_id": "gornal", "claim_date": "2025-04-28",
                       "claimant": "ua_general_staff", "status": "ru_control", "statement": "Test statement.",
                       "source_outlet": "Test outlet"},
    }  # fmt: skip
    raw = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    upload = check_upload(raw, "c.geojson", "claims", load_dataset(ROOT / "data"))
    assert not upload.problems, upload.problems
    return upload


def test_an_uploaded_claim_changes_the_resolved_status_in_that_session_only():
    params = {"settlement": "gornal", "date": "2025-04-28"}
    for page in ("pages/claims.py", "pages/map.py"):
        at = app_at(page, **params)
        at.session_state["uploads"] = [_gornal_claim_upload()]
        at.run()
        assert not at.exception
        text = " ".join(m.value for m in at.markdown).replace("\\", "")
        assert "Both sides say Russian control" in text, page
        assert "Test outlet" in text, page
        other = app_at(page, **params).run()
        other_text = " ".join(m.value for m in other.markdown).replace("\\", "")
        assert "The sides disagree" in other_text and "Test outlet" not in other_text, page
