"""Synthetic data for benchmarks: settlements, claims and events at any size, from a fixed seed.

The files follow ``data/README.md`` field for field, so they go through the
same loader and validation as real data. Everything is visibly synthetic: ids
start with ``syn-``, names read "Synthetic …", every source is the outlet
"Synthetic benchmark data" and no feature carries a URL. Never write these
files into ``data/``.

Events are spread over the settlements with a heavy-tailed weight (a few
places see most of the fighting, as in ACLED's exports) and over the date
range with a slow wave of intensity; each lies within a few kilometres of
its settlement.

Run ``python -m bench.synthetic OUT_DIR --events 100000`` to write one folder.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from geo.vocab import CLAIMANTS, EVENT_TYPES

OUTLET = "Synthetic benchmark data"
FIRST_DAY = date(2024, 8, 6)
LAST_DAY = date(2025, 9, 6)
SEED = 6

# Rough boxes (west, south, east, north) for the two oblasts; settlements are drawn inside them.
_OBLAST_BOXES = {"Kursk": (34.2, 50.95, 38.4, 52.35), "Belgorod": (35.4, 50.0, 39.1, 51.35)}
_EVENT_TYPE_SHARE = {
    "Battles": 0.34,
    "Explosions/Remote violence": 0.56,
    "Violence against civilians": 0.04,
    "Strategic developments": 0.05,
    "Protests": 0.005,
    "Riots": 0.005,
}
_ACTORS = ("Military Forces of Russia", "Military Forces of Ukraine", "Civilians (Russia)")
_STATUS_BY_SIDE = {
    "ru": ("ru_control", "ua_control", "contested"),
    "ua": ("ru_control", "ua_control", "contested"),
    "independent": ("ru_control", "ua_control", "contested", "not_marked"),
}


@dataclass(frozen=True)
class Sizes:
    """How much data to make."""

    events: int = 100_000
    settlements: int = 2_000
    claims: int = 50_000


def _feature(lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    # Optional fields without a value are left out, as most exports do; it keeps 100k events under 50 MB.
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": {key: value for key, value in properties.items() if value is not None},
    }


def _write(path: Path, features: list[dict[str, Any]]) -> None:
    # One feature per line keeps the file small (the loader refuses files over 50 MB) and diffable.
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    path.write_text('{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n", encoding="utf-8")


def _days(rng: np.random.Generator, count: int) -> np.ndarray:
    """Day offsets from FIRST_DAY, denser in some months than others."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    weight = 1.0 + 0.6 * np.sin(np.linspace(0, 5 * np.pi, span)) ** 2
    return rng.choice(span, size=count, p=weight / weight.sum())


def settlements(rng: np.random.Generator, count: int) -> list[dict[str, Any]]:
    """Make ``count`` synthetic settlement features in the two oblasts.

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded generator.
    count : int
        How many settlements.

    Returns
    -------
    list of dict
        GeoJSON features following the settlements schema.
    """
    features = []
    oblasts = rng.choice(list(_OBLAST_BOXES), size=count, p=[0.6, 0.4])
    for number, oblast in enumerate(oblasts, start=1):
        west, south, east, north = _OBLAST_BOXES[str(oblast)]
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        approximate = rng.random() < 0.05
        features.append(
            _feature(
                lon,
                lat,
                {
                    "id": f"syn-s{number:05d}",
                    "name": f"Synthetic {number:05d}",
                    "name_ru": f"Синтетика {number:05d}",
                    "oblast": str(oblast),
                    "district": f"Synthetic district {number % 40 + 1}",
                    "kind": "village" if number % 25 else "town",
                    "geo_precision": 2 if approximate else 1,
                    "gazetteer": "None: a synthetic point for benchmarks, not a real place",
                },
            )
        )
    return features


def _weights(rng: np.random.Generator, count: int) -> np.ndarray:
    """Heavy-tailed activity per settlement: a few places get most events and claims."""
    raw = rng.pareto(1.2, size=count) + 0.05
    return raw / raw.sum()


