"""What the tracker showed at each settlement, day by day, as runs of unchanged status.

The tracker is DeepStateMap (claimant ``deepstate``). Its status at a
settlement on a day is one of ``ua_control`` (drawn as Ukrainian-held),
``contested`` (grey zone) or ``not_marked`` (neither). The rule, in words:

- **From areas**, when the dataset has ``deepstate`` areas: the status of the
  area covering the settlement's point that day (edges included; an area is
  shown from ``valid_from`` up to, not including, ``valid_to``, as in
  :mod:`geo.area_stats`). ``contested`` wins over ``ua_control`` where both
  cover the point; no area (or only a ``ru_control`` one) is ``not_marked``. The tracker's data runs from the
  earliest ``valid_from`` to the latest ``valid_to``, or, while an area is still
  open, to the last day the data speaks of (the latest area date or claim
  date), the same span for every settlement.
- **From claims**, otherwise: the latest ``deepstate`` claim read off the map
  itself (``source_outlet`` ``DeepStateMap``, as :mod:`geo.deepstate_claims` and
  :mod:`geo.area_claims` write them) on or before the day, same-day ties
  resolved as in :mod:`geo.claims`. News reports of what DeepStateMap's
  analysts *said* (a Telegram post quoted by Ukrainska Pravda, say) are kept and
  shown as claims, but they are not the map: the question here is when the map
  came to show a claim, and a remark about fighting on a town's outskirts is not
  a redrawn map. A ``deepstate`` map claim of ``ru_control`` counts as
  ``not_marked``: the map shows neither Ukrainian control nor a grey zone there. A settlement's data
  starts on its first ``deepstate`` claim; it ends, for every settlement, on the
  later of the last ``deepstate`` claim date and the last claim date of all
  claims. The file records only changes, so a status is taken to hold until the
  next change, as long as the file goes on.

A timeline is a list of :class:`Run` (first day, status), oldest first, with
no two neighbours of the same status; a settlement without a location, or
without tracker data, has none. Runs are computed once per settlement, so that
many claims can be checked against them without walking day by day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import geopandas as gpd
import pandas as pd

from geo.claims import RankedClaims
from geo.io import Dataset

TRACKER = "deepstate"
MAP_OUTLET = "DeepStateMap"
"""The ``source_outlet`` of claims read off the tracker's map (not news reports of what it said)."""
"""The claimant code of the tracker claims are checked against."""

TRACKER_STATUSES = ("ua_control", "contested", "not_marked")
"""What the tracker can show at a point."""

_AS_SHOWN = {"ru_control": "not_marked"}  # a tracker's claim of Russian control: it marks nothing there
_PRIORITY = ("contested", "ua_control")  # where areas of both statuses cover a point, the first wins


@dataclass(frozen=True)
class Run:
    """A stretch of days over which the tracker showed one status at a settlement.

    Attributes
    ----------
    start : date
        The first day of the run; it lasts until the next run starts, or to the end of the tracker's data.
    status : str
        One of :data:`TRACKER_STATUSES`.
    claim_id : str or None
        For runs read from claims, the ``deepstate`` claim that began it; None for runs read from areas.
    """

    start: date
    status: str
    claim_id: str | None = None


@dataclass(frozen=True)
class Timelines:
    """The tracker's runs at every settlement it has data for, from one source.

    Attributes
    ----------
    source : str
        ``areas`` or ``claims``.
    last_day : date or None
        The last day of the tracker's data (inclusive), the same for every settlement; None when there is none.
    runs : mapping of str to tuple of Run
        Settlement id to its timeline; settlements without data are absent.
    """

    source: str
    last_day: date | None
    runs: Mapping[str, tuple[Run, ...]] = field(default_factory=dict)

    def of(self, settlement_id: str) -> tuple[Run, ...]:
        """Return a settlement's runs, empty when the tracker has no data for it."""
        return self.runs.get(settlement_id, ())

    def first_day(self, settlement_id: str) -> date | None:
        """Return the first day of the tracker's data at a settlement, or None."""
        runs = self.of(settlement_id)
        return runs[0].start if runs else None

    def status_on(self, settlement_id: str, day: date) -> str | None:
        """Return what the tracker showed at a settlement on a day, or None outside its data."""
        runs = self.of(settlement_id)
        index = run_index(runs, day)
        if index is None or self.last_day is None or day > self.last_day:
            return None
        return runs[index].status


