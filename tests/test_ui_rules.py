"""Rules for every table and download button the pages draw, read from the source so a new one cannot miss them."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

SOURCES = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"), ROOT / "app.py"])


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def test_every_table_shows_a_dash_for_a_missing_value_never_none():
    calls = _calls("dataframe")
    assert len(calls) >= 9
    assert [where for where, call in calls if _keyword(call, "placeholder") is None] == []


def test_no_download_reruns_the_page():
    """A click's rerun raced the file built on click: the browser got no download, about 1 click in 10."""
    calls = _calls("download_button")
    assert len(calls) >= 6
    on_click = {where: _keyword(call, "on_click") for where, call in calls}
    assert [where for where, value in on_click.items() if not (value and ast.literal_eval(value) == "ignore")] == []


def test_no_page_writes_a_stray_string():
    """Streamlit's magic writes a page's bare expressions on the page: a constant's docstring showed on Claims."""
    stray = []
    for path in sorted([*(ROOT / "pages").glob("*.py"), ROOT / "app.py"]):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        stray += [
            f"{path.relative_to(ROOT)}:{node.lineno}"
            for node in body[1:]  # the module docstring is not shown
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        ]
    assert stray == []
