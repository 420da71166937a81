"""Claims against the trackers: how long verifying every claim takes, on the shipped data and scaled up.

``verify_claims`` runs once per loaded dataset (cached at the I/O edge, :mod:`ui.data`); a session that
uploads claims pays it once more. Scaled up, each shipped claim is copied ``--copies`` times with new ids and
dates shifted by up to a week, so the tracker's runs and the claim mix stay realistic.

Run ``python -m bench.verify [--copies 60]``.
"""

from __future__ import annotations

import argparse
import statistics

import pandas as pd

from bench.run import timed
from geo.io import load_dataset
from geo.tracker import tracker_timelines
from geo.verify import claimant_summary, verify_claims
from tests.conftest import ROOT


def scaled_claims(claims: pd.DataFrame, copies: int) -> pd.DataFrame:
    """Copy the Russian and Ukrainian claims ``copies`` times (new ids, dates shifted 0-6 days); keep the tracker's."""
    spoken = claims[claims["side"].isin(["ru", "ua"])]
    parts = [claims]
    for copy in range(1, copies):
        shifted = spoken.assign(
            id=spoken["id"] + f"-copy{copy}", claim_date=spoken["claim_date"] + pd.Timedelta(days=copy % 7)
        )
        parts.append(shifted)
    return pd.concat(parts, ignore_index=True)


def main(argv: list[str] | None = None) -> None:
    """Time verification on the shipped data and on a scaled copy; print one line per measure."""
    parser = argparse.ArgumentParser(prog="python -m bench.verify", description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60, help="copies of each claim for the scaled run")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (the median is printed)")
    args = parser.parse_args(argv)
    data = load_dataset(ROOT / "data")
    for label, claims in (("shipped", data.claims), (f"x{args.copies}", scaled_claims(data.claims, args.copies))):
        runs = [timed(lambda c=claims: verify_claims(data.settlements, c, data.areas))[0] for _ in range(args.repeat)]
        timelines = timed(lambda c=claims: tracker_timelines(data.settlements, c, data.areas))[0]
        table = verify_claims(data.settlements, claims, data.areas)
        summary = timed(lambda t=table: claimant_summary(t))[0]
        print(
            f"{label}: {len(claims):,} claims ({int(table['scored'].sum()):,} scored): verify "
            f"{statistics.median(runs) * 1000:.0f} ms (median of {args.repeat}), of which tracker runs "
            f"{timelines * 1000:.0f} ms; per-claimant summary {summary * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
