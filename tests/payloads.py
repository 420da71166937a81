"""Script-context payloads: text that becomes code if any layer forgets its context's encoding.

Each payload, if it ran, would set ``window.top.__pwned`` (or ``window.__pwned``). They are shared by the
unit tests of :mod:`geo.escape`, the property-based tests and the browser tests, which put one kind at a
time into every text field of every data file.
"""

from __future__ import annotations

SCRIPT_PAYLOADS: dict[str, str] = {
    "interpolation": "Korenevo${window.top.__pwned=6}",
    "backtick": "Korenevo`x`",
    "backtick-break-out": "`);window.top.__pwned=2;(`",
    "script-close": "</script><script>window.top.__pwned=3</script>",
    "backslash": "Sudzha\\`;window.top.__pwned=4;//\\",
    "quotes": "\"');window.top.__pwned=5;//'\"",
    "line-separators": "Gornal\u2028window.top.__pwned=7\u2029;",
    "nul-and-controls": "Nul\x00here\x01\x1b[31m\x7f",
    "html-handler": '<img src=x onerror="window.top.__pwned=9">',
    "template-braces": "{{ this.get_name() }}{% raw %}${x}{% endraw %}",
    "comment-open": "<!--<script>window.top.__pwned=10</script>",
}
"""Payload kind to text. All are valid strings for a data file (they pass validation)."""

LONE_SURROGATE = "Lgov\ud800end"
"""A JSON file may hold ``"\\ud800"``: an unpaired surrogate, which is not text at all."""

LONG_PAYLOAD = ("${window.top.__pwned=11}`\\</script>" * 3000)[:100_000]
"""100,000 characters of the above (too long for a data field; the escaping rule must still hold)."""
