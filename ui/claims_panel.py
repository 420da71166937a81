"""The side-by-side claims panel: Russia | Ukraine | Independent, for one settlement on one day."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from geo.agreement import weak_words
from geo.escape import markdown_link, markdown_text, safe_url
from geo.map.base import DEEPSTATE_CAVEAT
from geo.vocab import CLAIM_STATUSES, GEO_PRECISION, SIDE_LABELS, directness_words
from ui.trackers import tracker_sentence

# Streamlit colour names for each agreement class: always shown with the class's words.
AGREEMENT_BADGE = {
    "agree_ru": "red",
    "agree_ua": "blue",
    "agree_contested": "violet",
    "disagree": "orange",
    "only_ru": "gray",
    "only_ua": "gray",
    "no_claims": "gray",
}
STATUS_BADGE = {"ru_control": "red", "ua_control": "blue", "contested": "violet", "not_marked": "gray"}
NO_CLAIM = "No claim yet"
SCOPE_WORDS = {"settlement": "Names it", "area": "Area-wide: does not name it"}


def claim_rows(claims: pd.DataFrame) -> pd.DataFrame:
    """Add the worded columns the claim tables show: side, status, scope, directness, a checked link.

    Parameters
    ----------
    claims : pandas.DataFrame
        Loaded claims (any subset).

    Returns
    -------
    pandas.DataFrame
        The same rows with ``side_label``, ``status_label``, ``scope_label``,
        ``directness_label`` and ``source_url`` reduced to http(s) links.
    """
    return claims.assign(
        side_label=claims["side"].map(SIDE_LABELS),
        status_label=claims["status"].map(CLAIM_STATUSES),
        scope_label=claims["scope"].map(SCOPE_WORDS),
        directness_label=[
            "not recorded" if _blank(code) else directness_words(code) for code in claims["source_directness"]
        ],
        source_url=claims["source_url"].map(safe_url),
    )


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def show_claims(
    row: dict[str, Any],
    as_of_label: str,
    verified: pd.DataFrame | None = None,
    *,
    stacked: bool = False,
    stale_days: int | None = None,
) -> None:
    """Render one settlement's standing claims per side, with sources.

    Parameters
    ----------
    row : dict
        One row of :func:`geo.agreement.status_on`.
    as_of_label : str
        The date shown, as ISO text.
    verified : pandas.DataFrame, optional
        :func:`ui.session_data.session_verified` (indexed by ``claim_id``): each Russian
        and Ukrainian claim then says in one sentence how it stood against
        DeepStateMap.
    stacked : bool, default False
        One side under another (a narrow panel beside the map) instead of three columns.
    stale_days : int, optional
        The threshold ``row`` was made with; a claim resting on area-wide or
        stale grounds then says so.
    """
    badge = AGREEMENT_BADGE[row["agreement"]]
    st.markdown(f"### {markdown_text(row['name'])}")
    where = f"{markdown_text(row['district'])} district, {markdown_text(row['oblast'])} oblast"
    if _blank(row["geo_precision"]):
        where += " · location not checked yet, so it has no marker on the map"
    elif int(row["geo_precision"]) > 1:
        where += f" · location {GEO_PRECISION[int(row['geo_precision'])]}"
    st.caption(where)
    st.markdown(f"On {as_of_label}: :{badge}-badge[{markdown_text(row['agreement_label'])}]")
    boxes = [st.container(border=True) for _ in SIDE_LABELS] if stacked else st.columns(3)
    for box, side in zip(boxes, ("ru", "ua", "independent"), strict=True):
        with box:
            _side_claim(row, side, verified, stale_days)


def _days_before(age: int) -> str:
    """Say how old a claim is on the day shown, in words."""
    if age == 0:
        return "that day"
    return f"{age} day{'s' if age != 1 else ''} before"


def _side_claim(row: dict[str, Any], side: str, verified: pd.DataFrame | None, stale_days: int | None) -> None:
    """One side's standing claim: status, who and when, the words, the source, and how firm the ground is."""
    st.markdown(f"**{SIDE_LABELS[side]}**")
    status = row.get(f"{side}_status")
    if _blank(status):
        st.markdown(f":gray[{NO_CLAIM}]")
        return
    st.markdown(f":{STATUS_BADGE[status]}-badge[{CLAIM_STATUSES[status]}]")
    who = markdown_text(row[f"{side}_claimant_label"])
    if not _blank(row.get(f"{side}_speaker")):
        who += f" ({markdown_text(row[f'{side}_speaker'])})"
    day = pd.Timestamp(row[f"{side}_claim_date"]).date().isoformat()
    age = row.get(f"{side}_age_days")
    st.markdown(f"{who}, {day}" + ("" if _blank(age) else f" ({_days_before(int(age))})"))
    st.markdown(f"> {markdown_text(row[f'{side}_statement'])}")
    source = f"Source: {markdown_link(row[f'{side}_source_url'], row[f'{side}_source_outlet'])}"
    directness = row.get(f"{side}_source_directness")
    if not _blank(directness):
        source += f" · {markdown_text(directness_words(directness))}"
    st.markdown(source)
    if row.get(f"{side}_scope") == "area":
        st.caption("Area-wide: the statement does not name this village; it is about a wider area that holds it.")
    if stale_days is not None and (weak := weak_words(row, side, stale_days)):
        st.caption(f"Weaker ground: {markdown_text(weak)}.")
    if not _blank(row.get(f"{side}_note")):
        st.caption(f"Note: {markdown_text(row[f'{side}_note'])}")
    if side == "independent" and "DeepStateMap" in str(row.get(f"{side}_claimant_label", "")):
        st.caption(markdown_text(DEEPSTATE_CAVEAT))
    if verified is not None and side != "independent" and row[f"{side}_id"] in verified.index:
        st.caption(markdown_text(tracker_sentence(verified.loc[row[f"{side}_id"]])))
    if row.get(f"{side}_side_split") is True:
        st.caption("This side made conflicting claims that day; the higher-ranked claimant is shown.")
