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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
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


@dataclass(frozen=True)
class RankedClaims:
    """Claims put in resolution order once, to resolve any day quickly.

    A slider step resolves a new day. Sorting 50,000 claims by the tie rule
    every time cost more than everything else on the step, so the sort (and
    the check for same-day disagreement within a side) is done once here.
    Both are the same for every day: the claims of one ``claim_date`` are
    either all on or before a day, or all after it.

    Attributes
    ----------
    ranked : pandas.DataFrame
        The claims sorted by settlement, side, ``claim_date`` and the tie
        rule, so the last row of a settlement and side up to a day is the
        winner; with ``side_split`` filled in.
    """

    ranked: pd.DataFrame
    _groups: np.ndarray
    _days: np.ndarray

    @classmethod
    def from_claims(cls, claims: pd.DataFrame) -> RankedClaims:
        """Rank loaded claims (see :func:`geo.io.load_layer`).

        Parameters
        ----------
        claims : pandas.DataFrame
            Loaded claims, or any subset of them.

        Returns
        -------
        RankedClaims
            Read-only; shared between sessions by the dashboard.
        """
        ranked = _ranked(claims).drop(columns="_published")
        statuses = ranked.groupby(["settlement_id", "side", "claim_date"], sort=False)["status"].transform("nunique")
        ranked = ranked.assign(side_split=(statuses > 1).astype(bool)).reset_index(drop=True)
        # Rows are sorted by settlement and side first, so a group's number changes exactly where the pair does.
        groups = ranked.groupby(["settlement_id", "side"], sort=False).ngroup().to_numpy()
        return cls(ranked, groups, ranked["claim_date"].to_numpy())

    def as_of(self, as_of: date) -> pd.DataFrame:
        """Each side's standing claim about each settlement on a day.

        Parameters
        ----------
        as_of : date
            The day to resolve.

        Returns
        -------
        pandas.DataFrame
            As :func:`claims_as_of`.
        """
        rows = np.flatnonzero(self._days <= np.datetime64(pd.Timestamp(as_of)))
        if rows.size:
            groups = self._groups[rows]
            rows = rows[np.append(groups[1:] != groups[:-1], True)]  # the last row of each settlement and side
        winners = self.ranked.iloc[rows]
        return winners.sort_values(["settlement_id", "side"]).reset_index(drop=True)


def ranked(claims: pd.DataFrame | RankedClaims) -> RankedClaims:
    """Return claims in resolution order, ranking them only if that has not been done.

    Parameters
    ----------
    claims : pandas.DataFrame or RankedClaims
        Loaded claims, or claims already ranked (the dashboard shares one ranking per dataset).

    Returns
    -------
    RankedClaims
        ``claims`` itself when already ranked.
    """
    return claims if isinstance(claims, RankedClaims) else RankedClaims.from_claims(claims)


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

    See Also
    --------
    RankedClaims : the same for many days, sorting once.
    """
    if published_by_then:
        claims = claims[claims["published"].fillna(claims["claim_date"]) <= pd.Timestamp(as_of)]
    return RankedClaims.from_claims(claims).as_of(as_of)


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


def select_claims(
    claims: pd.DataFrame,
    *,
    sides: Iterable[str] = (),
    claimants: Iterable[str] = (),
    directness: Iterable[str] = (),
    months: Iterable[str] = (),
) -> pd.DataFrame:
    """Filter claims for the table of every claim; an empty choice keeps everything.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.
    sides, claimants : iterable of str
        Side codes (``ru``, ``ua``, ``independent``) and claimant codes to keep.
    directness : iterable of str
        ``source_directness`` values to keep; ``"unknown"`` keeps claims that
        do not record it.
    months : iterable of str
        ``YYYY-MM`` months of ``claim_date`` to keep.

    Returns
    -------
    pandas.DataFrame
        The matching claims, newest first, then by settlement.
    """
    keep = pd.Series(True, index=claims.index)
    if sides := set(sides):
        keep &= claims["side"].isin(sides)
    if claimants := set(claimants):
        keep &= claims["claimant"].isin(claimants)
    if directness := set(directness):
        keep &= claims["source_directness"].fillna("unknown").isin(directness)
    if months := set(months):
        keep &= claims["claim_date"].dt.strftime("%Y-%m").isin(months)
    chosen = claims[keep]
    return chosen.sort_values(["claim_date", "settlement_id", "id"], ascending=[False, True, True], kind="mergesort")
