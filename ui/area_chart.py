"""The area-over-time chart: km² each tracker showed by status, with the map's date marked.

The figures come from the loaded control areas (:func:`geo.area_stats.area_series`,
measured in an equal-area projection), never typed in.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from geo.map.areas import AREA_COLOURS
from geo.vocab import CLAIM_STATUSES, CLAIMANTS


def area_chart(series: pd.DataFrame, as_of: date, *, last: date | None = None) -> alt.LayerChart:
    """Build the chart.

    Parameters
    ----------
    series : pandas.DataFrame
        Output of :func:`geo.area_stats.area_series`.
    as_of : date
        The map's date, drawn as a rule.
    last : date, optional
        Carry the last values on to this date, so the steps reach the end of the data.

    Returns
    -------
    altair.LayerChart
        One step line per claimant and status, and the day rule; the tooltip names the claimant,
        the status, the date and the km².
    """
    data = series.copy()
    if last is not None and not data.empty and pd.Timestamp(last) > data["date"].max():
        tail = data[data["date"] == data["date"].max()].assign(date=pd.Timestamp(last))
        data = pd.concat([data, tail], ignore_index=True)
    # Only the columns the chart shows: the spec is sent again on every step (its day rule moves).
    data = pd.DataFrame(
        {
            "day": data["date"].dt.strftime("%Y-%m-%d"),
            "status_label": data["status"].map(CLAIM_STATUSES),
            "tracker": data["claimant"].map(lambda c: CLAIMANTS[c].label),
            "km2": data["km2"].round(1),
        }
    )
    labels = [CLAIM_STATUSES[s] for s in AREA_COLOURS]
    lines = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("km2:Q", title="km² shown"),
            color=alt.Color(
                "status_label:N",
                title="Status",
                scale=alt.Scale(domain=labels, range=list(AREA_COLOURS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash("tracker:N", title="Tracker", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("day:N", title="From"),
                alt.Tooltip("tracker:N", title="Tracker"),
                alt.Tooltip("status_label:N", title="Status"),
                alt.Tooltip("km2:Q", title="km²"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"day": [as_of.isoformat()]}))
        .mark_rule(color="#212121", strokeDash=[4, 3])
        .encode(x="day:T")
    )
    return alt.layer(lines, rule).properties(height=200)
