"""Text from data reaches HTML or Markdown only through geo/escape.py.

The check reads the source: every value interpolated into an f-string that is
passed to a Streamlit text element (pages/, ui/) or that builds HTML (geo/map/)
must be a call to an escaping helper, a lookup in one of the code's own
vocabularies, or one of a few named values that are built from escaped parts
or from numbers and dates. Anything else fails the test. Popup and legend HTML
comes from templates, which the map's Jinja environment encodes value by
value; the script functions in static/contested/ are held to their own rule.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

ESCAPERS = {"markdown_text", "markdown_link", "html_text", "html_link", "int", "len"}
VOCABULARIES = {"SIDE_LABELS", "CLAIM_STATUSES", "STATUS_BADGE", "AGREEMENT_BADGE", "AGREEMENT_CLASSES",
                "AGREEMENT_COLOURS", "GEO_PRECISION", "EVENT_COLOURS", "WINDOW_LABELS",
                "MODE_LABELS"}  # fmt: skip
TEXT_SINKS = {"markdown", "caption", "write", "html", "error", "warning", "info", "success", "title", "header",
              "subheader", "toast"}  # fmt: skip
# Names built only from escaped parts, code constants, numbers or dates (checked by reading the code once):
TRUSTED_NAMES = {
    "ui/claims_panel.py": {"who", "day", "badge", "where", "as_of_label", "source", "NO_CLAIM", "_days_before"},
    "ui/not_drawn.py": {"entries"},
    "ui/data.py": {"data_dir"},
    "ui/as_of.py": {"problem"},
    "pages/map.py": {"shown", "window_label", "extra"},
    "pages/claims.py": {"weak"},
    "ui/trackers.py": {"VERDICT_HELP"},
    "pages/data.py": {"MAX_UPLOAD_BYTES", "MAX_UPLOAD_FEATURES", "dropped", "shipped", "uploadable", "read_as"},
}


def _trusted(node: ast.expr, names: set[str]) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if isinstance(func, ast.Attribute) and not node.args and _trusted(func.value, names):
            return True  # a method of a trusted value, e.g. KIND_LABELS[kind].lower()
        return called in ESCAPERS or called in names or called == "isoformat"
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Name) and node.value.id in VOCABULARIES
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.BinOp):
        return _trusted(node.left, names) and _trusted(node.right, names)
    if isinstance(node, ast.IfExp):
        return _trusted(node.body, names) and _trusted(node.orelse, names)
    if isinstance(node, ast.JoinedStr):
        return all(_trusted(v, names) for v in _interpolations(node))
    return False


def _interpolations(text: ast.JoinedStr):
    for part in text.values:
        if isinstance(part, ast.FormattedValue):
            yield part.value


def offending(source: str, relative: str, *, html_only: bool) -> list[str]:
    """List the interpolated expressions that are not escaped or trusted."""
    tree = ast.parse(source)
    names = TRUSTED_NAMES.get(relative, set())
    found = []
    for node in ast.walk(tree):
        strings: list[ast.expr] = []
        if html_only:
            if isinstance(node, ast.JoinedStr) and any(
                isinstance(p, ast.Constant) and "<" in str(p.value) for p in node.values
            ):
                strings = [node]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_SINKS:
            strings = [arg for arg in node.args[:1]]
        for text in strings:
            if isinstance(text, ast.JoinedStr):
                found += [ast.unparse(v) for v in _interpolations(text) if not _trusted(v, names)]
            elif not html_only and not _trusted(text, names):
                found.append(ast.unparse(text))
    return found


def _sources(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).glob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_pages_and_ui_escape_data_before_markdown():
    problems = {rel: bad for rel, src in _sources("pages", "ui") if (bad := offending(src, rel, html_only=False))}
    assert problems == {}


def test_html_built_in_map_modules_escapes_data():
    modules = dict(_sources("geo/map"))
    assert "geo/map/popups.py" in modules
    problems = {rel: bad for rel, src in modules.items() if (bad := offending(src, rel, html_only=True))}
    assert problems == {}


# --- templates: every printed value is encoded by the environment ----------------------------------------


def test_the_map_templates_encode_every_value_for_html_and_script():
    from markupsafe import Markup

    from geo.map.popups import TEMPLATES

    assert TEMPLATES.autoescape is True
    hostile = "`${window.top.__pwned=1}`</b><img src=x onerror=alert(1)>\\"
    shown = TEMPLATES.from_string("<b>{{ value }}</b>").render(value=hostile)
    assert shown == (
        "<b>&#96;&#36;&#123;window.top.__pwned=1&#125;&#96;&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;&#92;</b>"
    )
    assert TEMPLATES.from_string("{{ value }}").render(value=Markup("<i>built here</i>")) == "<i>built here</i>"
    linked = TEMPLATES.from_string("{{ link(url, label) }}").render(url="javascript:alert(1)", label="<x>")
    assert "href" not in linked and "&lt;x&gt;" in linked


def test_templates_never_turn_encoding_off():
    templates = sorted((ROOT / "geo" / "map" / "templates").glob("*.html"))
    assert templates
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for marker in ("|safe", "| safe", "autoescape false", "Markup", "{% raw"):
            assert marker not in text, f"{path.name} uses {marker}"


# --- static/contested/*.js: text reaches HTML only through esc(), numbers through Number() ------------------

_JS_STRING = re.compile(r'"(?:[^"\\]|\\.)*"' + r"|'(?:[^'\\]|\\.)*'")
_JS_WRAPPED = re.compile(r"\b(?:esc|Number|\w+Html)\((?:[^()]|\([^()]*\))*\)")  # Html builders are checked too
_JS_SINK = re.compile(r"(?:\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML\(|\bhtml:|bindTooltip\(|bindPopup\()\s*")
_JS_HTML_FUNCTION = re.compile(r"function (\w+Html)\([^)]*\) \{\n(.*?)\n    \}", re.S)


def js_offences(source: str) -> list[str]:
    """List places in a script where text may reach HTML without esc() (numbers may pass through Number())."""
    found = []
    for line in source.splitlines():
        for sink in _JS_SINK.finditer(line):
            argument = line[sink.end() :]
            if not re.match(r"(?:esc\(|\w+Html\()", argument):
                found.append(line.strip())
    for name, body in _JS_HTML_FUNCTION.findall(source):
        for line in body.splitlines():
            bare = _JS_WRAPPED.sub('""', _JS_STRING.sub('""', line))
            bare = re.sub(r"\[[^\[\]]*\]", "[]", bare).replace("++", "")  # index arithmetic is not text
            if re.search(r"[\w\]]\s*\+|\+\s*[\w\[]", bare):
                found.append(f"{name}: {line.strip()}")
    return found


def test_contested_scripts_escape_what_they_put_into_html():
    scripts = sorted((ROOT / "static" / "contested").glob("*.js"))
    assert scripts
    for path in scripts:
        source = path.read_text(encoding="utf-8")
        assert 'replace(/</g, "&lt;")' in source and 'replace(/"/g, "&quot;")' in source  # esc() is whole
        assert js_offences(source) == [], path.name


def test_the_script_rule_catches_unescaped_html():
    snippet = """
    function rowHtml(row) {
        return "<b>" + row.name + "</b>" + esc(row.other) + Number(row.count);
    }
    marker.bindTooltip(row.name);
    marker.bindTooltip(esc(row.name));
    element.innerHTML = row.name;
    icon = L.divIcon({html: "<div>" + row.name + "</div>"});
