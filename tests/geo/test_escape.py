"""The escaping helpers that every page and layer use."""

from __future__ import annotations

import pytest

from geo.escape import html_link, html_text, markdown_link, markdown_text, safe_url

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>window.pwned=1</script>",
    '"><svg onload=alert(1)>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_leaves_no_markup(payload):
    escaped = html_text(payload)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped


def test_entity_encoded_payload_is_double_escaped_so_it_shows_literally():
    assert html_text("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("  http://example.org  ", "http://example.org"),
        ("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("//example.org/path", None),
        ("/relative/path", None),
        ("https://exa mple.org", None),
        ("https://example.org/\nx", None),
        ("http:///no-host", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_html_link_refuses_javascript_but_shows_it_as_text():
    out = html_link("javascript:alert(1)", "Outlet <b>")
    assert "<a" not in out
    assert out == "Outlet &lt;b&gt; (javascript:alert(1))"


def test_html_link_escapes_quotes_in_the_href():
    out = html_link('https://example.org/"onmouseover="alert(1)', "x")
    assert 'href="https://example.org/&quot;onmouseover=&quot;alert(1)"' in out
    assert 'rel="noopener noreferrer"' in out


def test_markdown_text_escapes_link_and_html_syntax():
    out = markdown_text("[click](javascript:alert(1)) <b>bold</b> *em*")
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\<b\\>" in out and "\\*em\\*" in out


def test_markdown_link_encodes_parentheses_and_refuses_bad_schemes():
    assert markdown_link("https://example.org/a_(b)", "TASS") == "[TASS](https://example.org/a_%28b%29)"
    assert "](" not in markdown_link("javascript:alert(1)", "TASS")
