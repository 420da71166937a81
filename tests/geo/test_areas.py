"""The areas kind: every rule of geo/areas.py, and the questions of geo/area_stats.py."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pyproj import Geod

from geo.area_stats import area_km2_by_status, area_series, areas_on, status_at_point
from geo.areas import MAX_VERTICES, SLIVER_KM2, check_area_features
from geo.equal_area import km2
from geo.errors import DataError
from geo.io import check_file, detect_kind, load_layer, to_frame
from tests.conftest import FIXED_TODAY

GEOD = Geod(ellps="WGS84")


def ring(west, south, east, north):
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def area(fid, coords=None, **props):
    base = {
        "id": fid,
        "claimant": "deepstate",
        "status": "ua_control",
        "valid_from": "2024-08-12",
        "valid_to": "2024-09-06",
        "source_outlet": "DeepStateMap",
    }
    base.update(props)
    geometry = {"type": "Polygon", "coordinates": [coords or ring(35.1, 51.1, 35.2, 51.2)]}
    return {"type": "Feature", "properties": base, "geometry": geometry}


def check(*features):
    return check_area_features(list(features), "areas.geojson", FIXED_TODAY)


def problems_of(*features):
    return [(p.index, p.feature_id, p.field, p.reason) for p in check(*features).problems]


def geodesic_km2(coords):
    lons, lats = zip(*coords, strict=True)
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0]) / 1e6


def frame_of(*features):
    checked = check(*features)
    assert not checked.problems, [str(p) for p in checked.problems]
    return to_frame(checked.records, "areas")


# --- validation -----------------------------------------------------------------


def test_a_valid_area_gives_a_clean_record_with_a_shapely_polygon():
    checked = check(area("a", valid_to="", snapshot=1723492591, source_url="https://deepstatemap.live/", note="n"))
    assert not checked.problems
    (record,) = checked.records
    assert record["valid_from"] == date(2024, 8, 12)
    assert record["valid_to"] is None  # empty means still shown
    assert record["snapshot"] == "1723492591"
    assert record["geometry"].geom_type == "Polygon"


def test_multipolygon_and_third_coordinate_are_accepted():
    coords = [[[*point, 0] for point in ring(35.1, 51.1, 35.2, 51.2)]], [ring(35.3, 51.1, 35.4, 51.2)]
    feature = area("multi")
    feature["geometry"] = {"type": "MultiPolygon", "coordinates": list(coords)}
    (record,) = check(feature).records
    assert record["geometry"].geom_type == "MultiPolygon" and not record["geometry"].has_z


@pytest.mark.parametrize(
    ("changes", "field", "match"),
    [
        ({"id": "Not A Slug"}, "id", "not a slug"),
        ({"claimant": "mystery"}, "claimant", "unknown claimant"),
        ({"status": "not_marked"}, "status", "unknown area status"),
        ({"valid_from": "2024-02-30"}, "valid_from", "not a real calendar day"),
        ({"valid_to": "2027-01-01"}, "valid_to", "in the future"),
        ({"valid_to": "2024-08-12"}, "valid_to", "is not after valid_from"),
        ({"source_outlet": ""}, "source_outlet", "is empty"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "not an http(s) URL"),
        ({"snapshot": [1]}, "snapshot", "expected a snapshot id"),
        ({"note": "x" * 1001}, "note", "the limit is 1000"),
    ],
)
def test_each_property_rule_names_feature_and_field(changes, field, match):
    (problem,) = check(area("good-id", **changes)).problems
    assert problem.index == 0 and problem.field == field
    assert match in problem.reason
    assert problem.feature_id == changes.get("id", "good-id")


def test_missing_required_fields_are_each_reported():
    feature = area("x")
    for name in ("claimant", "status", "valid_from", "source_outlet"):
        del feature["properties"][name]
    fields = [field for _, _, field, reason in problems_of(feature) if reason == "is missing"]
    assert fields == ["claimant", "status", "valid_from", "source_outlet"]


@pytest.mark.parametrize(
    ("geometry", "match"),
    [
        (None, "is null; a Polygon or MultiPolygon is required"),
        ({"type": "Point", "coordinates": [35.1, 51.1]}, "a Polygon or MultiPolygon is required"),
        ({"type": "Polygon", "coordinates": []}, "must be a non-empty list"),
        ({"type": "Polygon", "coordinates": [[[35.1, 51.1], [35.2, 51.1], [35.1, 51.1]]]}, "at least 4 positions"),
        ({"type": "Polygon", "coordinates": [[["35.1", 51.1]] * 4]}, "coordinates must be numbers"),
        ({"type": "Polygon", "coordinates": [[[35.1, float("nan")]] * 4]}, "finite numbers"),
        ({"type": "Polygon", "coordinates": [[*ring(35.1, 51.1, 35.2, 51.2)[:-1], [35.1, 51.15]]]}, "not closed"),
        ({"type": "Polygon", "coordinates": [ring(30.4, 50.4, 30.6, 50.5)]}, "outside the region"),
        ({"type": "Polygon", "coordinates": [ring(51.1, 35.1, 51.2, 35.2)]}, "outside the region"),
        ({"type": "MultiPolygon", "coordinates": [[ring(35.1, 51.1, 35.2, 51.2)], "x"]}, "non-empty list of rings"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[35.1, 51.1], [35.2, 51.2], [35.2, 51.1], [35.1, 51.2], [35.1, 51.1]]],
            },
            "Self-intersection",
        ),
        (
            {"type": "Polygon", "coordinates": [[[35.1, 51.1], [35.2, 51.1], [35.3, 51.1], [35.1, 51.1]]]},
            "not a valid polygon",
        ),
    ],
)
def test_each_geometry_rule_names_feature_and_geometry(geometry, match):
    feature = area("shape")
    feature["geometry"] = geometry
    (problem,) = check(feature).problems
    assert (problem.index, problem.feature_id, problem.field) == (0, "shape", "geometry")
    assert match in problem.reason


def test_more_than_the_vertex_limit_is_refused_and_the_limit_itself_is_not():
    def circle(count):
        import math

        points = [
            [35.5 + 0.1 * math.cos(2 * math.pi * k / count), 51.2 + 0.1 * math.sin(2 * math.pi * k / count)]
            for k in range(count - 1)
        ]
        return [*points, points[0]]

    assert not check(area("at-limit", circle(MAX_VERTICES))).problems
    (problem,) = check(area("over-limit", circle(MAX_VERTICES + 1))).problems
    assert problem.field == "geometry" and "more than 20,000 vertices" in problem.reason


def test_duplicate_ids_are_reported_on_the_second():
    problems = problems_of(area("same"), area("same", status="contested"))
    assert problems == [(1, "same", "id", "duplicate id 'same', first used by feature 0")]


def test_overlap_of_same_claimant_and_status_in_space_and_time_is_refused():
    problems = problems_of(
        area("first"),
        area("second", ring(35.15, 51.15, 35.25, 51.25), valid_from="2024-09-01", valid_to=""),
    )
    assert len(problems) == 1
    index, feature_id, field, reason = problems[0]
    assert (index, feature_id, field) == (1, "second", "geometry")
    assert "overlaps feature 0 (id 'first')" in reason and f"the limit is {SLIVER_KM2} km²" in reason


@pytest.mark.parametrize(
    "other",
    [
        area("other-status", status="contested"),
        area("other-claimant", claimant="isw"),
        area("next-period", valid_from="2024-09-06", valid_to=""),  # valid_to is the first day no longer shown
        area("earlier-period", valid_from="2024-08-01", valid_to="2024-08-12"),
        area("beside", ring(35.2, 51.1, 35.3, 51.2)),  # shares an edge only
    ],
)
def test_areas_that_do_not_overlap_in_both_space_and_time_are_fine(other):
    assert problems_of(area("first"), other) == []


def test_an_overlap_below_the_sliver_limit_is_tolerated_and_just_above_is_not():
    # A strip 0.0005° of longitude wide (about 35 m) by 0.1° of latitude (11 km): about 0.39 km².
    wide = area("wide", ring(35.1995, 51.1, 35.3, 51.2))
    assert len(problems_of(area("first"), wide)) == 1
    # The same strip over only 0.0005° of latitude: about 0.002 km².
    thin = area("thin", ring(35.1995, 51.1995, 35.3, 51.3))
    assert problems_of(area("first"), thin) == []


def test_open_ended_areas_overlap_any_later_one():
    problems = problems_of(area("open", valid_to=""), area("much-later", valid_from="2025-06-01", valid_to=""))
    assert [p[1] for p in problems] == ["much-later"]


def test_every_problem_of_a_file_is_reported_together():
    bad_shape = area("bad-shape")
    bad_shape["geometry"] = {"type": "Point", "coordinates": [35.1, 51.1]}
    problems = problems_of(area("bad-status", status="x"), bad_shape, area("fine"), area("BAD", claimant="isw"))
    assert [(p[0], p[2]) for p in problems] == [(0, "status"), (1, "geometry"), (3, "id")]


def test_not_a_feature_and_properties_not_an_object():
    feature = area("x")
    feature["properties"] = ["not", "an", "object"]
    problems = problems_of("just text", feature)
    assert problems[0][:3] == (0, None, None) and "not a GeoJSON Feature" in problems[0][3]
    assert problems[1][:3] == (1, None, "properties")


def test_load_layer_raises_a_data_error_naming_file_feature_and_field(tmp_path):
    path = tmp_path / "areas.geojson"
    collection = {"type": "FeatureCollection", "features": [area("fine"), area("late", valid_to="2024-08-01")]}
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError, match=r"areas\.geojson: feature 1 \(id 'late'\): field 'valid_to': .* not after"):
        load_layer(path, "areas", today=FIXED_TODAY)


def test_a_declared_projected_crs_is_refused_for_areas():
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [area("fine")],
    }
    checked = check_file(json.dumps(collection).encode(), "areas.geojson", "areas", today=FIXED_TODAY)
    assert [(p.index, p.field) for p in checked.problems] == [(None, "crs")]
    assert "WGS84" in checked.problems[0].reason and not checked.records


def test_detect_kind_recognises_areas():
    assert detect_kind([area("a")]) == "areas"


# --- questions --------------------------------------------------------------------


def test_km2_agrees_with_a_geodesic_area():
    coords = ring(35.1, 51.1, 35.2, 51.2)
    frame = frame_of(area("a", coords))
    assert km2(frame.geometry.iloc[0]) == pytest.approx(geodesic_km2(coords), rel=2e-3)


def test_areas_on_uses_first_day_shown_and_first_day_no_longer_shown():
    frame = frame_of(area("closed"), area("open", valid_from="2024-09-06", valid_to=""))
    assert list(areas_on(frame, date(2024, 8, 11))["id"]) == []
    assert list(areas_on(frame, date(2024, 8, 12))["id"]) == ["closed"]
    assert list(areas_on(frame, date(2024, 9, 5))["id"]) == ["closed"]
    assert list(areas_on(frame, date(2024, 9, 6))["id"]) == ["open"]
    assert list(areas_on(frame, date(2030, 1, 1))["id"]) == ["open"]


def test_area_km2_by_status_sums_per_claimant_and_status():
    west, east = ring(35.1, 51.1, 35.2, 51.2), ring(35.2, 51.1, 35.3, 51.2)
    frame = frame_of(
        area("ua", west),
        area("grey", east, status="contested"),
        area("isw-ua", west, claimant="isw", source_outlet="ISW"),
        area("isw-ua-2", east, claimant="isw", source_outlet="ISW"),
    )
    table = area_km2_by_status(frame, date(2024, 8, 20))
    got = {(c, s): k for c, s, k in zip(table["claimant"], table["status"], table["km2"], strict=True)}
    assert list(got) == [("deepstate", "contested"), ("deepstate", "ua_control"), ("isw", "ua_control")]
    assert got[("deepstate", "ua_control")] == pytest.approx(geodesic_km2(west), rel=2e-3)
    assert got[("isw", "ua_control")] == pytest.approx(geodesic_km2(west) + geodesic_km2(east), rel=2e-3)
    assert area_km2_by_status(frame, date(2024, 1, 5)).empty


def test_area_km2_by_status_counts_an_overlap_once():
    records = check(area("a"), area("b", ring(35.15, 51.1, 35.25, 51.2), claimant="isw")).records
    for record in records:
        record["claimant"] = "deepstate"  # build an overlapping frame the checker would refuse
    table = area_km2_by_status(to_frame(records, "areas"))
    assert table["km2"].iloc[0] == pytest.approx(geodesic_km2(ring(35.1, 51.1, 35.25, 51.2)), rel=2e-3)


def test_area_series_has_a_row_per_change_and_pair_with_zeros():
    frame = frame_of(
        area("ua-1", valid_from="2024-08-12", valid_to="2024-08-20"),
        area("ua-2", ring(35.1, 51.1, 35.15, 51.2), valid_from="2024-08-20", valid_to="2024-09-01"),
        area("grey", ring(35.2, 51.1, 35.3, 51.2), status="contested", valid_from="2024-08-15", valid_to=""),
    )
    series = area_series(frame)
    assert sorted({d.date().isoformat() for d in series["date"]}) == [
        "2024-08-12",
        "2024-08-15",
        "2024-08-20",
        "2024-09-01",
    ]
    table = {
        (d.date().isoformat(), s): k for d, s, k in zip(series["date"], series["status"], series["km2"], strict=True)
    }
    assert table[("2024-08-12", "contested")] == 0.0
    assert table[("2024-08-12", "ua_control")] == pytest.approx(2 * table[("2024-08-20", "ua_control")], rel=1e-3)
    assert table[("2024-09-01", "ua_control")] == 0.0
    assert table[("2024-09-01", "contested")] > 0
    assert area_series(frame.iloc[0:0]).empty


def test_status_at_point_per_claimant():
    frame = frame_of(
        area("ua"),
        area("grey", ring(35.2, 51.1, 35.3, 51.2), status="contested"),
        area("isw", claimant="isw", status="contested", source_outlet="ISW"),
    )
    assert status_at_point(frame, 35.15, 51.15, date(2024, 8, 20)) == {
        "deepstate": ("ua_control",),
        "isw": ("contested",),
    }
    assert status_at_point(frame, 35.25, 51.15, date(2024, 8, 20)) == {"deepstate": ("contested",)}
    assert status_at_point(frame, 35.2, 51.15, date(2024, 8, 20)) == {
        "deepstate": ("contested", "ua_control"),  # on the shared edge, both
        "isw": ("contested",),
    }
    assert status_at_point(frame, 35.15, 51.15, date(2024, 9, 6)) == {}
    assert status_at_point(frame, 36.0, 52.0, date(2024, 8, 20)) == {}
