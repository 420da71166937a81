r"""Making text from data files safe to show: the one place where escaping happens.

Every string that comes from a data file is untrusted, and the context it lands
in decides how it is encoded:

- **HTML that ends up inside JavaScript.** folium places tooltip and popup HTML
  inside JavaScript template literals (`` `...` ``), where `` ` ``, ``${`` and
  ``\`` are code, and streamlit-folium runs that script in the page. So
  :func:`html_text` does more than HTML escaping: it also turns every character
  that means something in a JavaScript string or template literal (`` ` ``,
  ``$``, ``{``, ``}``, ``\``, U+2028, U+2029) into an HTML character
  reference. In HTML those references show as the character itself; in the
  script they are inert text. One encoding is therefore right for both
  contexts, and every HTML fragment built from data uses it.
- **JSON inside a script element.** :func:`script_json` writes ASCII-only
  JSON with ``<``, ``>``, ``&`` and ``'`` as ``\u`` escapes, so no value can
  close the script element or the string it is in. It also writes a ``{``
  that would open a Jinja tag (``{{``, ``{%``, ``{#``) as ``\u007b``: branca
  parses each element's rendered script *again* as a Jinja template on the
  server, so a settlement named ``{{ 7*7 }}`` would otherwise be evaluated
  there (and ``{%`` alone would break the page). Jinja's ``tojson`` does not
  do this, so data never reaches a script through ``tojson``.
- **Markdown** (Streamlit text): :func:`markdown_text` backslash-escapes
  Markdown and HTML syntax.
- **Links**: a URL becomes a link only through :func:`safe_url`, which accepts
  absolute http(s) URLs alone.

Characters that cannot be shown at all (NUL and other control characters,
unpaired UTF-16 surrogates that some JSON files carry) become U+FFFD, the
replacement character, in every context (:func:`shown_text`): the rest of the
string is still shown, never dropped.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SCRIPT_SPECIAL = str.maketrans(
    {
        "`": "&#96;",
        "$": "&#36;",
        "{": "&#123;",
        "}": "&#125;",
        "\\": "&#92;",
        "\u2028": "&#8232;",
        "\u2029": "&#8233;",
    }
)
_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")  # never structural in compact JSON: there `{` is followed by `"` or `}`
REPLACEMENT = "\ufffd"
"""What a character that cannot be shown becomes (U+FFFD)."""


def _as_text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def shown_text(value: Any) -> str:
    """Return a value as text that can be shown in any context.

    Parameters
    ----------
    value : Any
        Usually a string from a data file; None and NaN become "".

    Returns
    -------
    str
        The text with NUL, other control characters (tab, line feed and
        carriage return are kept) and unpaired surrogates replaced by U+FFFD.
        The result always encodes as UTF-8.
    """
    return _UNSHOWABLE.sub(REPLACEMENT, _as_text(value))


def html_text(value: Any) -> str:
    r"""Escape a value for HTML text or a quoted attribute, also when that HTML sits inside JavaScript.

    Parameters
    ----------
    value : Any
        Usually a string from a data file; None and NaN become "".

    Returns
    -------
    str
        The text with ``& < > " '`` and the script-significant characters
        `` ` $ { } \ `` U+2028 U+2029 replaced by character references, and
        unshowable characters by U+FFFD (:func:`shown_text`). Any markup shows
        as text, and the result can neither end a JavaScript string or template
        literal nor start an interpolation in one.
    """
    return html.escape(shown_text(value), quote=True).translate(_SCRIPT_SPECIAL)


def script_json(value: Any) -> str:
    r"""Encode a value as JSON that is safe to place in a script element as is.

    Parameters
    ----------
    value : Any
        JSON-serialisable data (strings may come from data files).

    Returns
    -------
    str
        Compact, ASCII-only JSON (so U+2028, U+2029 and unpaired surrogates are
        ``\u`` escapes) with ``<``, ``>``, ``&`` and ``'`` escaped too, the
        same encoding as Jinja's ``tojson`` filter: it cannot close a script
        element, a string, or a template literal. A ``{`` followed by ``{``,
        ``%`` or ``#`` (only ever inside a string) is written ``\u007b``, so
        the text never opens a Jinja tag when branca re-reads the rendered
        script as a template.
    """
    encoded = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False).translate(_JSON_IN_SCRIPT)
    return _JINJA_OPENER.sub(r"\\u007b", encoded)


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
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(shown_text(value).split()))


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
