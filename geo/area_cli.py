"""The command line for areas: ``python -m geo import-deepstate``, ``area-claims`` and ``areas``.

:mod:`geo.cli` registers these subcommands; exit codes follow it (0 success,
1 bad data or failed download, 2 wrong usage), and nothing here prints a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from geo.area_claims import claims_from_areas
from geo.area_stats import area_km2_by_status
from geo.deepstate_claims import settlement_points
from geo.deepstate_fetch import API_ENV, DEFAULT_API_BASE, FetchError, download_snapshots
from geo.deepstate_import import collection_text, import_deepstate, write_collection
from geo.errors import DataError
from geo.io import check_file, load_layer
from geo.vocab import CLAIM_STATUSES, CLAIMANTS

DEFAULT_OBLASTS = Path(__file__).resolve().parent.parent / "static" / "basemap" / "russian_ground.geojson"
"""Russia's land near the two oblasts at OpenStreetMap's accuracy (:mod:`geo.russian_ground`), made at set-up."""


def add_area_commands(commands: argparse._SubParsersAction, iso_date: Callable[[str], date]) -> None:
    """Add the ``import-deepstate`` and ``areas`` subcommands, each naming its runner as ``run``.

    Parameters
    ----------
    commands : argparse subparsers
        From :meth:`argparse.ArgumentParser.add_subparsers`.
    iso_date : callable
        Parses a YYYY-MM-DD argument.
    """
    importer = commands.add_parser(
        "import-deepstate",
        help="turn DeepStateMap exports into dated areas (and settlement claims)",
        description="Read DeepStateMap history exports (files, folders, or --from-api) and write an areas file "
        "holding the Ukrainian-held and grey areas on Russian ground in Kursk and Belgorod oblasts.",
    )
    importer.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="export files or folders of them")
    importer.add_argument("--out", type=Path, required=True, help="areas GeoJSON to write")
    importer.add_argument("--oblasts", type=Path, default=DEFAULT_OBLASTS, help="oblast outlines (country Russia/RUS)")
    importer.add_argument("--claims-out", type=Path, help="also write claims at settlement points here")
    importer.add_argument("--settlements", type=Path, help="settlements GeoJSON for --claims-out")
    importer.add_argument("--from-api", action="store_true", help="download the exports first")
    importer.add_argument("--since", type=iso_date, help="with --from-api: only snapshots from this UTC day on")
    importer.add_argument("--api-base", help=f"API base URL (default: ${API_ENV} or {DEFAULT_API_BASE})")
    importer.add_argument("--download-dir", type=Path, help="with --from-api: where exports are kept (resumable)")
    importer.add_argument(
        "--retries", type=int, default=3, choices=range(11), metavar="N", help="with --from-api: retries (default 3)"
    )
    derive = commands.add_parser(
        "area-claims",
        help="claims at settlement points from a file of dated areas",
        description="Record what a file of dated DeepStateMap areas (this project's areas format, or a period file "
        "whose valid_from/valid_to are snapshot times) showed at each located settlement: the first day and every "
        "change. Settlements without a location are skipped.",
    )
    derive.add_argument("file", type=Path, metavar="AREAS", help="areas or period GeoJSON")
    derive.add_argument("--settlements", type=Path, required=True, help="settlements GeoJSON")
    derive.add_argument("--out", type=Path, required=True, help="claims GeoJSON to write")
    derive.add_argument("--only", nargs="+", metavar="ID", help="only these settlement ids")
    derive.set_defaults(run=_area_claims)
    areas = commands.add_parser("areas", help="area in km² by claimant and status on a day")
    areas.add_argument("file", type=Path, metavar="FILE", help="an areas GeoJSON")
    areas.add_argument("--date", required=True, type=iso_date, help="YYYY-MM-DD")
    areas.add_argument("--json", action="store_true", help="print JSON")
    importer.set_defaults(run=_import_deepstate)
    areas.set_defaults(run=_areas)


def _import_deepstate(args: argparse.Namespace) -> int:
    if (args.claims_out is None) != (args.settlements is None):
        print("import-deepstate: --claims-out and --settlements go together", file=sys.stderr)
        return 2
    paths = list(args.paths)
    if args.from_api:
        if args.download_dir is None:
            print("import-deepstate: --from-api needs --download-dir", file=sys.stderr)
            return 2
        try:
            paths.extend(
                download_snapshots(args.download_dir, base=args.api_base, since=args.since, retries=args.retries)
            )
        except FetchError as err:
            print(f"import-deepstate: {err}", file=sys.stderr)
            return 1
    elif args.since or args.api_base or args.download_dir:
        print("import-deepstate: --since, --api-base and --download-dir need --from-api", file=sys.stderr)
        return 2
    if not paths:
        print("import-deepstate: give export files or folders, or --from-api", file=sys.stderr)
        return 2
    if args.oblasts == DEFAULT_OBLASTS and not DEFAULT_OBLASTS.exists():
        print(f"import-deepstate: {DEFAULT_OBLASTS} is missing: run `make assets`, or pass --oblasts", file=sys.stderr)
        return 2
    try:
        result = import_deepstate(paths, args.oblasts, settlements=args.settlements, progress=_progress)
    except DataError as err:
        print(err)
        return 1
    text = collection_text(result.areas)
    checked = check_file(text.encode("utf-8"), args.out.name, "areas")
    if checked.problems:  # the importer's own output must pass the rules it is loaded by
        print(DataError(checked.problems))
        return 1
    args.out.write_text(text, encoding="utf-8")
    print(f"read {len(result.days)} day(s) of DeepStateMap snapshots")
    print(f"wrote {len(result.areas['features'])} area(s) to {args.out}")
    if result.claims is not None:
        write_collection(result.claims, args.claims_out)
        print(f"wrote {len(result.claims['features'])} claim(s) to {args.claims_out}")
    for note in result.notes:
        print(f"note: {note}")
    return 0


def _area_claims(args: argparse.Namespace) -> int:
    try:
        points = settlement_points(args.settlements)
        if args.only:
            unknown = sorted(set(args.only) - {point[0] for point in points})
            if unknown:
                print(f"area-claims: no located settlement with id {', '.join(unknown)}", file=sys.stderr)
                return 2
            points = [point for point in points if point[0] in set(args.only)]
        claims = claims_from_areas(args.file, points)
    except DataError as err:
        print(err)
        return 1
    collection = {"type": "FeatureCollection", "features": claims}
    text = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    checked = check_file(text.encode("utf-8"), args.out.name, "claims")
    if checked.problems:
        print(DataError(checked.problems))
        return 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(claims)} claim(s) at {len(points)} settlement(s) to {args.out}")
    return 0


def _progress(done: int, total: int) -> None:
    """Show how many exports have been read, on stderr: one line redrawn on a terminal, else every tenth."""
    if sys.stderr.isatty():
        print(f"\rreading exports: {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    elif done == total or done % max(1, total // 10) == 0:
        print(f"reading exports: {done}/{total}", file=sys.stderr, flush=True)


def _areas(args: argparse.Namespace) -> int:
    try:
        frame = load_layer(args.file, "areas")
    except DataError as err:
        print(err)
        return 1
    table = area_km2_by_status(frame, args.date)
    rows = [
        {"claimant": c, "status": s, "km2": round(k, 2)}
        for c, s, k in zip(table["claimant"], table["status"], table["km2"], strict=True)
    ]
    if args.json:
        print(json.dumps({"date": args.date.isoformat(), "areas": rows}, ensure_ascii=False, indent=2))
        return 0
    print(f"Areas shown on {args.date.isoformat()} (km²)")
    if not rows:
        print("  none")
    for row in rows:
        label = CLAIMANTS[row["claimant"]].label
        print(f"  {label:<40} {CLAIM_STATUSES[row['status']]:<20} {row['km2']:>10,.2f}")
    return 0
