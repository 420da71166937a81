"""Areas in a whole dataset: loaded when present, kept by the disk cache, uploaded, exported and read back."""

from __future__ import annotations

from geo.cache import load_dataset_cached
from geo.export import layer_to_geojson
from geo.io import check_file, load_dataset
from geo.merge import apply_uploads, check_upload
from tests.areas_fixture import data_with_areas
from tests.conftest import FIXED_TODAY


def test_areas_survive_the_disk_cache(tmp_path):
    folder = data_with_areas(tmp_path / "data")
    fresh = load_dataset(folder, today=FIXED_TODAY)
    load_dataset_cached(folder, tmp_path / "cache", today=FIXED_TODAY)
    cached = load_dataset_cached(folder, tmp_path / "cache", today=FIXED_TODAY)  # read back from GeoParquet
    assert len(cached.areas) == len(fresh.areas) == 4
    assert cached.areas.drop(columns="geometry").equals(fresh.areas.drop(columns="geometry"))
    assert all(cached.areas.geometry.geom_equals(fresh.areas.geometry))


def test_an_areas_upload_replaces_or_extends_and_exports_back_to_a_valid_file(tmp_path):
    folder = data_with_areas(tmp_path / "data")
    data = load_dataset(folder, today=FIXED_TODAY)
    raw = (folder / "areas.geojson").read_bytes()
    replace = check_upload(raw, "areas.geojson", "areas", data, mode="replace", keep_valid=True, today=FIXED_TODAY)
    assert replace.problems == []
    merged = apply_uploads(data, [replace])
    assert len(merged.areas) == 4
    again = check_upload(raw, "areas.geojson", "areas", data, mode="extend", keep_valid=True, today=FIXED_TODAY)
    assert again.problems and all(p.field == "id" for p in again.problems), "the same ids cannot be added twice"
    exported = layer_to_geojson(merged.areas, "areas")
    checked = check_file(exported, "exported.geojson", "areas", today=FIXED_TODAY)
    assert checked.problems == [] and len(checked.records) == 4


def test_without_an_areas_file_the_dataset_has_none(tiny_dir):
    assert load_dataset(tiny_dir, today=FIXED_TODAY).areas is None