"""
    assert js_offences(snippet) == [
        "marker.bindTooltip(row.name);",
        "element.innerHTML = row.name;",
        'icon = L.divIcon({html: "<div>" + row.name + "</div>"});',
        'rowHtml: return "<b>" + row.name + "</b>" + esc(row.other) + Number(row.count);',
    ]


def test_escaping_lives_in_one_module():
    users = [rel for rel, src in _sources("geo", "ui", "pages") if "html.escape(" in src and rel != "geo/escape.py"]
    assert users == []
    assert not [rel for rel, src in _sources("geo", "ui", "pages") if "unsafe_allow_html" in src]


def test_the_rule_catches_unescaped_data():
    snippet = 'st.markdown(f"**{row[\'name\']}** says {statement}")\ncol.caption(row["note"])\n'
    assert offending(snippet, "pages/example.py", html_only=False) == ["row['name']", "statement", "row['note']"]
    html = 'popup = f\'<b>{row["name"]}</b> {html_text(row["oblast"])}\'\n'
    assert offending(html, "geo/example.py", html_only=True) == ["row['name']"]


# --- script contexts --------------------------------------------------------------------------------------
# folium renders Jinja templates into JavaScript. Inside a script, a value is safe only as JSON made for a
# script element by geo.escape.script_json (a string attribute built with it), or as an object name that
# folium made (``get_name()``). Jinja's ``|tojson`` is not enough for data: branca reads the rendered script
# again as a template, and ``tojson`` leaves ``{{`` in strings, so it is allowed only on names from our code.
# Tooltip and popup HTML lands inside template literals, so it must come from html_text or from a
# *_popup_html builder, whose own f-strings the HTML rule above checks.

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_SAFE_IN_SCRIPT = re.compile(r"^\s*this(?:\._parent)?\.get_name\(\)\s*$")
CODE_CONSTANTS = {"this.function|tojson"}  # ContestedCall's function name: written in our code, never data
HTML_BUILDERS = {"html_text", "settlement_tooltip_html"}


def _geo_modules():
    for path in sorted((ROOT / "geo").rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _script_json_attributes(tree: ast.AST) -> set[str]:
    """Attributes assigned as ``self.X = script_json(...)``: already encoded for a script."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Name) and func.id == "script_json":
                found |= {f"this.{t.attr}" for t in node.targets if isinstance(t, ast.Attribute)}
    return found


