"""Does playing the time-lapse tell a story? Count the weekly frames in which the drawn map changes.

The map page's Play steps the date through the data's range a week at a time. Here each weekly frame from
``--first`` (default 2024-08-06, the incursion's first day) every 7 days up to ``--last`` (default
2025-05-31) is built the way the map page builds it, with the project's own functions: ``geo.agreement.status_on`` then
``geo.map.settlement_layer`` for the settlements, ``geo.map.area_layer`` for the control areas. Each layer is
turned into the script ``st_folium`` sends the browser for it (ids made stable by ``geo.map.stable_ids``, so
identical content gives identical text) and hashed. A frame *changes* when the settlements' hash or the
areas' hash differs from the previous frame's; the first frame has none before it and is not compared.

The settlements layer is text the browser draws: marker colours, and (up to 300 settlements) each marker's
popup with the latest claims. So its hash also changes when a claim arrives that leaves every colour as it
was; the colours alone are counted beside it.

Events are left out on purpose: the events layer shows a rolling window (7 or 30 days), so it changes from
frame to frame whatever the front does, and would make every frame count as a change.

The requirement reported against: with control areas imported, at least half of the weekly frames differ
from the one before.

Areas: ``--areas FILE`` is read with the project's loader for the areas kind (``geo.io.load_layer``). A file
of dated DeepStateMap periods whose dates are snapshot times (the reference file
``deepstate_kursk_areas.geojson`` is one) is not in that format; it is read with ``geo.area_claims.read_periods``
(a snapshot time counts as its UTC day, the day's last snapshot holds) and written as areas of claimant
``deepstate``, shaped as ``python -m geo import-deepstate`` shapes them. Either way the data folder is copied
into a scratch folder with the areas as ``areas.geojson`` and loaded with ``geo.io.load_dataset``, as the
dashboard loads a folder; ``data/`` is only read.

Run ``python -m bench.story [--data DIR] [--areas FILE] [--first DAY] [--last DAY] [--json]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import folium

from geo.agreement import status_on
from geo.area_claims import read_periods
from geo.area_stats import area_km2_by_status
from geo.claims import RankedClaims
from geo.deepstate import SOURCE_OUTLET
from geo.deepstate_import import areas_collection, drawn_geometry, write_collection
from geo.errors import DataError
from geo.io import Dataset, load_dataset, load_layer
from geo.layer_kinds import LAYER_KINDS, layer_kind
from geo.map import area_layer, base_map, settlement_layer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
DEFAULT_AREAS = ROOT.parent / "shared" / "reference" / "deepstate_kursk_areas.geojson"
STEP = timedelta(days=7)
FIRST, LAST = date(2024, 8, 6), date(2025, 5, 31)
"""The default span of the frames: from the incursion's first day to the end of May 2025."""
REQUIRED_SHARE = 0.5
"""At least this share of the compared frames must differ from the one before (with areas imported)."""


@dataclass(frozen=True)
class Frame:
    """What the map draws on one day, as hashes of the scripts sent to the browser.

    Attributes
    ----------
    day : date
        The frame's date.
    settlements : str
        SHA-256 of the settlements layer's script.
    areas : str or None
        SHA-256 of the areas layer's script; None when no areas are loaded.
    colours : tuple of (str, str)
        Each located settlement's id and marker class (what its colour shows), with " pale" when it is drawn
        pale for resting on an area-wide or old claim.
    ua_km2 : float or None
        Ground shown as Ukrainian-held (``ua_control``, all claimants' areas) on the day; None without areas.
    """

    day: date
    settlements: str
    areas: str | None
    colours: tuple[tuple[str, str], ...]
    ua_km2: float | None


