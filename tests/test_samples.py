"""End to end on samples/2021: the tally figure by figure against expected.json (computed independently)."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from reportgen.outputs import dumps, tally_dict
from reportgen.pipeline import read_inbox
from reportgen.tally import tally
from tests.conftest import SAMPLES

EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result(settings):
    t = tally(read_inbox(SAMPLES, settings), settings, 2021, date(2021, 12, 1))
    return t, json.loads(dumps(tally_dict(t)), parse_float=Decimal, parse_int=Decimal)


def _rows(rows, keys):
    return [tuple(str(r[k]) for k in keys) for r in rows]


@pytest.mark.parametrize("section,keys", [
    ("by_county", ("county", "industry", "unit", "capacity", "enterprises", "items", "quantity")),
    ("by_industry", ("industry", "unit", "capacity", "enterprises", "items", "quantity")),
    ("by_method", ("method", "industry", "unit", "capacity", "enterprises", "items", "quantity")),
    ("by_ground", ("ground", "industry", "unit", "capacity", "enterprises", "items", "quantity")),
])
def test_totals_figure_by_figure(result, section, keys):
    _, data = result
    assert _rows(data[section], keys) == _rows(EXPECTED[section], keys)


def test_accounting_and_invariant(result):
    t, data = result
    acc = {k: int(v) for k, v in data["accounting"].items()}
    assert acc == EXPECTED["accounting"]
    assert acc["rows_read"] == acc["counted"] + acc["rejected"] + acc["duplicate"] + acc["other_year"]
    assert int(data["enterprises"]) == EXPECTED["enterprises"]


def test_every_counted_item_with_its_source(result):
    _, data = result
    expected = [i for i in EXPECTED["items"] if i.get("outcome", "counted") == "counted"] \
        if "outcome" in EXPECTED["items"][0] else EXPECTED["items"]
    got = {(i["source"]["file"], i["source"]["sheet"], int(i["source"]["row"])): i for i in data["items"]}
    want = {(i["source"]["file"], i["source"]["sheet"], i["source"]["row"]): i for i in expected}
    assert set(got) == set(want)
    for key, exp in want.items():
        item = got[key]
        for field in ("county", "enterprise", "uscc", "industry", "equipment", "unit", "method"):
            assert item[field] == exp[field], (key, field)
        assert item["capacity"] == Decimal(exp["capacity"]), key
        assert item["grounds"] == exp["grounds"], key


def test_submissions_missing_and_superseded(result):
    t, data = result
    assert data["missing"] == EXPECTED["missing"]
    status = {s["file"]: s["status"] for s in data["submissions"]}
    for f in EXPECTED["files"]:
        assert status[f["file"]] == f["status"], f["file"]
    assert "~$贺兰县2021年落后产能退出情况.xlsx" not in status
    for s in EXPECTED["superseded"]:
        assert next(x for x in data["submissions"] if x["file"] == s["file"])["superseded_by"] == s["superseded_by"]


def test_rejected_cells_and_problem_places(result):
    t, data = result
    errors = {(p["file"], p["sheet"], p["cell"]) for p in data["problems"] if p["severity"] == "error"}
    assert errors == {(c["file"], c["sheet"], c["cell"]) for c in EXPECTED["rejected_cells"]}
    got = sorted((p["severity"], p["file"], p["sheet"], int(p["row"]) if p["row"] is not None else None)
                 for p in data["problems"])
    want = sorted((p["severity"], p["file"], p["sheet"], p["row"]) for p in EXPECTED["problems"])
    assert got == want


def test_records_of_other_kinds(result):
    t, _ = result
    assert [(y.enterprise, y.source.row) for y in t.yellow] == \
        [(y["enterprise"], y["row"]) for y in EXPECTED["yellow"] if y["used"]]
    assert [(r.enterprise, r.source.row) for r in t.red] == [(r["enterprise"], r["row"]) for r in EXPECTED["red"] if r["used"]]
    assert [(e.enterprise, e.source.row) for e in t.exceedances] == \
        [(e["enterprise"], e["row"]) for e in EXPECTED["exceedances"] if e["used"]]
