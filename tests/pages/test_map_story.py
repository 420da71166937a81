"""AppTest of what the map page says at a glance: colour modes, weaker claims, search, the picked village."""

from __future__ import annotations

import json

import pytest

from geo.map import COLOUR_MODES
from tests.conftest import ROOT
from tests.pages.conftest import app_at, village_list

PAGE = str(ROOT / "pages" / "map.py")


def _run(**params):
    return app_at(PAGE, **params).run()


def _component(at):
    (element,) = at.get("component_instance")
    return json.loads(element.proto.json_args)


def _text(at):
    """Everything the page wrote as Markdown, with Markdown's escapes taken out."""
    return (" ".join(m.value for m in at.markdown) + " " + " ".join(c.value for c in at.caption)).replace("\\", "")


@pytest.mark.parametrize("mode", list(COLOUR_MODES))
def test_every_colour_mode_draws_with_its_legend_and_counts(mode):
    at = _run(date="2025-03-13", colour=mode)
    assert not at.exception
    assert at.selectbox(key="colour").value == mode
    args = _component(at)
    assert '"settlementLayout"' in args["feature_group"]
    legend = args["html"]
    assert "contested-legend" in legend and "Dashed ring" in legend
    text = _text(at)
    assert "villages on the map" in text
    shown = [words for words in COLOUR_MODES[mode].classes.values() if words in text]
    assert shown, "the panel counts the villages per class, in the mode's words"


def test_switching_the_mode_recolours_and_rewrites_the_legend_and_the_link():
    at = _run(date="2025-03-13")
    before = _component(at)
    at.selectbox(key="colour").set_value("ua").run()
    after = _component(at)
    assert not at.exception
    assert at.query_params["colour"] == "ua"
    assert 'Contested["legendMode"]' in after["feature_group"] and '"mode":"ua"' in after["feature_group"]
    assert '"mode":"ua"' not in before["feature_group"]
    assert before["script"] == after["script"], "the base map stays: the reader keeps their view"
    assert before["feature_group"] != after["feature_group"]


def test_gornal_after_the_fighting_rests_on_an_area_wide_remark():
    # Ukraine's last word on Gornal is Zelensky's of 27 April, which does not name it.
    at = _run(date="2025-05-20", settlement="gornal")
    assert not at.exception
    text = _text(at)
    assert "The sides disagree (rests on Ukraine's area-wide claim)" in text
    assert "Area-wide: the statement does not name this village" in text


def test_the_reader_sets_the_stale_threshold_and_the_link_keeps_it():
    at = _run(date="2025-05-20", settlement="gornal")
    assert at.number_input(key="stale").value == 30
    at.number_input(key="stale").set_value(10).run()
    assert not at.exception
    assert at.query_params["stale"] == "10"
    text = _text(at)
    assert "over 10 days old" in text
    assert '"staleDays":10' in _component(at)["feature_group"]  # the legend says the threshold too
    again = _run(date="2025-05-20", settlement="gornal", stale="10")
    assert again.number_input(key="stale").value == 10


@pytest.mark.parametrize("spelling", ["Горналь", "Hornal", "Gornal'"])
def test_map_search_offers_every_spelling(spelling):
    at = _run(date="2025-04-26")
    box = village_list(at)
    assert any(spelling in label for label in box.options)  # the labels the reader types into


def test_the_list_shows_no_village_until_one_is_picked_and_picks_nothing_by_itself():
    at = _run(date="2025-04-26")
    assert village_list(at).value is None  # a placeholder, not the first village of the list
    ring = at.session_state["ring"]
    at.selectbox(key="colour").set_value("ru").run()
    at.run()
    assert not at.exception
    assert village_list(at).value is None
    assert at.session_state["ring"] == ring and at.session_state["selected"] is None
    assert "settlement" not in at.query_params and _component(at)["center"] is None


def test_a_map_click_shows_in_the_list_without_counting_as_a_pick_from_it():
    at = _run(date="2025-04-26")
    ring, key = at.session_state["ring"], village_list(at).key
    at.session_state["selected"] = "sudzha"  # what a click on Sudzha's marker sets
    at.run()
    assert not at.exception
    box = village_list(at)
    assert box.value == "sudzha" and box.key != key  # a new list shows the click; the old one's value is moot
    assert at.session_state["ring"] == ring  # the browser rang the click: the layers stay, so its popup stays
    assert _component(at)["center"] is None  # and the map stays where the reader had it
    at.run()
    assert at.session_state["ring"] == ring and village_list(at).value == "sudzha"


def test_picking_a_village_from_the_list_centres_and_rings_it():
    at = _run(date="2025-04-26")
    assert _component(at)["center"] is None
    village_list(at).set_value("gornal").run()
    assert not at.exception
    args = _component(at)
    assert args["center"] == pytest.approx({"lat": 51.066111, "lng": 35.2325}, abs=1e-3) or args["center"] == [
        pytest.approx(51.066111, abs=1e-3),
        pytest.approx(35.2325, abs=1e-3),
    ]
    assert args["zoom"] >= 10
    assert 'Contested["selectedRing"]' in args["feature_group"]
    assert "Gornal" in _text(at)


def test_no_raw_codes_in_the_words_on_the_page():
    at = _run(date="2025-03-13", settlement="sudzha")
    text = _text(at).replace("geo import-deepstate", "")  # the README's command is a command
    for code in ("ru_official", "ru_mod", "ua_general_staff", "deepstate", "not_marked", "agree_ru", "only_ru"):
        assert code not in text