@dataclass(frozen=True)
class Story:
    """The frames of one run and what changed between consecutive ones.

    Attributes
    ----------
    frames : list of Frame
        Oldest first.
    settlements_changed, areas_changed, colours_changed : list of bool
        Per frame: that layer (or the markers' colours) differs from the previous frame's; False for the first.
    """

    frames: list[Frame]
    settlements_changed: list[bool]
    areas_changed: list[bool]
    colours_changed: list[bool]

    @property
    def compared(self) -> int:
        """Frames that have one before them."""
        return max(len(self.frames) - 1, 0)

    def counts(self) -> dict[str, int | float]:
        """Return the counts: frames, compared, changed (and its share), and which layer changed.

        Returns
        -------
        dict
            ``frames``, ``compared``, ``changed``, ``changed_share`` (of ``compared``), ``settlements`` (the
            settlements layer changed), ``colours`` (marker colours changed), ``areas``, ``settlements_only``,
            ``areas_only``, ``both``, and ``visible``: frames where a marker colour or the areas changed, what
            a reader sees change without opening a popup.
        """
        pairs = list(zip(self.settlements_changed, self.areas_changed, strict=True))
        changed = sum(s or a for s, a in pairs)
        seen = zip(self.colours_changed, self.areas_changed, strict=True)
        return {
            "frames": len(self.frames),
            "compared": self.compared,
            "changed": changed,
            "changed_share": changed / self.compared if self.compared else 0.0,
            "settlements": sum(self.settlements_changed),
            "colours": sum(self.colours_changed),
            "areas": sum(self.areas_changed),
            "settlements_only": sum(s and not a for s, a in pairs),
            "areas_only": sum(a and not s for s, a in pairs),
            "both": sum(s and a for s, a in pairs),
            "visible": sum(c or a for c, a in seen),
        }


def data_range(data: Dataset) -> tuple[date, date]:
    """Return the first and last day of the map page's date slider: those of the claims and events.

    Parameters
    ----------
    data : Dataset
        The loaded data.

    Returns
    -------
    tuple of date
        The earliest and the latest claim or event date.
    """
    first = min(data.claims["claim_date"].min(), data.events["event_date"].min()).date()
    last = max(data.claims["claim_date"].max(), data.events["event_date"].max()).date()
    return first, last


def play_days(first: date, last: date, step: timedelta = STEP) -> list[date]:
    """Return the days Play shows from ``first`` at ``step``, up to ``last``.

    Parameters
    ----------
    first, last : date
        The first frame's day, and the last day a frame may fall on.
    step : timedelta, default 7 days
        The distance between frames.

    Returns
    -------
    list of date
        ``first``, then every ``step`` up to ``last``.
    """
    days = [first]
    while days[-1] + step <= last:
        days.append(days[-1] + step)
    return days


def drawn_script(layer: folium.FeatureGroup) -> str:
    """Return the script ``st_folium`` sends the browser for one layer (as it builds it, on the page's base map).

    Parameters
    ----------
    layer : folium.FeatureGroup
        A layer built by :mod:`geo.map`; it is added to a fresh base map.

    Returns
    -------
    str
        The JavaScript that draws it, with the map's random id replaced by ``map_div``.
    """
    from streamlit_folium import _get_feature_group_string  # imports Streamlit: only when drawing, as bench.run

    return _get_feature_group_string(layer, base_map(tiles=False), 0)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _ua_km2(areas: Any, day: date) -> float:
    table = area_km2_by_status(areas, day)
    return float(table.loc[table["status"] == "ua_control", "km2"].sum())


def frame_on(data: Dataset, ranked: RankedClaims, day: date) -> Frame:
    """Build what the map page draws on ``day`` (settlements coloured by agreement, and areas) and hash it.

    Parameters
    ----------
    data : Dataset
        The loaded data; ``data.areas`` None or empty draws no areas.
    ranked : RankedClaims
        ``data.claims`` ranked once (as the dashboard shares them).
    day : date
        The frame's date.

    Returns
    -------
    Frame
        The hashes, colours and Ukrainian-held area of the day.
    """
    table = status_on(data.settlements, ranked, day)
    located = table[table["lon"].notna()]
    pale = located["agreement_weak"].map({True: " pale", False: ""})  # drawn pale: seen at a glance, as a colour is
    colours = tuple(zip(located["settlement_id"], located["agreement"] + pale, strict=True))
    has_areas = data.areas is not None and not data.areas.empty
    return Frame(
        day=day,
        settlements=_digest(drawn_script(settlement_layer(table))),
        areas=_digest(drawn_script(area_layer(data.areas, day))) if has_areas else None,
        colours=colours,
        ua_km2=_ua_km2(data.areas, day) if has_areas else None,
    )


