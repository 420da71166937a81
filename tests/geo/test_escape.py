"""The escaping helpers that every page and layer use."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from geo.escape import (
    REPLACEMENT,
    html_link,
    html_text,
    markdown_link,
    markdown_text,
    safe_url,
    script_json,
    shown_text,
)
from tests.payloads import LONE_SURROGATE, LONG_PAYLOAD, SCRIPT_PAYLOADS

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


# --- script contexts: HTML inside JavaScript template literals, JSON inside script elements ---------------

SCRIPT_SPECIAL = ("`", "$", "{", "}", "\\", "\u2028", "\u2029", "<", ">", '"', "'")
ALL_PAYLOADS = [*SCRIPT_PAYLOADS.values(), LONE_SURROGATE, LONG_PAYLOAD]


@pytest.mark.parametrize("payload", ALL_PAYLOADS, ids=[*SCRIPT_PAYLOADS, "lone-surrogate", "100kB"])
def test_html_text_leaves_nothing_a_script_string_could_act_on(payload):
    escaped = html_text(payload)
    assert not [ch for ch in SCRIPT_SPECIAL if ch in escaped]
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]", escaped)
    escaped.encode("utf-8")  # always encodable: no surrogate survives


@pytest.mark.parametrize("payload", ALL_PAYLOADS, ids=[*SCRIPT_PAYLOADS, "lone-surrogate", "100kB"])
def test_html_text_shows_the_original_text_once_the_browser_decodes_it(payload):
    assert html.unescape(html_text(payload)) == shown_text(payload)


def test_shown_text_replaces_only_what_cannot_be_shown():
    assert shown_text("a\x00b\tc\nd\ud800e\x7f") == f"a{REPLACEMENT}b\tc\nd{REPLACEMENT}e{REPLACEMENT}"
    assert shown_text("Горналь ${x} `y`") == "Горналь ${x} `y`"


@pytest.mark.parametrize("payload", ALL_PAYLOADS, ids=[*SCRIPT_PAYLOADS, "lone-surrogate", "100kB"])
def test_script_json_cannot_close_the_script_or_its_string(payload):
    encoded = script_json({"name": payload, "list": [payload]})
    assert encoded.isascii()
    assert not [ch for ch in ("<", ">", "&", "'", "\u2028", "\u2029") if ch in encoded]
    assert json.loads(encoded) == {"name": payload, "list": [payload]}


# branca re-reads every element's rendered script as a Jinja template, on the server: data must never open a tag.
JINJA_PAYLOADS = [
    "{{ 7*7 }}",
    "{{ this.get_name() }}",
    "{% if 1 %}ran{% endif %}",
    "{#",
    "{%",
    "{{{%- x",
    SCRIPT_PAYLOADS["template-braces"],
]


@pytest.mark.parametrize("payload", JINJA_PAYLOADS)
def test_script_json_never_opens_a_jinja_tag(payload):
    value = {"name": payload, "nested": [{"name": payload}], "empty": {}}
    encoded = script_json(value)
    assert not re.search(r"\{[{%#]", encoded)
    assert json.loads(encoded) == value


@pytest.mark.parametrize("payload", JINJA_PAYLOADS)
def test_a_map_script_carries_data_as_text_never_as_a_template(payload):
    import folium

    from geo.map.assets import ContestedCall

    fmap = folium.Map(tiles=None)
    ContestedCall("settlementLayout", {"names": [payload, "Gornal"]}).add_to(fmap)
    script = fmap.get_root().render()  # a "{%" alone made this raise; "{{ 7*7 }}" came out as 49
    (args,) = re.findall(r'Contested\["settlementLayout"\]\(map_[0-9a-f]+, (.*)\);', script)
    assert json.loads(args) == {"names": [payload, "Gornal"]}


def test_script_json_matches_jinja_tojson():
    from jinja2 import Environment

    value = {"a": "</script>&'\u2028", "b": [1, 2.5, None]}
    rendered = Environment().from_string("{{ v|tojson }}").render(v=value)
    assert json.loads(script_json(value)) == json.loads(rendered)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (make test installs it from npm's)")
def test_escaped_html_inside_folium_template_literals_is_inert_when_run():
    """Run the code folium generates for a tooltip and a popup in a real JavaScript engine.

    Each payload goes through ``html_text`` into ``folium.Tooltip`` and ``folium.Popup``; node evaluates the
    template literals exactly as the browser would. Nothing may run, and the strings must come out as the
    escaped HTML that went in.
    """
    import folium

    cases = []
    for payload in ALL_PAYLOADS:
        escaped = html_text(payload)
        fmap = folium.Map(tiles=None)
        marker = folium.CircleMarker((51.3, 35.2), tooltip=folium.Tooltip(escaped), popup=folium.Popup(escaped))
        marker.add_to(fmap)
        script = fmap.get_root().render()
        literals = re.findall(r"`(?:[^`\\]|\\.)*`", script, flags=re.S)
        cases.append({"literals": literals, "escaped": escaped})
    program = """
        const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
        globalThis.window = globalThis; window.top = window;
        const out = cases.map(c => c.literals.map(src => eval(src)));
        process.stdout.write(JSON.stringify({out, pwned: typeof window.__pwned}));
    """
    result = subprocess.run(
        ["node", "-e", program], input=json.dumps(cases), capture_output=True, text=True, check=True, timeout=60
    )
    answer = json.loads(result.stdout)
    assert answer["pwned"] == "undefined"
    for case, values in zip(cases, answer["out"], strict=True):
        assert values, "no template literal found in folium's output"
        assert any(case["escaped"] in value for value in values)
