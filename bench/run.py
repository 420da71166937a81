"""``make bench``: the map page at 1k, 10k and 100k events, ours beside the naive baseline, in one table.

Every size uses the same synthetic data for both (2,000 settlements, 50,000
claims, seed 6, written once into the git-ignored ``bench/.data/``). A slider
step is the step onto the last day with the window "everything up to the
date", the largest window there is. Columns:

- load: read and validate the three files (what a first start does); then
  "restart": the same through the GeoParquet cache (what a restart does);
- claims: resolve claims and agreement for one date (median of 3 dates); ours
  from claims ranked once per dataset, the baseline from the plain table;
- layers: build the event layer for one step and turn it into what
  streamlit-folium sends (Python);
- payload: the bytes st_folium sends the browser for that step;
- browser: a slider key press until the map shows the new step, in headless
  Chromium against ``streamlit run`` (median of the steps timed).

Then, at the largest size, ours only: the whole page rerun in AppTest, the
settlements layer's share, 20 sessions opened at once, and memory over 200
steps (the Python heap traced, beside the resident size).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import folium

from bench import browser
from bench.naive import naive_event_layer
from bench.synthetic import SEED, Sizes, write_dataset
from geo.agreement import status_on
from geo.cache import load_dataset_cached
from geo.claims import RankedClaims
from geo.event_index import EventIndex
from geo.io import load_dataset
from geo.map import base_map, event_layer, events_in_window, settlement_layer

WORK = browser.WORK
SETTLEMENTS, CLAIMS = 2_000, 50_000


def dataset_folder(events: int) -> Path:
    """Write (once) and return the synthetic dataset with ``events`` events."""
    folder = WORK / f"{events // 1000}k"
    generator = (Path(__file__).parent / "synthetic.py").read_bytes()
    stamp = json.dumps([events, SETTLEMENTS, CLAIMS, SEED, hashlib.sha256(generator).hexdigest()])
    if not (folder / "stamp.json").is_file() or (folder / "stamp.json").read_text() != stamp:
        write_dataset(folder, Sizes(events, SETTLEMENTS, CLAIMS), SEED)
        (folder / "stamp.json").write_text(stamp)
    return folder


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``action`` once; return (seconds, its result)."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def component_payload(groups: list[folium.FeatureGroup]) -> int:
    """Build what ``st_folium`` sends for a base map plus layers, as st_folium does; return its size in bytes."""
    from streamlit_folium import _get_feature_group_string, _get_header, _get_html, _get_map_string

    fmap = base_map(tiles=False)
    fmap.get_root().render()
    args = {"html": _get_html(fmap), "header": _get_header(fmap), "script": _get_map_string(fmap)}
    args["feature_group"] = "".join(_get_feature_group_string(g, fmap, idx) for idx, g in enumerate(groups))
    return len(json.dumps(args).encode("utf-8"))


def python_side(folder: Path, naive: bool) -> dict[str, float]:
    """Time loading, claims and one step's layers for ours or the baseline."""
    seconds, data = timed(lambda: load_dataset(folder))
    row = {"load_s": seconds}
    if naive:
        row["restart_s"] = seconds  # the baseline re-validates on every start
    else:
        with tempfile.TemporaryDirectory() as cache:
            load_dataset_cached(folder, cache)
            row["restart_s"], data = timed(lambda: load_dataset_cached(folder, cache))
    last = data.events["event_date"].max().date()
    # Ours ranks the claims once per dataset (as the dashboard does, shared by every session); the baseline
    # resolves from the plain claims table on every step.
    claims_input = data.claims if naive else RankedClaims.from_claims(data.claims)
    days = (last - timedelta(200), last - timedelta(60), last)
    status_on(data.settlements, claims_input, last)  # warm-up
    claims = [timed(lambda d=d: status_on(data.settlements, claims_input, d))[0] for d in days]
    row["claims_ms"] = statistics.median(claims) * 1000
    if naive:

        def step() -> int:
            return component_payload([naive_event_layer(events_in_window(data.events, last, "all"))])
    else:
        index = EventIndex.from_events(data.events)

        def step() -> int:
            return component_payload([event_layer(index.in_window(last, "all"))])

    step()  # warm-up
    repeats = 1 if naive and len(data.events) > 20_000 else 3
    runs = [timed(step) for _ in range(repeats)]
    row["layers_ms"] = statistics.median(r[0] for r in runs) * 1000
    row["payload_kb"] = runs[0][1] / 1024
    return row


def browser_side(folder: Path, naive: bool, events: int) -> browser.StepTiming:
    """Time slider steps in Chromium against ``streamlit run`` of the page."""
    script = browser.naive_app() if naive else browser.ROOT / "app.py"
    last = date(2025, 9, 6)
    steps = 1 if naive and events > 20_000 else 3
    with browser.server(script, folder) as (base, _):
        return browser.time_steps(base, "&window=all&layers=events", last - timedelta(steps), steps, timeout_s=600)


def page_rerun_ms(folder: Path, layers: str) -> float:
    """Median time of the real map page's rerun for a slider step, in AppTest."""
    from streamlit.testing.v1 import AppTest

    os.environ["CONTESTED_DATA"] = str(folder)
    os.environ["CONTESTED_CACHE"] = str(WORK / "cache")
    at = AppTest.from_file(str(browser.ROOT / "pages" / "map.py"), default_timeout=600)
    at.query_params.update({"date": "2025-09-01", "window": "all", "layers": layers})
    at.run()
    times = []
    for day in range(2, 6):
        start = time.perf_counter()
        at.slider(key="as_of.slider").set_value(date(2025, 9, day)).run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(times) * 1000


