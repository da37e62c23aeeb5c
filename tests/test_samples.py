"""End to end on samples/2021: the tally figure by figure against expected.json (computed independently)."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from reportgen.write.tally_json import dumps, tally_dict
from reportgen.api import read_inbox
from reportgen.tally.aggregate import tally
from tests.conftest import SAMPLES

EXPECTED = json.loads((SAMPLES.parent / "expected.json").read_text(encoding="utf-8"))


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
    assert {k: acc[k] for k in EXPECTED["accounting"]} == EXPECTED["accounting"]  # keys may be added
    assert acc["rows_read"] == acc["counted"] + acc["rejected"] + acc["duplicate"] + acc["other_year"] + acc["not_yet"]
    assert acc["sheet_rows"] == acc["rows_read"] + acc["skipped"] + acc["above_header"] + acc["header_rows"] \
        + acc["unread_rows"] and acc["above_header"] > 0
    assert int(data["enterprises"]) == EXPECTED["enterprises"]


def test_every_counted_item_with_its_source(result):
    _, data = result
    expected = [i for i in EXPECTED["items"] if i["outcome"] == "counted"]
    assert len(expected) < len(EXPECTED["items"])  # the samples also hold rejected, duplicate and 2020 rows
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


# ----------------------------------------------------------------------------- plan, progress, task table, lists
AS_OF = date.fromisoformat(EXPECTED["as_of"])
STATUSES = {"整改中", "已延期", "逾期未整改", "已达标销号", "已转红牌"}


def _dec(text):
    return None if text is None else Decimal(text)


def test_city_workbooks_are_used_without_a_submitter(result):
    t, _ = result
    status = {s.file: s for s in t.submissions}
    for name in ("目标任务.xlsx", "任务分解表.xlsx"):
        assert status[name].status == "used" and status[name].submitter is None
    assert not [p for p in t.problems if p.file in ("目标任务.xlsx", "任务分解表.xlsx")
                and p.code.startswith("submitter")]
    assert EXPECTED["accounting_by_kind"]["target"] == len(t.targets) == 23
    assert EXPECTED["accounting_by_kind"]["task"] == len(t.tasks) == 14


def test_targets_row_by_row_in_canonical_units(result):
    t, _ = result
    got = [(x.source.row, x.county, x.industry, x.capacity, x.unit, x.enterprise, x.equipment) for x in t.targets]
    want = [(x["source"]["row"], x["county"], x["industry"], Decimal(x["capacity"]), x["unit"], x["enterprise"],
             x["equipment"]) for x in EXPECTED["targets"]]
    assert got == want
    written_in_tons = [x for x in EXPECTED["targets"] if x["written"].endswith("吨") and x["unit"] == "万吨"
                       and not x["written"].endswith("万吨")]
    assert [(x["county"], x["industry"], x["capacity"]) for x in written_in_tons] == [("西夏区", "铁合金", "5")]


def test_progress_per_county_and_industry(result):
    t, _ = result
    got = [(p.county, p.industry, p.unit, p.target, p.done, p.ratio, p.level, p.named_planned, p.named_done)
           for p in t.progress]
    want = [(p["county"], p["industry"], p["unit"], _dec(p["target"]), Decimal(p["done"]), _dec(p["ratio"]), p["level"],
             p["named_planned"], p["named_done"]) for p in EXPECTED["progress"]]
    assert got == want


def test_progress_samples_cover_every_level():
    """The samples keep one county per situation (a guard against regenerating them into a flat case)."""
    worst = {}
    order = ("正常", "通报", "约谈")
    for p in EXPECTED["progress"]:
        if p["level"] in order:
            worst[p["county"]] = max(worst.get(p["county"], "正常"), p["level"], key=order.index)
    assert worst == {"兴庆区": "正常", "西夏区": "通报", "金凤区": "正常", "永宁县": "正常", "贺兰县": "约谈",
                     "灵武市": "约谈"}
    assert any(p["ratio"] and Decimal(p["ratio"]) > 1 for p in EXPECTED["progress"])
    assert any(p["level"] == "无目标" for p in EXPECTED["progress"])
    nothing = [p for p in EXPECTED["progress"] if p["county"] == "贺兰县" and p["industry"] == "电石"]
    assert nothing[0]["done"] == "0" and nothing[0]["target"] == "2"


def test_plan_problems_name_the_plan_rows(result):
    t, _ = result
    missing = sorted((p.row, p.value) for p in t.problems if p.code == "plan-item-missing")
    want = sorted((p["row"], p["value"]) for p in EXPECTED["problems"] if p["code_hint"] == "plan-item-missing")
    assert missing == want and [r for r, _ in want] == [15, 21, 23]
    silent = [p for p in t.problems if p.code == "target-no-submission"]
    assert [(p.file, p.row) for p in silent] == [("目标任务.xlsx", 23)] and "灵武市" in silent[0].message
    named = {(p.county, p.industry): [x.enterprise for x in p.named_missing] for p in t.progress if p.named_missing}
    assert named == {("永宁县", "钢铁"): ["永宁县闽宁镇宏达铸造厂"], ("贺兰县", "铁合金"): ["宁夏贺兰县永达硅业有限公司"],
                     ("灵武市", "水泥"): ["宁夏灵武市瑞丰建材有限公司"]}


def _fold(text: str) -> str:
    return " ".join(text.split())


def test_task_table_read_faithfully(result):
    t, _ = result
    got = [(x.number, x.title, _fold(x.content), _fold(x.leads), _fold(x.partners), x.source.row) for x in t.tasks]
    want = [(x["number"], x["title"], _fold(x["content"]), _fold(x["leads"]), _fold(x["partners"]), x["row"])
            for x in EXPECTED["tasks"]]
    assert got == want
    by_number = {x["number"]: x for x in EXPECTED["tasks"]}
    assert by_number[9]["title"] == by_number[8]["title"] == "严格执法监管"
    assert by_number[12]["partners"] == "银川市生态环境局\n银川市场监管局\n银川市应急管理局等部门"
    assert by_number[5]["partners"].endswith("银川市人社局等部门")
    assert "淘汰落实产能" in by_number[5]["content"] and by_number[4]["leads"] == "相关部门按职责分工分别负责"


def test_task_workbook_keeps_the_seed_layout():
    from openpyxl import load_workbook

    ws = load_workbook(SAMPLES / "任务分解表.xlsx")["任务分解"]
    assert ws["A2"].value == "2021年银川市利用综合标准依法依规推动落后产能退出工作任务分解表"
    assert [c.value for c in ws[3]] == ["序号", "主要任务", "主要内容", "牵头部门\n（负责部门）", "参与部门"]
    assert "B11:B12" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A11"].value == 8 and ws["B11"].value == "严格执法监管" and ws["B12"].value is None
    assert ws["D6"].value == "银川市工业和信息化局\n银川市发展改革委"  # task 3: two names, one per line
    assert ws["E16"].value == "银川市生态环境局\n银川市市场监管局\n银川市应急管理局等部门"  # task 13


def test_yellow_status_as_of_the_build_date(result):
    t, _ = result
    assert t.as_of == AS_OF
    got = [(s.case.enterprise, s.case.source.row, s.deadline, s.effective, s.status) for s in t.yellow_status]
    day = lambda text: date.fromisoformat(text) if text else None  # noqa: E731  ("": no notice yet, no deadline)
    want = [(y["enterprise"], y["row"], day(y["deadline"]), day(y["effective"]), y["status"])
            for y in EXPECTED["yellow_status"]]
    assert got == want
    assert {y["status"] for y in EXPECTED["yellow_status"]} == STATUSES
    energy = next(y for y in EXPECTED["yellow_status"] if y["enterprise"] == "宁夏永宁县瑞鑫铁合金有限公司")
    assert energy["deadline"] == "2022-02-28"  # 2021-08-31 + 6 months, month-end safe


def test_no_extension_on_a_safety_case_and_red_links(result):
    t, _ = result
    assert not [p for p in t.problems if p.code.startswith("extension")]
    assert all(s.case.extended_to is None for s in t.yellow_status if s.case.category == "安全")
    linked = {r.case.enterprise: len(r.exit_items) for r in t.red_status}
    assert linked == {"宁夏盛达焦化有限公司": 0, "银川市兴庆区鑫源铸造有限公司": 1}
    quality = [s for s in t.yellow_status if s.case.category == "质量"]
    assert [s.case.publisher for s in quality] == ["银川市市场监督管理局"]


def test_every_sample_uscc_valid_but_one(result):
    from reportgen.parse.words import check_uscc

    t, _ = result
    codes = {x.uscc for x in (*t.items, *t.yellow, *t.red, *t.exceedances)}
    bad = sorted(c for c in codes if check_uscc(c)[1] is not None)
    assert bad == ["91640106MA7FQQ2093"]
