"""Share-link parsing: every bad value becomes a notice, never an exception."""

from __future__ import annotations

from datetime import date

import pytest

from ui.share import DEFAULT_WINDOW, LAYERS, ViewState, parse_view, view_params

RANGE = {"first": date(2024, 8, 1), "last": date(2025, 5, 31), "default": date(2025, 5, 31), "settlements": {"gornal"}}


def test_good_link_round_trips():
    view = ViewState(date(2025, 4, 26), "gornal", "7d", ("settlements", "tiles"))
    parsed = parse_view(view_params(view), **RANGE)
    assert (parsed.as_of, parsed.settlement, parsed.window, parsed.layers) == (
        date(2025, 4, 26),
        "gornal",
        "7d",
        ("settlements", "tiles"),
    )
    assert parsed.notices == []


def test_empty_link_gives_defaults():
    parsed = parse_view({}, **RANGE)
    assert parsed.as_of == RANGE["default"]
    assert parsed.layers == LAYERS and parsed.window == DEFAULT_WINDOW and parsed.notices == []


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        ("2023-01-01", date(2024, 8, 1), "outside the data"),
        ("2030-01-01", date(2025, 5, 31), "outside the data"),
        ("2025-02-30", date(2025, 5, 31), "use YYYY-MM-DD"),
        ("yesterday", date(2025, 5, 31), "use YYYY-MM-DD"),
        ("20250426", date(2025, 5, 31), "use YYYY-MM-DD"),
        ("<script>", date(2025, 5, 31), "use YYYY-MM-DD"),
    ],
)
def test_bad_or_out_of_range_dates(value, expected, notice):
    parsed = parse_view({"date": value}, **RANGE)
    assert parsed.as_of == expected
    assert len(parsed.notices) == 1 and notice in parsed.notices[0]


def test_unknown_settlement_window_and_layers_are_dropped_with_notices():
    parsed = parse_view({"settlement": "atlantis", "window": "1y", "layers": "events,satellite"}, **RANGE)
    assert parsed.settlement is None
    assert parsed.window == DEFAULT_WINDOW
    assert parsed.layers == ("events",)
    assert len(parsed.notices) == 3


def test_empty_layers_means_all_off():
    assert parse_view({"layers": ""}, **RANGE).layers == ()


def test_play_and_map_view_round_trip_through_a_link():
    view = ViewState(date(2025, 3, 1), speed=4, step="week", zoom=11, center=(51.2, 35.27))
    params = view_params(view)
    assert params["speed"] == "4" and params["step"] == "week"
    assert (params["zoom"], params["lat"], params["lon"]) == ("11", "51.20000", "35.27000")
    back = _parse(params)
    assert (back.speed, back.step, back.zoom, back.center) == (4, "week", 11, (51.2, 35.27))
    assert back.notices == []


def test_default_play_settings_stay_out_of_the_link():
    params = view_params(ViewState(date(2025, 3, 1)))
    assert not {"speed", "step", "zoom", "lat", "lon"} & set(params)


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"speed": "100"}, "play speed"),
        ({"speed": "-1"}, "play speed"),
        ({"step": "year"}, "play step"),
        ({"zoom": "11", "lat": "51.2"}, "map view"),
        ({"zoom": "x", "lat": "51.2", "lon": "35.2"}, "map view"),
        ({"zoom": "9", "lat": "1e3", "lon": "35.2"}, "map view"),
        ({"zoom": "9", "lat": "-33.9", "lon": "151.2"}, "far from Kursk"),
    ],
)
def test_bad_play_and_view_values_are_dropped_with_a_notice(params, notice):
    view = _parse({"date": "2025-03-01", **params})
    assert notice in " ".join(view.notices)
    assert view.speed in (1, 2, 4) and view.step in ("day", "week")
    if "map view" in notice or "far from" in notice:
        assert view.zoom is None and view.center is None


def test_a_link_zoom_is_clamped_to_the_map_range():
    assert _parse({"zoom": "40", "lat": "51.2", "lon": "35.2"}).zoom == 16
    assert _parse({"zoom": "0", "lat": "51.2", "lon": "35.2"}).zoom == 5


def _parse(params):
    return parse_view(params, **RANGE)


def test_link_layers_are_the_drawn_kinds_then_tiles():
    from geo.layer_kinds import LAYER_KINDS
    from ui.share import LAYERS

    assert LAYERS == ("settlements", "events", "areas", "tiles")
    assert set(LAYERS) - {"tiles"} == {kind.share_key for kind in LAYER_KINDS if kind.share_key}


def test_colour_mode_round_trips_and_a_bad_one_is_dropped():
    from ui.share import COLOURS

    first, last = date(2024, 8, 1), date(2025, 5, 31)
    view = parse_view({"colour": "trackers"}, first=first, last=last, default=last, settlements=set())
    assert view.colour == "trackers" and not view.notices
    assert view_params(view)["colour"] == "trackers"
    assert "colour" not in view_params(parse_view({}, first=first, last=last, default=last, settlements=set()))
    bad = parse_view({"colour": "<b>red</b>"}, first=first, last=last, default=last, settlements=set())
    assert bad.colour == COLOURS[0] and "Ignored the colour mode" in bad.notices[0]


def test_share_colours_are_the_map_colour_modes():
    from geo.map import COLOUR_MODES
    from ui.share import COLOURS

    assert tuple(COLOUR_MODES) == COLOURS


@pytest.mark.parametrize(
    ("raw", "stale", "notice"),
    [("45", 45, False), ("0", 1, False), ("99999", 3650, False), ("-3", 30, True), ("ten", 30, True), ("", 30, False)],
)
def test_the_stale_threshold_round_trips_clamped_and_a_bad_one_is_dropped(raw, stale, notice):
    view = parse_view({"stale": raw}, **RANGE)
    assert view.stale == stale
    assert bool(view.notices) is notice
    assert ("stale" in view_params(view)) is (stale != 30)
    if stale != 30:
        assert parse_view(view_params(view), **RANGE).stale == stale
