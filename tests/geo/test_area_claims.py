"""Claims at settlement points derived from a file of dated areas (geo/area_claims.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo.area_claims import claims_from_areas, read_periods
from geo.cli import main
from geo.errors import DataError

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
SQUARE = [[35.0, 51.0], [35.1, 51.0], [35.1, 51.1], [35.0, 51.1], [35.0, 51.0]]
WIDE = [[34.9, 50.9], [35.3, 50.9], [35.3, 51.3], [34.9, 51.3], [34.9, 50.9]]


def _period(status: str, start: str, end: str | None, ring: list[list[float]], snapshot: int | None = None) -> dict:
    props = {"status": status, "valid_from": start, "valid_to": end}
    if snapshot is not None:
        props["snapshot_id"] = snapshot
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _write(tmp_path: Path, features: list[dict]) -> Path:
    path = tmp_path / "periods.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _sequence(claims: list[dict], settlement: str) -> list[tuple[str, str]]:
    return [
        (c["properties"]["claim_date"], c["properties"]["status"])
        for c in claims
        if c["properties"]["settlement_id"] == settlement
    ]


def test_first_day_and_every_change_are_recorded(tmp_path):
    path = _write(
        tmp_path,
        [
            _period("contested", "2024-08-08T20:52:16Z", "2024-08-12T19:56:31Z", SQUARE, 1723150336),
            _period("ua_control", "2024-08-12T19:56:31Z", "2025-03-12T12:04:44Z", SQUARE),
        ],
    )
    points = [("inside", "Inside", 35.05, 51.05), ("outside", "Outside", 35.5, 51.5)]
    claims = claims_from_areas(path, points)
    assert _sequence(claims, "inside") == [
        ("2024-08-08", "contested"),
        ("2024-08-12", "ua_control"),
        ("2025-03-12", "not_marked"),
    ]
    assert _sequence(claims, "outside") == [("2024-08-08", "not_marked")]
    first = claims[0]["properties"]
    assert first["claimant"] == "deepstate" and first["source_directness"] == "primary"
    assert "1723150336 (2024-08-08 20:52 UTC)" in first["note"]
    last = next(c for c in claims if c["properties"]["claim_date"] == "2025-03-12")["properties"]
    assert "no longer shows Inside as Ukrainian-held" in last["statement"]
    assert "not a statement that Russia holds it" in last["note"]


def test_grey_wins_over_ukrainian_and_a_same_day_period_is_never_shown(tmp_path):
    path = _write(
        tmp_path,
        [
            _period("ua_control", "2024-08-10", None, WIDE),
            _period("contested", "2024-08-20", "2024-08-25", SQUARE),
            _period("contested", "2024-09-01T08:00:00Z", "2024-09-01T20:00:00Z", SQUARE),
        ],
    )
    claims = claims_from_areas(path, [("point", "Point", 35.05, 51.05)])
    assert _sequence(claims, "point") == [
        ("2024-08-10", "ua_control"),
        ("2024-08-20", "contested"),
        ("2024-08-25", "ua_control"),
    ]


def test_malformed_periods_are_reported_by_feature_and_field(tmp_path):
    bad = _period("occupied", "2024-13-01", "2024-08-01", SQUARE)
    bad["properties"]["id"] = "bad-one"
    path = _write(tmp_path, [_period("ua_control", "2024-08-10", None, SQUARE), bad])
    with pytest.raises(DataError) as err:
        read_periods(path)
    fields = {(p.index, p.field) for p in err.value.problems}
    assert fields == {(1, "status"), (1, "valid_from")}
    assert all(p.file == "periods.geojson" and p.feature_id == "bad-one" for p in err.value.problems)


def test_cli_writes_claims_that_pass_validation_and_skips_unlocated(tmp_path, capsys):
    areas = _write(tmp_path, [_period("ua_control", "2024-08-10", "2024-09-01", SQUARE)])
    settlements = tmp_path / "settlements.geojson"
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [35.05, 51.05]},
            "properties": {
                "id": "a",
                "name": "A",
                "name_ru": "А",
                "oblast": "Kursk",
                "district": "X",
                "geo_precision": 1,
                "gazetteer": "test",
            },
        },
        {
            "type": "Feature",
            "geometry": None,
            "properties": {"id": "b", "name": "B", "name_ru": "Б", "oblast": "Kursk", "district": "X"},
        },
    ]
    settlements.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    out = tmp_path / "claims.geojson"
    assert main(["area-claims", str(areas), "--settlements", str(settlements), "--out", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["settlement_id"] for f in written} == {"a"}
    assert main(["validate", str(out), "--settlements", str(settlements)]) == 0
    assert main(["area-claims", str(areas), "--settlements", str(settlements), "--out", str(out), "--only", "zz"]) == 2
    assert "no located settlement with id zz" in capsys.readouterr().err


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference is not present on this machine")
def test_reference_areas_give_the_reference_status_changes(tmp_path):
    """Derived from the simplified reference polygons, every change lands on the day the raw exports give."""
    rows = list(csv.DictReader((REFERENCE / "settlements_reference.csv").open(encoding="utf-8")))
    changes = list(csv.DictReader((REFERENCE / "deepstate_status_changes.csv").open(encoding="utf-8")))
    names = {row["settlement"] for row in changes}
    first = {}
    for row in rows:
        name = row["name_en"]
        if name in names and name not in first:
            first[name] = (name, name, float(row["lon"]), float(row["lat"]))
    claims = claims_from_areas(REFERENCE / "deepstate_kursk_areas.geojson", list(first.values()))
    wording = {"ua_controlled": "ua_control", "contested_unknown": "contested", "not_marked": "not_marked"}
    for name in first:
        want = [(r["snapshot_utc"][:10], wording[r["deepstate_status"]]) for r in changes if r["settlement"] == name]
        got = _sequence(claims, name)
        assert _marked(got) == _marked(want), name  # the first unmarked row differs in the day coverage starts


def _marked(sequence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop the unmarked rows before the first mark: the series begin on different days."""
    start = next((i for i, (_, status) in enumerate(sequence) if status != "not_marked"), len(sequence))
    return sequence[start:]