def settlements_share(folder: Path) -> tuple[float, float]:
    """Time and payload of the settlements layer alone for one step (2,000 settlements: the compact form)."""
    data = load_dataset_cached(folder, WORK / "cache")
    table = status_on(data.settlements, data.claims, date(2025, 9, 6))
    seconds, size = timed(lambda: component_payload([settlement_layer(table)]))
    return seconds * 1000, size / 1024


def machine() -> str:
    """Describe the machine: CPU model, cores, memory."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kib = next(int(line.split()[1]) for line in meminfo if "MemTotal" in line)
    return f"{model}, {os.cpu_count()} cores, {mem_kib / 1024**2:.0f} GiB RAM, Python {platform.python_version()}"


def _fmt(value: float, digits: int = 0) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"  # NaN check


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description="Benchmark the map page at scale.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="event counts, comma-separated")
    parser.add_argument("--no-browser", action="store_true", help="skip every browser measurement")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--memory-steps", type=int, default=200)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Machine: {machine()}", flush=True)
    lines = [
        "| events | variant | load + validate (s) | restart (s) | claims + agreement (ms) | layers per step (ms) "
        "| payload per step (KB) | browser step (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for events in sizes:
        folder = dataset_folder(events)
        rows = {}
        for naive in (False, True):
            name = "naive" if naive else "ours"
            print(f"{events:,} events, {name}: Python…", flush=True)
            row = python_side(folder, naive)
            step = browser.StepTiming(error="skipped")
            if not args.no_browser:
                print(f"{events:,} events, {name}: browser…", flush=True)
                step = browser_side(folder, naive, events)
            row["browser_ms"] = step.median_ms
            row["note"] = step.error or ("" if step.view_kept else "view reset")
            rows[name] = row
            lines.append(
                f"| {events:,} | {name} | {row['load_s']:.2f} | {row['restart_s']:.2f} | {row['claims_ms']:.0f} "
                f"| {_fmt(row['layers_ms'])} | {_fmt(row['payload_kb'])} | {_fmt(row['browser_ms'])} "
                + (f"({row['note']})" if row["note"] else "")
                + " |"
            )
        ours, naive_row = rows["ours"], rows["naive"]
        ratio = [naive_row[k] / ours[k] for k in ("load_s", "restart_s", "claims_ms", "layers_ms", "payload_kb")]
        ratio.append(naive_row["browser_ms"] / ours["browser_ms"])
        lines.append(
            f"| {events:,} | **naive ÷ ours** | {ratio[0]:.1f}× | {ratio[1]:.1f}× | {ratio[2]:.1f}× "
            f"| **{_fmt(ratio[3], 1)}×** | **{_fmt(ratio[4], 1)}×** | **{_fmt(ratio[5], 1)}×** |"
        )
        print("\n".join(lines[-3:]), flush=True)
    largest = dataset_folder(max(sizes))
    print(f"\nAt {max(sizes):,} events, ours (2,000 settlements, 50,000 claims):", flush=True)
    extra = [
        f"- whole map page rerun per slider step (AppTest, events layer only, window all): "
        f"{page_rerun_ms(largest, 'events'):.0f} ms",
        f"- the same with the settlements layer on: {page_rerun_ms(largest, 'settlements,events'):.0f} ms",
    ]
    settle_ms, settle_kb = settlements_share(largest)
    extra.append(
        f"- of which the settlements layer (2,000 settlements, compact): {settle_ms:.0f} ms, {settle_kb:,.0f} KB"
    )
    if not args.no_browser:
        with browser.server(browser.ROOT / "app.py", largest) as (base, pid):
            step = browser.time_steps(base, "&window=all&layers=settlements,events", date(2025, 9, 3), 3)
            extra.append(f"- browser step with settlements and events on: {_fmt(step.median_ms)} ms {step.error or ''}")
            print(f"{args.sessions} sessions at once…", flush=True)
            crowd = browser.concurrent_sessions(base, pid, date(2025, 3, 1), sessions=args.sessions, steps=10)
            extra.append(
                f"- {crowd['sessions']} browser sessions opened at the same moment on a fresh server, 10 steps each "
                f"(window 30 days): {crowd['steps_done']}/{crowd['steps_asked']} steps done, "
                f"{len(crowd['errors'])} errors; step p50 {crowd['p50_ms']:,.0f} ms, p95 {crowd['p95_ms']:,.0f} ms "
                f"under that load; server memory {crowd['rss_before']:.0f} MiB before, {crowd['rss_peak']:.0f} MiB "
                f"peak, {crowd['rss_after']:.0f} MiB after; {crowd['seconds']:.0f} s in all, of which the server "
                f"used {crowd['server_cpu_s']:.0f} s of CPU"
            )
            extra.extend(f"  - error: {e}" for e in crowd["errors"][:5])
        print(f"{args.memory_steps} steps in one session…", flush=True)
        memory = browser.memory_over_steps(largest, date(2024, 8, 10), args.memory_steps)
        (first, heap0, rss0), (_, heap1, rss1) = memory["readings"][0], memory["readings"][-1]
        extra.append(
            f"- memory over {args.memory_steps} slider steps in one session (first reading after {first} steps): "
            f"Python heap {heap0:.1f} -> {heap1:.1f} MiB ({memory['heap_kib_per_step']:+.1f} KiB per step), "
            f"resident {rss0:.0f} -> {rss1:.0f} MiB ({memory['rss_kib_per_step']:+.1f} KiB per step)"
        )
        extra.append(
            "  - readings (step: heap MiB / resident MiB): "
            + ", ".join(f"{n}: {h:.1f} / {r:.0f}" for n, h, r in memory["readings"])
        )
    print("\n" + "\n".join(lines) + "\n\n" + "\n".join(extra))


if __name__ == "__main__":
    main()
