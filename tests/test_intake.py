"""Workbook-level reading: one test per mess of submission-format.md, built in tmp_path."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from reportgen.parse.intake import read_submission
from tests.conftest import write_xlsx

HEADER = ["序号", "县（市）区", "企业名称", "统一社会信用代码", "行业", "落后生产线（设备）名称", "规格型号", "数量",
          "数量单位", "退出产能", "产能单位", "退出方式", "依据类别", "完成时间", "备注"]
USCC = "91640122MA76AB7Q8X"  # fixed below with a valid check character


def valid_uscc(body17: str) -> str:
    from reportgen.parse.words import uscc_check_char

    return body17 + uscc_check_char(body17)


def row(n=1, county="贺兰县", name="宁夏贺兰兴旺水泥有限公司", uscc=None, industry="水泥", equip="水泥磨机",
        spec="Φ2.2×6.5m", qty=1, qunit="台", cap=12, unit="万吨", method="拆除", grounds="技术",
        done="2021-09-30", note=""):
    return [n, county, name, uscc if uscc is not None else valid_uscc("91640122MA76AB7Q8"), industry, equip, spec,
            qty, qunit, cap, unit, method, grounds, done, note]


def top(unit="填报单位：贺兰县工业和信息化局", when="填报日期：2021年11月20日"):
    return [["贺兰县2021年落后产能退出情况表"], [unit, None, None, None, None, None, when]]


def read(tmp_path, name, sheets, settings, merged=None):
    inbox = tmp_path / "inbox"
    path = write_xlsx(inbox / name, sheets, merged)
    return read_submission(path, inbox, settings)


def codes(sub):
    return sorted(p.code for p in sub.problems)


def test_clean_form_reads_without_problems(tmp_path, settings):
    sub = read(tmp_path, "贺兰县.xlsx", {"退出明细": top() + [HEADER, row(1), row(2, equip="水泥磨机2", cap="60万吨")]},
               settings)
    assert sub.status == "read" and sub.submitter == "贺兰县"
    assert sub.fill_date == date(2021, 11, 20)
    assert sub.problems == ()
    assert [i.capacity for i in sub.items] == [Decimal("12"), Decimal("60")]
    item = sub.items[0]
    assert (item.county, item.industry, item.unit, item.method, item.grounds) == ("贺兰县", "水泥", "万吨", "拆除", ("技术",))
    assert item.completed == date(2021, 9, 30)
    assert item.source.row == 4 and item.source.sheet == "退出明细" and item.source.file == "贺兰县.xlsx"
    assert sub.rows_read == 2 and sub.rejected == 0


def test_submitter_from_file_name_when_no_cell(tmp_path, settings):
    sub = read(tmp_path, "西夏区2021年落后产能退出情况.xlsx", {"Sheet1": [HEADER, row(county="")]}, settings)
    assert sub.submitter == "西夏区"
    assert sub.items[0].county == "西夏区"


def test_unknown_submitter_warns_and_rows_need_county(tmp_path, settings):
    sub = read(tmp_path, "报表.xlsx", {"Sheet1": [HEADER, row(county=""), row(2, county="永宁县")]}, settings)
    assert sub.submitter is None
    assert "submitter-unidentified" in codes(sub)
    assert [i.county for i in sub.items] == ["永宁县"]
    missing = [p for p in sub.problems if p.code == "required-missing"]
    assert missing[0].cell == "B2" and "县（市）区" in missing[0].message
    assert sub.rejected == 1


def test_department_name_by_containment(tmp_path, settings):
    sheets = {"S": [["填报单位：市生态环境局"], HEADER, row(county="金凤区")]}
    sub = read(tmp_path, "a.xlsx", sheets, settings)
    assert sub.submitter == "市生态环境局"


def test_two_row_merged_header(tmp_path, settings):
    upper = ["序号", "企业名称", "行业", "落后生产线（设备）情况", None, None, "退出产能（万吨）", "退出方式", "完成时间"]
    lower = [None, None, None, "名称", "规格型号", "数量", None, None, None]
    data = [1, "宁夏某水泥有限公司", "水泥熟料", "机立窑", "Φ2.5m", "2", "8", "拆除", "2021.6.1"]
    merged = {"S": ["A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3", "H2:H3", "I2:I3"]}
    sub = read(tmp_path, "永宁县.xlsx", {"S": [["永宁县落后产能退出表"], upper, lower, data]}, settings, merged)
    assert sub.problems == ()
    item = sub.items[0]
    assert (item.equipment, item.spec, item.quantity, item.capacity, item.industry) == \
        ("机立窑", "Φ2.5m", 2, Decimal("8"), "水泥")
    assert item.source.row == 4


def test_units_in_cells_header_and_conversion(tmp_path, settings):
    header = ["企业名称", "行业", "设备名称", "退出产能（吨）", "退出方式", "完成时间"]
    rows = [header,
            ["甲公司", "水泥", "磨机", "12000", "拆除", "2021-03-01"],
            ["乙公司", "水泥", "磨机", "1.5万吨/年", "拆除", "2021-03-01"],
            ["丙公司", "活性炭", "炭化炉", "3000", "封存", "2021-03-01"]]
    sub = read(tmp_path, "兴庆区.xlsx", {"S": rows}, settings)
    caps = [(i.capacity, i.unit) for i in sub.items]
    assert caps == [(Decimal("1.2"), "万吨"), (Decimal("1.5"), "万吨"), (Decimal("3000"), "吨")]


def test_messy_values(tmp_path, settings):
    rows = top() + [HEADER,
                    row(1, cap="１２．５", done=datetime(2021, 5, 3)),
                    row(2, equip="磨2", cap="1,200", unit="吨", done=44500),  # Excel serial 2021-10-31
                    row(3, equip="磨3", cap=" 3 ", done="2021年9月30日"),
                    row(4, equip="磨4", cap="0.1", done="2021/9/30"),
                    row(5, equip="磨5", cap="2\u3000", name="宁夏\u200b某公司", done="2021年9月")]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert sub.rejected == 0
    assert [i.capacity for i in sub.items] == [Decimal("12.5"), Decimal("0.12"), Decimal("3"), Decimal("0.1"),
                                               Decimal("2")]
    assert [i.completed for i in sub.items] == [date(2021, 5, 3), date(2021, 10, 31), date(2021, 9, 30),
                                                date(2021, 9, 30), date(2021, 9, 30)]
    assert sub.items[4].enterprise == "宁夏某公司"
    assert "invisible-chars" in codes(sub)


def test_non_data_rows_are_skipped_not_rejected(tmp_path, settings):
    rows = top() + [HEADER, ["一、水泥"], row(1), [], HEADER, ["二、钢铁"],
                    row(2, industry="钢铁", equip="中频炉", spec="2×5t", cap=3),
                    ["合计", None, None, None, None, None, None, None, None, 15],
                    ["注：本表由县工信局填报"], ["填报人：张三", None, "联系电话：0951-1234567"]]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert sub.rows_read == 2 and sub.rejected == 0 and len(sub.items) == 2
    assert sub.skipped == 7
    assert sub.problems == ()


def test_total_mismatch_warns(tmp_path, settings):
    rows = [HEADER, row(1, cap=12), row(2, equip="磨2", cap=3), ["合计"] + [None] * 8 + [16]]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    p = [p for p in sub.problems if p.code == "total-mismatch"]
    assert len(p) == 1 and p[0].cell == "J4" and "15" in p[0].message
    assert len(sub.items) == 2


def test_bad_rows_are_rejected_with_cell_and_fix(tmp_path, settings):
    rows = top() + [HEADER, row(1, cap="—"), row(2, name=""), row(3, method="改造"), row(4, done="明年"),
                    row(5, industry="纺织"), row(6)]
    sub = read(tmp_path, "贺兰县.xlsx", {"退出明细": rows}, settings)
    assert sub.rows_read == 6 and sub.rejected == 5 and len(sub.items) == 1
    errors = {(p.cell, p.code) for p in sub.problems if p.is_error}
    assert ("J4", "number-unreadable") in errors or any(c == "J4" for c, _ in errors)
    assert any(c == "C5" for c, _ in errors)
    assert any(c == "L6" for c, _ in errors)
    assert any(c == "N7" for c, _ in errors)
    assert any(c == "E8" for c, _ in errors)
    for p in sub.problems:
        assert p.message.startswith("贺兰县.xlsx「退出明细」") and p.hint


def test_bad_uscc_is_a_warning_and_row_counts(tmp_path, settings):
    rows = [HEADER, row(1, uscc="91640122MA76AB7Q80"), row(2, equip="b", uscc=9.16401e17)]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert len(sub.items) == 2
    warn = [p for p in sub.problems if p.cell in ("D2", "D3")]
    assert len(warn) == 2 and not any(p.is_error for p in warn)


def test_unknown_columns_are_kept_as_extras(tmp_path, settings):
    rows = [HEADER + ["联系人"], row(1) + ["王五"]]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert sub.items[0].extras == (("联系人", "王五"),)


def test_renamed_columns(tmp_path, settings):
    header = ["单位名称", "所在县区", "所属行业", "淘汰设备名称", "淘汰产能", "计量单位", "淘汰方式", "完成日期"]
    rows = [header, ["甲公司", "灵武市", "钢铁", "中频炉", "5000", "吨", "拆除", "2021-07-01"]]
    sub = read(tmp_path, "x.xlsx", {"S": rows}, settings)
    assert [(i.county, i.capacity, i.unit) for i in sub.items] == [("灵武市", Decimal("0.5"), "万吨")]


def test_missing_required_column_is_reported_once(tmp_path, settings):
    header = ["企业名称", "行业", "设备名称", "退出产能", "完成时间"]
    rows = [header] + [["甲", "水泥", "磨", "1", "2021-01-01"]] * 3
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    p = [p for p in sub.problems if p.code == "column-missing"]
    assert len(p) == 1 and "退出方式" in p[0].message and p[0].row == 1
    assert sub.items == ()


def test_hidden_sheet_is_read_and_reported(tmp_path, settings):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "封面"
    hidden = wb.create_sheet("明细")
    for r in [HEADER, row(1)]:
        hidden.append(r)
    hidden.sheet_state = "hidden"
    path = tmp_path / "inbox" / "贺兰县.xlsx"
    path.parent.mkdir()
    wb.save(path)
    sub = read_submission(path, tmp_path / "inbox", settings)
    assert len(sub.items) == 1 and "sheet-hidden" in codes(sub)


def test_yellow_red_and_exceedance_sheets(tmp_path, settings):
    yellow = [["企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "存在问题", "整改通知日期", "整改期限",
               "延期至", "复查结果", "发布部门"],
              ["甲公司", "", "贺兰县", "水泥", "能耗", "熟料单位产品综合能耗超限额", "2021-03-01", "", "", "", "市市场监管局"]]
    red = [["企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "关闭日期", "关闭依据（文号）", "发布部门"],
           ["乙公司", "", "西夏区", "钢铁", "安全", "2021-08-01", "银应急〔2021〕12号", "市应急管理局"]]
    exceed = [["企业名称", "统一社会信用代码", "县（市）区", "污染物", "排放浓度", "标准限值", "单位", "监测时间",
               "情节严重", "处理措施"],
              ["丙公司", "", "金凤区", "颗粒物", "45.5", "30", "mg/m³", "2021-06-01", "是", "责令停产整治"]]
    sub = read(tmp_path, "市市场监管局.xlsx", {"黄牌": yellow, "红牌": red, "超标": exceed}, settings)
    assert sub.problems == ()
    assert sub.yellow[0].category == "能耗" and sub.yellow[0].notice_date == date(2021, 3, 1)
    assert sub.red[0].closed_on == date(2021, 8, 1) and sub.red[0].basis == "银应急〔2021〕12号"
    assert sub.exceedances[0].serious is True and sub.exceedances[0].concentration == Decimal("45.5")
    assert sub.rows_read == 3


@pytest.mark.parametrize("name,content,code", [
    ("a.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "format-et"),
    ("a.csv", "企业名称,行业\n甲,水泥\n".encode(), None),
    ("a.xls", b"<html><body><table></table></body></html>", None),
])
def test_files_we_do_not_read_are_reported(tmp_path, settings, name, content, code):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / name).write_bytes(content)
    sub = read_submission(inbox / name, inbox, settings)
    assert sub.status in ("unrecognised", "unreadable")
    assert len(sub.problems) == 1 and sub.problems[0].file == name and sub.problems[0].hint
    if code:
        assert sub.problems[0].code == code


def test_corrupt_xlsx_is_a_file_error(tmp_path, settings):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "贺兰县.xlsx").write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    sub = read_submission(inbox / "贺兰县.xlsx", inbox, settings)
    assert sub.status == "unreadable" and sub.problems[0].is_error
    assert sub.submitter == "贺兰县"


def test_task_table_with_merged_title(tmp_path, settings):
    header = ["序号", "主要任务", "主要内容", "牵头部门（负责部门）", "参与部门"]
    rows = [["2021年银川市利用综合标准依法依规推动落后产能退出工作任务分解表"], header,
            [8, "严格执法监管", "加大节能监察力度……", "银川市工业和信息化局", "银川市发展改革委\n银川市综合执法局"],
            [9, None, "严格安全生产监督执法……", "银川市应急管理局", "其他负有安全生产监管管理职责的部门"],
            ["十", "完善工作机制", "加强组织领导……", "银川市工业和信息化局", ""]]
    sub = read(tmp_path, "任务分解表.xlsx", {"任务分解": rows}, settings, {"任务分解": ["B3:B4"]})
    assert [(t.number, t.title, t.leads) for t in sub.tasks] == \
        [(8, "严格执法监管", "银川市工业和信息化局"), (9, "严格执法监管", "银川市应急管理局")]
    assert sub.tasks[0].partners == "银川市发展改革委 银川市综合执法局"
    assert [p.code for p in sub.problems] == ["task-number"] and sub.problems[0].cell == "A5"
    assert sub.rows_read == 3 and sub.rejected == 1


def test_long_blank_run_stops_reading_with_a_warning(tmp_path, settings):
    from dataclasses import replace

    small = replace(settings, limits=replace(settings.limits, blank_run=5))
    rows = [HEADER, row(1)] + [[]] * 7 + [row(2, equip="窑")]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, small)
    assert len(sub.items) == 1
    p = [p for p in sub.problems if p.code == "sheet-truncated"]
    assert len(p) == 1 and "连续5行以上的空行" in p[0].message
