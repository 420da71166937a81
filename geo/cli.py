"""The command line: ``python -m geo validate``, ``status``, ``verify``, ``basemap``, ``import-deepstate``, ``areas``.

Exit codes: 0 success, 1 invalid data (problems listed on stdout), 2 wrong
usage. Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from geo.agreement import status_on
from geo.area_cli import add_area_commands
from geo.basemap import BasemapError, build_basemap
from geo.coverage import claims_by_month, coverage_summary
from geo.errors import DataError, Problem
from geo.io import (
    Dataset,
    check_file,
    detect_kind,
    load_dataset,
    load_layer,
    parse_feature_collection,
    settlement_points,
)
from geo.layer_kinds import KINDS_BY_NAME, layer_kind
from geo.verify_cli import add_verify_command
from geo.vocab import CLAIM_STATUSES, SIDE_LABELS

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data"


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)  # subcommands added by geo.area_cli and geo.verify_cli name their own runner
    if run is not None:
        return run(args)
    if args.command == "validate":
        return _validate(args)
    if args.command == "basemap":
        return _basemap(args)
    return _status(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Check and query Contested data files.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check GeoJSON files against data/README.md")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument("--kind", choices=sorted(KINDS_BY_NAME), help="file kind (default: guessed from content)")
    validate.add_argument(
        "--settlements",
        type=Path,
        help="settlements file for checking claims and events (default: settlements.geojson beside each file)",
    )
    coverage = commands.add_parser("coverage", help="what the data covers: claims by side and month, locations")
    coverage.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"data folder (default: {DEFAULT_DATA})")
    coverage.add_argument("--json", action="store_true", help="print JSON")
    coverage.set_defaults(run=_coverage)
    status = commands.add_parser("status", help="claimed status per side and agreement on a day")
    status.add_argument("--date", required=True, type=_iso_date, help="YYYY-MM-DD")
    status.add_argument("--settlement", help="one settlement id")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"data folder (default: {DEFAULT_DATA})")
    add_verify_command(commands, DEFAULT_DATA)
    basemap = commands.add_parser("basemap", help="convert npm boundary packages into the basemap GeoJSON files")
    basemap.add_argument("--node-modules", type=Path, default=Path("node_modules"), help="npm install folder")
    basemap.add_argument("--out", type=Path, default=Path("static/basemap"), help="output folder")
    add_area_commands(commands, _iso_date)
    return parser


def _basemap(args: argparse.Namespace) -> int:
    try:
        written = build_basemap(args.node_modules, args.out)
    except BasemapError as err:
        print(f"basemap not built: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for path in args.files:
        problems, summary = _validate_one(path, args.kind, args.settlements)
        if problems:
            failed = True
            print(DataError(problems))
        else:
            print(f"OK {path}: {summary}")
    return 1 if failed else 0


def _validate_one(path: Path, kind: str | None, settlements_path: Path | None) -> tuple[list[Problem], str]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        return [Problem(str(path), f"cannot be read: {err.strerror or err}")], ""
    if kind is None:
        try:
            kind = detect_kind(parse_feature_collection(raw, path.name).features)
        except DataError as err:
            return err.problems, ""
    points = None
    references = layer_kind(kind).references_settlements
    if references:
        reference = settlements_path or path.with_name(layer_kind("settlements").file)
        if reference.exists():
            try:
                points = settlement_points(load_layer(reference, "settlements"))
            except DataError as err:
                note = Problem(path.name, f"settlement references not checked: {reference.name} is invalid")
                return [note, *err.problems], ""
    checked = check_file(raw, path.name, kind, settlements=points)
    summary = f"{len(checked.records)} {kind}" + (
        "" if points is not None or not references else " (references not checked)"
    )
    for note in checked.notes:
        summary += f"\n   note: {note}"
    return checked.problems, summary


def _loaded(folder: Path) -> Dataset | None:
    """Load a data folder, or print every problem and return None (the command then exits 1)."""
    try:
        return load_dataset(folder)
    except DataError as err:
        print(err)
        return None


def _status(args: argparse.Namespace) -> int:
    dataset = _loaded(args.data)
    if dataset is None:
        return 1
    table = status_on(dataset.settlements, dataset.claims, args.date)
    if args.settlement:
        table = table[table["settlement_id"] == args.settlement]
        if table.empty:
            print(f"no settlement with id {args.settlement!r} in {args.data}", file=sys.stderr)
            return 2
    rows = [_row_json(row) for row in table.to_dict("records")]
    if args.json:
        print(json.dumps({"date": args.date.isoformat(), "settlements": rows}, ensure_ascii=False, indent=2))
    else:
        _print_table(rows, args.date)
    return 0


def _coverage(args: argparse.Namespace) -> int:
    data = _loaded(args.data)
    if data is None:
        return 1
    summary = coverage_summary(data.settlements, data.claims, data.events)
    months = claims_by_month(data.claims)
    if args.json:
        by_month = {month: {k: int(v) for k, v in row.items()} for month, row in months.iterrows()}
        print(json.dumps({"summary": summary, "claims_by_month": by_month}, indent=1))
        return 0
    for key, value in summary.items():
        print(f"{key.replace('_', ' ')}: {value:,}")
    print()
    print(months.to_string())
    return 0


def _row_json(row: dict[str, Any]) -> dict[str, Any]:
    sides = {}
    for side in ("ru", "ua", "independent"):
        if _blank(row[f"{side}_status"]):
            sides[side] = None
            continue
        sides[side] = {
            "status": row[f"{side}_status"],
            "claimant": row[f"{side}_claimant"],
            "claimant_label": row[f"{side}_claimant_label"],
            "speaker": None if _blank(row[f"{side}_speaker"]) else row[f"{side}_speaker"],
            "claim_date": row[f"{side}_claim_date"].date().isoformat(),
            "claim_id": row[f"{side}_id"],
            "statement": row[f"{side}_statement"],
            "source_outlet": row[f"{side}_source_outlet"],
            "source_url": None if _blank(row[f"{side}_source_url"]) else row[f"{side}_source_url"],
            "source_directness": None if _blank(row[f"{side}_source_directness"]) else row[f"{side}_source_directness"],
            "same_day_claims_differ": bool(row[f"{side}_side_split"]),
        }
    return {
        "settlement_id": row["settlement_id"],
        "name": row["name"],
        "oblast": row["oblast"],
        "district": row["district"],
        "located": not _blank(row["lon"]),
        **sides,
        "agreement": row["agreement"],
        "agreement_label": row["agreement_label"],
    }


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value))


def _print_table(rows: list[dict[str, Any]], day: date) -> None:
    print(f"Claimed status on {day.isoformat()}")
    for row in rows:
        where = row["oblast"] + ("" if row["located"] else "; location not checked")
        print(f"\n{row['name']} ({where}): {row['agreement_label']}")
        for side in ("ru", "ua", "independent"):
            claim = row[side]
            if claim is None:
                print(f"  {SIDE_LABELS[side]:<12} no claim yet")
                continue
            status = CLAIM_STATUSES[claim["status"]]
            print(f"  {SIDE_LABELS[side]:<12} {status} ({claim['claimant_label']}, {claim['claim_date']})")
            print(f"  {'':<12} source: {claim['source_outlet']} {claim['source_url'] or ''}".rstrip())