def claims(
    rng: np.random.Generator, places: list[dict[str, Any]], count: int, weight: np.ndarray
) -> list[dict[str, Any]]:
    """Make ``count`` synthetic claims about the given settlements.

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded generator.
    places : list of dict
        Settlement features from :func:`settlements`.
    count : int
        How many claims.
    weight : numpy.ndarray
        Probability of each settlement being the subject.

    Returns
    -------
    list of dict
        GeoJSON features following the claims schema, each on its settlement's point.
    """
    codes = list(CLAIMANTS)
    chosen = rng.choice(len(places), size=count, p=weight)
    days = _days(rng, count)
    claimants = rng.choice(len(codes), size=count)
    features = []
    for number, (place, day, who) in enumerate(zip(chosen, days, claimants, strict=True), start=1):
        settlement = places[int(place)]
        claimant = codes[int(who)]
        statuses = _STATUS_BY_SIDE[CLAIMANTS[claimant].side]
        lon, lat = settlement["geometry"]["coordinates"]
        features.append(
            _feature(
                lon,
                lat,
                {
                    "id": f"syn-c{number:06d}",
                    "settlement_id": settlement["properties"]["id"],
                    "claim_date": (FIRST_DAY + timedelta(days=int(day))).isoformat(),
                    "claimant": claimant,
                    "status": statuses[int(rng.integers(len(statuses)))],
                    "scope": "area" if number % 17 == 0 else "settlement",
                    "statement": f"Synthetic claim {number} for benchmarks; no one said this.",
                    "source_outlet": OUTLET,
                },
            )
        )
    return features


def events(
    rng: np.random.Generator, places: list[dict[str, Any]], count: int, weight: np.ndarray
) -> list[dict[str, Any]]:
    """Make ``count`` synthetic events near the given settlements.

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded generator.
    places : list of dict
        Settlement features from :func:`settlements`.
    count : int
        How many events.
    weight : numpy.ndarray
        Probability of each settlement being the place.

    Returns
    -------
    list of dict
        GeoJSON features following the events schema, oldest first.
    """
    kinds = list(_EVENT_TYPE_SHARE)
    share = np.array(list(_EVENT_TYPE_SHARE.values()))
    chosen = rng.choice(len(places), size=count, p=weight)
    days = np.sort(_days(rng, count))
    types = rng.choice(len(kinds), size=count, p=share / share.sum())
    offsets = rng.normal(0.0, 0.012, size=(count, 2))
    fatalities = rng.poisson(0.4, size=count)
    reporters = list(CLAIMANTS)
    features = []
    for number in range(count):
        settlement = places[int(chosen[number])]
        props = settlement["properties"]
        lon0, lat0 = settlement["geometry"]["coordinates"]
        event_type = kinds[int(types[number])]
        subs = EVENT_TYPES[event_type]
        precision = 1 if number % 10 else 2
        features.append(
            _feature(
                float(np.clip(lon0 + offsets[number, 0], 33.01, 39.99)),
                float(np.clip(lat0 + offsets[number, 1], 49.51, 52.99)),
                {
                    "id": f"syn-e{number + 1:07d}",
                    "event_date": (FIRST_DAY + timedelta(days=int(days[number]))).isoformat(),
                    "event_type": event_type,
                    "sub_event_type": subs[number % len(subs)],
                    "actor1": _ACTORS[number % 2],
                    "actor2": _ACTORS[(number + 1) % 3] if number % 4 else None,
                    "location": props["name"],
                    "admin1": props["oblast"],
                    "settlement_id": props["id"] if number % 5 else None,
                    "geo_precision": precision,
                    "notes": f"Synthetic event {number + 1}, not real.",
                    "fatalities": int(fatalities[number]) if number % 3 else None,
                    "reported_by": reporters[number % len(reporters)],
                    "source_outlet": OUTLET,
                },
            )
        )
    return features


def write_dataset(folder: str | Path, sizes: Sizes = Sizes(), seed: int = SEED) -> Path:
    """Write ``settlements``, ``claims`` and ``events`` GeoJSON files into a folder.

    Parameters
    ----------
    folder : str or Path
        Created if missing. Must not be the repository's ``data/``.
    sizes : Sizes
        How many of each.
    seed : int
        The same seed and sizes always give the same files.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    ValueError
        If the folder is the shipped ``data/`` folder.
    """
    folder = Path(folder).resolve()
    if folder == (Path(__file__).resolve().parent.parent / "data"):
        raise ValueError("synthetic data must never be written into data/")
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    places = settlements(rng, sizes.settlements)
    weight = _weights(rng, sizes.settlements)
    _write(folder / "settlements.geojson", places)
    _write(folder / "claims.geojson", claims(rng, places, sizes.claims, weight))
    _write(folder / "events.geojson", events(rng, places, sizes.events, weight))
    return folder


def main(argv: list[str] | None = None) -> None:
    """Write one synthetic dataset from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (never data/)")
    parser.add_argument("--events", type=int, default=Sizes.events)
    parser.add_argument("--settlements", type=int, default=Sizes.settlements)
    parser.add_argument("--claims", type=int, default=Sizes.claims)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    folder = write_dataset(args.out, Sizes(args.events, args.settlements, args.claims), args.seed)
    print(f"wrote {folder}")


if __name__ == "__main__":
    main()
