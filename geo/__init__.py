"""Contested's domain package: loading, validating and comparing claims about settlements.

Nothing in this package imports Streamlit; the dashboard calls it.
"""

from geo.agreement import AGREEMENT_CLASSES, classify, status_on
from geo.area_stats import area_km2_by_status, area_series, areas_on, status_at_point
from geo.areas import AREAS, check_area_features
from geo.claims import RankedClaims, claim_history, claimed_status, claims_as_of
from geo.errors import DataError, Problem
from geo.io import Dataset, check_file, load_dataset, load_layer, parse_feature_collection
from geo.tracker import TRACKER, Run, Timelines, source_differences, tracker_runs, tracker_timelines
from geo.verify import AHEAD_DAYS, MATCH_DAYS, claimant_summary, verify_claims
from geo.vocab import CLAIM_STATUSES, CLAIMANTS, SIDES

__all__ = [
    "AGREEMENT_CLASSES",
    "AHEAD_DAYS",
    "AREAS",
    "CLAIMANTS",
    "CLAIM_STATUSES",
    "MATCH_DAYS",
    "SIDES",
    "TRACKER",
    "DataError",
    "Dataset",
    "Problem",
    "RankedClaims",
    "Run",
    "Timelines",
    "area_km2_by_status",
    "area_series",
    "areas_on",
    "check_area_features",
    "check_file",
    "claim_history",
    "claimant_summary",
    "claimed_status",
    "claims_as_of",
    "classify",
    "load_dataset",
    "load_layer",
    "parse_feature_collection",
    "source_differences",
    "status_at_point",
    "status_on",
    "tracker_runs",
    "tracker_timelines",
    "verify_claims",
]
