"""Each settlement's claimed status per side, and whether the sides agree, on one date."""

from datetime import date

import streamlit as st

from geo.agreement import AGREEMENT_CLASSES, status_on
from geo.vocab import CLAIM_STATUSES
from ui.data import dataset, show_problems

st.title("Who claims what, on a given day")
st.caption(
    "Claims as each side made them, and independent trackers' assessments as published. "
    "Compiled from public reporting; not verified truth."
)

data, problems = dataset()
if data is None:
    show_problems(problems)
    st.stop()

first = data.claims["claim_date"].min().date()
last = data.claims["claim_date"].max().date()
day = st.date_input("Date", value=min(max(date(2025, 4, 26), first), last), min_value=first, max_value=last)

table = status_on(data.settlements, data.claims, day)
labels = {**CLAIM_STATUSES}
view = table.assign(
    russia=table["ru_status"].map(labels),
    ukraine=table["ua_status"].map(labels),
    independent=table["independent_status"].map(labels),
)[["name", "oblast", "russia", "ukraine", "independent", "agreement_label"]]
st.dataframe(
    view,
    hide_index=True,
    column_config={
        "name": "Settlement",
        "oblast": "Oblast",
        "russia": "Russian claim",
        "ukraine": "Ukrainian claim",
        "independent": "Independent assessment",
        "agreement_label": "Do the sides agree?",
    },
)
counts = table["agreement"].value_counts()
st.caption(" · ".join(f"{AGREEMENT_CLASSES[key]}: {counts.get(key, 0)}" for key in AGREEMENT_CLASSES))
