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


def test_link_layers_are_the_drawn_kinds_then_tiles():
    from geo.layer_kinds import LAYER_KINDS
    from ui.share import LAYERS

    assert LAYERS == ("settlements", "events", "tiles")
    assert set(LAYERS) - {"tiles"} == {kind.share_key for kind in LAYER_KINDS if kind.share_key}
