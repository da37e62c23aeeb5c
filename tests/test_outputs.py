"""tally.json: the contract of outputs.md, exact decimals."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from hypothesis import given, strategies as st

from reportgen.parse.values import plain_text
from reportgen.write.tally_json import _num, _plain, dumps, tally_dict, write_tally
from reportgen.tally.aggregate import tally
from tests.test_tally import item, sub


def test_contract_keys_and_exact_numbers(settings):
    s = sub("贺兰县.xlsx", "贺兰县", [item("贺兰县.xlsx", cap="0.1"), item("贺兰县.xlsx", row=3, cap="0.2", equipment="窑")])
    data = json.loads(dumps(tally_dict(tally([s], settings, 2021, date(2021, 12, 1)))), parse_float=Decimal)
    assert data["year"] == 2021
    for key in ("by_county", "by_industry", "items", "yellow", "red", "exceedances", "submissions", "missing",
                "problems", "accounting"):
        assert key in data
    row = data["by_county"][0]
    assert {k: row[k] for k in ("county", "industry", "unit", "capacity", "enterprises", "items")} == \
        {"county": "贺兰县", "industry": "水泥", "unit": "万吨", "capacity": Decimal("0.3"), "enterprises": 1, "items": 2}
    it = data["items"][0]
    for key in ("county", "enterprise", "uscc", "industry", "equipment", "spec", "quantity", "capacity", "unit",
                "method", "grounds", "completed", "source"):
        assert key in it
    assert it["source"] == {"file": "贺兰县.xlsx", "sheet": "S", "row": 2} and it["completed"] == "2021-06-01"
    assert set(data["accounting"]) >= {"rows_read", "counted", "rejected", "duplicate", "other_year", "skipped"}
    assert data["submissions"][0] == {"submitter": "贺兰县", "file": "贺兰县.xlsx", "status": "used",
                                      "superseded_by": "", "fill_date": None, "role": ""}


@given(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("99999999999"), places=4, allow_nan=False))
def test_decimals_reach_json_digit_for_digit(value):
    text = dumps({"v": _num(value)})
    assert json.loads(text, parse_float=Decimal, parse_int=Decimal)["v"] == value


def test_data_cannot_forge_numbers():
    text = dumps({"name": '@dec1@"', "x": [1, "a\"b"]})
    assert json.loads(text) == {"name": '@dec1@"', "x": [1, 'a"b']}


def test_written_file_is_the_tally_one_record_per_line(settings, tmp_path):
    rows = [item("贺兰县.xlsx", row=r, cap=f"{r}.10", equipment=f"窑{r}") for r in range(2, 6)]
    t = tally([sub("贺兰县.xlsx", "贺兰县", rows)], settings, 2021, date(2021, 12, 1))
    path = tmp_path / "tally.json"
    write_tally(path, t)
    text = path.read_text(encoding="utf-8")
    assert text == dumps(tally_dict(t))
    assert json.loads(text, parse_float=Decimal) == json.loads(dumps(tally_dict(t)), parse_float=Decimal)
    lines = text.splitlines()
    item_lines = [json.loads(line.strip().rstrip(","), parse_float=Decimal) for line in lines
                  if line.startswith('    {"county"') and '"enterprise"' in line]
    assert [x["capacity"] for x in item_lines] == [Decimal("2.1"), Decimal("3.1"), Decimal("4.1"), Decimal("5.1")]


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_fast_plain_is_plain_text(value):
    assert _plain(value) == plain_text(value)
