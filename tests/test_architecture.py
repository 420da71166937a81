"""House rules that code review would otherwise have to catch."""

from __future__ import annotations

import ast
import re

from geo.vocab import CLAIM_STATUSES, CLAIMANTS, EVENT_TYPES
from tests.conftest import ROOT


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_geo_never_imports_streamlit():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((ROOT / "geo").rglob("*.py"))
        for module in _imported_modules(path)
        if module.split(".")[0] in {"streamlit", "streamlit_folium", "ui"}
    ]
    assert offenders == []


def test_the_check_above_would_catch_an_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom streamlit import cache_data\n", encoding="utf-8")
    assert "streamlit" in set(_imported_modules(sample))


def test_schema_document_lists_every_code_in_the_vocabulary():
    contract = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    documented_claimants = set(re.findall(r"^\| `([a-z_]+)` \| (?:ru|ua|independent) \|", contract, flags=re.M))
    assert documented_claimants == set(CLAIMANTS)
    for status in CLAIM_STATUSES:
        assert f"| `{status}` |" in contract
    for event_type in EVENT_TYPES:
        assert f"`{event_type}`" in contract


def test_pages_hold_no_data_literals_or_html():
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in text, path.name
        assert "json.load" not in text and "read_file" not in text, f"{path.name} reads files itself"