def tell(data: Dataset, days: Sequence[date]) -> Story:
    """Build a frame per day and mark what changed from one frame to the next.

    Parameters
    ----------
    data : Dataset
        The loaded data.
    days : sequence of date
        The frames' dates, oldest first.

    Returns
    -------
    Story
        The frames and, per frame, whether the settlements layer, its colours and the areas layer changed.
    """
    ranked = RankedClaims.from_claims(data.claims)
    frames = [frame_on(data, ranked, day) for day in days]

    def changed(field: str) -> list[bool]:
        return [False, *(getattr(a, field) != getattr(b, field) for a, b in pairwise(frames))][: len(frames)]

    return Story(frames, changed("settlements"), changed("areas"), changed("colours"))


# --- the areas file ----------------------------------------------------------------


def periods_as_areas(path: Path) -> dict[str, Any]:
    """Turn a file of DeepStateMap periods dated by snapshot times into an areas FeatureCollection.

    Parameters
    ----------
    path : Path
        Features with ``status``, ``valid_from``, ``valid_to`` (days or UTC times) and ``snapshot_id``, read
        by :func:`geo.area_claims.read_periods` (a period that begins and ends on one UTC day is dropped).

    Returns
    -------
    dict
        Areas of claimant ``deepstate`` (``data/README.md``), each shape simplified, cleaned and rounded as
        ``geo.deepstate_import`` does for an import.

    Raises
    ------
    DataError
        When the file is not a period file either.
    """
    features = []
    for period in read_periods(path):
        geometry = drawn_geometry(period.area)
        if geometry is None:
            continue
        props: dict[str, Any] = {
            "id": f"deepstate-{period.status.replace('_', '-')}-{period.start.isoformat()}",
            "claimant": "deepstate",
            "status": period.status,
            "valid_from": period.start.isoformat(),
            "valid_to": period.end.isoformat() if period.end else "",
            "source_outlet": SOURCE_OUTLET,
            "note": f"Converted by bench.story from {path.name}.",
        }
        if period.snapshot is not None:
            props["snapshot"] = period.snapshot
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return areas_collection(features)


def with_areas(data_dir: Path, areas: Path, scratch: Path) -> tuple[Dataset, str]:
    """Copy a data folder into ``scratch``, add ``areas`` as its areas file, and load it.

    Parameters
    ----------
    data_dir : Path
        The data folder (only read).
    areas : Path
        An areas file, or a period file (:func:`periods_as_areas`).
    scratch : Path
        An empty folder to copy into.

    Returns
    -------
    tuple of (Dataset, str)
        The loaded data and how the areas file was read.

    Raises
    ------
    DataError
        When the areas file is neither an areas file nor a period file, or the data does not load.
    """
    target = scratch / layer_kind("areas").file
    for kind in LAYER_KINDS:
        if (data_dir / kind.file).is_file() and kind.name != "areas":
            shutil.copy(data_dir / kind.file, scratch / kind.file)
    try:
        load_layer(areas, "areas")
    except DataError as as_areas:
        try:
            collection = periods_as_areas(areas)
        except DataError:
            raise as_areas from None
        write_collection(collection, target)
        how = f"read as DeepStateMap periods and converted to {len(collection['features'])} areas"
    else:
        shutil.copy(areas, target)
        how = "read as an areas file"
    return load_dataset(scratch), how


# --- the report --------------------------------------------------------------------


def _summary(label: str, story: Story) -> list[str]:
    c = story.counts()
    share = f"{100 * c['changed_share']:.0f} %"
    return [
        f"{label}: {c['changed']} of {c['compared']} frames differ from the one before ({share})",
        f"  settlements layer changed in {c['settlements']} (marker colours in {c['colours']}), "
        f"areas changed in {c['areas']}",
        f"  settlements only {c['settlements_only']}, areas only {c['areas_only']}, both {c['both']}",
        f"  a marker colour or the areas changed (seen without opening a popup) in {c['visible']} "
        f"({100 * c['visible'] / max(c['compared'], 1):.0f} %)",
    ]


def _weeks(story: Story) -> list[str]:
    lines = ["", "week        S A  C   Ukrainian-held km²"]
    for frame, s, a, colour in zip(
        story.frames, story.settlements_changed, story.areas_changed, story.colours_changed, strict=True
    ):
        km2 = "" if frame.ua_km2 is None else f"{frame.ua_km2:>9,.1f}"
        marks = f"{'S' if s else '·'} {'A' if a else '·'}  {'C' if colour else '·'}"
        lines.append(f"{frame.day.isoformat()}  {marks} {km2}".rstrip())
    lines.append("S: settlements layer changed, A: areas changed, C: of S, a marker colour changed")
    return lines


