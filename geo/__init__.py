"""Contested's domain package: loading, validating and comparing claims about settlements.

Nothing in this package imports Streamlit; the dashboard calls it.
"""

from geo.agreement import AGREEMENT_CLASSES, classify, status_on
from geo.area_stats import area_km2_by_status, area_series, areas_on, status_at_point
from geo.areas import AREAS, check_area_features
from geo.claims import RankedClaims, claim_history, claimed_status, claims_as_of
from geo.errors import DataError, Problem
from geo.io import Dataset, check_file, load_dataset, load_layer, parse_feature_collection
from geo.vocab import CLAIM_STATUSES, CLAIMANTS, SIDES

__all__ = [
    "AGREEMENT_CLASSES",
    "AREAS",
    "CLAIMANTS",
    "CLAIM_STATUSES",
    "SIDES",
    "DataError",
    "Dataset",
    "Problem",
    "RankedClaims",
    "area_km2_by_status",
    "area_series",
    "areas_on",
    "check_area_features",
    "check_file",
    "claim_history",
    "claimed_status",
    "claims_as_of",
    "classify",
    "load_dataset",
    "load_layer",
    "parse_feature_collection",
    "status_at_point",
    "status_on",
]
