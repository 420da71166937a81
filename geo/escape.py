"""Making text from data files safe to show: the one place where escaping happens.

Every string that comes from a data file is untrusted. Before it reaches HTML
(map popups and tooltips) it goes through :func:`html_text`; before it reaches
Markdown (Streamlit text) through :func:`markdown_text`; and a URL becomes a
link only through :func:`safe_url`, which accepts absolute http(s) URLs alone.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")


def _as_text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def html_text(value: Any) -> str:
    """Escape a value for use as HTML text or inside a quoted attribute.

    Parameters
    ----------
    value : Any
        Usually a string from a data file; None and NaN become "".

    Returns
    -------
    str
        The text with ``& < > " '`` replaced by entities, so any markup in it
        shows as text.
    """
    return html.escape(_as_text(value), quote=True)


def markdown_text(value: Any) -> str:
    """Escape a value so Streamlit's Markdown shows it literally.

    Parameters
    ----------
    value : Any
        Usually a string from a data file.

    Returns
    -------
    str
        The text with Markdown and HTML syntax characters backslash-escaped,
        and line breaks folded to spaces.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(_as_text(value).split()))


def safe_url(value: Any) -> str | None:
    """Return the URL if it may become a link, else None.

    Parameters
    ----------
    value : Any
        A candidate URL from a data file.

    Returns
    -------
    str or None
        The stripped URL when it is an absolute ``http://`` or ``https://`` URL
        with a host and no spaces or control characters; None for anything
        else (``javascript:``, ``data:``, relative paths, empty values).
    """
    text = _as_text(value).strip()
    if not text or any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def _unlinked(url: Any, label: Any, escape: Any) -> str:
    """Show a refused URL as escaped text after its label, so the reader still sees it."""
    refused = _as_text(url).strip()
    return escape(label) + (f" ({escape(refused)})" if refused else "")


def html_link(url: Any, label: Any) -> str:
    """Build an HTML link that opens in a new tab, or plain escaped text if the URL is unsafe.

    Parameters
    ----------
    url : Any
        Candidate URL.
    label : Any
        Link text.

    Returns
    -------
    str
        ``<a href=... target="_blank" rel="noopener noreferrer">label</a>`` or
        the escaped label (followed by the escaped URL, if one was given but
        refused, so the reader still sees it).
    """
    good = safe_url(url)
    if good is None:
        return _unlinked(url, label, html_text)
    return f'<a href="{html_text(good)}" target="_blank" rel="noopener noreferrer">{html_text(label)}</a>'


def markdown_link(url: Any, label: Any) -> str:
    """Build a Markdown link, or escaped plain text if the URL is not http(s).

    Parameters
    ----------
    url : Any
        Candidate URL.
    label : Any
        Link text.

    Returns
    -------
    str
        ``[label](url)`` with the label escaped and parentheses in the URL
        percent-encoded, or the escaped label alone (plus the refused URL as
        escaped text).
    """
    good = safe_url(url)
    if good is None:
        return _unlinked(url, label, markdown_text)
    target = good.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{markdown_text(label)}]({target})"
