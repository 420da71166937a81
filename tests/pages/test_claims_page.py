"""AppTest of the Claims page: three sides, history, all settlements, two-date changes."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ROOT, TEST_DATA
from tests.pages.conftest import app_at

PAGE = str(ROOT / "pages" / "claims.py")


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setenv("CONTESTED_DATA", str(TEST_DATA / "tiny"))


def _run(**params):
    return app_at(PAGE, **params).run()


def _text(at):
    """The page's Markdown with escaping backslashes removed, as a reader sees it."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


@pytest.mark.parametrize(
    ("settlement", "expected"),
    [
        ("alpha", ["Russian control", "Contested", "Not marked by the tracker", "The sides disagree"]),  # 3 sides
        ("charlie", ["Russian control", "No claim yet", "Only Russia has spoken"]),  # one side
        ("delta", ["No claim yet", "No claims"]),  # nobody
    ],
)
def test_settlement_with_three_one_or_no_sides(tiny, settlement, expected):
    at = _run(date="2025-03-14", settlement=settlement)
    assert not at.exception
    text = _text(at)
    for phrase in expected:
        assert phrase in text, phrase


def test_setting_the_date_changes_the_columns(tiny):
    at = _run(date="2025-03-14", settlement="alpha")
    assert "The sides disagree" in _text(at)
    at.date_input(key="claims_as_of").set_value(date(2025, 3, 16)).run()
    assert not at.exception
    assert "Both sides say Russian control" in _text(at)
    assert at.query_params["date"] == "2025-03-16"


def test_disagree_only_filter_reduces_the_rows(tiny):
    at = _run(date="2025-04-26", settlement="bravo")
    everything = at.dataframe[1].value
    at.toggle(key="claims_disagree_only").set_value(True).run()
    disagree = at.dataframe[1].value
    assert len(everything) == 4
    assert list(disagree["name"]) == ["Bravo"]


def test_history_table_is_newest_first_with_sources(tiny):
    at = _run(date="2025-03-14", settlement="alpha")
    history = at.dataframe[0].value
    assert list(history["claim_date"].dt.strftime("%Y-%m-%d")) == [
        "2025-03-16", "2025-03-14", "2025-03-13", "2025-03-12", "2024-08-15", "2024-08-14",
    ]  # fmt: skip
    assert history["source_url"].str.startswith("https://").all()


def test_compare_two_dates_lists_the_changes(tiny):
    at = _run(date="2025-03-20", settlement="alpha")
    at.date_input[1].set_value(date(2025, 3, 1))
    at.date_input[2].set_value(date(2025, 3, 20))
    at.run()
    text = _text(at)
    assert "Between 2025-03-01 and 2025-03-20, Russia claimed Russian control of 1 settlement." in text
    assert "Ukraine conceded Russian control of 1 settlement" in text


def test_gornal_on_the_seed_date_with_real_data():
    at = _run(date="2025-04-27", settlement="gornal")
    assert not at.exception
    text = _text(at)
    assert "Russian control" in text and "Contested" in text and "The sides disagree" in text
    assert len(at.get("vega_lite_chart")) == 2  # the timeline, and the leads chart of "Against the trackers"


def test_bad_link_shows_notices():
    at = _run(date="tomorrow", settlement="<img src=x>")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "Ignored the date" in notices and "no such settlement" in notices
