"""The GeoParquet cache gives back exactly what validation produced, and never serves changed files."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import geo.cache
from geo.cache import KEEP_ENTRIES, code_digest, dataset_key, load_dataset_cached, rule_sources
from geo.errors import DataError
from geo.io import load_dataset
from tests.conftest import FIXED_TODAY, ROOT, TEST_DATA


def _same(left, right):
    for kind in ("settlements", "claims", "events"):
        pd.testing.assert_frame_equal(getattr(left, kind), getattr(right, kind), check_exact=True)


@pytest.mark.parametrize("folder", [TEST_DATA / "tiny", ROOT / "data"])
def test_a_cached_load_equals_a_fresh_validation(tmp_path, folder):
    fresh = load_dataset(folder, today=FIXED_TODAY)
    first = load_dataset_cached(folder, tmp_path, today=FIXED_TODAY)
    second = load_dataset_cached(folder, tmp_path, today=FIXED_TODAY)
    _same(fresh, first)
    _same(fresh, second)
    assert isinstance(second.settlements["aliases"].iloc[0], list)


def test_a_second_load_does_not_validate_again(tmp_path, monkeypatch):
    load_dataset_cached(TEST_DATA / "tiny", tmp_path, today=FIXED_TODAY)

    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(geo.cache, "load_dataset", refuse)
    load_dataset_cached(TEST_DATA / "tiny", tmp_path, today=FIXED_TODAY)


def test_editing_a_file_changes_the_key(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(TEST_DATA / "tiny", folder)
    before = dataset_key(folder)
    path = folder / "events.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace("Fixture event.", "Fixture event, edited."), "utf-8")
    assert dataset_key(folder) != before
    cached = load_dataset_cached(folder, tmp_path / "cache", today=FIXED_TODAY)
    assert "Fixture event, edited." in set(cached.events["notes"])


def test_invalid_data_is_reported_and_never_cached(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(TEST_DATA / "tiny", folder)
    path = folder / "events.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace('"2024-08-06"', '"2024-02-30"'), "utf-8")
    with pytest.raises(DataError, match="event_date"):
        load_dataset_cached(folder, tmp_path / "cache", today=FIXED_TODAY)
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_old_entries_are_pruned(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(TEST_DATA / "tiny", folder)
    path = folder / "events.geojson"
    original = path.read_text(encoding="utf-8")
    for number in range(KEEP_ENTRIES + 2):
        path.write_text(original.replace("Fixture event.", f"Fixture event {number}."), "utf-8")
        load_dataset_cached(folder, tmp_path / "cache", today=FIXED_TODAY)
    assert len([p for p in (tmp_path / "cache").iterdir() if p.is_dir()]) == KEEP_ENTRIES


def test_the_key_covers_every_loading_module_found_on_disk():
    package = ROOT / "geo"
    covered = {path.relative_to(package).as_posix() for path in rule_sources()}
    assert {"io/__init__.py", "io/geojson.py", "io/check.py", "io/frames.py", "io/dataset.py"} <= covered
    assert {"validate.py", "vocab.py", "cache.py"} <= covered
    assert "agreement.py" not in covered  # drawing and resolving claims do not change what is loaded


def test_a_module_added_to_geo_io_changes_the_key_and_others_do_not(tmp_path):
    package = tmp_path / "geo"
    shutil.copytree(ROOT / "geo", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_digest(package)
    (package / "agreement.py").write_text("# not a loading module\n", encoding="utf-8")
    assert code_digest(package) == before
    (package / "io" / "csv.py").write_text('"""A new format."""\n', encoding="utf-8")
    assert code_digest(package) != before
