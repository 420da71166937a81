"""``python -m geo import-deepstate`` and ``python -m geo areas``, run as users run them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TEST_DATA

SYNTHETIC = TEST_DATA / "deepstate"
OBLASTS = SYNTHETIC / "oblasts.geojson"


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imported")
    result = run(
        "import-deepstate",
        str(SYNTHETIC / "exports"),
        "--oblasts",
        str(OBLASTS),
        "--out",
        str(folder / "areas.geojson"),
        "--claims-out",
        str(folder / "claims.geojson"),
        "--settlements",
        str(SYNTHETIC / "settlements.geojson"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder, result.stdout


def test_import_reports_what_it_wrote(imported):
    folder, stdout = imported
    assert "read 3 day(s)" in stdout
    assert f"wrote 4 area(s) to {folder / 'areas.geojson'}" in stdout
    assert "wrote 4 claim(s)" in stdout


def test_the_written_files_pass_validate(imported):
    folder, _ = imported
    result = run("validate", str(folder / "areas.geojson"))
    assert result.returncode == 0 and "OK" in result.stdout and "4 areas" in result.stdout


def test_areas_prints_km2_by_claimant_and_status(imported):
    folder, _ = imported
    result = run("areas", str(folder / "areas.geojson"), "--date", "2024-08-13")
    assert result.returncode == 0, result.stderr
    assert "Areas shown on 2024-08-13 (km²)" in result.stdout
    assert "DeepStateMap" in result.stdout and "Ukrainian control" in result.stdout and "Contested" in result.stdout


def test_areas_json(imported):
    folder, _ = imported
    result = run("areas", str(folder / "areas.geojson"), "--date", "2024-08-11", "--json")
    report = json.loads(result.stdout)
    assert report["date"] == "2024-08-11"
    assert [(a["claimant"], a["status"]) for a in report["areas"]] == [
        ("deepstate", "contested"),
        ("deepstate", "ua_control"),
    ]
    assert report["areas"][1]["km2"] == pytest.approx(3 * report["areas"][0]["km2"], rel=1e-3)
    before = json.loads(run("areas", str(folder / "areas.geojson"), "--date", "2024-08-01", "--json").stdout)
    assert before["areas"] == []


def test_an_invalid_areas_file_is_listed_without_a_traceback():
    result = run("areas", str(TEST_DATA / "bad" / "area_overlap.geojson"), "--date", "2024-08-20")
    assert result.returncode == 1
    assert "feature 4 (id 'overlapping'): field 'geometry'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_hostile_export_is_a_data_error_not_a_traceback(tmp_path):
    (tmp_path / "1725654859.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": ["${x}"]}}]}',
        encoding="utf-8",
    )
    result = run("import-deepstate", str(tmp_path), "--oblasts", str(OBLASTS), "--out", str(tmp_path / "a.geojson"))
    assert result.returncode == 1
    assert "1725654859.geojson: feature 0: field 'name': expected text, got a list" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "a.geojson").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["import-deepstate", "--out", "x.geojson"],  # nothing to read
        ["import-deepstate", "x", "--out", "x.geojson", "--claims-out", "c.geojson"],  # no --settlements
        ["import-deepstate", "--from-api", "--out", "x.geojson"],  # no --download-dir
        ["import-deepstate", "x", "--since", "2024-08-01", "--out", "x.geojson"],  # --since without --from-api
        ["areas", "x.geojson", "--date", "12/08/2024"],
    ],
)
def test_wrong_usage_exits_2(args):
    result = run(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
