"""The table of layer kinds: consistent with the schemas, and what loading, links and pages read."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

import geo.io.dataset
from geo.errors import DataError
from geo.io import load_dataset
from geo.layer_kinds import KINDS_BY_NAME, LAYER_KINDS, in_words, layer_kind
from tests.conftest import FIXED_TODAY


def test_each_kind_has_its_own_name_file_and_schema():
    assert [kind.name for kind in LAYER_KINDS] == ["settlements", "claims", "events", "areas"]
    assert len({kind.file for kind in LAYER_KINDS}) == len(LAYER_KINDS)
    for kind in LAYER_KINDS:
        assert kind.schema.kind == kind.name
        assert KINDS_BY_NAME[kind.name] is kind is layer_kind(kind.name)


def test_named_fields_are_fields_of_the_schema():
    for kind in LAYER_KINDS:
        fields = {spec.name for spec in kind.schema.fields}
        assert set(kind.date_fields) <= fields, kind.name
        assert set(kind.detected_by) <= fields, kind.name
        if kind.references_settlements:
            assert "settlement_id" in fields, kind.name


def test_settlements_come_first_and_nothing_refers_to_a_later_kind():
    assert LAYER_KINDS[0].name == "settlements"
    assert not LAYER_KINDS[0].references_settlements
    assert all(kind.references_settlements or not kind.near_settlement for kind in LAYER_KINDS)


def test_the_timeline_date_is_the_first_date_field():
    assert layer_kind("claims").dated_by == "claim_date"
    assert layer_kind("events").dated_by == "event_date"
    assert layer_kind("settlements").dated_by is None
    assert layer_kind("areas").dated_by == "valid_from"


def test_unknown_kind_is_a_key_error():
    with pytest.raises(KeyError):
        layer_kind("frontlines")


def test_only_areas_are_optional_and_not_points():
    assert [kind.name for kind in LAYER_KINDS if not kind.required] == ["areas"]
    assert [kind.name for kind in LAYER_KINDS if not kind.points] == ["areas"]


def test_kinds_in_words():
    assert in_words(LAYER_KINDS, "or") == "settlements, claims, events or control areas"
    assert in_words(LAYER_KINDS[:1], "and") == "settlements"


def test_a_missing_optional_file_loads_as_none_and_a_required_one_fails(tiny_dir, tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(tiny_dir, folder)
    (folder / "events.geojson").unlink()
    with pytest.raises(DataError, match=r"events\.geojson: cannot be read"):
        load_dataset(folder, today=FIXED_TODAY)
    optional = tuple(
        dataclasses.replace(kind, required=False) if kind.name == "events" else kind for kind in LAYER_KINDS
    )
    monkeypatch.setattr(geo.io.dataset, "LAYER_KINDS", optional)
    dataset = load_dataset(folder, today=FIXED_TODAY)
    assert dataset.events is None
    assert len(dataset.claims) > 0 and set(dataset.frames) == {"settlements", "claims", "events", "areas"}
    assert dataset.areas is None


def test_each_drawn_kind_names_a_drawing_module_of_geo_map():
    import importlib

    drawn = [kind for kind in LAYER_KINDS if kind.drawn_by]
    assert [kind.name for kind in drawn] == ["settlements", "events", "areas"]
    for kind in drawn:
        assert kind.drawn_by.startswith("geo.map.")
        module = importlib.import_module(kind.drawn_by)
        assert hasattr(module, f"{kind.singular.split()[-1]}_layer"), kind.drawn_by
