"""Blank submission forms: layout, headers, dropdown lists, formats, and a clean read-back."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from openpyxl import load_workbook

from reportgen.config import Submitter
from reportgen.write.forms import (DATA_ROWS, DATE_CELL, GUIDE_SHEET, HEADER_ROW, OPTIONS_SHEET, choice_lists,
                             form_filename, write_form)
from reportgen.parse.headers import SHEET_KINDS

KINDS = ("exit", "yellow", "red", "exceedance")


def county(settings, name="贺兰县") -> Submitter:
    return next(c for c in settings.counties if c.name == name)


def department(settings, short="市生态环境局") -> Submitter:
    return next(d for d in settings.departments if d.short == short)


@pytest.fixture()
def form(tmp_path, settings) -> Path:
    path = tmp_path / "forms" / form_filename(county(settings), 2021)
    write_form(path, settings, county(settings), 2021)
    return path


def column_of(ws, name: str) -> str:
    for cell in ws[HEADER_ROW]:
        if cell.value == name:
            return cell.column_letter
    raise AssertionError(f"no column {name}")


def list_values(wb, ws, dv) -> list[str]:
    """The values a list validation offers, inline ("a,b") or by a range on the options sheet."""
    formula = dv.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, rng = formula.rsplit("!", 1)
    target = wb[sheet.strip("'")]
    return [c.value for row in target[rng.replace("$", "")] for c in row]


def validation_for(ws, letter: str):
    hits = [dv for dv in ws.data_validations.dataValidation
            if f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + DATA_ROWS}" in str(dv.sqref)]
    assert len(hits) == 1, (letter, hits)
    return hits[0]


def test_file_name(settings):
    assert form_filename(county(settings), 2021) == "贺兰县-2021年落后产能退出情况报送表.xlsx"
    odd = Submitter(name='某局/办:"公室"', short="某局", kind="department")
    assert form_filename(odd, 2022) == "某局办公室-2022年落后产能退出情况报送表.xlsx"


def test_sheets_titles_submitter_and_headers(form, settings):
    wb = load_workbook(form)
    assert wb.sheetnames == ["退出明细", "黄牌名单", "红牌名单", "超标排放", GUIDE_SHEET, OPTIONS_SHEET]
    assert wb[OPTIONS_SHEET].sheet_state == "hidden"
    for key in KINDS:
        kind = SHEET_KINDS[key]
        ws = wb[kind.name]
        assert ws["A1"].value == f"2021年银川市落后产能退出情况报送表（{kind.name}）"
        assert ws["A2"].value == "填报单位：贺兰县"
        assert ws["D2"].value == "填报日期："
        assert [c.value for c in ws[HEADER_ROW]] == [c.name for c in kind.columns]
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert ws.max_row == HEADER_ROW + DATA_ROWS  # bordered rows, no 合计 row
        values = [c.value for row in ws.iter_rows(min_row=HEADER_ROW + 1) for c in row]
        assert all(v is None for v in values)
        for letter, dim in ws.column_dimensions.items():
            header = ws[f"{letter}{HEADER_ROW}"].value
            if header:
                assert dim.width >= len(header) * 2, header
    assert wb["退出明细"][DATE_CELL].value is None
    assert "退出明细" in wb["黄牌名单"][DATE_CELL].value  # follows the first sheet's date


def test_dropdowns_offer_the_configured_lists(form, settings):
    wb = load_workbook(form)
    ws = wb["退出明细"]
    expect = {
        "县（市）区": list(settings.county_names()),
        "行业": [i.name for i in settings.industries],
        "退出方式": ["拆除", "封存", "关停", "其他"],
        "依据类别": ["能耗", "环保", "质量", "安全", "技术"],
        "数量单位": ["台", "套", "条", "座"],
    }
    for name, values in expect.items():
        dv = validation_for(ws, column_of(ws, name))
        assert dv.type == "list" and list_values(wb, ws, dv) == values, name
    units = list_values(wb, ws, validation_for(ws, column_of(ws, "产能单位")))
    assert len(units) == len(set(units))
    assert {"万吨", "吨", "万标张", "万重量箱", "亿米", "米", "万千伏安时"} <= set(units)
    grounds = validation_for(ws, column_of(ws, "依据类别"))
    assert grounds.errorStyle == "information" and "、" in grounds.error  # several may be typed
    assert validation_for(ws, column_of(ws, "退出方式")).errorStyle == "stop"
    yellow = wb["黄牌名单"]
    assert list_values(wb, yellow, validation_for(yellow, column_of(yellow, "复查结果"))) == ["达标", "未达标"]
    assert list_values(wb, yellow, validation_for(yellow, column_of(yellow, "不达标类别"))) == \
        ["能耗", "环保", "质量", "安全", "技术"]
    ex = wb["超标排放"]
    assert list_values(wb, ex, validation_for(ex, column_of(ex, "情节严重"))) == ["是", "否"]


def test_long_lists_go_through_the_options_sheet(tmp_path, settings):
    from dataclasses import replace

    from reportgen.config import Industry
    many = tuple(Industry(name=f"行业名称很长的第{n}个行业", unit="万吨") for n in range(40))
    big = replace(settings, industries=many)
    path = tmp_path / "f.xlsx"
    write_form(path, big, county(settings), 2021)
    wb = load_workbook(path)
    ws = wb["退出明细"]
    dv = validation_for(ws, column_of(ws, "行业"))
    assert dv.formula1.startswith(f"'{OPTIONS_SHEET}'!$")
    assert list_values(wb, ws, dv) == [i.name for i in many]


def test_formats_and_date_validation(form):
    wb = load_workbook(form)
    ws = wb["退出明细"]
    uscc = column_of(ws, "统一社会信用代码")
    assert ws[f"{uscc}{HEADER_ROW + 1}"].number_format == "@"
    done = column_of(ws, "完成时间")
    assert ws[f"{done}{HEADER_ROW + 5}"].number_format == "yyyy-mm-dd"
    dv = validation_for(ws, done)
    assert dv.type == "date" and dv.showErrorMessage and "日期" in dv.error or "完成时间" in dv.error
    assert int(dv.formula1) == 44197 and int(dv.formula2) == 44561  # 2021-01-01 .. 2021-12-31
    cap = validation_for(ws, column_of(ws, "退出产能"))
    assert cap.type == "decimal" and cap.operator == "greaterThan" and cap.formula1 == "0"
    assert "数字" in cap.error
    assert validation_for(ws, column_of(ws, "数量")).type == "whole"
    notice = validation_for(wb["黄牌名单"], column_of(wb["黄牌名单"], "整改通知日期"))
    assert notice.type == "date" and notice.errorStyle == "stop" and "日期" in notice.error


def test_guide_explains_every_column(form):
    ws = load_workbook(form)[GUIDE_SHEET]
    rows = [r for r in ws.iter_rows(values_only=True)]
    described = {r[0]: r for r in rows if r[1] in ("必填", "选填")}
    for key in KINDS:
        for col in SHEET_KINDS[key].columns:
            assert col.name in described and described[col.name][2], col.name
    # nothing in the guide may look like a 填报单位/填报日期 declaration to the reader
    assert not any(str(c or "").startswith(("填报单位", "填报日期", "报送单位", "填表单位"))
                   for r in rows for c in r)


def fill_like_a_clerk(path: Path, rows: list[dict], fill_date: date, sheet: str = "退出明细") -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    ws[DATE_CELL] = fill_date
    for n, values in enumerate(rows, HEADER_ROW + 1):
        for name, value in values.items():
            ws[f"{column_of(ws, name)}{n}"] = value
    wb.save(path)


EXIT_ROWS = [
    {"序号": 1, "企业名称": "贺兰县某水泥有限公司", "统一社会信用代码": "91640122MA76AB1239", "行业": "水泥",
     "落后生产线（设备）名称": "Φ2.6m水泥磨", "规格型号": "Φ2.6×13m", "数量": 1, "数量单位": "台",
     "退出产能": 12.35, "产能单位": "万吨", "退出方式": "拆除", "依据类别": "技术",
     "完成时间": datetime(2021, 9, 30)},
    {"序号": 2, "企业名称": "贺兰县某铸造厂", "行业": "钢铁", "落后生产线（设备）名称": "中频感应炉",
     "规格型号": "5t", "数量": 2, "数量单位": "台", "退出产能": 3000, "产能单位": "吨", "退出方式": "拆除",
     "依据类别": "技术", "完成时间": datetime(2021, 6, 1)},
    {"序号": 3, "企业名称": "贺兰县某电池厂", "行业": "铅蓄电池", "落后生产线（设备）名称": "铅粉机",
     "退出产能": 0.0001, "产能单位": "万千伏安时", "退出方式": "关停", "依据类别": "环保",
     "完成时间": datetime(2021, 11, 2), "备注": "待拆除"},
]


def test_filled_form_reads_back_with_zero_problems(form, settings):
    from reportgen.parse.intake import read_submission

    fill_like_a_clerk(form, EXIT_ROWS, date(2021, 11, 25))
    sub = read_submission(form, form.parent, settings)
    assert sub.problems == ()
    assert sub.status == "read" and sub.submitter == "贺兰县" and sub.fill_date == date(2021, 11, 25)
    assert [i.capacity for i in sub.items] == [Decimal("12.35"), Decimal("0.3"), Decimal("0.0001")]
    assert [i.county for i in sub.items] == ["贺兰县"] * 3
    assert sub.items[0].uscc == "91640122MA76AB1239" and sub.items[1].unit == "万吨"
    assert sub.rows_read == 3 and sub.rejected == 0


def test_department_form_with_cases_reads_back_clean(tmp_path, settings):
    from reportgen.parse.intake import read_submission

    dept = department(settings)
    path = tmp_path / form_filename(dept, 2021)
    write_form(path, settings, dept, 2021)
    wb = load_workbook(path)
    assert wb["超标排放"]["A2"].value == "填报单位：银川市生态环境局"
    fill_like_a_clerk(path, [
        {"企业名称": "永宁县某造纸厂", "县（市）区": "永宁县", "污染物": "化学需氧量", "排放浓度": 120.5,
         "标准限值": 100, "单位": "mg/L", "监测时间": datetime(2021, 5, 6), "情节严重": "是", "处理措施": "限产整治"},
    ], date(2021, 11, 28), sheet="超标排放")
    sub = read_submission(path, tmp_path, settings)
    assert sub.submitter == dept.short
    assert [p.code for p in sub.problems] == []
    assert len(sub.exceedances) == 1 and sub.exceedances[0].serious
    assert sub.exceedances[0].concentration == Decimal("120.5")


@hsettings(max_examples=5, deadline=None)
@given(st.sampled_from(["兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市"]),
       st.integers(min_value=2000, max_value=2098))
def test_every_county_and_year_gets_its_own_title_and_range(tmp_path_factory, county_name, year):
    from reportgen.config import load_settings

    settings = load_settings()
    sub = county(settings, county_name)
    path = tmp_path_factory.mktemp("f") / form_filename(sub, year)
    write_form(path, settings, sub, year)
    wb = load_workbook(path)
    ws = wb["退出明细"]
    assert ws["A1"].value.startswith(f"{year}年银川市") and ws["A2"].value == f"填报单位：{county_name}"
    assert path.name.startswith(f"{county_name}-{year}年")
    dv = validation_for(ws, column_of(ws, "完成时间"))
    assert (dv.formula1, dv.formula2) == (str((date(year, 1, 1) - date(1899, 12, 30)).days),
                                          str((date(year, 12, 31) - date(1899, 12, 30)).days))
    assert list_values(wb, ws, validation_for(ws, column_of(ws, "县（市）区"))) == list(settings.county_names())
    assert choice_lists(settings)["county"] == settings.county_names()
