"""Time the DeepStateMap import of N exports.

Writes N variants of one export into a temporary folder, one snapshot a day
from 2024-08-06, and times :func:`geo.deepstate_import.import_deepstate` on
them (with settlement claims). Every ``--unchanged``-th day repeats the day
before, so merging has something to merge; on the other days each status
polygon is moved by a few metres, so every day is a new shape. The variants
are deleted afterwards.

The default export is the synthetic one of the tests. To time real files,
pass one you have (``--export``) with outlines that match it (``--oblasts``);
nothing here downloads anything.

Run ``python -m bench.import_deepstate --n 50``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from geo.deepstate import status_of_name
from geo.deepstate_import import import_deepstate, write_collection

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "tests" / "data" / "deepstate"
FIRST_SNAPSHOT = datetime(2024, 8, 6, 20, 0, tzinfo=UTC)


def write_variants(export: Path, folder: Path, count: int, unchanged_every: int) -> list[Path]:
    """Write ``count`` daily variants of an export; return their paths."""
    collection = json.loads(export.read_text(encoding="utf-8"))
    paths = []
    shift = 0.0
    for day in range(count):
        if unchanged_every <= 0 or day % unchanged_every != 0:
            shift += 0.00005  # about 4 m east: a new shape every day
        snapshot = int((FIRST_SNAPSHOT + timedelta(days=day)).timestamp())
        path = folder / f"{snapshot}.geojson"
        path.write_text(json.dumps(_shifted(collection, shift)), encoding="utf-8")
        paths.append(path)
    return paths


def _shifted(collection: dict[str, Any], shift: float) -> dict[str, Any]:
    features = []
    for feature in collection["features"]:
        name = feature.get("properties", {}).get("name")
        geometry = feature.get("geometry")
        if isinstance(name, str) and status_of_name(name) and geometry and geometry["type"] == "Polygon":
            rings = [[[x + shift, y, *rest] for x, y, *rest in ring] for ring in geometry["coordinates"]]
            feature = {**feature, "geometry": {"type": "Polygon", "coordinates": rings}}
        features.append(feature)
    return {**collection, "features": features}


def main(argv: list[str] | None = None) -> None:
    """Write the variants, time the import, print one line per measure."""
    parser = argparse.ArgumentParser(prog="python -m bench.import_deepstate", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="number of exports (default 50)")
    parser.add_argument("--export", type=Path, default=SYNTHETIC / "exports" / "1723280400.geojson")
    parser.add_argument("--oblasts", type=Path, default=SYNTHETIC / "oblasts.geojson")
    parser.add_argument("--settlements", type=Path, default=ROOT / "data" / "settlements.geojson")
    parser.add_argument("--unchanged", type=int, default=3, help="every k-th day repeats the day before (0: never)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-deepstate-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = write_variants(args.export, folder, args.n, args.unchanged)
        written = time.perf_counter() - started
        started = time.perf_counter()
        result = import_deepstate(paths, args.oblasts, settlements=args.settlements)
        elapsed = time.perf_counter() - started
        write_collection(result.areas, folder / "areas.geojson")
        size = (folder / "areas.geojson").stat().st_size
    print(f"export            {args.export.name} ({args.export.stat().st_size:,} bytes), outlines {args.oblasts.name}")
    print(f"variants written  {args.n} in {written:.2f} s")
    print(f"import            {elapsed:.2f} s, {1000 * elapsed / args.n:.1f} ms per export")
    areas, claims = len(result.areas["features"]), len(result.claims["features"])
    print(f"output            {areas} areas ({size:,} bytes), {claims} claims")


if __name__ == "__main__":
    main()
