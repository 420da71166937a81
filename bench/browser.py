"""Browser measurements: a slider key press until the map shows the new step, sessions at once, memory.

A real ``streamlit run`` serves the page, headless Debian Chromium drives it
(as in the browser tests, every non-loopback request is refused). "The map
shows the new step" is the last change the new layers make inside the map's
iframe: a MutationObserver there records the time of every change, and a step
is done once the caption names the new date and the map has been still for
:data:`SETTLE_MS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from playwright.async_api import async_playwright
from playwright.sync_api import Page, sync_playwright

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    LOCAL_PREFIXES,
    MAP_IFRAME,
    launch,
    offline_page,
    run_streamlit,
)

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".data"
SETTLE_MS = 700
SLIDER = "[data-testid=stSlider] input[type=range]"
_NO_THROTTLING = [
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]

_OBSERVE = """(selector) => {
    const frame = document.querySelector(selector);
    window.__mapChanged = 0;
    new MutationObserver(() => { window.__mapChanged = Date.now(); })
        .observe(frame.contentDocument.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
_SETTLED = """([t0, day, settle]) => {
    const shown = document.body.innerText.includes("to " + day + ")");
    return shown && window.__mapChanged > t0 && Date.now() - window.__mapChanged > settle;
}"""
_ZOOM = f"""() => document.querySelector('{MAP_IFRAME}').contentWindow.map_div.getZoom()"""
_ZOOM_IN = f"""() => document.querySelector('{MAP_IFRAME}').contentWindow.map_div.setZoom(9, {{animate: false}})"""


def naive_app() -> Path:
    """Write the stub that ``streamlit run`` starts for the baseline page.

    Streamlit serves ``static/`` from beside the main script, so the stub sits
    in a git-ignored folder next to a link to the repository's ``static/``.

    Returns
    -------
    Path
        The stub script.
    """
    folder = WORK / "naive_app"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)
    stub = folder / "naive_app.py"
    page = ROOT / "bench" / "naive_page.py"
    stub.write_text(f"import runpy\n\nrunpy.run_path({str(page)!r}, run_name='__main__')\n", encoding="utf-8")
    return stub


@contextlib.contextmanager
def server(
    script: Path, data: Path, timeout: float = 180.0, extra_env: dict[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """Run ``streamlit run script`` on the given data; yield its base URL and process id."""
    env = {
        "CONTESTED_DATA": str(data),
        "CONTESTED_TILES": "off",
        "CONTESTED_CACHE": str(WORK / "cache"),
        "PYTHONPATH": str(ROOT),
        **(extra_env or {}),
    }
    # The dashboard starts as ``make run`` starts it. A plain ``streamlit run app.py`` routes the sessions that
    # open before the first ``st.navigation`` call the old pages/-folder way, which fails (see ui/serve.py);
    # 20 sessions opened at once on a fresh server hit that.
    if script == ROOT / "app.py":
        args = ["-m", "bench.memory_server"] if "CONTESTED_MEMORY_LOG" in env else ["-m", "ui.serve"]
    else:
        args = ["-m", "streamlit", "run", str(script)]
    with run_streamlit(args, env=env, timeout=timeout, log_dir=WORK) as (base, process):
        yield base, process.pid


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far, in seconds (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class RssSampler:
    """Sample a process's resident memory in the background; keep the peak."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.pid, self.every, self.peak = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError):
                self.peak = max(self.peak, rss_mib(self.pid))
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _open(page: Page, url: str, timeout_ms: float) -> None:
    page.goto(url, timeout=timeout_ms)
    page.frame_locator(MAP_IFRAME).locator(".leaflet-container").wait_for(timeout=timeout_ms)
    day = url.split("date=")[1].split("&")[0]
    page.wait_for_function(
        "(day) => document.body.innerText.includes('to ' + day + ')')", arg=day, timeout=timeout_ms, polling=100
    )
    page.wait_for_timeout(2 * SETTLE_MS)


def _step(page: Page, new_day: date, timeout_ms: float, key: str = "ArrowRight") -> float:
    """Press a key on the slider; return milliseconds until the map showed the new day and settled."""
    page.locator(SLIDER).focus()
    t0 = page.evaluate("Date.now()")
    page.keyboard.press(key)
    page.wait_for_function(_SETTLED, arg=[t0, new_day.isoformat(), SETTLE_MS], timeout=timeout_ms, polling=50)
    return page.evaluate("() => window.__mapChanged") - t0


@dataclass
class StepTiming:
    """Browser timing of slider steps on one page."""

    step_ms: list[float] = field(default_factory=list)
    view_kept: bool = True
    error: str | None = None

    @property
    def median_ms(self) -> float:
        """Median step time, or NaN when no step finished."""
        return statistics.median(self.step_ms) if self.step_ms else float("nan")


def time_steps(base: str, query: str, start: date, steps: int = 3, timeout_s: float = 120.0) -> StepTiming:
    """Open the page at ``start``, zoom in, and time ``steps`` slider steps.

    Parameters
    ----------
    base : str
        Server URL.
    query : str
        Query string after ``date=...`` (e.g. ``&window=all&layers=events``).
    start : date
        The first day shown.
    steps : int
        Steps to time.
    timeout_s : float
        Give up on a step (or the first load) after this long.

    Returns
    -------
    StepTiming
        Step times; whether the zoom survived every step; or the error that stopped it.
    """
    result = StepTiming()
    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = offline_page(browser, blocked)
            _open(page, f"{base}/?date={start.isoformat()}{query}", timeout_s * 1000)
            page.evaluate(_OBSERVE, MAP_IFRAME)
            page.evaluate(_ZOOM_IN)
            page.wait_for_timeout(300)
            for number in range(1, steps + 1):
                result.step_ms.append(_step(page, start + timedelta(days=number), timeout_s * 1000))
                result.view_kept &= page.evaluate(_ZOOM) == 9
        except Exception as err:  # a benchmark reports a failure, it does not crash on it
            result.error = f"{type(err).__name__}: {str(err).splitlines()[0][:160]}"
        finally:
            browser.close()
    return result


def _read_memory(log: Path, pid: int) -> tuple[float, float]:
    """Ask :mod:`bench.memory_server` for a reading; return (traced Python heap, resident size) in MiB."""
    lines = len(log.read_text().splitlines())
    os.kill(pid, signal.SIGUSR2)
    deadline = time.monotonic() + 30
    while len(log.read_text().splitlines()) == lines:
        if time.monotonic() > deadline:
            raise RuntimeError("the memory server did not answer within 30 s")
        time.sleep(0.1)
    heap, rss = log.read_text().splitlines()[-1].split()
    return float(heap), float(rss)


def memory_over_steps(data: Path, start: date, steps: int = 200, every: int = 20) -> dict[str, object]:
    """Step the slider ``steps`` days forward in one session; read the server's memory every ``every`` steps.

    The server is started for this alone, through :mod:`bench.memory_server`, which traces the Python heap.
    The first reading comes after ``every`` warm-up steps (caches filled, pages compiled).

    Returns
    -------
    dict
        ``steps``; ``readings``, a list of (step, traced Python heap MiB, resident MiB); and the growth per
        step from the first reading to the last, for the heap and for the resident size (KiB per step).
    """
    if steps < 2 * every:
        raise ValueError(f"memory_over_steps needs at least {2 * every} steps to have two readings")
    readings: list[tuple[int, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "memory.log"
        log.touch()
        env = {"CONTESTED_MEMORY_LOG": str(log)}
        with server(ROOT / "app.py", data, extra_env=env) as (base, pid), sync_playwright() as playwright:
            browser = launch(playwright)
            page = offline_page(browser, [])
            _open(page, f"{base}/?date={start.isoformat()}&window=30d&layers=events", 120_000)
            for number in range(1, steps + 1):
                page.locator(SLIDER).focus()
                page.keyboard.press("ArrowRight")
                day = (start + timedelta(days=number)).isoformat()
                page.wait_for_function(
                    "(day) => document.body.innerText.includes('to ' + day + ')')", arg=day, timeout=60_000, polling=50
                )
                if number % every == 0:
                    page.wait_for_timeout(500)  # let the run finish sending before reading
                    readings.append((number, *_read_memory(log, pid)))
            browser.close()
    (first_step, first_heap, first_rss), (last_step, last_heap, last_rss) = readings[0], readings[-1]
    span = last_step - first_step
    return {
        "steps": steps,
        "readings": readings,
        "heap_kib_per_step": (last_heap - first_heap) * 1024 / span,
        "rss_kib_per_step": (last_rss - first_rss) * 1024 / span,
    }


async def _session(browser, base: str, start: date, steps: int, errors: list[str], times: list[float]) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 950})

    async def handle(route) -> None:
        if route.request.url.startswith(LOCAL_PREFIXES):
            await route.continue_()
        else:
            await route.abort()

    await context.route("**/*", handle)
    page = await context.new_page()
    page.on("pageerror", lambda err: errors.append(f"page error: {err}"))
    try:
        # Every session opens at the same moment, on a server no session has used yet.
        await page.goto(f"{base}/?date={start.isoformat()}&window=30d&layers=events", timeout=300_000)
        await page.frame_locator(MAP_IFRAME).locator(".leaflet-container").wait_for(timeout=300_000)
        await page.evaluate(_OBSERVE, MAP_IFRAME)
        for number in range(1, steps + 1):
            await page.locator(SLIDER).focus()
            t0 = await page.evaluate("Date.now()")
            await page.keyboard.press("ArrowRight")
            day = (start + timedelta(days=number)).isoformat()
            await page.wait_for_function(_SETTLED, arg=[t0, day, 300], timeout=300_000, polling=100)
            times.append(await page.evaluate("() => window.__mapChanged") - t0)
        if await page.locator("[data-testid=stException]").count():
            errors.append("an exception box on the page")
    except Exception as err:  # counted and reported
        errors.append(f"{type(err).__name__}: {str(err).splitlines()[0][:160]}")
    finally:
        await context.close()


async def _sessions(base: str, start: date, sessions: int, steps: int) -> tuple[list[str], list[float]]:
    errors: list[str] = []
    times: list[float] = []
    async with async_playwright() as playwright:
        # Every tab is "in the background" but one: keep Chromium from throttling their timers and rendering.
        flags = [*CHROMIUM_FLAGS, *_NO_THROTTLING]
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=flags, headless=True)
        await asyncio.gather(
            *(_session(browser, base, start + timedelta(days=n * 7), steps, errors, times) for n in range(sessions))
        )
        await browser.close()
    return errors, times


def concurrent_sessions(base: str, pid: int, start: date, sessions: int = 20, steps: int = 10) -> dict[str, object]:
    """Open ``sessions`` browser sessions at once, each stepping the slider ``steps`` times.

    Returns
    -------
    dict
        Steps done, errors, step time p50/p95 (ms), the server's memory before, at peak and after (MiB),
        the wall time and the CPU time the server used (s). The browsers share the machine's cores with the
        server, so step times under this load include waiting for a core.
    """
    before, cpu_before = rss_mib(pid), cpu_seconds(pid)
    started = time.monotonic()
    with RssSampler(pid) as sampler:
        errors, times = asyncio.run(_sessions(base, start, sessions, steps))
    cpu = cpu_seconds(pid) - cpu_before
    ordered = sorted(times)
    return {
        "sessions": sessions,
        "steps_done": len(times),
        "steps_asked": sessions * steps,
        "errors": errors,
        "p50_ms": statistics.median(ordered) if ordered else float("nan"),
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan"),
        "rss_before": before,
        "rss_peak": sampler.peak,
        "rss_after": rss_mib(pid),
        "seconds": time.monotonic() - started,
        "server_cpu_s": cpu,
    }
