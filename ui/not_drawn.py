"""Under the map: the villages with claims by the day shown that have no marker, grouped by district."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.agreement import not_drawn
from geo.escape import markdown_text


def show_not_drawn(table: pd.DataFrame) -> None:
    """List the settlements with claims whose location is not checked, so the map cannot draw them.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`geo.agreement.status_on` for the day shown.
    """
    rows = not_drawn(table)
    if rows.empty:
        return
    count = len(rows)
    title = (
        f"{count} village{'s' if count != 1 else ''} with claims by this date "
        f"{'are' if count != 1 else 'is'} not on the map: location not checked yet"
    )
    with st.expander(title, icon=":material/location_off:"):
        st.caption(
            "We draw a village only once its coordinate has been checked against a named gazetteer. "
            "Pick one in the Settlement list to read its claims."
        )
        for (oblast, district), group in rows.groupby(["oblast", "district"], sort=False):
            entries = ", ".join(
                f"{markdown_text(name)} ({markdown_text(label.lower())})"
                for name, label in zip(group["name"], group["agreement_label"], strict=True)
            )
            st.markdown(f"**{markdown_text(district)}** ({markdown_text(oblast)}): {entries}")
