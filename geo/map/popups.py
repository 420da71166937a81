"""HTML for the map from auto-escaping Jinja templates: the settlement and event popups, and the legend.

folium places popup and tooltip HTML inside JavaScript template literals, so a
value must be safe in both contexts. The environment's ``finalize`` passes
every value a template prints through :func:`geo.escape.html_text`, which
encodes HTML and template-literal syntax alike, unless the value is already
:class:`~markupsafe.Markup`: a link built by :func:`geo.escape.html_link`
(``link`` in the templates) or a macro's output. Templates are in
``geo/map/templates/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from geo.escape import html_link, html_text
from geo.vocab import CLAIM_STATUSES, GEO_PRECISION, SIDE_LABELS, SIDES, claimant_words

STATEMENT_CHARS = 280
"""A popup shows this many characters of a statement at most."""


def _encoded(value: Any) -> Markup:
    """Encode a value a template prints, unless it is markup built here already."""
    # html_text's output is encoded for HTML and for template literals: marking it safe is what it is for.
    return value if isinstance(value, Markup) else Markup(html_text(value))  # noqa: S704


def _link(url: Any, label: Any) -> Markup:
    """Build a link for an http(s) URL, else the escaped label and URL (:func:`geo.escape.html_link`)."""
    return Markup(html_link(url, label))  # noqa: S704 (html_link escapes every part and allows http(s) only)


TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    finalize=_encoded,
    undefined=StrictUndefined,
)
"""The environment of every HTML template of the map."""
TEMPLATES.globals["link"] = _link


def render_html(template: str, **context: Any) -> str:
    """Render one of the map's HTML templates.

    Parameters
    ----------
    template : str
        The file's name in ``geo/map/templates/``.
    **context
        The values it prints; each is encoded (see the module's docstring).

    Returns
    -------
    str
        The HTML.
    """
    return str(TEMPLATES.get_template(template).render(**context))


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _shortened(text: str | None, limit: int = STATEMENT_CHARS) -> str | None:
    """Cut long text to ``limit`` characters with an ellipsis (the panel and the claims page show it whole)."""
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _claim(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    """One side's standing claim in a status row, as the popup shows it; None when it has made none."""
    status = row.get(f"{side}_status")
    if status is None or (isinstance(status, float) and pd.isna(status)):
        return None
    statement = _shortened(str(row[f"{side}_statement"]))
    return {
        "status": CLAIM_STATUSES.get(status, status),
        "claimant": row[f"{side}_claimant_label"],
        "speaker": _text_or_none(row.get(f"{side}_speaker")),
        "day": pd.Timestamp(row[f"{side}_claim_date"]).date().isoformat(),
        "statement": statement,
        "source_url": row[f"{side}_source_url"],
        "source_outlet": row[f"{side}_source_outlet"],
        "area": row.get(f"{side}_scope") == "area",
        "stale": bool(row.get(f"{side}_stale", False)),  # a bool column: never missing
        "note": _shortened(_text_or_none(row.get(f"{side}_note"))),
    }


def settlement_popup_html(row: dict[str, Any]) -> str:
    """Build the popup for one settlement: the three sides' standing claims side by side.

    Parameters
    ----------
    row : dict
        One row of :func:`geo.agreement.status_on`.

    Returns
    -------
    str
        HTML with every value encoded.
    """
    precision = int(row["geo_precision"])
    return render_html(
        "settlement_popup.html",
        name=row["name"],
        oblast=row["oblast"],
        precision=None if precision == 1 else GEO_PRECISION[precision],
        agreement=row["agreement_label"],
        sides=[{"label": SIDE_LABELS[side], "claim": _claim(row, side)} for side in SIDES],
    )


def settlement_tooltip_html(name: str, words: str, separator: str) -> str:
    """Build a settlement marker's tooltip: the name, the separator, then its class in words, all encoded.

    Parameters
    ----------
    name : str
        The settlement's name (data).
    words : str
        Its class in the map's colour mode, in words.
    separator : str
        Between the two, so a click can be matched to the name
        (:func:`geo.map.settlements.settlement_for_click`).

    Returns
    -------
    str
        HTML with every value encoded.
    """
    return render_html("settlement_tooltip.html", name=name, words=words, separator=separator)


def event_popup_html(row: dict[str, Any]) -> str:
    """Build the popup for one event: date, type, actors, notes and source.

    Parameters
    ----------
    row : dict
        One loaded event.

    Returns
    -------
    str
        HTML with every value encoded.
    """
    fatalities = row.get("fatalities")
    return render_html(
        "event_popup.html",
        location=row["location"],
        day=pd.Timestamp(row["event_date"]).date().isoformat(),
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        actor2=_text_or_none(row.get("actor2")),
        notes=row["notes"],
        fatalities=None if fatalities is None or pd.isna(fatalities) else int(fatalities),
        precision=GEO_PRECISION[int(row["geo_precision"])],
        reported_by=claimant_words(row["reported_by"]),
        source_url=row["source_url"],
        source_outlet=row["source_outlet"],
    )
