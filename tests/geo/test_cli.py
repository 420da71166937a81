"""The command line, run as users run it: ``python -m geo``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TEST_DATA


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_validate_valid_files_exits_zero():
    tiny = TEST_DATA / "tiny"
    result = run(
        "validate", str(tiny / "settlements.geojson"), str(tiny / "claims.geojson"), str(tiny / "events.geojson")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout and "13 claims" in result.stdout


def test_validate_lists_all_five_problems_without_a_traceback(tmp_path):
    shutil.copy(TEST_DATA / "tiny" / "settlements.geojson", tmp_path / "settlements.geojson")
    target = tmp_path / "claims.geojson"
    shutil.copy(TEST_DATA / "bad" / "five_problems.geojson", target)
    result = run("validate", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip().startswith("- ")]
    assert len(lines) == 5
    for feature_id, field in [("p-1", "claim_date"), ("p-2", "claimant"), ("p-3", "source_url"),
                              ("p-4", "settlement_id"), ("p-5", "geometry")]:  # fmt: skip
        assert any(f"(id '{feature_id}')" in line and f"field '{field}'" in line for line in lines), feature_id


@pytest.mark.parametrize("name", ["broken_json.geojson", "bom.geojson", "not_utf8.geojson", "deeply_nested.geojson"])
def test_validate_unreadable_files_exit_one_cleanly(name):
    result = run("validate", str(TEST_DATA / "bad" / name))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert name in result.stdout


def test_validate_missing_file():
    result = run("validate", "no-such-file.geojson")
    assert result.returncode == 1
    assert "cannot be read" in result.stdout


def test_status_json_on_tiny_data():
    result = run("status", "--date", "2025-03-14", "--settlement", "alpha", "--json", "--data", str(TEST_DATA / "tiny"))
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)["settlements"][0]
    assert row["ru"]["status"] == "ru_control"
    assert row["ru"]["source_url"] == "https://example.org/a-ru-1"
    assert row["ua"]["status"] == "contested"
    assert row["agreement"] == "disagree"


def test_status_text_says_no_claim_yet():
    result = run("status", "--date", "2024-08-15", "--settlement", "alpha", "--data", str(TEST_DATA / "tiny"))
    assert result.returncode == 0
    assert "Russia" in result.stdout and "no claim yet" in result.stdout


def test_status_unknown_settlement_and_bad_date():
    assert (
        run("status", "--date", "2025-03-14", "--settlement", "nowhere", "--data", str(TEST_DATA / "tiny")).returncode
        == 2
    )
    bad = run("status", "--date", "2025-02-30")
    assert bad.returncode == 2
    assert "not a date" in bad.stderr
