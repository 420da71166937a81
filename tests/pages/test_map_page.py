"""AppTest of the map page: dates, share links, notices, the claims panel and the map's identity."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from geo.agreement import story_day
from geo.io import load_dataset
from tests.conftest import ROOT
from tests.pages.conftest import app_at, village_list

PAGE = str(ROOT / "pages" / "map.py")


def _shipped_span() -> tuple[date, date]:
    """First and last dates of the shipped claims and events (what the slider spans)."""
    days = [
        feature["properties"][field]
        for kind, field in (("claims", "claim_date"), ("events", "event_date"))
        for feature in json.loads((ROOT / "data" / f"{kind}.geojson").read_text(encoding="utf-8"))["features"]
    ]
    return date.fromisoformat(min(days)), date.fromisoformat(max(days))


FIRST, LAST = _shipped_span()
STORY_DAY = story_day(load_dataset(ROOT / "data").claims)


def _run(**params):
    return app_at(PAGE, **params).run()


def _component(at):
    (element,) = at.get("component_instance")
    return json.loads(element.proto.json_args)


def _slider(at):
    return at.slider(key="as_of.slider")


def _jump(at):
    return at.text_input(key="as_of.text")


@pytest.mark.parametrize("day", [FIRST, LAST, date(2025, 4, 26)])
def test_page_runs_on_first_last_and_the_seed_date(day):
    at = _run(date=day.isoformat())
    assert not at.exception
    assert _slider(at).value == day
    assert not at.warning


def test_share_link_restores_the_view():
    at = _run(date="2025-04-26", settlement="gornal", window="7d", layers="settlements,events")
    assert not at.exception
    assert _slider(at).value == date(2025, 4, 26)
    assert _jump(at).value == ""  # the box is for typing; the slider shows the date
    assert village_list(at).value == "gornal"
    assert at.radio(key="window").value == "7d"
    assert at.toggle(key="layer_events").value is True
    assert at.toggle(key="layer_tiles").value is False
    assert at.query_params["date"] == "2025-04-26"
    assert at.query_params["settlement"] == "gornal"


def test_bad_share_links_show_notices_not_exceptions():
    at = _run(date="2031-13-45", settlement="<script>", window="forever", layers="events,satellite")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "Ignored the date" in notices
    assert "no such settlement" in notices
    assert "event window" in notices
    assert "unknown layers" in notices
    assert _slider(at).value == STORY_DAY  # the opening day, not a date made up from the bad one


def test_the_page_opens_where_the_story_starts():
    # The first day both sides have spoken of one village (geo.agreement.story_day), not the data's last day.
    at = _run()
    assert not at.exception
    assert _slider(at).value == STORY_DAY == date(2024, 8, 10)


def test_out_of_range_date_is_clamped_with_a_notice():
    at = _run(date="2023-01-01")
    assert _slider(at).value == FIRST
    assert "outside the data" in at.warning[0].value


def test_gornal_panel_shows_the_claims_side_by_side():
    at = _run(date="2025-04-26", settlement="gornal")
    text = " ".join(m.value for m in at.markdown)
    assert "Russian control" in text and "Russian General Staff" in text
    assert "Contested" in text and "Ukrainian General Staff" in text
    assert "The sides disagree" in text
    assert "Source:" in text and "https://" in text


def _standardised(script):
    return re.sub(r"_[0-9a-f]{32}", "", script)


def test_base_map_identity_is_the_same_for_two_dates():
    at = _run(date="2025-03-01")
    before = _component(at)
    _slider(at).set_value(date(2025, 3, 20)).run()
    after = _component(at)
    assert _standardised(before["script"]) == _standardised(after["script"])
    assert before["feature_group"] != after["feature_group"], "the date-dependent layers should change"
    assert after["returned_objects"] == ["last_object_clicked", "last_object_clicked_tooltip", "zoom", "center"]


def test_scripts_and_styles_are_served_locally():
    args = _component(_run())
    local = ("/app/static/vendor/", "/app/static/contested/")
    assert args["js_links"] and all(link.startswith(local) for link in args["js_links"])
    assert args["css_links"] and all(link.startswith(local) for link in args["css_links"])
    assert "/app/static/contested/map.js" in args["js_links"]  # loaded with the frame, before any layer calls it


def test_typed_date_moves_the_slider():
    at = _run(date="2025-03-01")
    _jump(at).set_value("2025-03-13").run()
    assert not at.exception
    assert _slider(at).value == date(2025, 3, 13)
    assert _jump(at).value == ""
    assert at.query_params["date"] == "2025-03-13"


def test_a_typed_date_that_is_not_a_date_is_explained_and_keeps_the_view():
    at = _run(date="2025-03-01")
    _jump(at).set_value("13/03/2025").run()
    assert not at.exception
    assert _slider(at).value == date(2025, 3, 1)
    assert "YYYY-MM-DD" in " ".join(c.value for c in at.caption)


def test_the_slider_moves_the_link_and_leaves_the_typing_box_alone():
    at = _run(date="2025-03-01")
    _slider(at).set_value(date(2025, 3, 2)).run()
    assert _jump(at).value == ""
    assert at.query_params["date"] == "2025-03-02"


def test_event_count_follows_the_window():
    at = _run(date="2025-03-20", window="all")
    everything = int(re.match(r"(\d+) event", _events_caption(at)).group(1))
    at.radio(key="window").set_value("7d").run()
    week = int(re.match(r"(\d+) event", _events_caption(at)).group(1))
    assert 0 < week < everything


def test_switching_layers_off_removes_them():
    at = _run(date="2025-03-20", layers="")
    args = _component(at)
    drawn = re.findall(r'Contested\["(\w+)"\]', args["feature_group"])
    assert drawn == ["legendMode"]  # no markers, areas or events: only the legend's state
    assert "L.circleMarker" not in args["feature_group"] and "circle_marker" not in args["feature_group"]
    assert "0 events shown" in _events_caption(at)


def _events_caption(at):
    return next(c.value for c in at.caption if re.match(r"\d+ events? shown", c.value))


def _play_button(at):
    return at.button(key="as_of.btn")


def test_play_starts_and_pauses():
    at = _run(date="2025-03-01")
    _play_button(at).click().run()
    assert at.session_state["as_of.playing"] is True
    assert "Pause" in _play_button(at).label
    assert not at.exception
    _play_button(at).click().run()
    assert at.session_state["as_of.playing"] is False


def test_play_steps_without_writing_a_drawn_widget(monkeypatch):
    """Each tick moves the date; the run that follows sets the widgets before drawing them (no exception)."""
    at = _run(date="2025-03-01", step="week", speed="4")
    _play_button(at).click().run()
    for expected in (date(2025, 3, 8), date(2025, 3, 15)):
        at.session_state["as_of.last_tick"] = 0.0  # let the next tick step at once
        at.run()
        assert not at.exception, at.exception
        assert _slider(at).value == expected
        assert at.query_params["date"] == expected.isoformat()
    assert at.query_params["step"] == "week" and at.query_params["speed"] == "4"


def test_play_from_the_last_day_starts_again_from_the_first():
    at = _run(date=LAST.isoformat())
    _play_button(at).click().run()
    assert _slider(at).value == FIRST


def test_share_link_restores_the_map_view():
    at = _run(date="2025-03-01", zoom="11", lat="51.2", lon="35.27")
    args = _component(at)
    assert args["zoom"] == 11
    assert args["center"] == [51.2, 35.27]
    assert at.query_params["zoom"] == "11" and at.query_params["lat"] == "51.20000"


def test_tiles_can_be_switched_off_for_air_gapped_use(monkeypatch):
    monkeypatch.setenv("CONTESTED_TILES", "off")
    at = _run(date="2025-03-01", layers="settlements,events,tiles")
    assert "openstreetmap" not in _component(at)["script"].lower()
    assert at.toggle(key="layer_tiles").disabled


def test_missing_set_up_files_are_explained_and_the_page_still_runs(monkeypatch, tmp_path):
    monkeypatch.setattr("ui.settings.STATIC", tmp_path / "static")
    monkeypatch.setattr("ui.settings.ROOT", tmp_path)
    at = _run(date="2025-03-01")
    assert not at.exception
    assert "set-up files are missing" in at.error[0].value
    assert "static/basemap/oblasts.geojson" in at.error[0].value.replace("\\", "")
    assert "make run" in at.error[0].value


def test_link_values_in_notices_cannot_inject_markdown_links():
    at = _run(settlement="[click me](javascript:alert(1))")
    notice = at.warning[0].value
    assert "](" not in notice.replace("\\]\\(", "")  # only the escaped form may appear
    assert "\\[click me\\]\\(javascript" in notice


def test_without_areas_the_page_says_how_to_import_them():
    at = _run(date="2025-03-01")
    text = " ".join(c.value for c in at.caption)
    assert "No control areas are loaded" in text and "import-deepstate" in text
    assert 'Contested["areas"]' not in _component(at)["feature_group"]


def test_with_areas_the_map_draws_them_and_charts_their_size(tmp_path, monkeypatch):
    from tests.areas_fixture import data_with_areas

    monkeypatch.setenv("CONTESTED_DATA", str(data_with_areas(tmp_path / "data")))
    monkeypatch.setenv("CONTESTED_CACHE", "off")
    at = _run(date="2024-08-10", layers="settlements,areas")
    assert not at.exception
    assert 'Contested["areas"]' in _component(at)["feature_group"]
    assert "Control areas (tracker)" in _component(at)["html"]  # the legend names them
    assert not [c for c in at.caption if "No control areas" in c.value]
    charts = at.get("vega_lite_chart")
    assert charts, "the area-over-time chart is shown"
    assert at.toggle(key="layer_areas").value is True
    at.toggle(key="layer_areas").set_value(False).run()
    assert 'Contested["areas"]' not in _component(at)["feature_group"]
    assert "areas" not in at.query_params["layers"]


def test_the_areas_toggle_is_disabled_without_an_areas_file():
    at = _run(date="2025-03-01")
    assert at.toggle(key="layer_areas").disabled
    assert not at.toggle(key="layer_events").disabled
