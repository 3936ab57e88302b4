"""The schema is derived from the model: plans, references, JSON Schema files that match the data."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import mtib
from mtib.core.fields import meta
from mtib.core.schema import COLLECTIONS, Shape, columns, json_schema, plan, references
from mtib.io.schemas import schemas, write

DATA = Path(__file__).resolve().parents[1] / "data"


def _plain(value: Any) -> Any:
    """YAML values as JSON would hold them (dates as ISO text)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v)))


def test_the_schema_files_are_what_the_model_gives(tmp_path: Path) -> None:
    written = write(tmp_path)
    assert sorted(p.name for p in written) == sorted(schemas())
    for path in written:
        assert path.read_text(encoding="utf-8") == schemas()[path.name]
        assert json.loads(path.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")


@pytest.mark.skipif(not DATA.is_dir(), reason="the data/ directory is not here (installed package only)")
@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_each_data_file_names_its_schema_and_meets_it(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=\.\./src/mtib/schemas/([a-z_]+\.schema\.json)", first)
    assert match, f"{path.name}: the first line names no schema"
    schema = json.loads(schemas()[match.group(1)])
    data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    for key in data:
        assert match.group(1) == "mtib.schema.json" or key == match.group(1).split(".")[0], (path.name, key)
    jsonschema.validate(data, schema)


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema("partnerships")
    good = {"id": "p", "name": "P", "topsectors": [], "themes": [], "sdgs": [], "participants": [], "sources": ["s"]}
    jsonschema.validate({"partnerships": [good]}, schema)
    for bad in (
        {**good, "colour": "red"},  # unknown key
        {**good, "status": "running"},  # not in the vocabulary
        {**good, "id": "Not A Slug"},  # malformed id
        {k: v for k, v in good.items() if k != "participants"},  # a required key missing
        {**good, "participants": [{"organisation": "tno", "sphere": "academia"}]},  # derived: never read
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"partnerships": [bad]}, schema)


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_every_field_has_a_plan_with_a_shape_and_a_meaning(name: str) -> None:
    cls = COLLECTIONS[name]
    p = plan(cls)
    assert [f.name for f in p.fields] == [a.name for a in attrs.fields(cls)]
    assert p.collection == name
    for f in p.fields:
        assert isinstance(f.shape, Shape)
        assert meta(f.attribute).doc, f"{cls.__name__}.{f.name} says nothing of what it means"
        if f.meta.ref is not None:
            assert f.meta.ref == "*" or f.meta.ref in COLLECTIONS, (cls.__name__, f.name)


def test_columns_follow_the_fields() -> None:
    cols = columns(mtib.Partnership)
    assert cols[:2] == ["id", "name"]
    assert {"period_start", "period_end", "budget_amount", "budget_currency", "description_nl"} <= set(cols)
    assert "participants" in cols and "period" not in cols


def test_references_follow_the_metadata(ds: mtib.Dataset) -> None:
    p = ds.partnerships["momentum"]
    refs = {(where[0], to) for where, _, to, _ in references(p)}
    assert ("participants", "organisations") in refs and ("sdgs", "sdgs") in refs and ("sources", "sources") in refs
    assert len(list(references(p))) == (
        len(p.topsectors)
        + len(p.themes)
        + len(p.missions)
        + len(p.participants)
        + len(p.sources)
        + sum(2 if link.target else 1 for link in p.sdgs)
    )


def test_a_new_optional_field_is_carried_everywhere_from_one_declaration() -> None:
    """What the architecture promises: one declaration on the model, and every derived
    surface (structuring, dump, flat rows, frames, CSV input, JSON Schema) knows the field."""
    from mtib.analysis import frames, tables
    from mtib.core.fields import field
    from mtib.io.converting import converter

    @attrs.frozen
    class Thing:
        id: str = field("the id")
        note: str | None = field("a throw-away optional field", default=None)
        amount: mtib.Money | None = field("some money", default=None)

    thing = converter().structure({"id": "t", "note": "n", "amount": {"amount": 5}}, Thing)
    assert thing == Thing("t", "n", mtib.Money(Decimal(5)))
    assert converter().unstructure(thing) == {"id": "t", "note": "n", "amount": {"amount": 5}}  # defaults left out
    assert tables.flat_row(thing) == {"id": "t", "note": "n", "amount_amount": "5", "amount_currency": "EUR"}
    assert [c.name for c in frames._record_columns(Thing)] == ["id", "note", "amount_amount", "amount_currency"]
    assert [f.name for f in plan(Thing).fields] == ["id", "note", "amount"]
