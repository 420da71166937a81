"""Resolving claims: what each side claimed about a settlement as of a day.

The rule, in words: a side's claimed status of a settlement on day D is its
latest claim whose ``claim_date`` is on or before D. Claims dated after D do
not count, even if they describe an earlier situation less well. When a side
made several claims about the settlement with the same ``claim_date``:

1. the claimant of higher standing wins (rank 1, national leadership and high
   command, over rank 2, other officials and commanders, over rank 3,
   unofficial voices; see :data:`geo.vocab.CLAIMANTS`);
2. then a claim that names the settlement beats a statement about a wider
   area that was attached to it (``scope`` ``settlement`` over ``area``);
3. then the one published later (a claim without ``published`` counts as
   published on its ``claim_date``);
4. then the larger ``id``, so the answer never depends on file order.

The losing claims are not hidden: ``side_split`` says whether the side's
own same-day claims disagreed with each other. A side with no claim on or
before D has "no claim yet", shown as a missing status, never as a guess.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

_ORDER = ["settlement_id", "side", "claim_date", "claimant_rank", "_specific", "_published", "id"]
_ASCENDING = [True, True, True, False, True, True, True]


def _ranked(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims sorted so that, within a settlement and side, the winner comes last."""
    ranked = claims.assign(
        _published=claims["published"].fillna(claims["claim_date"]),
        _specific=(claims["scope"] == "settlement").astype(int),
    )
    return ranked.sort_values(_ORDER, ascending=_ASCENDING, kind="mergesort").drop(columns="_specific")


def claims_as_of(claims: pd.DataFrame, as_of: date, *, published_by_then: bool = False) -> pd.DataFrame:
    """Each side's standing claim about each settlement on a day.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims (see :func:`geo.io.load_layer`).
    as_of : date
        The day to resolve.
    published_by_then : bool, default False
        Count only claims already published on ``as_of``. By default a claim
        published later about an earlier day counts, as the dataset's
        definition of "claimed status" asks; set this to see only what a
        reader could have known that day.

    Returns
    -------
    pandas.DataFrame
        One row per (settlement_id, side) that has a claim by then: the winning
        claim's columns plus ``side_split`` (bool), true when the side's claims
        of that same ``claim_date`` gave different statuses.
    """
    day = pd.Timestamp(as_of)
    mask = claims["claim_date"] <= day
    if published_by_then:
        mask &= claims["published"].fillna(claims["claim_date"]) <= day
    ranked = _ranked(claims[mask])
    if ranked.empty:
        return ranked.drop(columns="_published").assign(side_split=pd.Series(dtype=bool))
    winners = ranked.groupby(["settlement_id", "side"], sort=False).tail(1)
    same_day = ranked.groupby(["settlement_id", "side", "claim_date"])["status"].nunique().rename("_statuses")
    winners = winners.join(same_day, on=["settlement_id", "side", "claim_date"])
    winners = winners.assign(side_split=winners["_statuses"] > 1).drop(columns=["_statuses", "_published"])
    return winners.sort_values(["settlement_id", "side"]).reset_index(drop=True)


def claimed_status(claims: pd.DataFrame, settlement_id: str, side: str, as_of: date) -> pd.Series | None:
    """One side's standing claim about one settlement on a day.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.
    settlement_id : str
        The settlement.
    side : str
        ``ru``, ``ua`` or ``independent``.
    as_of : date
        The day.

    Returns
    -------
    pandas.Series or None
        The winning claim (see the module docstring), or None when the side had
        made no claim about the settlement by then.
    """
    subset = claims[(claims["settlement_id"] == settlement_id) & (claims["side"] == side)]
    resolved = claims_as_of(subset, as_of)
    return None if resolved.empty else resolved.iloc[-1]


def claim_history(claims: pd.DataFrame, settlement_id: str) -> pd.DataFrame:
    """Every claim about a settlement, oldest first, in resolution order.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.
    settlement_id : str
        The settlement.

    Returns
    -------
    pandas.DataFrame
        The settlement's claims sorted by date, then by the tie rule.
    """
    subset = claims[claims["settlement_id"] == settlement_id]
    ranked = _ranked(subset).drop(columns="_published")
    return ranked.sort_values(["claim_date", "side"], kind="mergesort").reset_index(drop=True)