def script_offences(source: str) -> list[str]:
    """List template expressions in script macros, and tooltip/popup arguments, that are not encoded."""
    tree = ast.parse(source)
    encoded = _script_json_attributes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{% macro script" in node.value:
            for expression in _EXPRESSION.findall(node.value):
                bare = re.sub(r"\s+", "", expression)
                if not _SAFE_IN_SCRIPT.match(expression) and bare not in encoded | CODE_CONSTANTS:
                    found.append(expression.strip())
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in ("Tooltip", "Popup") and node.args:
                argument = node.args[0]
                inner = argument.func if isinstance(argument, ast.Call) else None
                name = (
                    inner.id if isinstance(inner, ast.Name) else inner.attr if isinstance(inner, ast.Attribute) else ""
                )
                if name not in HTML_BUILDERS and not name.endswith("_popup_html"):
                    found.append(ast.unparse(argument))
    return found


def test_data_reaches_scripts_only_encoded_for_scripts():
    problems = {rel: bad for rel, src in _geo_modules() if (bad := script_offences(src))}
    assert problems == {}


def test_the_script_rule_catches_raw_values():
    snippet = '''
from jinja2 import Template
class Dots:
    _template = Template("""{% macro script(this, kwargs) %}
        var rows = {{ this.rows }}; var ok = {{ this.rows|tojson }}; {{ this._parent.get_name() }};
        var cells = {{ this.cells_json }}; var raw = {{ this.raw_json }};
    {% endmacro %}""")
    def __init__(self):
        self.cells_json = script_json([1])
        self.raw_json = json.dumps(["x"])
marker = folium.CircleMarker(tooltip=folium.Tooltip(row["name"]), popup=folium.Popup(settlement_popup_html(row)))
folium.Tooltip(html_text(row["name"]))
folium.Tooltip(f"{row['name']}")
'''
    assert sorted(script_offences(snippet)) == sorted(
        ["this.rows", "this.rows|tojson", "this.raw_json", "row['name']", "f\"{row['name']}\""]
    )
