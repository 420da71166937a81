"""The "Claims against the trackers" view: each side's claims beside when DeepStateMap came to show them."""

from __future__ import annotations

import zlib

import altair as alt
import pandas as pd
import streamlit as st

from geo.escape import markdown_text, safe_url
from geo.export import verified_to_csv, verified_to_geojson
from geo.verify import AHEAD_DAYS, MATCH_DAYS, VERDICTS, claimant_summary
from geo.vocab import CLAIM_STATUSES, CLAIMANTS, SIDE_LABELS
from ui.settings import TABLE_BLANK

VERDICT_LABELS = {
    "ahead": "Ran ahead of DeepStateMap",
    "matched": f"Matched it (within {MATCH_DAYS} days)",
    "behind": "DeepStateMap showed it first",
    "never": "DeepStateMap never showed it",
}
"""Short words for each verdict, in the table, the filter and the chart's legend."""

VERDICT_COLOURS = {"ahead": "#d84315", "matched": "#2e7d32", "behind": "#00838f", "never": "#424242"}
"""Chart colours per verdict; never a status colour alone: the legend names each."""

LEAD_CLIP = 200
"""The chart's lead axis runs from -LEAD_CLIP to +LEAD_CLIP days; longer leads sit at the edge (the table has them)."""

TRACKER_STATUS = {**CLAIM_STATUSES, "not_marked": "Nothing marked"}
VERDICT_HELP = "".join(f"- **{VERDICT_LABELS[code]}**: {words}.\n" for code, words in VERDICTS.items())
"""The verdicts in words, from the code's own vocabularies (no data text)."""


def tracker_sentence(row: pd.Series | dict | None) -> str | None:
    """Say in one plain sentence how a claim stood against the tracker, or why it was not scored.

    Parameters
    ----------
    row : mapping or None
        One row of :func:`geo.verify.verify_claims`.

    Returns
    -------
    str or None
        E.g. "Against DeepStateMap: ran ahead of DeepStateMap by 34 days."; None without a row.
    """
    if row is None:
        return None
    if not row["scored"]:
        return f"Against DeepStateMap: not scored ({row['reason_not_scored']})."
    return f"Against DeepStateMap: {row['verdict_text']}."


def _reason_counts(apart: pd.DataFrame) -> str:
    counts = apart["reason_not_scored"].value_counts()
    return "; ".join(f"{reason}: {count:,}" for reason, count in counts.items())


def _filters(verified: pd.DataFrame) -> pd.DataFrame:
    side_col, claimant_col, month_col, verdict_col = st.columns(4)
    sides = side_col.multiselect(
        "Side", ["ru", "ua"], format_func=SIDE_LABELS.get, key="trackers_sides", placeholder="Both sides"
    )
    present = [code for code in CLAIMANTS if code in set(verified["claimant"])]
    claimants = claimant_col.multiselect(
        "Claimant", present, format_func=lambda code: CLAIMANTS[code].label, key="trackers_claimants",
        placeholder="Every claimant",
    )  # fmt: skip
    months = sorted(verified["claim_date"].dt.strftime("%Y-%m").unique())
    chosen_months = month_col.multiselect("Month", months, key="trackers_months", placeholder="Every month")
    verdicts = verdict_col.multiselect(
        "Verdict", list(VERDICT_LABELS), format_func=VERDICT_LABELS.get, key="trackers_verdicts",
        placeholder="Every verdict",
    )  # fmt: skip
    keep = pd.Series(True, index=verified.index)
    if sides:
        keep &= verified["side"].isin(sides)
    if claimants:
        keep &= verified["claimant"].isin(claimants)
    if chosen_months:
        keep &= verified["claim_date"].dt.strftime("%Y-%m").isin(chosen_months)
    if verdicts:
        keep &= verified["verdict"].isin(verdicts)
    return verified[keep]


