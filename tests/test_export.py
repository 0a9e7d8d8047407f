"""Exporters: round trips in every format, the exact Arrow schema, determinism."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from actionplan.normalise import FIELDS, normalise

from actionplan import export, ingest

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def records():
    out = []
    for name in ("000_9f9255b261eaf6f2.txt", "004_e84f46dd32060436.txt"):
        out += normalise(ingest.read(SAMPLES / name)).records
    return out


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_round_trip_gives_the_same_records(tmp_path, records, suffix):
    path = tmp_path / f"actions{suffix}"
    export.write(records, path)
    assert export.load(path) == records


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_output_is_byte_identical_across_runs(tmp_path, records, suffix):
    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    export.write(records, a)
    export.write(records, b)
    assert a.read_bytes() == b.read_bytes()


def test_exact_arrow_schema(tmp_path, records):
    path = tmp_path / "a.parquet"
    export.write(records, path, tags={"organisation": "RGT"})
    text, dictionary = pa.string(), pa.dictionary(pa.int32(), pa.string())
    expected = pa.schema([
        ("source_file", text), ("source_format", dictionary), ("source_sha256", text),
        ("page", pa.int32()), ("table", pa.int32()), ("row", pa.int32()), ("plan_title", text),
        ("plan_updated", pa.date32()), pa.field("action_id", text, nullable=False),
        ("section", pa.list_(text)), ("theme", text), ("outcome", text), ("ref", text),
        pa.field("action", text, nullable=False), ("evidence", text), ("lead", text),
        ("due_text", text), ("risks", text), ("notes", text), ("progress", text),
        ("status_text", text), ("extra", pa.map_(text, text)), ("status", dictionary),
        ("status_score", pa.float64()), ("rag", dictionary), ("due_date", pa.date32()),
        ("due_kind", dictionary), ("recurrence", dictionary), ("flags", pa.list_(text)),
        ("sheet", text), ("organisation", text),
    ])
    assert pq.read_schema(path).remove_metadata().equals(expected)


def test_all_null_column_keeps_its_type(tmp_path, records):
    path = tmp_path / "a.parquet"
    export.write(records[:1], path)
    schema = pq.read_schema(path)
    assert schema.field("ref").type == pa.string()
    assert schema.field("recurrence").type == pa.dictionary(pa.int32(), pa.string())


def test_csv_layout(tmp_path, records):
    path = tmp_path / "a.csv"
    export.write(records, path, tags={"period": "2020-Q2"})
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header = raw.split(b"\r\n", 1)[0].decode()
    assert header.split(",") == [*FIELDS, "period"]
    package = json.loads((tmp_path / "datapackage.json").read_text())
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == [*FIELDS, "period"]
    assert {f["name"]: f["type"] for f in fields}["due_date"] == "date"


def test_csv_for_excel_has_bom(tmp_path, records):
    path = tmp_path / "a.csv"
    export.write(records, path, excel=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert export.load(path) == records


def test_jsonl_names_and_types(tmp_path, records):
    path = tmp_path / "a.jsonl"
    export.write(records, path)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == list(FIELDS)
    assert first["plan_updated"] == "2020-09-01" and first["section"] == [] and first["extra"] == {}


def test_unknown_suffix_is_a_clear_error(tmp_path, records):
    with pytest.raises(export.UnknownFormat, match="suffix"):
        export.write(records, tmp_path / "a.ods")
