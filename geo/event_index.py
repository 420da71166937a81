"""Events indexed by date, so that a slider step reads only the events in its window.

:func:`geo.map.events_in_window` scans and sorts every event on each call.
An :class:`EventIndex` sorts once, when the data is loaded; a window is then
two binary searches and a slice, however many events there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from geo.vocab import EVENT_TYPES

EVENT_WINDOWS: dict[str, int | None] = {"7d": 7, "30d": 30, "all": None}
"""Event windows: the last 7 or 30 days up to the date, or everything up to it (as in :mod:`geo.map`)."""

EVENT_TYPE_ORDER: tuple[str, ...] = tuple(EVENT_TYPES)
"""Event types in a fixed order; their positions are the codes used for counting."""


def _day_numbers(dates: pd.Series) -> np.ndarray:
    return dates.to_numpy().astype("datetime64[D]").astype(np.int64)


@dataclass(frozen=True)
class EventIndex:
    """Events sorted by date, with the day numbers to search them by.

    Attributes
    ----------
    events : pandas.DataFrame
        The events, oldest first (a stable sort, so same-day events keep
        their file order). ``event_type`` is categorical, in
        :data:`EVENT_TYPE_ORDER`. The index labels are the loaded frame's.
    days : numpy.ndarray
        Each event's day as days since 1970-01-01, ascending.
    """

    events: pd.DataFrame
    days: np.ndarray

    @classmethod
    def from_events(cls, events: pd.DataFrame) -> EventIndex:
        """Sort loaded events by date and index them.

        Parameters
        ----------
        events : pandas.DataFrame
            Loaded events (see :func:`geo.io.load_layer`); not modified.

        Returns
        -------
        EventIndex
            The index.
        """
        ordered = events.sort_values("event_date", kind="mergesort")
        ordered = ordered.assign(event_type=pd.Categorical(ordered["event_type"], categories=EVENT_TYPE_ORDER))
        days = _day_numbers(ordered["event_date"])
        days.setflags(write=False)  # shared by every session: nothing may change it
        return cls(ordered, days)

    def bounds(self, as_of: date, window: str) -> tuple[int, int]:
        """Positions of the first and one-past-last event in a window.

        Parameters
        ----------
        as_of : date
            The last day shown (inclusive).
        window : str
            A key of :data:`EVENT_WINDOWS`.

        Returns
        -------
        tuple of int
            ``(start, stop)`` into :attr:`events`.

        Raises
        ------
        KeyError
            For an unknown window.
        """
        length = EVENT_WINDOWS[window]
        end = int(np.datetime64(as_of, "D").astype(np.int64))
        stop = int(np.searchsorted(self.days, end, side="right"))
        start = 0 if length is None else int(np.searchsorted(self.days, end - length, side="right"))
        return start, stop

    def in_window(self, as_of: date, window: str) -> pd.DataFrame:
        """Return the events of a window, oldest first.

        Parameters
        ----------
        as_of : date
            The last day shown (inclusive).
        window : str
            ``7d`` (the 7 days ending on ``as_of``), ``30d``, or ``all``
            (everything up to ``as_of``).

        Returns
        -------
        pandas.DataFrame
            The same rows, in the same order, as
            :func:`geo.map.events_in_window` gives for the loaded events.

        Raises
        ------
        KeyError
            For an unknown window.
        """
        start, stop = self.bounds(as_of, window)
        return self.events.iloc[start:stop]

    def count(self, as_of: date, window: str) -> int:
        """Return the number of events in a window (see :meth:`in_window`)."""
        start, stop = self.bounds(as_of, window)
        return stop - start
