"""A data folder with control areas: the shipped data plus areas imported from the synthetic exports.

The synthetic exports (``tests/data/deepstate/``) are made-up boxes in DeepStateMap's format; importing them
with their made-up outlines gives a small, valid ``areas.geojson`` for page and browser tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from geo.deepstate_import import import_deepstate, write_collection
from tests.conftest import ROOT, TEST_DATA

SYNTHETIC = TEST_DATA / "deepstate"
FIRST_DAY, CHANGED_DAY = "2024-08-10", "2024-08-13"
"""The synthetic areas start on the first day and change shape on the second."""


def data_with_areas(folder: Path, *, note: str | None = None, source_url: str | None = None) -> Path:
    """Copy the shipped data into ``folder`` and add ``areas.geojson`` imported from the synthetic exports.

    ``note`` and ``source_url``, when given, replace those fields of every area (to test hostile text).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "data").glob("*.geojson"):
        shutil.copy(path, folder / path.name)
    result = import_deepstate([SYNTHETIC / "exports"], SYNTHETIC / "oblasts.geojson")
    collection = result.areas
    if note is not None or source_url is not None:
        collection = json.loads(json.dumps(collection))
        for feature in collection["features"]:
            if note is not None:
                feature["properties"]["note"] = note
            if source_url is not None:
                feature["properties"]["source_url"] = source_url
    write_collection(collection, folder / "areas.geojson")
    return folder
