"""The map's colour modes, weaker claims, labels and tooltips: layer builders rendered to HTML and read."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from geo.agreement import STALE_DAYS, status_on, story_day
from geo.export import export_rows
from geo.io import load_dataset
from geo.map import (
    COLOUR_MODES,
    DEEPSTATE_CAVEAT,
    TOOLTIP_SEPARATOR,
    base_map,
    event_popup_html,
    legend_html,
    marker_classes,
    settlement_for_click,
    settlement_layer,
)
from geo.map.popups import render_html
from tests.conftest import FIXED_TODAY, TEST_DATA
from tests.map_scripts import contested_calls
from ui.share import COLOURS, DEFAULT_STALE


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(TEST_DATA / "tiny", today=FIXED_TODAY)


def _table(dataset, day, **kwargs):
    return status_on(dataset.settlements, dataset.claims, day, **kwargs)


def _render(group):
    fmap = base_map(tiles=False)
    group.add_to(fmap)
    return fmap.get_root().render()


def escape(text: str) -> str:
    """Text as the map's templates encode it."""
    return render_html("settlement_tooltip.html", name=text, words="", separator="")[3:].split("</b>")[0]


def _markers(html):
    """(fillColor, fillOpacity) of every settlement circle marker, in order."""
    return [
        (colour, float(opacity))
        for colour, opacity in re.findall(r'"fillColor": "(#[0-9a-f]{6})", "fillOpacity": ([0-9.]+)', html)
    ]


def test_the_link_and_the_map_know_the_same_modes_and_threshold():
    assert tuple(COLOUR_MODES) == COLOURS
    assert DEFAULT_STALE == STALE_DAYS
    for mode in COLOUR_MODES.values():
        assert set(mode.colours) == set(mode.classes)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        # 2025-03-14 at alpha: Russia says it holds it, Ukraine says fighting goes on, DeepStateMap no longer marks it.
        ("agreement", "disagree"),
        ("ru", "ru_control"),
        ("ua", "contested"),
        ("independent", "not_marked"),
    ],
)
def test_each_mode_colours_alpha_by_its_own_side(dataset, mode, expected):
    table = _table(dataset, date(2025, 3, 14))
    classes, _weak = marker_classes(table, mode)
    alpha = table.index[table["settlement_id"] == "alpha"][0]
    assert classes[alpha] == expected
    html = _render(settlement_layer(table[table["settlement_id"] == "alpha"], mode=mode))
    assert _markers(html) == [(COLOUR_MODES[mode].colours[expected], 0.9)]


def test_a_side_that_has_not_spoken_is_white_in_its_mode(dataset):
    table = _table(dataset, date(2024, 8, 20))  # only Ukraine has spoken of alpha
    classes, _ = marker_classes(table.set_index("settlement_id"), "ru")
    assert classes["alpha"] == "none"
    classes, _ = marker_classes(table.set_index("settlement_id"), "ua")
    assert classes["alpha"] == "ua_control"


def test_only_russia_and_only_ukraine_look_different(dataset):
    colours = COLOUR_MODES["agreement"].colours
    assert colours["only_ru"] != colours["only_ua"]
    assert len(set(colours.values())) == len(colours)
    legend = legend_html()
    assert "Only Russia has spoken" in legend and "Only Ukraine has spoken" in legend


def test_the_trackers_mode_reads_the_verdict_column(dataset):
    table = _table(dataset, date(2025, 3, 14)).assign(tracker_verdict="ahead")
    classes, weak = marker_classes(table, "trackers")
    assert set(classes) == {"ahead"} and not weak.any()


def test_a_weak_claim_is_drawn_pale_and_a_firm_one_solid(dataset):
    # bravo on 2025-04-26 rests on Ukraine's area-wide claim; alpha is firm with a 60-day threshold.
    table = _table(dataset, date(2025, 4, 26), stale_days=60)
    rows = table[table["settlement_id"].isin(["alpha", "bravo"])]
    html = _render(settlement_layer(rows))
    colours = COLOUR_MODES["agreement"].colours
    assert _markers(html) == [(colours["agree_ru"], 0.9), (colours["disagree"], 0.3)]
    assert str(escape("rests on Ukraine's area-wide claim")) in html


def test_stale_follows_the_readers_threshold_on_the_map(dataset):
    day = date(2025, 4, 26)
    firm = _markers(_render(settlement_layer(_table(dataset, day, stale_days=60).iloc[[0]])))
    stale = _markers(_render(settlement_layer(_table(dataset, day, stale_days=30).iloc[[0]])))
    assert firm[0][1] == 0.9 and stale[0][1] == 0.3


def _section(legend, mode):
    """The legend's section for one colour mode, and whether it is hidden."""
    sections = legend.split('<i class="ring">')[0].split('<div class="mode" data-mode="')[1:]
    (section,) = [part for part in sections if part.startswith(f'{mode}"')]
    head, body = section.split(">", 1)
    return body, "hidden" in head


@pytest.mark.parametrize("mode", list(COLOUR_MODES))
def test_every_mode_has_a_legend_in_words(mode):
    legend = legend_html(mode=mode, stale_days=45)
    section, hidden = _section(legend, mode)
    assert not hidden
    assert str(escape(COLOUR_MODES[mode].heading)) in section
    for words in COLOUR_MODES[mode].classes.values():
        assert str(escape(words)) in section
    if mode != "trackers":
        assert '<span class="stale-days">45</span> days old' in section
    assert ("volunteer project" in section) == (mode in ("independent", "trackers"))
    others = [other for other in COLOUR_MODES if other != mode]
    assert all(_section(legend, other)[1] for other in others), "only the mode in use is shown"


