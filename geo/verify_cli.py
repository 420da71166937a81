"""The command line for checking claims against the tracker: ``python -m geo verify``.

:mod:`geo.cli` registers the subcommand; exit codes follow it (0 success, 1
invalid data, 2 wrong usage: an unknown settlement, or a claimant that is not
Russian or Ukrainian). The records are those of :func:`geo.verify.verify_claims`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from geo.errors import DataError
from geo.io import load_dataset
from geo.tracker import tracker_timelines
from geo.verify import COLUMNS, verify_claims
from geo.vocab import CLAIM_STATUSES, CLAIMANTS

_DATES = ("claim_date", "agreed_on", "already_since")


def add_verify_command(commands: argparse._SubParsersAction, default_data: Path) -> None:
    """Add the ``verify`` subcommand, naming its runner as ``run``.

    Parameters
    ----------
    commands : argparse subparsers
        From :meth:`argparse.ArgumentParser.add_subparsers`.
    default_data : Path
        The data folder read when ``--data`` is not given.
    """
    verify = commands.add_parser(
        "verify",
        help="Russian and Ukrainian claims against DeepStateMap",
        description="For each Russian and Ukrainian claim, when DeepStateMap came to show the same (from its areas "
        "when the data folder has them, else from its claims), and how many days the claim ran ahead or behind.",
    )
    verify.add_argument("--settlement", help="one settlement id")
    verify.add_argument("--claimant", help="one claimant code, e.g. ru_mod")
    verify.add_argument("--data", type=Path, default=default_data, help=f"data folder (default: {default_data})")
    verify.add_argument("--json", action="store_true", help="print JSON")
    verify.set_defaults(run=_verify)


def _verify(args: argparse.Namespace) -> int:
    claimant = CLAIMANTS.get(args.claimant) if args.claimant is not None else None
    if args.claimant is not None and (claimant is None or claimant.side not in {"ru", "ua"}):
        print(f"verify: {args.claimant!r} is not a Russian or Ukrainian claimant code", file=sys.stderr)
        return 2
    try:
        dataset = load_dataset(args.data)
    except DataError as err:
        print(err)
        return 1
    if args.settlement is not None and args.settlement not in set(dataset.settlements["id"]):
        print(f"verify: no settlement with id {args.settlement!r} in {args.data}", file=sys.stderr)
        return 2
    timelines = tracker_timelines(dataset.settlements, dataset.claims, dataset.areas)
    table = verify_claims(dataset.settlements, dataset.claims, timelines=timelines)
    if args.settlement is not None:
        table = table[table["settlement_id"] == args.settlement]
    if args.claimant is not None:
        table = table[table["claimant"] == args.claimant]
    records = [record_json(row) for row in table.to_dict("records")]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        _print_table(records, timelines.source)
    return 0


def record_json(row: dict[str, Any]) -> dict[str, Any]:
    """Turn a row of :func:`geo.verify.verify_claims` into plain JSON values.

    Parameters
    ----------
    row : dict
        One row, as ``DataFrame.to_dict("records")`` gives it.

    Returns
    -------
    dict
        The same keys in :data:`geo.verify.COLUMNS` order; dates as ISO strings, missing values as None,
        ``lead_days`` an int.
    """
    record: dict[str, Any] = {}
    for column in COLUMNS:
        value = row[column]
        if value is None or (not isinstance(value, (str, bool)) and pd.isna(value)):
            record[column] = None
        elif column in _DATES:
            record[column] = pd.Timestamp(value).date().isoformat()
        elif column == "lead_days":
            record[column] = int(value)
        else:
            record[column] = value
    record["scored"] = bool(row["scored"])
    return record


def _print_table(records: list[dict[str, Any]], source: str) -> None:
    print(f"Russian and Ukrainian claims against DeepStateMap (its {source})")
    if not records:
        print("  no claims")
    for record in records:
        status = CLAIM_STATUSES[record["status"]]
        print(f"\n{record['claim_date']}  {record['settlement_name']}: {status}")
        print(f"  {record['claimant_label']}; source: {record['source_outlet']} {record['source_url'] or ''}".rstrip())
        if record["scored"]:
            shown = CLAIM_STATUSES[record["tracker_status"]]
            verdict = record["verdict_text"]
            print(f"  DeepStateMap that day: {shown}. {verdict[:1].upper()}{verdict[1:]}.")
        else:
            print(f"  not scored: {record['reason_not_scored']}")
