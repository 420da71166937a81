"""The as-of date component's rules: typed dates, Play's steps, and the shipped error-detail setting."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from tests.conftest import ROOT
from ui.as_of import STEPS, clamp, next_day, parse_typed_date

FIRST, LAST = date(2024, 8, 1), date(2025, 5, 31)


@pytest.mark.parametrize(
    ("text", "day", "problem"),
    [
        ("2025-03-13", date(2025, 3, 13), None),
        ("  2025-03-13 ", date(2025, 3, 13), None),
        ("2023-01-01", FIRST, "runs from 2024-08-01"),
        ("2026-01-01", LAST, "showing 2025-05-31"),
        ("13/03/2025", None, "YYYY-MM-DD"),
        ("2025-02-30", None, "YYYY-MM-DD"),
        ("20250313", None, "YYYY-MM-DD"),
        ("", None, "YYYY-MM-DD"),
        ("${window.__pwned=1}", None, "YYYY-MM-DD"),
    ],
)
def test_parse_typed_date(text, day, problem):
    parsed, message = parse_typed_date(text, FIRST, LAST)
    assert parsed == day
    assert (message is None) if problem is None else (problem in message)


def test_play_steps_a_day_or_a_week_and_stops_on_the_last_day():
    assert next_day(date(2025, 3, 1), "day", LAST) == (date(2025, 3, 2), True)
    assert next_day(date(2025, 3, 1), "week", LAST) == (date(2025, 3, 8), True)
    assert next_day(date(2025, 5, 28), "week", LAST) == (LAST, False)
    assert next_day(date(2025, 5, 30), "day", LAST) == (LAST, False)
    assert set(STEPS) == {"day", "week"}


def test_clamp():
    assert clamp(date(2020, 1, 1), FIRST, LAST) == FIRST
    assert clamp(date(2030, 1, 1), FIRST, LAST) == LAST
    assert clamp(date(2025, 1, 1), FIRST, LAST) == date(2025, 1, 1)


def test_readers_get_no_tracebacks_the_details_go_to_the_server_log():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
