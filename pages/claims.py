"""Claims side by side: one settlement's claims per side and over time, all settlements, two-date changes."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from geo.agreement import STALE_DAYS, status_on
from geo.claims import claim_history, select_claims
from geo.compare import disagreement_periods, side_bands, status_changes, summarize_changes
from geo.escape import markdown_text, safe_url
from geo.export import claims_to_csv, to_csv, to_geojson
from geo.vocab import CLAIM_STATUSES, CLAIMANTS, DIRECTNESS_LABELS, SIDE_LABELS, SOURCE_DIRECTNESS, WEAK_DIRECTNESS
from ui.claims_panel import NO_CLAIM, claim_rows, show_claims
from ui.data import show_problems
from ui.routes import map_page
from ui.session_data import session_dataset, session_ranked_claims, session_verified
from ui.settings import TABLE_BLANK
from ui.share import parse_view
from ui.timeline import timeline_chart
from ui.trackers import show_trackers, tracker_sentence
from ui.view import remember, remembered, settlement_label, sync_query_params

COLUMNS = {  # shared by the claim tables below
    "name": "Settlement",
    "claim_date": st.column_config.DateColumn("Claim date", format="YYYY-MM-DD"),
    "side_label": "Side",
    "claimant_label": "Claimant",
    "status_label": "Status",
    "before_label": "Before",
    "after_label": "After",
    "statement": st.column_config.TextColumn("Statement", width="large"),
    "source_outlet": "Outlet",
    "directness_label": "How direct",
    "scope_label": "Names the village?",
    "note": st.column_config.TextColumn("Note", width="medium"),
    "tracker": st.column_config.TextColumn("Against DeepStateMap", width="medium"),
    "source_url": st.column_config.LinkColumn("Source", validate=r"^https?://"),
}

# The columns every claim table shows between the date (and settlement) and the notes. (A comment, not a string:
# Streamlit's "magic" writes a page's bare strings onto the page, and this one was.)
CLAIM_TABLE = ["side_label", "claimant_label", "status_label", "scope_label", "statement", "source_outlet",
               "directness_label", "source_url"]  # fmt: skip

data, problems = session_dataset()
if data is None:
    show_problems(problems)
    st.stop()

first = data.claims["claim_date"].min().date()
last = max(data.claims["claim_date"].max(), data.events["event_date"].max()).date()
settlements = data.settlements
labels = {row.id: settlement_label(row.name, row.name_ru, row.aliases) for row in settlements.itertuples()}
state = st.session_state

if "claims_as_of" not in state:  # entering the page: the link wins, then what the map page last showed
    shared_day, shared_settlement = remembered(default_day=last)
    view = parse_view(st.query_params.to_dict(), first=first, last=last, default=shared_day, settlements=set(labels))
    state.claims_as_of = view.as_of
    state.claims_settlement = view.settlement or shared_settlement
    for notice in view.notices:
        st.warning(markdown_text(notice), icon="🔗")

st.title("Claims side by side")
st.caption(
    "What Russia, Ukraine and the independent trackers each said, as they said it, with sources. "
    "Compiled from public reporting; not verified truth."
)

pick_col, date_col = st.columns([3, 1], vertical_alignment="bottom")
with pick_col:
    st.selectbox(
        "Settlement (type a name or another spelling: Gornal, Gornal', Горналь)",
        list(labels),
        format_func=labels.get,
        placeholder="Search settlements",
        key="claims_settlement",
    )
with date_col:
    st.date_input("As of", min_value=first, max_value=last, key="claims_as_of")

as_of: date = state.claims_as_of
settlement_id: str | None = state.claims_settlement
remember(as_of, settlement_id)
sync_query_params(
    {"date": as_of.isoformat(), **({"settlement": settlement_id} if settlement_id else {})}, ("date", "settlement")
)
ranked_claims = session_ranked_claims(data)  # ranked once per dataset, shared by every session
table = status_on(settlements, ranked_claims, as_of)

one, every, compare, listing, trackers = st.tabs(
    ["One settlement", "All settlements on this date", "Compare two dates", "Every claim", "Against the trackers"]
)
verified = session_verified(data)  # indexed by claim id

with one:
    if settlement_id is None:
        st.info("Pick a settlement above.")
    else:
        row = table[table["settlement_id"] == settlement_id].iloc[0].to_dict()
        show_claims(row, as_of.isoformat(), verified, stale_days=STALE_DAYS)
        st.page_link(
            map_page(),
            label="Show on the map",
            icon=":material/map:",
            query_params={"date": as_of.isoformat(), "settlement": settlement_id, "center": "1"},
        )
        st.subheader("How each side's story moved")
        until = last + timedelta(days=1)
        bands = side_bands(data.claims, settlement_id, until)
        if bands.empty:
            st.info("No side has made a claim about this settlement in the data.")
        else:
            st.altair_chart(
                timeline_chart(bands, disagreement_periods(data.claims, settlement_id, until), as_of),
                use_container_width=True,
            )
            st.caption(
                "Each band is a side's standing claim until its next one; diamonds mark the claims; orange shading "
                "marks periods when Russia and Ukraine disagree; the dashed line is the selected date. "
                "Hover for the statement and source."
            )
        history = claim_history(data.claims, settlement_id).iloc[::-1]
        history = history.assign(
            tracker=[tracker_sentence(verified.loc[cid]) if cid in verified.index else None
                     for cid in history["id"]]
        )  # fmt: skip
        st.dataframe(
            claim_rows(history)[["claim_date", *CLAIM_TABLE, "tracker", "note"]],
            hide_index=True,
            placeholder=TABLE_BLANK,
            column_config=COLUMNS,
        )

with every:
    only_disagree = st.toggle("Only where the sides disagree", key="claims_disagree_only")
    shown = table[table["agreement"] == "disagree"] if only_disagree else table
    latest = shown[["ru_claim_date", "ua_claim_date", "independent_claim_date"]].max(axis=1)
    view = pd.DataFrame(
        {
            "name": shown["name"],
            "russia": shown["ru_status"].map(CLAIM_STATUSES).fillna(NO_CLAIM),
            "ukraine": shown["ua_status"].map(CLAIM_STATUSES).fillna(NO_CLAIM),
            "independent": shown["independent_status"].map(CLAIM_STATUSES).fillna(NO_CLAIM),
            "located": shown["lon"].notna().map({True: "Yes", False: "Location not checked"}),
            "agreement": shown["agreement_label"],
            "latest": latest,
            "link": [f"/claims?settlement={sid}&date={as_of.isoformat()}" for sid in shown["settlement_id"]],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        placeholder=TABLE_BLANK,
        column_config={
            "name": "Settlement",
            "russia": "Russian claim",
            "ukraine": "Ukrainian claim",
            "independent": "Independent",
            "agreement": "Do the sides agree?",
            "located": "On the map",
            "latest": st.column_config.DateColumn("Latest claim", format="YYYY-MM-DD"),
            "link": st.column_config.LinkColumn("Open", display_text="View claims"),
        },
    )
    st.caption(f"{len(view)} of {len(table)} settlements. Click a column header to sort.")
    name = f"contested-status-{as_of.isoformat()}{'-disagree' if only_disagree else ''}"
    csv_col, geojson_col = st.columns(2)
    # Keyed by what they hold, so the buttons never serve an earlier table.
    csv_col.download_button(
        "Download CSV (with sources)", to_csv(shown, as_of), f"{name}.csv", "text/csv", key=f"csv_{name}",
        on_click="ignore",
    )  # fmt: skip
    geojson_col.download_button(
        "Download GeoJSON (with sources)",
        to_geojson(shown, as_of),
        f"{name}.geojson",
        "application/geo+json",
        key=f"geojson_{name}",
        on_click="ignore",
    )

with compare:
    left, right = st.columns(2)
    before = left.date_input("From", value=max(first, as_of - timedelta(days=19)), min_value=first, max_value=last)
    after = right.date_input("To", value=as_of, min_value=first, max_value=last)
    changes = status_changes(ranked_claims, settlements, before, after)
    for sentence in summarize_changes(changes, before, after):
        st.markdown(f"- {markdown_text(sentence)}")
    if not changes.empty:
        st.dataframe(
            changes.assign(
                side_label=changes["side"].map(SIDE_LABELS),
                before_label=changes["before"].map(CLAIM_STATUSES).fillna(NO_CLAIM),
                after_label=changes["after"].map(CLAIM_STATUSES),
                source_url=changes["source_url"].map(safe_url),
            )[
                [
                    "name",
                    "side_label",
                    "before_label",
                    "after_label",
                    "claim_date",
                    "claimant_label",
                    "source_outlet",
                    "source_url",
                ]
            ],
            hide_index=True,
            placeholder=TABLE_BLANK,
            column_config=COLUMNS,
        )

with listing:
    st.caption("Every claim in the data, newest first. Narrow it down; the download holds what the table shows.")
    side_col, claimant_col, direct_col, month_col = st.columns(4)
    chosen = select_claims(
        data.claims,
        sides=side_col.multiselect("Side", list(SIDE_LABELS), format_func=SIDE_LABELS.get, key="list_sides"),
        claimants=claimant_col.multiselect(
            "Claimant", list(CLAIMANTS), format_func=lambda code: CLAIMANTS[code].label, key="list_claimants"
        ),
        directness=direct_col.multiselect(
            "How direct the source is",
            [*SOURCE_DIRECTNESS, "unknown"],
            format_func=lambda code: DIRECTNESS_LABELS.get(code, "not recorded"),
            key="list_directness",
        ),
        months=month_col.multiselect(
            "Month", sorted(data.claims["claim_date"].dt.strftime("%Y-%m").unique()), key="list_months"
        ),
    )
    names = dict(zip(settlements["id"], settlements["name"], strict=True))
    listed = claim_rows(chosen.assign(name=chosen["settlement_id"].map(names)))
    st.dataframe(
        listed[["claim_date", "name", *CLAIM_TABLE, "note"]],
        hide_index=True,
        placeholder=TABLE_BLANK,
        column_config=COLUMNS,
    )
    weak = int(chosen["source_directness"].isin(WEAK_DIRECTNESS).sum())
    st.caption(
        f"{len(chosen):,} of {len(data.claims):,} claims; {weak:,} of them rest on an aggregator or a repost alone "
        "(marked ⚠). Click a column header to sort."
    )
    st.download_button(
        "Download these claims as CSV (with sources)",
        lambda: claims_to_csv(chosen, names),  # built on click, not on every rerun
        "contested-claims.csv",
        "text/csv",
        key="claims_csv",
        on_click="ignore",  # a download needs no rerun (one raced the file built on click: no download, 1 in 10)
    )

with trackers:
    show_trackers(verified, settlements)