def run_index(runs: tuple[Run, ...] | list[Run], day: date) -> int | None:
    """Return the index of the run holding a day, or None when the day is before the first run.

    Parameters
    ----------
    runs : sequence of Run
        A timeline, oldest first.
    day : date
        The day asked about.

    Returns
    -------
    int or None
        The last run starting on or before ``day``. The end of the data is not checked here.
    """
    index = bisect_right([run.start for run in runs], day) - 1
    return index if index >= 0 else None


def _merged(runs: list[Run]) -> tuple[Run, ...]:
    """Drop runs that repeat the status of the run before them."""
    kept: list[Run] = []
    for run in runs:
        if not kept or kept[-1].status != run.status:
            kept.append(run)
    return tuple(kept)


def _tracker_areas(areas: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    if areas is None:
        return None
    own = areas[areas["claimant"] == TRACKER]
    return own if len(own) else None


def _day(value: pd.Timestamp) -> date:
    return pd.Timestamp(value).date()


def runs_from_areas(
    settlements: pd.DataFrame, areas: gpd.GeoDataFrame, claims: pd.DataFrame | None = None
) -> Timelines:
    """Read each located settlement's timeline off the tracker's areas.

    Parameters
    ----------
    settlements : pandas.DataFrame
        Loaded settlements (``id``, ``lon``, ``lat``).
    areas : geopandas.GeoDataFrame
        Loaded areas; only the tracker's are read.
    claims : pandas.DataFrame, optional
        Loaded claims, read only for the last day of the data while an area is still open.

    Returns
    -------
    Timelines
        With ``source`` ``areas``; empty when there are no tracker areas.
    """
    own = _tracker_areas(areas)
    if own is None:
        return Timelines("areas", None)
    first_day = _day(own["valid_from"].min())
    dates = [*own["valid_from"], *own["valid_to"].dropna()]
    if own["valid_to"].isna().any() and claims is not None and len(claims):
        dates.append(claims["claim_date"].max())
    last_day = _day(max(dates))
    placed = settlements[settlements["lon"].notna()]
    points = gpd.GeoSeries(gpd.points_from_xy(placed["lon"], placed["lat"]), crs=own.crs)
    point_rows, area_rows = own.sindex.query(points, predicate="intersects")
    covering: dict[int, list[int]] = {}
    for point_row, area_row in zip(point_rows, area_rows, strict=True):
        covering.setdefault(int(point_row), []).append(int(area_row))
    starts, ends, statuses = own["valid_from"].to_numpy(), own["valid_to"].to_numpy(), own["status"].to_numpy()
    runs: dict[str, tuple[Run, ...]] = {}
    for row, settlement_id in enumerate(placed["id"]):
        spells = [
            (_day(starts[i]), None if pd.isna(ends[i]) else _day(ends[i]), statuses[i]) for i in covering.get(row, [])
        ]
        runs[settlement_id] = _merged(_runs_of_spells(spells, first_day, last_day))
    return Timelines("areas", last_day, runs)


def _runs_of_spells(spells: list[tuple[date, date | None, str]], first_day: date, last_day: date) -> list[Run]:
    """Turn the spells of the areas covering one point into runs over [first_day, last_day]."""
    days = {first_day, *(s for s, _, _ in spells), *(e for _, e, _ in spells if e is not None)}
    runs = []
    for day in sorted(d for d in days if first_day <= d <= last_day):
        shown = {status for start, end, status in spells if start <= day and (end is None or day < end)}
        status = next((s for s in _PRIORITY if s in shown), "not_marked")
        runs.append(Run(day, status))
    return runs


def runs_from_claims(claims: pd.DataFrame) -> Timelines:
    """Read each settlement's timeline off the tracker's claims.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims; only the tracker's are read for the runs, all of them for the last day.

    Returns
    -------
    Timelines
        With ``source`` ``claims``; a settlement the tracker made no claim about is absent.
    """
    own = claims[(claims["claimant"] == TRACKER) & (claims["source_outlet"] == MAP_OUTLET)]
    if own.empty:
        return Timelines("claims", None)
    last_day = _day(max(own["claim_date"].max(), claims["claim_date"].max()))
    ordered = RankedClaims.from_claims(own).ranked
    winners = ordered.groupby(["settlement_id", "claim_date"], sort=False).tail(1)  # the tie rule puts the winner last
    found: dict[str, list[Run]] = {}
    for settlement_id, day, status, claim_id in zip(
        winners["settlement_id"], winners["claim_date"], winners["status"], winners["id"], strict=True
    ):
        found.setdefault(settlement_id, []).append(Run(_day(day), _AS_SHOWN.get(status, status), claim_id))
    return Timelines("claims", last_day, {sid: _merged(runs) for sid, runs in found.items()})


def tracker_timelines(
    settlements: pd.DataFrame, claims: pd.DataFrame, areas: gpd.GeoDataFrame | None = None
) -> Timelines:
    """Compute the tracker's timeline at every settlement, from areas when there are any, else from claims.

    Parameters
    ----------
    settlements : pandas.DataFrame
        Loaded settlements.
    claims : pandas.DataFrame
        Loaded claims.
    areas : geopandas.GeoDataFrame, optional
        Loaded areas (``Dataset.areas``); used when it holds any of the tracker's.

    Returns
    -------
    Timelines
        See the module docstring. Claims-based runs are kept only for located settlements.
    """
    if _tracker_areas(areas) is not None:
        return runs_from_areas(settlements, areas, claims)
    timelines = runs_from_claims(claims)
    placed = set(settlements.loc[settlements["lon"].notna(), "id"])
    return Timelines("claims", timelines.last_day, {k: v for k, v in timelines.runs.items() if k in placed})


def tracker_runs(
    data: Dataset | tuple[pd.DataFrame, pd.DataFrame, gpd.GeoDataFrame | None], settlement_id: str
) -> list[Run]:
    """Return one settlement's timeline.

    Parameters
    ----------
    data : Dataset or (settlements, claims, areas)
        A loaded dataset, or its three frames (areas may be None).
    settlement_id : str
        The settlement.

    Returns
    -------
    list of Run
        Oldest first; empty when the settlement has no location or the tracker no data for it.
    """
    settlements, claims, areas = (data.settlements, data.claims, data.areas) if isinstance(data, Dataset) else data
    return list(tracker_timelines(settlements[settlements["id"] == settlement_id], claims, areas).of(settlement_id))


def source_differences(settlements: pd.DataFrame, claims: pd.DataFrame, areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """Find the days on which the runs from areas and from claims disagree.

    Parameters
    ----------
    settlements : pandas.DataFrame
        Loaded settlements.
    claims : pandas.DataFrame
        Loaded claims, with the tracker's claims.
    areas : geopandas.GeoDataFrame
        Loaded areas, with the tracker's areas.

    Returns
    -------
    pandas.DataFrame
        One row per stretch of days, at a settlement both sources cover, on which they give different
        statuses, only on days where both have data: ``settlement_id``, ``start``, ``end`` (dates,
        inclusive), ``areas_status``, ``claims_status``, and ``claim_id``, the tracker claim in force
        from the claims side. Empty when they agree everywhere.
    """
    from_areas = runs_from_areas(settlements, areas, claims)
    from_claims = runs_from_claims(claims)
    columns = ["settlement_id", "start", "end", "areas_status", "claims_status", "claim_id"]
    rows = []
    if from_areas.last_day is None or from_claims.last_day is None:
        return pd.DataFrame(rows, columns=columns)
    last_day = min(from_areas.last_day, from_claims.last_day)
    for settlement_id, claim_runs in from_claims.runs.items():
        area_runs = from_areas.of(settlement_id)
        if not area_runs:
            continue
        first_day = max(area_runs[0].start, claim_runs[0].start)
        starts = {r.start for r in (*area_runs, *claim_runs) if first_day <= r.start <= last_day}
        spans: list[list] = []  # [start, end, areas_status, claims_status, claim_id], neighbours differing
        for day in sorted({first_day, *starts}):
            by_area, by_claim = area_runs[run_index(area_runs, day)], claim_runs[run_index(claim_runs, day)]
            shown = [by_area.status, by_claim.status, by_claim.claim_id]
            if spans and spans[-1][2:] == shown:
                continue
            if spans:
                spans[-1][1] = day - timedelta(days=1)
            spans.append([day, last_day, *shown])
        rows.extend([settlement_id, *span] for span in spans if span[2] != span[3])
    return pd.DataFrame(rows, columns=columns)