def lead_chart(scored: pd.DataFrame) -> alt.Chart:
    """Draw leads per claimant as a strip plot: one point per scored claim, hover for the statement and source.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored rows of :func:`geo.verify.verify_claims` (claims the tracker never showed are placed at the right
        edge, marked as such).

    Returns
    -------
    altair.Chart
    """
    frame = scored.assign(
        lead_shown=scored["lead_days"].astype("Float64").fillna(LEAD_CLIP).clip(-LEAD_CLIP, LEAD_CLIP).astype(float),
        lead_text=[
            "never shown" if pd.isna(lead) else f"{int(lead):+d} days" for lead in scored["lead_days"]
        ],
        verdict_label=scored["verdict"].map(VERDICT_LABELS),
        day=scored["claim_date"].dt.strftime("%Y-%m-%d"),
        source=scored["source_outlet"].fillna(""),
        jitter=[zlib.crc32(str(cid).encode()) % 1000 / 1000 for cid in scored["claim_id"]],  # stable between runs
    )[["jitter", "lead_shown", "lead_text", "verdict_label", "claimant_label", "settlement_name", "day", "statement",
       "source", "verdict_text"]]  # fmt: skip
    colours = alt.Scale(
        domain=[VERDICT_LABELS[v] for v in VERDICT_LABELS], range=[VERDICT_COLOURS[v] for v in VERDICT_LABELS]
    )
    return (
        alt.Chart(frame)
        .mark_circle(size=70, opacity=0.75)
        .encode(
            x=alt.X(
                "lead_shown:Q",
                title="Lead over DeepStateMap in days (right: the claim came first; never shown: right edge)",
                scale=alt.Scale(domain=[-LEAD_CLIP, LEAD_CLIP]),
            ),
            y=alt.Y(
                "claimant_label:N",
                title=None,
                sort=[CLAIMANTS[c].label for c in CLAIMANTS],
                axis=alt.Axis(labelLimit=320),
            ),
            yOffset=alt.YOffset("jitter:Q"),
            color=alt.Color(
                "verdict_label:N",
                title="Verdict",
                scale=colours,
                legend=alt.Legend(orient="bottom", labelLimit=320, columns=2),
            ),
            tooltip=[
                alt.Tooltip("settlement_name:N", title="Settlement"),
                alt.Tooltip("claimant_label:N", title="Claimant"),
                alt.Tooltip("day:N", title="Claim date"),
                alt.Tooltip("statement:N", title="Statement"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("lead_text:N", title="Lead"),
                alt.Tooltip("verdict_text:N", title="Verdict"),
            ],
        )
        .properties(height=alt.Step(46), usermeta={"embedOptions": {"renderer": "svg"}})
    )  # svg: each point is an element, so assistive tools (and the browser test) can reach it


def show_trackers(verified: pd.DataFrame, settlements: pd.DataFrame) -> None:
    """Render the view: filters, per-claimant summary, the strip chart, the table, exports, and what is not scored.

    Parameters
    ----------
    verified : pandas.DataFrame
        From :func:`geo.verify.verify_claims` for the data this session sees.
    settlements : pandas.DataFrame
        Loaded settlements, for the GeoJSON export's points.
    """
    st.caption(
        "For each Russian and Ukrainian claim that names a located village: what DeepStateMap's map showed there "
        "that day, when it came to show what the claim said, and by how many days the claim ran ahead of it "
        f"(within {int(MATCH_DAYS)} days counts as matched). DeepStateMap is a Ukrainian volunteer project; we call it "
        "independent because it is not a government, not because it is neutral. A lead measures timing only: "
        "it says nothing about whether a claim was true. The rule is written in `geo/verify.py`."
    )
    chosen = _filters(verified)
    scored = chosen[chosen["scored"]]
    st.subheader("Per claimant")
    summary = claimant_summary(chosen)
    st.dataframe(
        summary[summary["scored"] > 0][
            ["claimant_label", "claims", "scored", "median_lead_days", "share_ahead", "share_never"]
        ],
        hide_index=True,
        placeholder=TABLE_BLANK,
        column_config={
            "claimant_label": "Claimant",
            "claims": "Claims",
            "scored": "Scored",
            "median_lead_days": st.column_config.NumberColumn("Median lead (days)", format="%+.0f"),
            "share_ahead": st.column_config.NumberColumn(f"More than {AHEAD_DAYS} days ahead", format="percent"),
            "share_never": st.column_config.NumberColumn("Never shown", format="percent"),
        },
    )
    if scored.empty:
        st.info("No scored claim matches these filters.")
    else:
        st.altair_chart(lead_chart(scored), width="stretch")
        st.caption("Each point is a claim; hover for its statement and source. Leads beyond ±200 days sit at the edge.")
    st.subheader("Every scored claim")
    table = scored.assign(
        side_label=scored["side"].map(SIDE_LABELS),
        status_label=scored["status"].map(CLAIM_STATUSES),
        tracker_label=scored["tracker_status"].map(TRACKER_STATUS),
        verdict_label=scored["verdict"].map(VERDICT_LABELS),
        source_url=scored["source_url"].map(safe_url),
    )
    st.dataframe(
        table[
            [
                "settlement_name",
                "side_label",
                "claimant_label",
                "claim_date",
                "status_label",
                "tracker_label",
                "agreed_on",
                "already_since",
                "lead_days",
                "verdict_label",
                "verdict_text",
                "statement",
                "source_outlet",
                "source_url",
            ]
        ],
        hide_index=True,
        placeholder=TABLE_BLANK,
        column_config={
            "settlement_name": "Settlement",
            "side_label": "Side",
            "claimant_label": "Claimant",
            "claim_date": st.column_config.DateColumn("Claim date", format="YYYY-MM-DD"),
            "status_label": "Claimed",
            "tracker_label": "DeepStateMap that day",
            "agreed_on": st.column_config.DateColumn("DeepStateMap agreed", format="YYYY-MM-DD"),
            "already_since": st.column_config.DateColumn("Already so since", format="YYYY-MM-DD"),
            "lead_days": st.column_config.NumberColumn("Lead (days)", format="%+d"),
            "verdict_label": "Verdict",
            "verdict_text": st.column_config.TextColumn("In words", width="medium"),
            "statement": st.column_config.TextColumn("Statement", width="large"),
            "source_outlet": "Outlet",
            "source_url": st.column_config.LinkColumn("Source", validate=r"^https?://"),
        },
    )
    st.caption(f"{len(scored):,} scored claims. Click a column header to sort.")
    csv_col, geojson_col = st.columns(2)
    csv_col.download_button(
        "Download CSV (with sources)", lambda: verified_to_csv(chosen), "contested-vs-trackers.csv", "text/csv",
        key="trackers_csv", on_click="ignore",  # a download needs no rerun: one raced the file built on click
    )  # fmt: skip
    geojson_col.download_button(
        "Download GeoJSON (with sources)", lambda: verified_to_geojson(chosen, settlements),
        "contested-vs-trackers.geojson", "application/geo+json", key="trackers_geojson", on_click="ignore",
    )  # fmt: skip
    apart = chosen[~chosen["scored"]]
    with st.expander(f"{len(apart):,} claims listed apart, not scored"):
        st.caption(
            "Area-wide statements do not name the village; a village whose location is not checked cannot be read "
            "on the map. " + markdown_text(_reason_counts(apart))
        )
        st.dataframe(
            apart.assign(source_url=apart["source_url"].map(safe_url))[
                [
                    "settlement_name",
                    "claimant_label",
                    "claim_date",
                    "statement",
                    "reason_not_scored",
                    "source_outlet",
                    "source_url",
                ]
            ],
            hide_index=True,
            placeholder=TABLE_BLANK,
            column_config={
                "settlement_name": "Settlement",
                "claimant_label": "Claimant",
                "claim_date": st.column_config.DateColumn("Claim date", format="YYYY-MM-DD"),
                "statement": st.column_config.TextColumn("Statement", width="large"),
                "reason_not_scored": "Why not scored",
                "source_outlet": "Outlet",
                "source_url": st.column_config.LinkColumn("Source", validate=r"^https?://"),
            },
        )
    with st.expander("How the verdicts are worked out"):
        st.markdown(
            "- **The tracker** is DeepStateMap: its control areas at the village's point when an areas file is "
            "loaded, otherwise its map readings in the claims file (news reports of what its analysts said are "
            "claims, not the map).\n"
            "- **Consistent with the claim**: a claim of Russian control once the map no longer shows the village "
            "Ukrainian-held or grey (which is not the map saying Russia holds it); a claim of Ukrainian control "
            "while the map shows it Ukrainian-held; a claim of fighting (also how a denial is recorded) while the "
            "map shows it Ukrainian-held or grey.\n"
            "- **Lead**: days from the claim to the first day the map was consistent with it (positive: the claim "
            "came first), or minus the days it had already been consistent (negative: the map came first).\n"
            + VERDICT_HELP
        )
