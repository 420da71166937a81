"""Contested's domain package: loading, validating and comparing claims about settlements.

Nothing in this package imports Streamlit; the dashboard calls it.
"""

from geo.agreement import AGREEMENT_CLASSES, classify, status_on
from geo.claims import RankedClaims, claim_history, claimed_status, claims_as_of
from geo.errors import DataError, Problem
from geo.io import Dataset, check_file, load_dataset, load_layer, parse_feature_collection
from geo.vocab import CLAIM_STATUSES, CLAIMANTS, SIDES

__all__ = [
    "AGREEMENT_CLASSES",
    "CLAIMANTS",
    "CLAIM_STATUSES",
    "SIDES",
    "DataError",
    "Dataset",
    "Problem",
    "RankedClaims",
    "check_file",
    "claim_history",
    "claimed_status",
    "claims_as_of",
    "classify",
    "load_dataset",
    "load_layer",
    "parse_feature_collection",
    "status_on",
]
