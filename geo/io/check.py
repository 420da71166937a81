"""Checking one file: parsed, every feature checked against its kind's rules, references resolved.

Every problem is collected, never raised, so one pass reports everything wrong
with a file; :mod:`geo.io.dataset` turns problems into a
:class:`~geo.errors.DataError`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from geo.errors import DataError, Problem
from geo.io.gc_pause import without_cyclic_gc
from geo.io.geojson import parse_feature_collection
from geo.layer_kinds import layer_kind
from geo.validate import Checked, check_features, check_references


def today_utc() -> date:
    """Return today's date in UTC, the reference for "not in the future"."""
    return datetime.now(UTC).date()


@without_cyclic_gc
def check_file(
    raw: bytes,
    file: str,
    kind: str,
    *,
    settlements: dict[str, tuple[float, float]] | None = None,
    today: date | None = None,
    max_bytes: int | None = None,
    max_features: int | None = None,
) -> Checked:
    """Parse and check one file, collecting every problem instead of raising.

    Parameters
    ----------
    raw : bytes
        The file's content.
    file : str
        Its name, for messages.
    kind : str
        A kind's name (:data:`geo.layer_kinds.LAYER_KINDS`).
    settlements : dict, optional
        Settlement id to (lon, lat), to check the references of kinds that name a settlement.
    today : date, optional
        Reference for "in the future"; defaults to today in UTC.
    max_bytes, max_features : int, optional
        Limits for this file (uploads use tighter ones than shipped data).

    Returns
    -------
    Checked
        Clean records and problems. A file that cannot be parsed at all comes
        back with no records and its parse problem.
    """
    try:
        parsed = parse_feature_collection(raw, file, max_bytes=max_bytes, max_features=max_features)
    except DataError as err:
        return Checked([], err.problems, set())
    spec = layer_kind(kind)
    if spec.check is None:
        checked = check_features(parsed.features, spec.schema, file, today or today_utc())
        checked.notes.extend(parsed.notes)
    else:
        checked = spec.check(parsed.features, file, today or today_utc())
        if parsed.notes:  # only points are reprojected: any other geometry must come in WGS84 already
            reason = f"declares a CRS other than WGS84; {spec.plural} files must be in WGS84 longitude/latitude"
            checked.problems.insert(0, Problem(file, reason, field="crs"))
            checked.records = []
    if settlements is not None and spec.references_settlements:
        extra = check_references(checked.records, settlements, file, check_distance=spec.near_settlement)
        failed = {p.index for p in extra}
        checked.problems.extend(extra)
        checked.bad_indexes |= failed
        checked.records = [r for r in checked.records if r["_index"] not in failed]
    checked.problems.sort(key=lambda p: p.index if p.index is not None else -1)
    return checked
