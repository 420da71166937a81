"""Reading data files into validated GeoDataFrames, one module per job.

:mod:`geo.io.geojson` parses GeoJSON (a format per module, as geopandas' ``io/``
has, so other formats can sit beside it); :mod:`geo.io.check` applies the
rules of :mod:`geo.validate` to parsed features; :mod:`geo.io.frames` builds
frames from clean records; :mod:`geo.io.dataset` loads a whole data folder.
"""

from geo.io.check import check_file, today_utc
from geo.io.dataset import Dataset, load_dataset, load_layer, read_file
from geo.io.frames import settlement_points, to_frame
from geo.io.geojson import (
    MAX_FEATURES,
    MAX_FILE_BYTES,
    WGS84_NAMES,
    ParsedCollection,
    detect_kind,
    parse_feature_collection,
)

__all__ = [
    "MAX_FEATURES",
    "MAX_FILE_BYTES",
    "WGS84_NAMES",
    "Dataset",
    "ParsedCollection",
    "check_file",
    "detect_kind",
    "load_dataset",
    "load_layer",
    "parse_feature_collection",
    "read_file",
    "settlement_points",
    "to_frame",
    "today_utc",
]
