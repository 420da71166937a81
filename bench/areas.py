"""Control areas at scale: import N daily exports, then a slider step's areas payload and the page rerun.

Targets (issue 11): with about 400 daily snapshots imported, a step's areas payload at most 150 KB, the map
page's rerun within 150 ms at 100,000 events, and the import of 400 exports within 60 s with progress.

The exports are daily variants of one export (``bench.import_deepstate.write_variants``: each status
polygon moved a few metres a day, every third day unchanged), so the imported file has about two areas
per changed day. Pass a real export you have with ``--export`` and outlines that match it with
``--oblasts``; the defaults are the synthetic test export and its outlines. Nothing is downloaded.

Run ``python -m bench.areas --n 400 --export EXPORT.geojson --oblasts static/basemap/russian_ground.geojson``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from datetime import date, timedelta
from pathlib import Path

from bench.import_deepstate import SYNTHETIC, write_variants
from bench.run import component_payload, dataset_folder, page_rerun_ms, timed
from geo.area_stats import area_series
from geo.deepstate_import import import_deepstate, write_collection
from geo.io import load_layer
from geo.map import area_layer
from ui.area_chart import area_chart


def main(argv: list[str] | None = None) -> None:
    """Import, then time a step's areas payload and the page rerun; print one line per measure."""
    parser = argparse.ArgumentParser(prog="python -m bench.areas", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="number of daily exports (default 400)")
    parser.add_argument("--export", type=Path, default=SYNTHETIC / "exports" / "1723280400.geojson")
    parser.add_argument("--oblasts", type=Path, default=SYNTHETIC / "oblasts.geojson")
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events for the rerun (default 100k)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-areas-") as tmp:
        exports = Path(tmp) / "exports"
        exports.mkdir()
        write_variants(args.export, exports, args.n, 3)
        seconds, result = timed(lambda: import_deepstate([exports], args.oblasts))
        print(f"import            {args.n} exports in {seconds:.1f} s ({1000 * seconds / args.n:.0f} ms each)")
        areas_file = Path(tmp) / "areas.geojson"
        write_collection(result.areas, areas_file)
        areas = load_layer(areas_file, "areas")
        print(f"areas             {len(areas)} features, {areas_file.stat().st_size:,} bytes")
        first = areas["valid_from"].min().date()
        days = [first + timedelta(days=k) for k in range(0, args.n, max(1, args.n // 40))]
        sizes, times = [], []
        for day in days:
            elapsed, layer = timed(lambda day=day: area_layer(areas, day))
            times.append(elapsed * 1000)
            sizes.append(component_payload([layer]) - component_payload([]))
        print(
            f"step payload      areas layer median {statistics.median(sizes) / 1024:.1f} KB, "
            f"max {max(sizes) / 1024:.1f} KB over {len(days)} days; build median {statistics.median(times):.1f} ms"
        )
        seconds, series = timed(lambda: area_series(areas))
        spec = area_chart(series, first + timedelta(days=30), last=days[-1]).to_json(indent=None)
        print(f"area chart        series {seconds:.2f} s once per dataset; spec {len(spec) / 1024:.0f} KB per step")
        folder = dataset_folder(args.events)
        with_areas = Path(tmp) / "data"
        shutil.copytree(folder, with_areas, ignore=shutil.ignore_patterns("stamp.json", "cache"))
        shutil.copy(areas_file, with_areas / "areas.geojson")
        if areas["valid_to"].isna().any() or areas["valid_to"].max().date() > date(2025, 9, 5):
            base = page_rerun_ms(folder, "events")
            rerun = page_rerun_ms(with_areas, "events,areas")
            print(f"page rerun        {args.events:,} events: {base:.0f} ms; with areas on: {rerun:.0f} ms")
        else:
            print("page rerun        skipped: the imported areas end before 2025-09 (the rerun's dates)")


if __name__ == "__main__":
    main()
