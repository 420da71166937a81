"""The claim-history chart: one lane per side, a band per standing claim, disagreement shaded."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from geo.vocab import CLAIM_STATUSES, SIDE_LABELS, SIDES

STATUS_COLOURS = {"ru_control": "#c62828", "ua_control": "#1565c0", "contested": "#6a1b9a", "not_marked": "#bdbdbd"}
LANES = [SIDE_LABELS[s] for s in SIDES]


def timeline_chart(bands: pd.DataFrame, periods: list[tuple[date, date]], as_of: date) -> alt.LayerChart:
    """Build the chart. Text from data only reaches tooltips, which Vega-Lite shows as text.

    Parameters
    ----------
    bands : pandas.DataFrame
        Output of :func:`geo.compare.side_bands`.
    periods : list of (date, date)
        Output of :func:`geo.compare.disagreement_periods`.
    as_of : date
        The selected day, drawn as a rule.

    Returns
    -------
    altair.LayerChart
        Disagreement shading, bands, claim marks and the day rule.
    """
    data = bands.assign(
        lane=bands["side"].map(SIDE_LABELS),
        status_label=bands["status"].map(CLAIM_STATUSES),
        source=bands["source_outlet"].fillna("") + " " + bands["source_url"].fillna(""),
        who=bands["claimant_label"],
        claimed=bands["start"].dt.strftime("%Y-%m-%d"),
    )[["lane", "start", "end", "status", "status_label", "statement", "source", "who", "claimed"]]
    y = alt.Y("lane:N", sort=LANES, title=None, scale=alt.Scale(domain=LANES))
    colour = alt.Color(
        "status:N",
        title="Claimed status",
        scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
        legend=alt.Legend(orient="bottom", labelExpr=_label_expression()),
    )
    tooltip = [
        alt.Tooltip("claimed:N", title="Claim date"),
        alt.Tooltip("who:N", title="Claimant"),
        alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("statement:N", title="Statement"),
        alt.Tooltip("source:N", title="Source"),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(height=22, opacity=0.8)
        .encode(x=alt.X("start:T", title=None), x2="end:T", y=y, color=colour, tooltip=tooltip)
    )
    marks = (
        alt.Chart(data)
        .mark_point(shape="diamond", size=90, filled=True, color="#111")
        .encode(x="start:T", y=y, tooltip=tooltip)
    )
    shading = pd.DataFrame(
        [{"start": pd.Timestamp(a), "end": pd.Timestamp(b), "what": "The sides disagree"} for a, b in periods],
        columns=["start", "end", "what"],
    )
    shaded = (
        alt.Chart(shading)
        .mark_rect(color="#ef6c00", opacity=0.18)
        .encode(x="start:T", x2="end:T", tooltip=[alt.Tooltip("what:N", title=" ")])
    )
    today = (
        alt.Chart(pd.DataFrame({"day": [pd.Timestamp(as_of)]}))
        .mark_rule(color="#000", strokeDash=[4, 3])
        .encode(x="day:T")
    )
    return alt.layer(shaded, bars, marks, today).properties(height=alt.Step(44))


def _label_expression() -> str:
    cases = " : ".join(f"datum.label == '{code}' ? '{label}'" for code, label in CLAIM_STATUSES.items())
    return f"{cases} : datum.label"
