"""Downloading DeepStateMap exports, against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from geo.cli import main
from geo.deepstate_fetch import API_ENV, DEFAULT_API_BASE, FetchError, api_base, download_snapshots
from geo.deepstate_import import import_deepstate
from tests.conftest import REFERENCE, TEST_DATA

SYNTHETIC = TEST_DATA / "deepstate"
PREFIX = "/api/history"


class FakeDeepState:
    """A stand-in for the history API: serves exports from memory, counts requests, can fail on purpose."""

    def __init__(self, exports: dict[int, bytes]) -> None:
        self.exports = exports
        self.requests: Counter[str] = Counter()
        self.fail_first: set[str] = set()  # paths whose first request answers 500
        self.always_fail: set[str] = set()  # paths that always answer 500
        self.broken: dict[str, bytes] = {}  # paths answered 200 with this body
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.requests[self.path] += 1
                flaky = self.path in fake.fail_first and fake.requests[self.path] == 1
                if flaky or self.path in fake.always_fail:
                    return self._answer(500, b"flaky")
                if self.path in fake.broken:
                    return self._answer(200, fake.broken[self.path])
                if self.path == f"{PREFIX}/public":
                    items = [{"id": i, "datetime": f"{i}"} for i in sorted(fake.exports)]
                    return self._answer(200, json.dumps(items).encode())
                parts = self.path.removeprefix(PREFIX + "/").split("/")
                if len(parts) == 2 and parts[1] == "geojson" and parts[0].isdigit() and int(parts[0]) in fake.exports:
                    return self._answer(200, fake.exports[int(parts[0])])
                return self._answer(404, b"not found")

            def _answer(self, code: int, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # keep pytest's output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FakeDeepState:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def synthetic_exports() -> dict[int, bytes]:
    return {int(path.stem): path.read_bytes() for path in sorted((SYNTHETIC / "exports").glob("*.geojson"))}


@pytest.fixture
def api():
    with FakeDeepState(synthetic_exports()) as fake:
        yield fake


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_downloads_every_snapshot_and_retries_a_flaky_answer(api, tmp_path):
    api.fail_first = {f"{PREFIX}/public", f"{PREFIX}/1723401000/geojson"}
    progress = io.StringIO()
    paths = download_snapshots(tmp_path, base=api.base, backoff_s=0.01, progress=progress)
    assert [p.name for p in paths] == ["1723280400.geojson", "1723401000.geojson", "1723580100.geojson"]
    for path in paths:
        assert path.read_bytes() == (SYNTHETIC / "exports" / path.name).read_bytes()
    assert api.requests[f"{PREFIX}/public"] == 2 and api.requests[f"{PREFIX}/1723401000/geojson"] == 2
    assert "downloading 3 DeepStateMap snapshot(s)" in progress.getvalue()
    assert "3/3" in progress.getvalue()
    assert not list(tmp_path.glob("*.part"))


def test_resume_skips_snapshots_already_in_the_folder(api, tmp_path):
    shutil.copy(SYNTHETIC / "exports" / "1723280400.geojson", tmp_path)
    progress = io.StringIO()
    paths = download_snapshots(tmp_path, base=api.base, backoff_s=0.01, progress=progress)
    assert len(paths) == 3
    assert api.requests[f"{PREFIX}/1723280400/geojson"] == 0
    assert api.requests[f"{PREFIX}/1723580100/geojson"] == 1
    assert "(1 already in the folder)" in progress.getvalue()
    download_snapshots(tmp_path, base=api.base, progress=progress)  # a second run fetches only the list
    assert sum(n for path, n in api.requests.items() if path.endswith("/geojson")) == 2


def test_since_selects_snapshots_from_a_utc_day_on(api, tmp_path):
    paths = download_snapshots(tmp_path, base=api.base, since=date(2024, 8, 11), progress=io.StringIO())
    assert [p.stem for p in paths] == ["1723401000", "1723580100"]
    assert not (tmp_path / "1723280400.geojson").exists()


def test_retries_are_bounded(api, tmp_path):
    api.always_fail = {f"{PREFIX}/public"}
    with pytest.raises(FetchError, match=r"HTTP 500 .*gave up after 3 attempts"):
        download_snapshots(tmp_path, base=api.base, retries=2, backoff_s=0.01, progress=io.StringIO())
    assert api.requests[f"{PREFIX}/public"] == 3


def test_a_missing_snapshot_fails_at_once_without_retries(api, tmp_path):
    # The list names a snapshot that the server then cannot find.
    api.broken[f"{PREFIX}/public"] = json.dumps([{"id": 1723280400}, {"id": 1723999999}]).encode()
    with pytest.raises(FetchError, match="HTTP 404") as info:
        download_snapshots(tmp_path, base=api.base, retries=3, backoff_s=0.01, progress=io.StringIO())
    assert api.requests[f"{PREFIX}/1723999999/geojson"] == 1
    assert "\n" not in str(info.value)
    assert (tmp_path / "1723280400.geojson").exists()  # what came before is kept for the next run


@pytest.mark.parametrize(
    ("path", "body", "match"),
    [
        (f"{PREFIX}/public", b"<html>maintenance</html>", "did not return JSON"),
        (f"{PREFIX}/public", b'{"items": []}', "not return a JSON array"),
        (f"{PREFIX}/public", b'[{"id": "../../etc/passwd"}]', "no whole-number 'id'"),
        (f"{PREFIX}/public", b'[{"id": true}]', "no whole-number 'id'"),
        (f"{PREFIX}/public", b'[{"id": 1000000000000000000000000000000}]', "no whole-number 'id'"),
        (f"{PREFIX}/1723280400/geojson", b"<html>", "did not return JSON"),
        (f"{PREFIX}/1723280400/geojson", b'{"type": "Feature"}', "not return a GeoJSON FeatureCollection"),
    ],
)
def test_answers_that_are_not_what_the_api_promises_are_refused_and_nothing_is_saved(api, tmp_path, path, body, match):
    api.broken[path] = body
    with pytest.raises(FetchError, match=match):
        download_snapshots(tmp_path, base=api.base, progress=io.StringIO())
    assert not (tmp_path / "1723280400.geojson").exists()
    assert not list(tmp_path.glob("*.part"))


def test_offline_gives_one_clear_line(tmp_path):
    base = f"http://127.0.0.1:{closed_port()}/api/history"
    with pytest.raises(FetchError) as info:
        download_snapshots(tmp_path, base=base, retries=1, backoff_s=0.01, progress=io.StringIO())
    message = str(info.value)
    assert "cannot reach" in message and "offline" in message and "gave up after 2 attempts" in message
    assert "\n" not in message


def test_offline_from_the_command_line_is_one_line_and_exit_code_1(tmp_path, capsys):
    base = f"http://127.0.0.1:{closed_port()}/api/history"
    code = main(
        [
            "import-deepstate",
            "--from-api",
            "--api-base",
            base,
            "--retries",
            "0",
            "--download-dir",
            str(tmp_path / "downloads"),
            "--out",
            str(tmp_path / "areas.geojson"),
            "--oblasts",
            str(SYNTHETIC / "oblasts.geojson"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("import-deepstate: cannot reach") and err.count("\n") == 1
    assert "Traceback" not in err
    assert not (tmp_path / "areas.geojson").exists()


def test_the_command_line_downloads_then_imports(api, tmp_path, capsys):
    out = tmp_path / "areas.geojson"
    args = ["import-deepstate", "--from-api", "--api-base", api.base, "--download-dir", str(tmp_path / "dl")]
    code = main([*args, "--out", str(out), "--oblasts", str(SYNTHETIC / "oblasts.geojson")])
    assert code == 0, capsys.readouterr()
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["id"] for f in features] == [
        "deepstate-contested-2024-08-10",
        "deepstate-contested-2024-08-13",
        "deepstate-ua-control-2024-08-10",
        "deepstate-ua-control-2024-08-13",
    ]
    assert "downloading 3 DeepStateMap snapshot(s)" in capsys.readouterr().err


def test_api_base_comes_from_the_argument_then_the_environment_then_the_default(monkeypatch):
    monkeypatch.delenv(API_ENV, raising=False)
    assert api_base() == DEFAULT_API_BASE
    monkeypatch.setenv(API_ENV, "http://127.0.0.1:9/history/")
    assert api_base() == "http://127.0.0.1:9/history"
    assert api_base("https://mirror.example/api") == "https://mirror.example/api"
    for bad in ("file:///etc/passwd", "ftp://x/y", "javascript:alert(1)", "http://"):
        with pytest.raises(FetchError, match="not an http"):
            api_base(bad)


def test_real_exports_through_the_fake_api_give_the_reference_areas(tmp_path):
    if not REFERENCE.is_dir():
        pytest.skip(f"reference data not found at {REFERENCE} (it lives in ../shared/reference beside the repo)")
    exports = {int(p.stem): p.read_bytes() for p in sorted((REFERENCE / "deepstate_raw").glob("*.geojson"))}
    exports[1723492591] = (REFERENCE / "deepstate_raw_2024-08-12.geojson").read_bytes()
    with FakeDeepState(exports) as fake:
        fake.fail_first = {f"{PREFIX}/1741781084/geojson"}
        paths = download_snapshots(tmp_path, base=fake.base, backoff_s=0.01, progress=io.StringIO())
    result = import_deepstate(paths, REFERENCE / "oblasts_reference.geojson")
    assert [s.id for s in result.days] == sorted(exports)
    assert all(Path(p).read_bytes() == exports[int(Path(p).stem)] for p in paths)
