"""Agreement: whether Russia's and Ukraine's claims about a settlement match on a day.

How to read the classes (this is the one place the rule is written):

- **Both say Russian control** (``agree_ru``): the latest Russian claim and the
  latest Ukrainian claim both say Russian forces hold it. Typically Ukraine has
  conceded a loss.
- **Both say Ukrainian control** (``agree_ua``): both say Ukrainian forces hold it.
- **Both say fighting goes on** (``agree_contested``): neither claims to hold
  it; both say it is fought over.
- **The sides disagree** (``disagree``): their latest claims give different
  statuses, e.g. Russia says it retook the village while Ukraine says its
  troops are still fighting there.
- **Only one side has spoken** (``one_side``): one side has made a claim about
  it by that day, the other none.
- **No claims** (``no_claims``): neither side has.

"Latest claim" follows :mod:`geo.claims`. Independent assessments (ISW,
DeepStateMap) are shown beside the two sides but never change the class: the
class is about whether the two warring sides' stories match.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.claims import RankedClaims, ranked

AGREEMENT_CLASSES: dict[str, str] = {
    "agree_ru": "Both sides say Russian control",
    "agree_ua": "Both sides say Ukrainian control",
    "agree_contested": "Both sides say fighting goes on",
    "disagree": "The sides disagree",
    "one_side": "Only one side has spoken",
    "no_claims": "No claims",
}

_AGREED = {"ru_control": "agree_ru", "ua_control": "agree_ua", "contested": "agree_contested"}
_COPIED = ("status", "claimant", "claimant_label", "speaker", "claim_date", "id", "statement", "source_outlet",
           "source_url", "source_directness", "side_split")  # fmt: skip


def classify(ru_status: str | None, ua_status: str | None) -> str:
    """Classify one settlement from the two sides' claimed statuses.

    Parameters
    ----------
    ru_status, ua_status : str or None
        Each side's standing claimed status, or None when it has made no claim.

    Returns
    -------
    str
        A key of :data:`AGREEMENT_CLASSES`.
    """
    ru_missing, ua_missing = _missing(ru_status), _missing(ua_status)
    if ru_missing and ua_missing:
        return "no_claims"
    if ru_missing or ua_missing:
        return "one_side"
    if ru_status == ua_status:
        return _AGREED.get(ru_status, "disagree")
    return "disagree"


def _missing(status: object) -> bool:
    return status is None or (isinstance(status, float) and pd.isna(status))


def status_on(settlements: pd.DataFrame, claims: pd.DataFrame | RankedClaims, as_of: date) -> pd.DataFrame:
    """Every settlement's claimed status per side, and the agreement class, on a day.

    Parameters
    ----------
    settlements : pandas.DataFrame
        Loaded settlements.
    claims : pandas.DataFrame or RankedClaims
        Loaded claims, or the same ranked once (faster when many days are
        resolved, as the map's slider does).
    as_of : date
        The day.

    Returns
    -------
    pandas.DataFrame
        One row per settlement, in the settlements' order: ``settlement_id``,
        ``name``, ``oblast``, ``district``, ``geo_precision``, ``lon``, ``lat``
        (NaN, and ``geo_precision`` too, where the location is not checked);
        for each side ``ru_``/``ua_``/``independent_`` + status, claimant,
        claimant_label, speaker, claim_date, id, statement, source_outlet,
        source_url, source_directness and side_split (missing when that side has no claim yet); then
        ``agreement`` and ``agreement_label``.
    """
    base = settlements[["id", "name", "oblast", "district", "geo_precision", "lon", "lat"]]
    base = base.rename(columns={"id": "settlement_id"})
    standing = ranked(claims).as_of(as_of)
    table = pd.DataFrame(base).reset_index(drop=True)
    for side in ("ru", "ua", "independent"):
        part = standing[standing["side"] == side].reindex(columns=["settlement_id", *_COPIED])
        part = part.rename(columns={c: f"{side}_{c}" for c in _COPIED})
        table = table.merge(part, on="settlement_id", how="left")
    table["agreement"] = [classify(ru, ua) for ru, ua in zip(table["ru_status"], table["ua_status"], strict=True)]
    table["agreement_label"] = table["agreement"].map(AGREEMENT_CLASSES)
    return table


def not_drawn(table: pd.DataFrame) -> pd.DataFrame:
    """Pick the settlements of a :func:`status_on` table that have claims but no checked location.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`status_on`.

    Returns
    -------
    pandas.DataFrame
        The rows whose location is not checked (null geometry, so no marker)
        and that some side or tracker has made a claim about by the table's
        day, sorted by oblast, district and name.
    """
    spoken = table[[f"{side}_status" for side in ("ru", "ua", "independent")]].notna().any(axis=1)
    rows = table[table["lon"].isna() & spoken]
    return rows.sort_values(["oblast", "district", "name"], kind="stable")