def test_the_legend_follows_the_mode_without_a_new_base_map():
    from geo.map import legend_state
    from geo.map.base import base_map as make_base

    state = _render(legend_state("ua", 12))
    (call,) = contested_calls(state, "legendMode")
    assert call == {"mode": "ua", "staleDays": 12}
    assert make_base(tiles=False).get_root().render().count('class="mode"') == len(COLOUR_MODES)


def test_deepstatemap_is_described_with_its_caveat():
    assert "Ukrainian volunteer project" in DEEPSTATE_CAVEAT
    assert "not a government" in DEEPSTATE_CAVEAT


def test_tooltip_names_the_village_then_its_class_and_a_click_finds_it(dataset):
    table = _table(dataset, date(2025, 3, 14))
    html = _render(settlement_layer(table))
    assert f'<b>Alpha</b><span class="sep">{TOOLTIP_SEPARATOR}</span><br>The sides disagree' in html
    shown = f"Alpha{TOOLTIP_SEPARATOR}The sides disagree"  # the text streamlit-folium returns
    assert settlement_for_click(table, 51.2, 35.25, shown) == "alpha"
    assert settlement_for_click(table, 51.2, 35.25, "Alphabet — No claims") is None
    assert settlement_for_click(table, 51.2, 35.25, "Alpha") == "alpha"  # the compact markers' tooltip


def test_a_click_on_a_name_that_starts_another_picks_the_longer_match():
    table = pd.DataFrame(
        {
            "settlement_id": ["a", "b"],
            "name": ["Novo", "Novo — Ivanovka"],  # hostile: a name holding the separator
            "lat": [51.0, 51.0],
            "lon": [35.0, 35.1],
        }
    )
    assert settlement_for_click(table, 51.0, 35.1, f"Novo — Ivanovka{TOOLTIP_SEPARATOR}No claims") == "b"
    assert settlement_for_click(table, 51.0, 35.1, f"Novo{TOOLTIP_SEPARATOR}No claims") == "a"


def test_the_layout_call_names_and_ranks_the_labels(dataset):
    table = _table(dataset, date(2025, 3, 14))
    (layout,) = contested_calls(_render(settlement_layer(table)), "settlementLayout")
    assert layout["names"] == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert layout["priority"] == [1, 1, 1, 1]  # no kind in the tiny data: all villages


def test_the_picked_village_gets_a_ring_layer_of_its_own(dataset):
    from geo.map import selection_layer

    table = _table(dataset, date(2025, 3, 14))
    (ring,) = contested_calls(_render(selection_layer(table, "charlie", 3)), "selectedRing")
    assert (ring["lat"], ring["lon"], ring["serial"]) == (51.3, 35.5, 3)
    (none,) = contested_calls(_render(selection_layer(table, None)), "selectedRing")
    assert none["lat"] is None  # picking nothing takes the ring away
    unlocated = table.assign(lat=float("nan"))
    (none,) = contested_calls(_render(selection_layer(unlocated, "charlie")), "selectedRing")
    assert none["lat"] is None
    # Picking a village is not an argument of the markers' own layer: it stays the same (an open popup stays open).
    assert "selected" not in settlement_layer.__code__.co_varnames


def test_hostile_names_reach_the_layout_only_as_json(dataset):
    table = _table(dataset, date(2025, 3, 14))
    table.loc[0, "name"] = "`${alert(1)}`</script><b>x"
    html = _render(settlement_layer(table))
    assert "</script><b>x" not in html
    (layout,) = contested_calls(html, "settlementLayout")
    assert layout["names"][0].startswith("`${alert(1)}`")


def test_the_story_starts_when_both_sides_have_spoken_of_one_village(dataset):
    # alpha: Ukraine 2024-08-15, Russia 2025-03-13; bravo: both on 2025-04-26.
    assert story_day(dataset.claims) == date(2025, 3, 13)
    assert story_day(dataset.claims[dataset.claims["side"] != "ua"]) is None


def test_event_popups_name_the_reporter_in_words(dataset):
    row = dataset.events.iloc[0].to_dict() | {"reported_by": "ru_official"}
    html = event_popup_html(row)
    assert "Russian official (regional or local)" in html and "ru_official" not in html


def test_exports_carry_scope_note_and_why_a_claim_is_weaker(dataset):
    table = _table(dataset, date(2025, 4, 26))
    (bravo,) = [r for r in export_rows(table, date(2025, 4, 26)) if r["settlement_id"] == "bravo"]
    assert bravo["ua_scope"] == "area" and bravo["ua_area"] is True and bravo["ua_age_days"] == 0
    assert bravo["agreement_weak"] is True
    assert "ua_note" in bravo


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_event_colours_never_look_like_a_settlement_class():
    from geo.map import EVENT_COLOURS

    marker_colours = {colour for mode in COLOUR_MODES.values() for colour in mode.colours.values()}
    for kind, colour in EVENT_COLOURS.items():
        for other in marker_colours:
            distance = sum((a - b) ** 2 for a, b in zip(_rgb(colour), _rgb(other), strict=True)) ** 0.5
            assert distance > 60, f"{kind} ({colour}) looks like a settlement colour ({other})"
