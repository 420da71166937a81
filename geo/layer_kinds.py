"""The table of data layer kinds: one record per kind of file the dashboard reads.

Loading, validation, the disk cache, uploads, export, the Data page and share
links iterate over :data:`LAYER_KINDS` instead of naming the kinds one by one.
Adding a kind is an entry here, its :class:`~geo.validate.Schema` in
:mod:`geo.validate` and, if it is drawn, a module in :mod:`geo.map`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.areas import AREAS, areas_frame, check_area_features
from geo.validate import CLAIMS, EVENTS, SETTLEMENTS, Checked, Schema
from geo.vocab import CLAIMANTS


@dataclass(frozen=True, kw_only=True)
class LayerKind:
    """One kind of data layer: where it is read from, its rules, and how the dashboard names and draws it.

    Attributes
    ----------
    name : str
        The kind's key (``settlements``); also the ``Dataset`` attribute holding its frame.
    file : str
        The file's name in a data folder.
    schema : Schema
        The rules each feature's properties must follow (:mod:`geo.validate`).
    geometry_types : tuple of str
        The GeoJSON geometry types its features may have.
    date_fields : tuple of str
        Properties read as dates (datetime columns in the frame). The first is
        the day a feature is dated by, the one timelines use.
    label : str
        Its name in headings and buttons ("Settlements").
    singular, plural : str
        Its name in running text ("settlement", "settlements").
    required : bool
        Whether a data folder must hold the file.
    detected_by : tuple of str
        Properties that, found in a file's first feature, mark the file as this
        kind when the user does not say (see :func:`geo.io.detect_kind`).
    references_settlements : bool
        Features name a settlement (``settlement_id``) that must exist.
    near_settlement : bool
        Features must also lie near the settlement they name.
    derive : callable, optional
        Adds the columns the dashboard derives from a frame of this kind, in place.
    drawn_by : str, optional
        The :mod:`geo.map` module that draws the layer; None when it is not drawn itself.
    share_key : str, optional
        The layer's name in a share link's ``layers`` parameter (and its map toggle); None when the map
        has no toggle for it.
    check : callable, optional
        Checks a parsed file's features, ``(features, file, today) -> Checked``, for a kind whose
        geometry is not a point; None: :func:`geo.validate.check_features` with ``schema``.
    build_frame : callable, optional
        Builds the frame from checked records for such a kind; None: :func:`geo.io.to_frame`'s points.
    """

    name: str
    file: str
    schema: Schema
    geometry_types: tuple[str, ...]
    date_fields: tuple[str, ...] = ()
    label: str
    singular: str
    plural: str
    required: bool = True
    detected_by: tuple[str, ...] = ()
    references_settlements: bool = False
    near_settlement: bool = False
    derive: Callable[[pd.DataFrame], None] | None = None
    drawn_by: str | None = None
    share_key: str | None = None
    check: Callable[[list[Any], str, date], Checked] | None = None
    build_frame: Callable[[list[dict[str, Any]]], gpd.GeoDataFrame] | None = None

    @property
    def points(self) -> bool:
        """Whether the kind's features are points (read, reprojected and exported as such)."""
        return self.geometry_types == ("Point",)

    @property
    def dated_by(self) -> str | None:
        """The date field a feature is dated by, or None for an undated kind."""
        return self.date_fields[0] if self.date_fields else None


def _settlement_columns(frame: pd.DataFrame) -> None:
    frame["aliases"] = frame["aliases"].map(lambda a: a if isinstance(a, list) else [])


def _claim_columns(frame: pd.DataFrame) -> None:
    frame["scope"] = [scope if isinstance(scope, str) else "settlement" for scope in frame["scope"]]
    frame["side"] = frame["claimant"].map(lambda c: CLAIMANTS[c].side)
    frame["claimant_label"] = frame["claimant"].map(lambda c: CLAIMANTS[c].label)
    frame["claimant_rank"] = frame["claimant"].map(lambda c: CLAIMANTS[c].rank)


LAYER_KINDS: tuple[LayerKind, ...] = (
    LayerKind(
        name="settlements",
        file="settlements.geojson",
        schema=SETTLEMENTS,
        geometry_types=("Point",),
        label="Settlements",
        singular="settlement",
        plural="settlements",
        derive=_settlement_columns,
        drawn_by="geo.map.settlements",
        share_key="settlements",
    ),
    LayerKind(
        name="claims",
        file="claims.geojson",
        schema=CLAIMS,
        geometry_types=("Point",),
        date_fields=("claim_date", "published"),
        label="Claims",
        singular="claim",
        plural="claims",
        detected_by=("claimant", "claim_date"),
        references_settlements=True,
        near_settlement=True,
        derive=_claim_columns,
    ),
    LayerKind(
        name="events",
        file="events.geojson",
        schema=EVENTS,
        geometry_types=("Point",),
        date_fields=("event_date",),
        label="Events",
        singular="event",
        plural="events",
        detected_by=("event_date", "event_type"),
        references_settlements=True,
        drawn_by="geo.map.events",
        share_key="events",
    ),
    LayerKind(
        name="areas",
        file="areas.geojson",
        schema=AREAS,
        geometry_types=("Polygon", "MultiPolygon"),
        date_fields=("valid_from", "valid_to"),
        label="Control areas",
        singular="control area",
        plural="control areas",
        required=False,
        detected_by=("valid_from", "valid_to"),
        drawn_by="geo.map.areas",
        share_key="areas",
        check=check_area_features,
        build_frame=areas_frame,
    ),
)
"""Every kind, in loading order: settlements first, since the others refer to them."""

KINDS_BY_NAME: dict[str, LayerKind] = {kind.name: kind for kind in LAYER_KINDS}


def layer_kind(name: str) -> LayerKind:
    """Return the kind called ``name``.

    Parameters
    ----------
    name : str
        A kind's key, e.g. ``events``.

    Returns
    -------
    LayerKind
        Its entry in :data:`LAYER_KINDS`.

    Raises
    ------
    KeyError
        For a name that is not a kind.
    """
    return KINDS_BY_NAME[name]


def in_words(kinds: Iterable[LayerKind], conjunction: str) -> str:
    """Name kinds in running text: "settlements, claims or events".

    Parameters
    ----------
    kinds : iterable of LayerKind
        The kinds, in the order to name them.
    conjunction : str
        The word before the last one ("and", "or").

    Returns
    -------
    str
        Their plural names joined with commas and the conjunction.
    """
    names = [kind.plural for kind in kinds]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
