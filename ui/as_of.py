"""The as-of date: one component owns the slider, the date box and Play, and returns the date.

Why one owner
-------------
Streamlit refuses a write to a widget's key once that widget has been drawn in
the current run (``StreamlitWidgetAlreadyInstantiatedError``). Play used to
write the slider's key from a timer fragment, after the slider was drawn, and
readers saw a traceback on every step. Here the date lives in a plain
session-state value that no widget owns (``<key>.value``). The widgets write it
from their callbacks; Play writes it from its timer and asks for a new run; and
at the top of each run, *before* any widget is drawn, the widgets' keys are set
from it. Pages call :func:`as_of_control` and read its result; they never touch
these keys.

The widgets
-----------
- a slider, one step per day, for browsing (every key press is one day);
- "Jump to date", a text box that applies a typed ``YYYY-MM-DD`` on Enter (the
  calendar widget opened its calendar on Enter instead of applying the date).
  The box is for typing only and is emptied once its date is applied: it is
  never set to follow the slider. Setting another widget's value from the
  server on every slider step made the browser drop slider key presses (12
  presses 60-100 ms apart ended 3-9 days short); found by bisecting, and
  guarded by a browser test.
- Play/Pause with a speed (steps per second) and a step (a day or a week).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import streamlit as st

from ui.share import DEFAULT_SPEED, DEFAULT_STEP, SPEEDS

STEPS: dict[str, int] = {"day": 1, "week": 7}
"""Play steps (the share link's words, :data:`ui.share.STEPS`) and their length in days."""

STEP_LABELS = {"day": "Day", "week": "Week"}


@dataclass(frozen=True)
class PlaySettings:
    """How Play moves: ``speed`` steps per second, each ``step`` long (a key of :data:`STEPS`)."""

    speed: int = DEFAULT_SPEED
    step: str = DEFAULT_STEP


@dataclass(frozen=True)
class AsOf:
    """What the component shows: the date, whether Play is running, and Play's settings."""

    day: date
    playing: bool
    play: PlaySettings


def _keys(key: str) -> dict[str, str]:
    names = ("value", "slider", "text", "playing", "speed", "step", "last_tick", "text_error")
    return {name: f"{key}.{name}" for name in names}


def clamp(day: date, first: date, last: date) -> date:
    """Return ``day`` moved into ``[first, last]``."""
    return min(max(day, first), last)


def parse_typed_date(text: str, first: date, last: date) -> tuple[date | None, str | None]:
    """Read a date typed by the reader.

    Parameters
    ----------
    text : str
        What was typed; ``YYYY-MM-DD`` (surrounding spaces are ignored).
    first, last : date
        The data's range; a date outside it is moved to the nearer end.

    Returns
    -------
    tuple
        ``(day, None)``, or ``(None, message)`` for text that is not a date,
        or ``(clamped day, message)`` when it was outside the range.
    """
    cleaned = text.strip()
    try:
        if len(cleaned) != 10:
            raise ValueError(cleaned)
        day = date.fromisoformat(cleaned)
    except ValueError:
        return None, "Type a date as YYYY-MM-DD, for example 2025-03-13."
    if day < first or day > last:
        moved = clamp(day, first, last)
        return moved, f"The data runs from {first.isoformat()} to {last.isoformat()}; showing {moved.isoformat()}."
    return day, None


def next_day(day: date, step: str, last: date) -> tuple[date, bool]:
    """Return Play's next date after ``day`` and whether Play goes on after it.

    Parameters
    ----------
    day : date
        The date shown now.
    step : str
        A key of :data:`STEPS`.
    last : date
        The last date of the data: Play stops there.

    Returns
    -------
    tuple
        The next date (never beyond ``last``) and False once ``last`` is reached.
    """
    following = min(day + timedelta(days=STEPS[step]), last)
    return following, following < last


def as_of_control(
    *,
    first: date,
    last: date,
    start: date,
    play: PlaySettings,
    key: str = "as_of",
    columns: Callable[[], list] | None = None,
) -> AsOf:
    """Draw the date controls and return what they show.

    Parameters
    ----------
    first, last : date
        The data's range.
    start : date
        The date to show when the page is entered (from a share link, or what
        another page last showed); ignored while the reader stays on the page.
    play : PlaySettings
        Play's speed and step when the page is entered.
    key : str, default "as_of"
        Prefix of the session-state keys this component owns.
    columns : callable, optional
        Returns four containers for slider, date box, Play and its settings;
        by default a row of columns.

    Returns
    -------
    AsOf
        The date to show, whether Play runs, and its settings.
    """
    state = st.session_state
    keys = _keys(key)
    if keys["slider"] not in state:  # entering the page: Streamlit dropped the widgets' keys when it was left
        state[keys["value"]] = clamp(start, first, last)
        state[keys["playing"]] = False
        state[keys["speed"]] = play.speed if play.speed in SPEEDS else DEFAULT_SPEED
        state[keys["step"]] = play.step if play.step in STEPS else DEFAULT_STEP
        state[keys["text_error"]] = None
    day = clamp(state[keys["value"]], first, last)
    state[keys["value"]] = day
    # Before any widget is drawn, the widgets follow the one value (this is the only place that writes them).
    if state.get(keys["slider"]) != day:
        state[keys["slider"]] = day

    def from_slider() -> None:
        state[keys["value"]] = state[keys["slider"]]
        state[keys["text_error"]] = None

    def from_text() -> None:
        typed, problem = parse_typed_date(state[keys["text"]], first, last)
        state[keys["text_error"]] = problem if typed is None else None
        if typed is not None:
            state[keys["value"]] = typed
            state[keys["text"]] = ""  # applied: the slider shows it now
            if problem:
                st.toast(problem, icon="📅")

    def toggle_play() -> None:
        state[keys["playing"]] = not state[keys["playing"]]
        if state[keys["playing"]] and state[keys["value"]] >= last:
            state[keys["value"]] = first  # Play from the end starts again from the beginning
        state[keys["last_tick"]] = time.monotonic()

    slider_box, text_box, play_box, settings_box = (columns or _default_columns)()
    with slider_box:
        st.slider(
            "Date",
            min_value=first,
            max_value=last,
            step=timedelta(days=1),
            format="YYYY-MM-DD",
            key=keys["slider"],
            on_change=from_slider,
        )
    with text_box:
        st.text_input(
            "Jump to date",
            key=keys["text"],
            on_change=from_text,
            placeholder="YYYY-MM-DD",
            help="Type a date as YYYY-MM-DD and press Enter.",
            max_chars=10,
        )
        problem = state[keys["text_error"]]  # built from constants and ISO dates only (parse_typed_date)
        if problem:
            st.caption(problem)
    playing = bool(state[keys["playing"]])
    with play_box:
        st.button("⏸ Pause" if playing else "▶ Play", on_click=toggle_play, width="stretch", key=f"{key}.btn")
    with settings_box, st.popover("Speed", width="stretch"):
        st.segmented_control(
            "Steps per second", SPEEDS, key=keys["speed"], format_func=lambda s: f"{s}×", required=True
        )
        st.segmented_control("Each step", list(STEPS), key=keys["step"], format_func=STEP_LABELS.get, required=True)
    settings = PlaySettings(int(state[keys["speed"]]), str(state[keys["step"]]))
    _ticker(keys, settings, last, playing)
    return AsOf(day, playing, settings)


def _default_columns() -> list:
    return list(st.columns([7, 2, 1.2, 1.2], vertical_alignment="bottom"))


def _ticker(keys: dict[str, str], settings: PlaySettings, last: date, playing: bool) -> None:
    """While Play runs, move the date one step per tick and rerun the page; stop at the last date.

    The fragment also runs inside every full run: the time check keeps that run
    from stepping again straight after a step.
    """
    interval = 1.0 / settings.speed

    @st.fragment(run_every=interval if playing else None)
    def tick() -> None:
        state = st.session_state
        if not state.get(keys["playing"]):
            return
        now = time.monotonic()
        if now - state.get(keys["last_tick"], 0.0) < interval * 0.9:
            return
        state[keys["last_tick"]] = now
        state[keys["value"]], state[keys["playing"]] = next_day(state[keys["value"]], settings.step, last)
        st.rerun()

    tick()
