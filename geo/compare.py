"""Comparing claims over time: each side's story as bands, where the sides disagree, and what changed.

All functions resolve claims with the rule of :mod:`geo.claims`, so a band
starts on the day a side's standing claim changed and a same-day tie is
decided exactly as on the map.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.agreement import classify
from geo.claims import RankedClaims, ranked
from geo.vocab import CLAIM_STATUSES, SIDES


def side_bands(claims: pd.DataFrame, settlement_id: str, until: date) -> pd.DataFrame:
    """Each side's standing claim as a run of dated bands.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.
    settlement_id : str
        The settlement.
    until : date
        Where the last band of each side ends (exclusive), e.g. the end of
        the data's date range plus one day.

    Returns
    -------
    pandas.DataFrame
        One row per (side, claim date that changed the standing claim): ``side``,
        ``start`` and ``end`` (Timestamps, end exclusive), and the winning
        claim's ``status``, ``claimant_label``, ``speaker``, ``statement``,
        ``source_outlet``, ``source_url``, ``id``. Sorted by side, then start.
    """
    subset = claims[claims["settlement_id"] == settlement_id]
    rows = []
    for side in SIDES:
        own = subset[subset["side"] == side]
        ranking = RankedClaims.from_claims(own)  # once per side, not once per claim day
        for day in sorted(own["claim_date"].unique()):
            winner = ranking.as_of(pd.Timestamp(day).date()).iloc[-1]
            rows.append({**winner.to_dict(), "start": pd.Timestamp(day)})
    columns = ["side", "start", "end", "status", "claimant_label", "speaker", "statement", "source_outlet",
               "source_url", "id", "claim_date"]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=columns)
    bands = pd.DataFrame(rows)
    bands["end"] = bands.groupby("side")["start"].shift(-1).fillna(pd.Timestamp(until))
    order = {side: n for n, side in enumerate(SIDES)}
    bands = bands.sort_values(["side", "start"], key=lambda col: col.map(order) if col.name == "side" else col)
    return bands[columns].reset_index(drop=True)


def disagreement_periods(claims: pd.DataFrame, settlement_id: str, until: date) -> list[tuple[date, date]]:
    """Find the periods in which Russia's and Ukraine's standing claims disagree.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.
    settlement_id : str
        The settlement.
    until : date
        End (exclusive) of the last period if the sides still disagree then.

    Returns
    -------
    list of (date, date)
        Half-open ``[start, end)`` periods, oldest first; adjacent days of
        disagreement are merged into one period.
    """
    subset = claims[(claims["settlement_id"] == settlement_id) & claims["side"].isin(["ru", "ua"])]
    change_days = sorted({pd.Timestamp(d).date() for d in subset["claim_date"].unique()})
    ranking = RankedClaims.from_claims(subset)
    periods: list[tuple[date, date]] = []
    for n, day in enumerate(change_days):
        standing = ranking.as_of(day).set_index("side")["status"]
        disagree = classify(standing.get("ru"), standing.get("ua")) == "disagree"
        end = change_days[n + 1] if n + 1 < len(change_days) else until
        if not disagree or end <= day:
            continue
        if periods and periods[-1][1] == day:
            periods[-1] = (periods[-1][0], end)
        else:
            periods.append((day, end))
    return periods


def status_changes(
    claims: pd.DataFrame | RankedClaims, settlements: pd.DataFrame, first: date, second: date
) -> pd.DataFrame:
    """Every settlement whose claimed status changed, per side, between two days.

    Parameters
    ----------
    claims : pandas.DataFrame or RankedClaims
        Loaded claims, or the same ranked once.
    settlements : pandas.DataFrame
        Loaded settlements (for names).
    first, second : date
        The two days, in either order; the earlier is "before".

    Returns
    -------
    pandas.DataFrame
        One row per (settlement, side) whose standing status differs:
        ``settlement_id``, ``name``, ``side``, ``before`` (status or None when
        the side had no claim yet), ``after``, and the ``claim_date``,
        ``claimant_label``, ``source_outlet`` and ``source_url`` of the claim
        standing on the later day. Sorted by side, then name.
    """
    before_day, after_day = sorted((first, second))
    keys = ["settlement_id", "side"]
    ranking = ranked(claims)
    before = ranking.as_of(before_day)[[*keys, "status"]].rename(columns={"status": "before"})
    after = ranking.as_of(after_day)[
        [*keys, "status", "claim_date", "claimant_label", "source_outlet", "source_url"]
    ].rename(columns={"status": "after"})
    merged = after.merge(before, on=keys, how="left")
    changed = merged[merged["before"].isna() | (merged["before"] != merged["after"])]
    names = settlements.set_index("id")["name"]
    changed = changed.assign(name=changed["settlement_id"].map(names))
    order = {side: n for n, side in enumerate(SIDES)}
    changed = changed.sort_values(["side", "name"], key=lambda col: col.map(order) if col.name == "side" else col)
    columns = ["settlement_id", "name", "side", "before", "after", "claim_date", "claimant_label", "source_outlet",
               "source_url"]  # fmt: skip
    return changed[columns].astype({"before": object}).where(changed[columns].notna(), None).reset_index(drop=True)


_SUBJECTS = {"ru": "Russia", "ua": "Ukraine", "independent": "the independent trackers"}
_VERBS = {
    ("ru", "ru_control"): "claimed Russian control of",
    ("ru", "ua_control"): "conceded Ukrainian control of",
    ("ru", "contested"): "said fighting was going on in",
    ("ua", "ua_control"): "claimed Ukrainian control of",
    ("ua", "ru_control"): "conceded Russian control of",
    ("ua", "contested"): "said fighting was going on in",
    ("independent", "ua_control"): "showed Ukrainian control of",
    ("independent", "ru_control"): "showed Russian control of",
    ("independent", "contested"): "showed fighting or a grey zone in",
    ("independent", "not_marked"): "stopped marking Ukrainian control or a grey zone in",
}


def summarize_changes(changes: pd.DataFrame, first: date, second: date) -> list[str]:
    """Say in sentences what :func:`status_changes` found.

    Parameters
    ----------
    changes : pandas.DataFrame
        Output of :func:`status_changes`.
    first, second : date
        The two days, as given to it.

    Returns
    -------
    list of str
        One sentence per side that changed, e.g. "Between 2025-03-01 and
        2025-03-20, Russia claimed Russian control of 12 settlements.", or a
        single sentence saying nothing changed.
    """
    before_day, after_day = sorted((first, second))
    span = f"Between {before_day.isoformat()} and {after_day.isoformat()}"
    sentences = []
    for side in SIDES:
        own = changes[changes["side"] == side]
        if own.empty:
            continue
        parts = []
        for status, count in own["after"].value_counts().sort_index().items():
            verb = _VERBS.get((side, status), f"changed to {CLAIM_STATUSES.get(status, status)} for")
            parts.append(f"{verb} {count} settlement{'s' if count != 1 else ''}")
        said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        sentences.append(f"{span}, {_SUBJECTS[side]} {said}.")
    return sentences or [f"{span}, no side's claimed status changed for any settlement."]
