"""What a dataset covers (geo/coverage.py) and the `coverage` command."""

from __future__ import annotations

import json
import subprocess
import sys

from geo.coverage import claims_by_month, coverage_summary
from geo.io import load_dataset
from tests.conftest import ROOT, TEST_DATA


def test_claims_by_month_counts_each_side_and_the_total():
    data = load_dataset(TEST_DATA / "tiny")
    table = claims_by_month(data.claims)
    assert list(table.columns) == ["ru", "ua", "independent", "total"]
    assert int(table["total"].sum()) == len(data.claims)
    assert (table[["ru", "ua", "independent"]].sum(axis=1) == table["total"]).all()


def test_summary_counts_named_liberation_claims_only():
    data = load_dataset(TEST_DATA / "tiny")
    claims = data.claims.copy()
    summary = coverage_summary(data.settlements, claims, data.events)
    official = claims["claimant"].isin(["ru_mod", "ru_general_staff", "ru_president"]) & (
        claims["status"] == "ru_control"
    )
    claims.loc[official, "scope"] = "area"  # an area-wide remark names no village
    assert coverage_summary(data.settlements, claims, data.events)["settlements_with_russian_liberation_claim"] == 0
    assert summary["located"] + summary["unlocated"] == summary["settlements"]


def test_cli_prints_the_shipped_coverage_as_json():
    result = subprocess.run(
        [sys.executable, "-m", "geo", "coverage", "--json"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    printed = json.loads(result.stdout)
    assert printed["summary"]["claims"] == sum(row["total"] for row in printed["claims_by_month"].values())
