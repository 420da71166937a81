"""Reading the calls of static/contested/map.js in a rendered map's script (for tests)."""

from __future__ import annotations

import json
import re

_CALL = re.compile(r'Contested\["(\w+)"\]\(([\w.]+), (\{.*\})\);$', re.M)


def contested_calls(script: str, function: str) -> list[dict]:
    """Return the options of every call of ``Contested.<function>`` in a script, in order."""
    return [json.loads(options) for name, _target, options in _CALL.findall(script) if name == function]
