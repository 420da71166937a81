"""What a dataset covers: claims by side and month, settlements located or not, sources by directness."""

from __future__ import annotations

import pandas as pd

from geo.vocab import SIDE_LABELS, WEAK_DIRECTNESS


def claims_by_month(claims: pd.DataFrame) -> pd.DataFrame:
    """Count claims per month of ``claim_date`` and side.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``YYYY-MM``, one column per side (``ru``, ``ua``,
        ``independent``) and ``total``; months with no claim are left out.
    """
    month = claims["claim_date"].dt.strftime("%Y-%m").rename("month")
    table = pd.crosstab(month, claims["side"]).reindex(columns=list(SIDE_LABELS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def coverage_summary(settlements: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame) -> dict[str, int]:
    """Headline counts of a dataset.

    Parameters
    ----------
    settlements, claims, events : pandas.DataFrame
        Loaded layers.

    Returns
    -------
    dict
        ``settlements``, ``located``, ``unlocated``, ``claims``, one count per
        side, ``settlements_with_russian_liberation_claim`` (the Defence
        Ministry, General Staff or President naming it retaken),
        ``settlements_with_ukrainian_claim``, ``weak_source_claims`` (an
        aggregator or a repost alone, DeepStateMap's map readings left out of
        both counts) and ``claims_not_deepstate``, and ``events``.
    """
    official = claims["claimant"].isin(["ru_mod", "ru_general_staff", "ru_president"])
    controlled = claims[official & (claims["status"] == "ru_control")]
    liberated = controlled[controlled["scope"] == "settlement"]
    others = claims[claims["claimant"] != "deepstate"]
    summary = {
        "settlements": len(settlements),
        "located": int(settlements["lon"].notna().sum()),
        "unlocated": int(settlements["lon"].isna().sum()),
        "claims": len(claims),
    }
    summary.update({f"claims_{side}": int((claims["side"] == side).sum()) for side in SIDE_LABELS})
    summary.update(
        {
            "settlements_with_russian_liberation_claim": int(liberated["settlement_id"].nunique()),
            "settlements_with_russian_official_control_claim": int(controlled["settlement_id"].nunique()),
            "settlements_with_ukrainian_claim": int(claims.loc[claims["side"] == "ua", "settlement_id"].nunique()),
            "claims_not_deepstate": len(others),
            "weak_source_claims": int(others["source_directness"].isin(WEAK_DIRECTNESS).sum()),
            "events": len(events),
        }
    )
    return summary
