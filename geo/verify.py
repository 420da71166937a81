"""Claims against the tracker: when DeepStateMap came to show what a Russian or Ukrainian claim said.

The rule, in words (this is the one place it is written):

- **Scored claims** are the Russian and Ukrainian claims (side ``ru`` or
  ``ua``) that name a settlement (``scope`` ``settlement``) whose location is
  checked, with a status of ``ru_control``, ``ua_control`` or ``contested``, made
  on a day the tracker has data for at that settlement. Every other Russian or
  Ukrainian claim is listed apart with the first reason that applies:
  ``area-wide statement``, ``location not checked``, ``no tracker data for that
  day`` (before the tracker's first day there, or after its last).
- **The tracker's status** on a day is read from its runs (:mod:`geo.tracker`):
  ``ua_control``, ``contested`` or ``not_marked``.
- **Consistent.** The tracker is consistent with a claim on a day when:

  =============== ==========================================================
  claim status    tracker status that is consistent with it
  =============== ==========================================================
  ``ru_control``  ``not_marked``: it no longer shows the settlement
                  Ukrainian-held or grey (which is not a tracker claim of
                  Russian control)
  ``ua_control``  ``ua_control``
  ``contested``   ``ua_control`` or ``contested``: Ukrainian forces still
                  marked there (a Ukrainian denial of a Russian capture is
                  recorded as ``contested``)
  =============== ==========================================================

- **When.** ``agreed_on`` is the first day on or after the claim date on which
  the tracker is consistent. When it already was on the claim date,
  ``already_since`` is the first day of that consistent stretch. It cannot be
  earlier than the first day of the tracker's data: a village the tracker never
  marked gets that day, not an unknown earlier one. ``lead_days`` is
  ``agreed_on - claim_date`` when the tracker came round after the claim
  (positive: the claim ran ahead), ``-(claim_date - already_since)`` when the
  tracker was first (zero or negative), and missing when the tracker was never
  consistent by the end of its data.
- **Verdict**, in neutral words (a claim is never called true or false):
  ``matched`` when ``|lead_days| <= MATCH_DAYS``; ``ahead`` when the claim came
  more than that before the tracker; ``behind`` when it came more than that
  after; ``never`` when the tracker never showed it in the data.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd

from geo.tracker import TRACKER, Run, Timelines, run_index, tracker_timelines
from geo.vocab import CLAIMANTS

MATCH_DAYS = 3
"""A claim within this many days of the tracker, either way, matched it."""

AHEAD_DAYS = 7
"""The summary counts the claims that ran ahead of the tracker by more than this many days."""

CONSISTENT: dict[str, frozenset[str]] = {
    "ru_control": frozenset({"not_marked"}),
    "ua_control": frozenset({"ua_control"}),
    "contested": frozenset({"ua_control", "contested"}),
}
"""Claim status to the tracker statuses consistent with it (the table in the module docstring)."""

VERDICTS: dict[str, str] = {
    "matched": "the tracker showed the same within a few days",
    "ahead": "the claim came before the tracker showed it",
    "behind": "the tracker showed it before the claim",
    "never": "the tracker never showed it in its data",
}

NOT_SCORED = ("area-wide statement", "location not checked", "no tracker data for that day")
"""The reasons a Russian or Ukrainian claim is not scored, in the order they are checked."""

_CLAIM_COLUMNS = {
    "id": "claim_id",
    "settlement_id": "settlement_id",
    "side": "side",
    "claimant": "claimant",
    "claimant_label": "claimant_label",
    "speaker": "speaker",
    "claim_date": "claim_date",
    "status": "status",
    "scope": "scope",
    "statement": "statement",
    "source_outlet": "source_outlet",
    "source_title": "source_title",
    "source_url": "source_url",
    "source_directness": "source_directness",
}
COLUMNS = (
    "claim_id", "settlement_id", "settlement_name", "side", "claimant", "claimant_label", "speaker", "claim_date",
    "status", "statement", "source_outlet", "source_title", "source_url", "source_directness", "scored",
    "reason_not_scored", "tracker_status", "agreed_on", "already_since", "lead_days", "verdict", "verdict_text",
)  # fmt: skip
"""The columns of :func:`verify_claims`, in order."""


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def verdict(lead_days: int | None, last_day: date | None = None) -> tuple[str, str]:
    """Name the verdict for a lead and say it in words.

    Parameters
    ----------
    lead_days : int or None
        From the rule in the module docstring; None when the tracker never agreed.
    last_day : date, optional
        The last day of the tracker's data, named in the ``never`` wording.

    Returns
    -------
    (str, str)
        A key of :data:`VERDICTS` and a sentence, e.g. ``("ahead", "ran ahead of DeepStateMap by 34 days")``.
    """
    tracker = CLAIMANTS[TRACKER].label
    if lead_days is None:
        until = f" (to {last_day.isoformat()})" if last_day is not None else ""
        return "never", f"{tracker} never showed this in the data{until}"
    if abs(lead_days) <= MATCH_DAYS:
        when = (
            "on the same day" if lead_days == 0 else _days(abs(lead_days)) + (" later" if lead_days > 0 else " earlier")
        )
        return "matched", f"matched {tracker}, which showed this {when}"
    if lead_days > 0:
        return "ahead", f"ran ahead of {tracker} by {_days(lead_days)}"
    return "behind", f"{tracker} showed this {_days(-lead_days)} earlier"


def lead(runs: tuple[Run, ...] | list[Run], claim_status: str, claim_day: date) -> tuple[date | None, date | None]:
    """Find when the tracker came to agree with a claim, or since when it already did.

    Parameters
    ----------
    runs : sequence of Run
        The settlement's timeline; ``claim_day`` must lie within the tracker's data.
    claim_status : str
        ``ru_control``, ``ua_control`` or ``contested``.
    claim_day : date
        The claim date.

    Returns
    -------
    (date or None, date or None)
        ``agreed_on`` (the claim day itself when already consistent, None when never) and
        ``already_since`` (None unless consistent on the claim day).
    """
    wanted = CONSISTENT[claim_status]
    index = run_index(runs, claim_day)
    if index is None:
        return None, None
    if runs[index].status in wanted:
        since = index
        while since > 0 and runs[since - 1].status in wanted:
            since -= 1
        return claim_day, runs[since].start
    later = next((run.start for run in runs[index + 1 :] if run.status in wanted), None)
    return later, None


def _not_scored(scope: str, located: bool, in_data: bool) -> str | None:
    if scope == "area":
        return NOT_SCORED[0]
    if not located:
        return NOT_SCORED[1]
    if not in_data:
        return NOT_SCORED[2]
    return None


def verify_claims(
    settlements: pd.DataFrame,
    claims: pd.DataFrame,
    areas: gpd.GeoDataFrame | None = None,
    *,
    timelines: Timelines | None = None,
) -> pd.DataFrame:
    """Check every Russian and Ukrainian claim against the tracker.

    Parameters
    ----------
    settlements : pandas.DataFrame
        Loaded settlements.
    claims : pandas.DataFrame
        Loaded claims (all of them: the tracker's own are read when there are no areas).
    areas : geopandas.GeoDataFrame, optional
        Loaded areas; the tracker's are used in preference to its claims.
    timelines : Timelines, optional
        The tracker's runs, when already computed by :func:`geo.tracker.tracker_timelines`.

    Returns
    -------
    pandas.DataFrame
        One row per Russian or Ukrainian claim, sorted by claim date, settlement and claim id, with
        :data:`COLUMNS`: ``scored`` (bool) and ``reason_not_scored``; for scored claims
        ``tracker_status`` on the claim date, ``agreed_on`` and ``already_since`` (datetimes, NaT when
        none), ``lead_days`` (nullable integer), ``verdict`` (a key of :data:`VERDICTS`) and
        ``verdict_text``. The tracker columns are missing for claims not scored.
    """
    if timelines is None:
        timelines = tracker_timelines(settlements, claims, areas)
    spoken = claims[claims["side"].isin(["ru", "ua"])]  # validation allows them only the statuses of CONSISTENT
    table = spoken.reindex(columns=list(_CLAIM_COLUMNS)).rename(columns=_CLAIM_COLUMNS)
    places = settlements[["id", "name", "lon"]].rename(
        columns={"id": "settlement_id", "name": "settlement_name", "lon": "_lon"}
    )
    table = table.merge(places, on="settlement_id", how="left")
    table = table.sort_values(["claim_date", "settlement_id", "claim_id"], kind="mergesort").reset_index(drop=True)
    found = [_check(row, timelines) for row in zip(table["settlement_id"], table["claim_date"], table["status"],
                                                      table["scope"], table["_lon"].notna(), strict=True)]  # fmt: skip
    checked = pd.DataFrame(
        found,
        columns=["reason_not_scored", "tracker_status", "agreed_on", "already_since", "lead_days", "verdict",
                 "verdict_text"],
        index=table.index,
    )  # fmt: skip
    table = pd.concat([table, checked], axis=1)
    table["scored"] = table["reason_not_scored"].isna()
    for column in ("agreed_on", "already_since"):
        table[column] = pd.to_datetime(table[column])
    table["lead_days"] = table["lead_days"].astype("Int64")
    return table.reindex(columns=list(COLUMNS))


def _check(row: tuple, timelines: Timelines) -> tuple:
    settlement_id, claim_date, status, scope, located = row
    day = pd.Timestamp(claim_date).date()
    first_day, last_day = timelines.first_day(settlement_id), timelines.last_day
    in_data = first_day is not None and last_day is not None and first_day <= day <= last_day
    reason = _not_scored(scope, located, in_data)
    if reason is not None:
        return reason, None, None, None, None, None, None
    runs = timelines.of(settlement_id)
    agreed_on, already_since = lead(runs, status, day)
    if already_since is not None:
        days = -(day - already_since).days
    else:
        days = None if agreed_on is None else (agreed_on - day).days
    code, text = verdict(days, last_day)
    return None, runs[run_index(runs, day)].status, agreed_on, already_since, days, code, text


def claimant_summary(verified: pd.DataFrame) -> pd.DataFrame:
    """Sum up, per claimant, how their claims stood against the tracker.

    Parameters
    ----------
    verified : pandas.DataFrame
        From :func:`verify_claims`.

    Returns
    -------
    pandas.DataFrame
        One row per claimant present, in the order of :data:`geo.vocab.CLAIMANTS`: ``claimant``,
        ``claimant_label``, ``side``, ``claims`` (all its rows), ``scored``, ``median_lead_days``
        (over the scored claims the tracker came to show; NaN when none), ``share_ahead`` (the
        share of scored claims more than :data:`AHEAD_DAYS` ahead) and ``share_never`` (the share
        of scored claims it never showed). Shares are NaN when nothing was scored.
    """
    rows = []
    order = list(CLAIMANTS)
    for claimant in sorted(set(verified["claimant"]), key=order.index):
        own = verified[verified["claimant"] == claimant]
        scored = own[own["scored"]]
        leads = scored["lead_days"].dropna().astype(float)
        count = len(scored)
        rows.append(
            {
                "claimant": claimant,
                "claimant_label": CLAIMANTS[claimant].label,
                "side": CLAIMANTS[claimant].side,
                "claims": len(own),
                "scored": count,
                "median_lead_days": float(leads.median()) if len(leads) else float("nan"),
                "share_ahead": float((leads > AHEAD_DAYS).sum() / count) if count else float("nan"),
                "share_never": float((scored["verdict"] == "never").sum() / count) if count else float("nan"),
            }
        )
    columns = ["claimant", "claimant_label", "side", "claims", "scored", "median_lead_days", "share_ahead",
               "share_never"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def verdicts_on(verified: pd.DataFrame, as_of: date) -> pd.Series:
    """Each settlement's latest scored claim on or before a day, as its verdict.

    Parameters
    ----------
    verified : pandas.DataFrame
        From :func:`verify_claims`.
    as_of : date
        The day.

    Returns
    -------
    pandas.Series
        Settlement id to the verdict (a key of :data:`VERDICTS`) of the latest scored
        Russian or Ukrainian claim made on or before ``as_of`` (ties: the later claim id);
        settlements with none are absent.
    """
    scored = verified[verified["scored"] & (verified["claim_date"] <= pd.Timestamp(as_of))]
    latest = scored.sort_values(["claim_date", "claim_id"], kind="mergesort").groupby("settlement_id").tail(1)
    return latest.set_index("settlement_id")["verdict"]
