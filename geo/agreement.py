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
- **Only Russia has spoken** (``only_ru``) and **only Ukraine has spoken**
  (``only_ua``): one side has made a claim about it by that day, the other
  none. Which side spoke is part of the class, so the map can tell them apart.
- **No claims** (``no_claims``): neither side has.

**Weaker grounds.** A class can rest on a claim that is weaker than a
statement about this village today: one that does not name the village
(``scope: area``, e.g. "the whole region is liberated"), or one older than a
threshold the reader chooses (:data:`STALE_DAYS` by default). The class stays
what the claims say; ``agreement_weak`` records that it rests on such a claim,
and ``agreement_label`` says so in words ("The sides disagree (rests on
Russia's area-wide claim)").

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
    "only_ru": "Only Russia has spoken",
    "only_ua": "Only Ukraine has spoken",
    "no_claims": "No claims",
}

_AGREED = {"ru_control": "agree_ru", "ua_control": "agree_ua", "contested": "agree_contested"}
_COPIED = ("status", "claimant", "claimant_label", "speaker", "claim_date", "id", "statement", "source_outlet",
           "source_url", "source_directness", "side_split", "scope", "note")  # fmt: skip
SIDES = ("ru", "ua", "independent")
STALE_DAYS = 30
"""A claim older than this many days on the day shown counts as stale (the map's default; the reader can change it)."""
_SIDE_OWNER = {"ru": "Russia's", "ua": "Ukraine's", "independent": "the tracker's"}


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
    if ua_missing:
        return "only_ru"
    if ru_missing:
        return "only_ua"
    if ru_status == ua_status:
        return _AGREED.get(ru_status, "disagree")
    return "disagree"


def _missing(status: object) -> bool:
    return status is None or (isinstance(status, float) and pd.isna(status))


def status_on(
    settlements: pd.DataFrame,
    claims: pd.DataFrame | RankedClaims,
    as_of: date,
    *,
    stale_days: int = STALE_DAYS,
) -> pd.DataFrame:
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
    stale_days : int, default STALE_DAYS
        A standing claim made more than this many days before ``as_of`` is stale.

    Returns
    -------
    pandas.DataFrame
        One row per settlement, in the settlements' order: ``settlement_id``,
        ``name``, ``oblast``, ``district``, ``kind``, ``geo_precision``, ``lon``, ``lat``
        (NaN, and ``geo_precision`` too, where the location is not checked);
        for each side ``ru_``/``ua_``/``independent_`` + status, claimant,
        claimant_label, speaker, claim_date, id, statement, source_outlet,
        source_url, source_directness, side_split, scope and note (missing when
        that side has no claim yet), ``age_days``, ``area`` (the claim does not
        name the village), ``stale`` (older than ``stale_days``) and ``weak``
        (either); then ``agreement``, ``agreement_weak`` (the class rests on a
        weak claim) and ``agreement_label``.
    """
    base = settlements.reindex(columns=["id", "name", "oblast", "district", "kind", "geo_precision", "lon", "lat"])
    base = base.rename(columns={"id": "settlement_id"})
    standing = ranked(claims).as_of(as_of)
    table = pd.DataFrame(base).reset_index(drop=True)
    day = pd.Timestamp(as_of)
    for side in SIDES:
        part = standing[standing["side"] == side].reindex(columns=["settlement_id", *_COPIED])
        part = part.rename(columns={c: f"{side}_{c}" for c in _COPIED})
        table = table.merge(part, on="settlement_id", how="left")
        spoken = table[f"{side}_status"].notna()
        age = (day - pd.to_datetime(table[f"{side}_claim_date"])).dt.days
        table[f"{side}_age_days"] = age.where(spoken).astype("Int64")
        table[f"{side}_area"] = spoken & (table[f"{side}_scope"] == "area")
        table[f"{side}_stale"] = spoken & (age > stale_days)
        table[f"{side}_weak"] = table[f"{side}_area"] | table[f"{side}_stale"]
    table["agreement"] = [classify(ru, ua) for ru, ua in zip(table["ru_status"], table["ua_status"], strict=True)]
    table["agreement_weak"] = table["ru_weak"] | table["ua_weak"]
    table["agreement_label"] = [label_with_grounds(row, stale_days) for row in table[_LABEL_COLUMNS].to_dict("records")]
    return table


_LABEL_COLUMNS = ["agreement", *(f"{side}_{c}" for side in ("ru", "ua") for c in ("area", "stale", "status"))]


def weak_words(row: dict, side: str, stale_days: int = STALE_DAYS) -> str | None:
    """Say why one side's standing claim in a :func:`status_on` row is weak, or None when it is not.

    Parameters
    ----------
    row : dict
        A :func:`status_on` row (at least ``{side}_area`` and ``{side}_stale``).
    side : str
        ``ru``, ``ua`` or ``independent``.
    stale_days : int, default STALE_DAYS
        The threshold the table was made with.

    Returns
    -------
    str or None
        e.g. "Russia's area-wide claim" or "Ukraine's claim over 30 days old".
    """
    reason = _reason(row, side, stale_days)
    return f"{_SIDE_OWNER[side]} {reason}" if reason else None


def _reason(row: dict, side: str, stale_days: int) -> str | None:
    area, old = _true(row.get(f"{side}_area")), _true(row.get(f"{side}_stale"))
    if not (area or old):
        return None
    claim = "area-wide claim" if area else "claim"
    return claim + (f" over {stale_days} days old" if old else "")


def _true(value: object) -> bool:
    """Read a flag from a row, whether a Python or numpy bool; missing counts as False."""
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and bool(value)


def label_with_grounds(row: dict, stale_days: int = STALE_DAYS) -> str:
    """Word a row's agreement class, saying when it rests on an area-wide or stale claim.

    Parameters
    ----------
    row : dict
        A :func:`status_on` row (``agreement`` and each side's ``area``, ``stale`` and ``status``).
    stale_days : int, default STALE_DAYS
        The threshold the table was made with.

    Returns
    -------
    str
        e.g. "The sides disagree (rests on Russia's area-wide claim)".
    """
    label = AGREEMENT_CLASSES[row["agreement"]]
    weak = {side: _reason(row, side, stale_days) for side in ("ru", "ua")}
    weak = {side: reason for side, reason in weak.items() if reason}
    if not weak:
        return label
    if len(weak) == 2 and weak["ru"] == weak["ua"]:
        return f"{label} (rests on both sides' {weak['ru'].replace('claim', 'claims', 1)})"
    return f"{label} (rests on {' and '.join(f'{_SIDE_OWNER[side]} {reason}' for side, reason in weak.items())})"


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


def story_day(claims: pd.DataFrame) -> date | None:
    """Pick the day the dashboard opens on: the first on which both sides have spoken of one village.

    Opening on the last day of the data shows the end (everything retaken,
    every claim old); this day shows the incursion's first contested villages,
    and playing from it tells the story forward.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims.

    Returns
    -------
    date or None
        The first day by which some settlement has both a Russian and a
        Ukrainian claim; None when no settlement ever has.
    """
    sides = claims[claims["side"].isin(("ru", "ua"))]
    first = sides.groupby(["settlement_id", "side"])["claim_date"].min().unstack("side")
    if not {"ru", "ua"} <= set(first.columns):
        return None
    both = first[["ru", "ua"]].dropna().max(axis=1)
    return None if both.empty else pd.Timestamp(both.min()).date()
