"""Loading pauses the cyclic garbage collector and always restores it (geo.io.gc_pause.without_cyclic_gc)."""

from __future__ import annotations

import gc
import threading

import pytest

from geo.errors import DataError
from geo.io import check_file, load_layer
from geo.io.gc_pause import without_cyclic_gc


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_back_on_after_nested_calls():
    seen = []

    @without_cyclic_gc
    def inner() -> None:
        seen.append(("inner", gc.isenabled()))

    @without_cyclic_gc
    def outer() -> None:
        seen.append(("outer", gc.isenabled()))
        inner()
        seen.append(("outer after inner", gc.isenabled()))

    outer()
    assert seen == [("outer", False), ("inner", False), ("outer after inner", False)]
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on(tmp_path):
    path = tmp_path / "events.geojson"
    path.write_bytes(b'{"type": "FeatureCollection", "features": [{"type": "Feature"}]}')
    with pytest.raises(DataError):
        load_layer(path, "events")
    assert gc.isenabled()
    assert check_file(b"not json", "x.geojson", "events").problems
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    check_file(b"not json", "x.geojson", "events")
    assert not gc.isenabled()


def test_overlapping_calls_from_two_threads_share_one_pause():
    inside = [threading.Event(), threading.Event()]
    leave = [threading.Event(), threading.Event()]

    @without_cyclic_gc
    def hold(number: int) -> None:
        inside[number].set()
        leave[number].wait(timeout=10)

    threads = [threading.Thread(target=hold, args=(n,)) for n in (0, 1)]
    for number, thread in enumerate(threads):
        thread.start()
        assert inside[number].wait(timeout=10)
    assert not gc.isenabled()
    leave[0].set()  # the first to enter leaves first: the other still needs the pause
    threads[0].join(timeout=10)
    assert not gc.isenabled()
    leave[1].set()
    threads[1].join(timeout=10)
    assert gc.isenabled()