def report(plain: Story, areas: Story | None, areas_note: str) -> str:
    """Write the summary a reader sees: counts without and with areas, the requirement, and the weeks.

    Parameters
    ----------
    plain : Story
        The frames without areas.
    areas : Story or None
        The frames with areas, or None when no areas file was read.
    areas_note : str
        How the areas file was read, or why it was not.

    Returns
    -------
    str
        Several lines of text.
    """
    days = plain.frames
    lines = [f"{len(days)} weekly frames, {days[0].day.isoformat()} to {days[-1].day.isoformat()} (events left out)"]
    lines.append(f"areas: {areas_note}")
    lines += _summary("without areas", plain)
    if areas is not None:
        lines += _summary("with areas", areas)
        share = areas.counts()["changed_share"]
        verdict = "met" if share >= REQUIRED_SHARE else "NOT met"
        lines.append(f"requirement (with areas, at least half of the frames change): {verdict}")
    else:
        lines.append("requirement (with areas, at least half of the frames change): not measured, no areas")
    lines += _weeks(areas if areas is not None else plain)
    return "\n".join(lines)


def as_json(plain: Story, areas: Story | None, areas_note: str) -> dict[str, Any]:
    """Return the counts and the per-week marks as plain data for JSON.

    Parameters
    ----------
    plain, areas, areas_note
        As for :func:`report`.

    Returns
    -------
    dict
        ``areas_note``, ``without_areas`` and ``with_areas`` (None without an areas file), each with its
        counts and ``weeks``: date, ``settlements``, ``colours`` and ``areas`` changed, ``ua_km2``.
    """

    def one(story: Story) -> dict[str, Any]:
        weeks = [
            {"date": f.day.isoformat(), "settlements": s, "colours": c, "areas": a, "ua_km2": f.ua_km2}
            for f, s, a, c in zip(
                story.frames, story.settlements_changed, story.areas_changed, story.colours_changed, strict=True
            )
        ]
        return {**story.counts(), "weeks": weeks}

    return {
        "areas_note": areas_note,
        "required_share": REQUIRED_SHARE,
        "without_areas": one(plain),
        "with_areas": None if areas is None else one(areas),
    }


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def main(argv: list[str] | None = None) -> int:
    """Count the changing frames without and with areas; print the summary (or JSON).

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name.

    Returns
    -------
    int
        0, or 1 when the data or the areas file does not load (the problems are printed).
    """
    parser = argparse.ArgumentParser(prog="python -m bench.story", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"data folder (default: {DEFAULT_DATA})")
    parser.add_argument("--areas", type=Path, default=DEFAULT_AREAS, help=f"areas file (default: {DEFAULT_AREAS})")
    parser.add_argument("--first", type=_iso_date, default=FIRST, help=f"first frame (default: {FIRST})")
    parser.add_argument("--last", type=_iso_date, default=LAST, help=f"no frame after this day (default: {LAST})")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    try:
        data = load_dataset(args.data)
    except DataError as err:
        print(err)
        return 1
    days = play_days(args.first, args.last)
    plain = tell(dataclasses.replace(data, areas=None), days)
    areas: Story | None = None
    if not args.areas.is_file():
        note = f"{args.areas} not found: counted without areas only"
        print(f"no areas file at {args.areas}: counting without areas only", file=sys.stderr)
    else:
        with tempfile.TemporaryDirectory(prefix="story-") as scratch:
            try:
                loaded, how = with_areas(args.data, args.areas, Path(scratch))
            except DataError as err:
                print(f"the areas file {args.areas} is not usable:\n{err}")
                return 1
        areas = tell(loaded, days)
        note = f"{args.areas.name}, {how} ({len(loaded.areas)} loaded)"
    if args.json:
        slider = [day.isoformat() for day in data_range(data)]
        print(json.dumps({"slider": slider, **as_json(plain, areas, note)}, indent=1))
    else:
        first, last = data_range(data)
        print(f"the map page's slider runs from {first.isoformat()} to {last.isoformat()} on this data")
        print(report(plain, areas, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
