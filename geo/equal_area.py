"""Measuring shapes in metres: one local equal-area projection for the region, both ways.

Areas (km²), simplification distances and overlaps are all computed in
:data:`EQUAL_AREA_CRS`, a Lambert azimuthal equal-area projection centred
between Kursk and Belgorod.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

EQUAL_AREA_CRS = "+proj=laea +lat_0=51 +lon_0=36.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
"""Lambert azimuthal equal-area centred on 51° N 36.5° E, between Kursk and Belgorod.

Areas are exact in it; over the mapped region lengths stay within 0.2 % of
true, so it also serves to simplify outlines by a distance in metres. It
agrees with EPSG:6933 on areas to well under 0.1 %.
"""

DENSIFY_DEG = 0.01
"""Longest edge, in degrees (about 1 km), projected as it is; longer ones are densified."""

_TO_METRIC = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
_TO_WGS84 = Transformer.from_crs(EQUAL_AREA_CRS, "EPSG:4326", always_xy=True)


def to_metric(geometry: BaseGeometry) -> BaseGeometry:
    """Project a WGS84 geometry into :data:`EQUAL_AREA_CRS` (metres).

    GeoJSON edges are straight lines in longitude and latitude; edges longer
    than :data:`DENSIFY_DEG` get vertices added first, so that they keep that
    course once projected (a 3° edge along a parallel would otherwise bow
    about 1 km off it).

    Parameters
    ----------
    geometry : shapely geometry
        Longitude, latitude in degrees.

    Returns
    -------
    shapely geometry
        The same shape in metres.
    """
    return shapely.transform(shapely.segmentize(geometry, DENSIFY_DEG), _project_with(_TO_METRIC))


def to_wgs84(geometry: BaseGeometry) -> BaseGeometry:
    """Project a geometry from :data:`EQUAL_AREA_CRS` back to WGS84 degrees.

    Parameters
    ----------
    geometry : shapely geometry
        In metres.

    Returns
    -------
    shapely geometry
        Longitude, latitude in degrees.
    """
    return shapely.transform(geometry, _project_with(_TO_WGS84))


def _project_with(transformer: Transformer) -> Callable[[np.ndarray], np.ndarray]:
    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return project


def km2(geometry: BaseGeometry) -> float:
    """Return a WGS84 geometry's area in square kilometres (in :data:`EQUAL_AREA_CRS`).

    Parameters
    ----------
    geometry : shapely geometry
        Longitude, latitude in degrees.

    Returns
    -------
    float
        Area in km².
    """
    return float(to_metric(geometry).area) / 1e6
