"""Copies of data files in which every text field carries a payload (for escaping tests).

"Text field" is read from each kind's schema (:mod:`geo.layer_kinds`): every free-text property (checked by
``_text`` or ``_text_list``) gets the payload appended, and URL fields get it appended too when it holds no
whitespace or control characters (a URL with those is refused, rightly). Codes, ids and dates stay as they
are, so the poisoned file is still valid and every feature must still be drawn.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from geo.layer_kinds import KINDS_BY_NAME

_URL_SAFE = re.compile(r"[^\s\x00-\x1f\x7f]*")
CODED_TEXT = {"sub_event_type"}
"""Text fields whose values come from a vocabulary (a rule checks them): left as they are."""


def _kinds_of_field(kind: str) -> dict[str, str]:
    fields = {}
    for spec in KINDS_BY_NAME[kind].schema.fields:
        name = getattr(spec.check, "__qualname__", "")
        if spec.name in CODED_TEXT:
            continue
        if name.startswith("_text.") or name == "_text_list":
            fields[spec.name] = "list" if name == "_text_list" else "text"
        elif name == "_url":
            fields[spec.name] = "url"
    return fields


def poison_features(features: list[dict[str, Any]], kind: str, payload: str) -> list[dict[str, Any]]:
    """Return copies of ``features`` with ``payload`` appended to every text field they have."""
    fields = _kinds_of_field(kind)
    poisoned = []
    for feature in features:
        feature = json.loads(json.dumps(feature))
        props = feature.get("properties") or {}
        for name, how in fields.items():
            value = props.get(name)
            if how == "text" and isinstance(value, str):
                props[name] = value + " " + payload
            elif how == "list" and isinstance(value, list):
                props[name] = [item + payload for item in value] + [payload.strip() or "x"]
            elif how == "url" and isinstance(value, str) and _URL_SAFE.fullmatch(payload):
                props[name] = value + "#" + payload
        poisoned.append(feature)
    return poisoned


def poison_folder(source: Path, target: Path, payload: str) -> None:
    """Write a copy of every ``*.geojson`` in ``source`` into ``target``, poisoned with ``payload``."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.geojson")):
        collection = json.loads(path.read_text(encoding="utf-8"))
        kind = path.stem
        if kind in KINDS_BY_NAME:
            collection["features"] = poison_features(collection["features"], kind, payload)
        # ensure_ascii: a lone surrogate travels as a \\ud800 escape, as it would in a hostile file
        (target / path.name).write_text(json.dumps(collection, ensure_ascii=True), encoding="utf-8")
