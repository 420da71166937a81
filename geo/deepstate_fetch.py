"""Downloading DeepStateMap's history exports into a folder, with retries and resume.

The API, as documented by the site's public usage (configurable): under a base
URL (default :data:`DEFAULT_API_BASE`, or the environment variable
``CONTESTED_DEEPSTATE_API``), ``{base}/public`` lists the snapshots as a JSON
array of objects whose ``id`` is the snapshot time in Unix seconds, and
``{base}/{id}/geojson`` returns that snapshot's export as a GeoJSON
FeatureCollection.

Each export is saved as ``{id}.geojson``, the name :mod:`geo.deepstate` reads
the snapshot time from. A snapshot whose file is already in the folder is
not downloaded again, so an interrupted download resumes where it stopped; a
file is written under a temporary name and renamed only once complete.
Only the standard library is used (``urllib``).
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

DEFAULT_API_BASE = "https://deepstatemap.live/api/history"
API_ENV = "CONTESTED_DEEPSTATE_API"
MAX_LIST_BYTES = 20 * 1024 * 1024
MAX_EXPORT_BYTES = 50 * 1024 * 1024
MAX_SNAPSHOT_ID = 10**11  # Unix seconds: beyond the year 5000
RETRYABLE_HTTP = frozenset({408, 425, 429, 500, 502, 503, 504})
USER_AGENT = "Contested-DeepStateMap-importer/0.1 (+https://github.com/)"


class FetchError(RuntimeError):
    """A download failed; the message is one line, fit to print as it is."""


def api_base(given: str | None = None) -> str:
    """Choose the API base URL: the one given, else ``$CONTESTED_DEEPSTATE_API``, else the default.

    Parameters
    ----------
    given : str, optional
        From the command line.

    Returns
    -------
    str
        The base URL without a trailing slash.

    Raises
    ------
    FetchError
        If it is not an http(s) URL.
    """
    base = (given or os.environ.get(API_ENV) or DEFAULT_API_BASE).strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"API base {base[:80]!r} is not an http(s) URL")
    return base


def list_snapshots(base: str, *, retries: int = 3, backoff_s: float = 1.0, timeout_s: float = 30.0) -> list[int]:
    """List the snapshot ids the API offers.

    Parameters
    ----------
    base : str
        From :func:`api_base`.
    retries, backoff_s, timeout_s
        See :func:`download_snapshots`.

    Returns
    -------
    list of int
        Snapshot ids (Unix seconds), sorted, without duplicates.

    Raises
    ------
    FetchError
        If the list cannot be fetched or is not a JSON array of objects with an integer ``id``.
    """
    url = f"{base}/public"
    raw = _get(url, MAX_LIST_BYTES, retries=retries, backoff_s=backoff_s, timeout_s=timeout_s)
    try:
        items = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FetchError(f"{url} did not return JSON") from None
    if not isinstance(items, list):
        raise FetchError(f"{url} did not return a JSON array of snapshots")
    ids = set()
    for position, item in enumerate(items):
        value = item.get("id") if isinstance(item, dict) else None
        if isinstance(value, str) and value.isdigit() and len(value) <= 12:
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < MAX_SNAPSHOT_ID:
            raise FetchError(f"{url}: item {position} has no whole-number 'id' (Unix seconds)")
        ids.add(value)
    return sorted(ids)


def download_snapshots(
    folder: str | Path,
    *,
    base: str | None = None,
    since: date | None = None,
    retries: int = 3,
    backoff_s: float = 1.0,
    timeout_s: float = 30.0,
    progress: IO[str] | None = None,
) -> list[Path]:
    """Download every snapshot (from a day on) that the folder does not hold yet.

    Parameters
    ----------
    folder : str or Path
        Where exports are kept; created if missing.
    base : str, optional
        API base URL; see :func:`api_base`.
    since : date, optional
        Only snapshots taken on or after this UTC day.
    retries : int
        Further attempts after a failed request (connection error, timeout,
        HTTP 408/425/429/5xx); other HTTP errors fail at once.
    backoff_s : float
        Wait before the first retry; doubled for each next one, at most 30 s.
    timeout_s : float
        Socket timeout of one request.
    progress : file, optional
        Where to draw a plain-text progress bar; default ``sys.stderr``.

    Returns
    -------
    list of Path
        The export files for all selected snapshots, old and new, oldest first.

    Raises
    ------
    FetchError
        With a one-line message, when the API cannot be reached or answers
        with something that is not an export.
    """
    base = api_base(base)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = list_snapshots(base, retries=retries, backoff_s=backoff_s, timeout_s=timeout_s)
    if since is not None:
        ids = [i for i in ids if datetime.fromtimestamp(i, UTC).date() >= since]
    paths = [folder / f"{snapshot}.geojson" for snapshot in ids]
    missing = [(snapshot, path) for snapshot, path in zip(ids, paths, strict=True) if not path.exists()]
    bar = _ProgressBar(len(missing), progress if progress is not None else sys.stderr, skipped=len(ids) - len(missing))
    for snapshot, path in missing:
        raw = _get(
            f"{base}/{snapshot}/geojson", MAX_EXPORT_BYTES, retries=retries, backoff_s=backoff_s, timeout_s=timeout_s
        )
        _check_export(raw, f"{base}/{snapshot}/geojson")
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(raw)
        partial.replace(path)
        bar.step(snapshot)
    bar.finish()
    return paths


def _check_export(raw: bytes, url: str) -> None:
    """Refuse an answer that is not a FeatureCollection, before it is saved."""
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FetchError(f"{url} did not return JSON") from None
    if not isinstance(parsed, dict) or parsed.get("type") != "FeatureCollection":
        raise FetchError(f"{url} did not return a GeoJSON FeatureCollection")


def _get(
    url: str,
    limit: int,
    *,
    retries: int,
    backoff_s: float,
    timeout_s: float,
    sleep: Callable[[float], Any] = time.sleep,
) -> bytes:
    """GET a URL with bounded retries; return at most ``limit`` bytes or fail with a one-line FetchError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})  # noqa: S310
    wait = backoff_s
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (scheme checked in api_base)
                raw = response.read(limit + 1)
            if len(raw) > limit:
                raise FetchError(f"{url} returned more than {limit:,} bytes")
            return raw
        except urllib.error.HTTPError as err:
            failure = f"{url} answered HTTP {err.code} {err.reason}"
            if err.code not in RETRYABLE_HTTP:
                raise FetchError(failure) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as err:
            reason = getattr(err, "reason", err)
            failure = f"cannot reach {url} ({reason}); are you offline?"
        if attempt < retries:
            sleep(wait)
            wait = min(wait * 2, 30.0)
    raise FetchError(f"{failure} (gave up after {retries + 1} attempts)")


class _ProgressBar:
    """A one-line text bar, redrawn in place on a terminal and printed line by line elsewhere."""

    WIDTH = 30

    def __init__(self, total: int, stream: IO[str], *, skipped: int) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.live = hasattr(stream, "isatty") and stream.isatty()
        already = f" ({skipped} already in the folder)" if skipped else ""
        stream.write(f"downloading {total} DeepStateMap snapshot(s){already}\n")

    def step(self, snapshot: int) -> None:
        self.done += 1
        filled = self.WIDTH * self.done // max(self.total, 1)
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} {snapshot}"
        self.stream.write(("\r" + line) if self.live else line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.live and self.total:
            self.stream.write("\n")
        self.stream.flush()
