"""Counting events per cell: every count adds up, and the grid stays within its limit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.event_cells import count_cells
from tests.conftest import ROOT
from tests.map_scripts import contested_calls

TYPES = ("Battles", "Riots", "Protests")


def _random(count, seed=1):
    rng = np.random.default_rng(seed)
    lon = rng.uniform(34.0, 39.0, count)
    lat = rng.uniform(50.0, 52.5, count)
    return lon, lat, rng.integers(0, len(TYPES), count)


def test_cell_totals_and_type_counts_add_up():
    lon, lat, codes = _random(5_000)
    cells = count_cells(lon, lat, codes, TYPES, cell_degrees=0.05, max_cells=100_000)
    table = cells.table
    assert cells.total == table["total"].sum() == 5_000
    assert (table[list(TYPES)].sum(axis=1) == table["total"]).all()
    for number, name in enumerate(TYPES):
        assert table[name].sum() == (codes == number).sum()
    assert (table["total"] > 0).all()


def test_grid_coarsens_to_stay_under_the_cell_limit():
    lon, lat, codes = _random(20_000)
    fine = count_cells(lon, lat, codes, TYPES, cell_degrees=0.01, max_cells=1_000_000)
    capped = count_cells(lon, lat, codes, TYPES, cell_degrees=0.01, max_cells=500)
    assert len(fine.table) > 500
    assert len(capped.table) <= 500
    assert capped.cell_degrees > fine.cell_degrees == 0.01
    assert capped.total == fine.total == 20_000


def test_a_cell_sits_at_the_mean_of_its_events_rounded():
    lon = np.array([35.001, 35.003, 36.5])
    lat = np.array([51.001, 51.002, 50.5])
    cells = count_cells(lon, lat, np.array([0, 1, 0]), TYPES, cell_degrees=0.02, max_cells=10)
    first = cells.table.sort_values("total", ascending=False).iloc[0]
    assert (first["lon"], first["lat"], first["total"]) == (35.002, 51.0015, 2)
    assert (first["Battles"], first["Riots"]) == (1, 1)


def test_no_events_give_no_cells():
    empty = np.array([], dtype=float)
    cells = count_cells(empty, empty, np.array([], dtype=int), TYPES, cell_degrees=0.02, max_cells=10)
    assert cells.table.empty and cells.total == 0


@pytest.mark.parametrize(
    ("codes", "message"),
    [(np.array([0, 3]), "type code"), (np.array([0]), "same length"), (np.array([-1, 0]), "type code")],
)
def test_bad_input_is_refused(codes, message):
    lon = lat = np.array([35.0, 36.0])
    with pytest.raises(ValueError, match=message):
        count_cells(lon, lat, codes, TYPES, cell_degrees=0.02, max_cells=10)


def test_event_layer_switches_to_cells_above_the_detail_limit():
    from geo.map import EVENT_DETAIL_LIMIT, base_map, event_layer

    rng = np.random.default_rng(3)
    count = EVENT_DETAIL_LIMIT + 1
    events = pd.DataFrame(
        {
            "lon": rng.uniform(35, 36, count),
            "lat": rng.uniform(50.5, 51.5, count),
            "event_type": rng.choice(["Battles", "Riots"], count),
        }
    )
    html = event_layer(events).add_to(base_map(tiles=False)).get_root().render()
    assert "L.circleMarker" not in html
    script = (ROOT / "static" / "contested" / "map.js").read_text(encoding="utf-8")
    assert "contested-event-count" in script and "getAllChildMarkers" in script  # what eventCells draws
    assert '"Explosions/Remote violence"' in html  # type names are passed as escaped JSON strings
    (options,) = contested_calls(html, "eventCells")
    assert sum(cell[2] for cell in options["cells"]) == count
