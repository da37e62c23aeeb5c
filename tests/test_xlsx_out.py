"""汇总表.xlsx: sheets, totals, exact numbers, status words, problems, deterministic bytes."""
from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from openpyxl import load_workbook

from reportgen.models import (ERROR, WARNING, Accounting, Exceedance, ExitItem, Problem, RedCase, Source,
                              SubmissionStatus, Tally, Target, Total, YellowCase)
from reportgen.write.summary import SHEET_NAMES, write_summary
from reportgen.write.xlsx import display_width, number_text


def item(county: str, enterprise: str, industry: str, capacity: str, unit: str = "万吨", *,
         row: int = 5, uscc: str = "", method: str = "拆除", grounds=("技术",), submitter: str | None = None,
         file: str | None = None) -> ExitItem:
    return ExitItem(
        county=county, enterprise=enterprise, uscc=uscc, industry=industry, equipment="Φ2.6m水泥磨",
        spec="Φ2.6×13m", quantity=1, quantity_unit="台", capacity=Decimal(capacity), unit=unit,
        method=method, grounds=tuple(grounds), completed=date(2021, 9, 30),
        source=Source(file or f"{county}.xlsx", "退出明细", row), submitter=submitter or county,
        funds=Decimal("12.35"), extras=(("联系人", "张三"),))


def total(capacity: str, unit: str, enterprises: int, items: int) -> Total:
    return Total(capacity=Decimal(capacity), unit=unit, enterprises=enterprises, items=items, quantity=items)


def make_tally(items=(), **over) -> Tally:
    items = tuple(items)
    base = dict(
        year=2021, as_of=date(2021, 12, 5), items=items, duplicates=(), other_year=(),
        yellow=(YellowCase("宁夏某焦化有限公司", "", "灵武市", "焦炭", "能耗", "单位产品能耗超限额",
                           date(2021, 3, 1), date(2021, 9, 1), date(2021, 12, 1), "未达标", "市工信局",
                           Source("市工信局.xlsx", "黄牌名单", 4), "市工信局"),),
        red=(RedCase("银川某电石厂", "", "永宁县", "电石", "安全", date(2021, 6, 30), "银应急〔2021〕5号",
                     "市应急管理局", Source("市应急管理局.xlsx", "红牌名单", 4), "市应急管理局"),),
        exceedances=(Exceedance("贺兰某造纸厂", "", "贺兰县", "化学需氧量", Decimal("120.5"), Decimal("100"),
                                "mg/L", date(2021, 5, 6), True, "限产整治",
                                Source("市生态环境局.xlsx", "超标排放", 6), "市生态环境局"),),
        targets=(Target("兴庆区", "水泥", Decimal("20"), "万吨", "", "", Source("目标.xlsx", "目标任务", 3)),),
        by_county=(("兴庆区", "水泥", total("12.35", "万吨", 1, 1)),
                   ("西夏区", "水泥", total("0.0001", "万吨", 1, 1)),
                   ("西夏区", "铅蓄电池", total("3", "万套", 1, 1))),
        by_industry=(("水泥", total("12.3501", "万吨", 2, 2)), ("铅蓄电池", total("3", "万套", 1, 1))),
        by_method=(("拆除", "水泥", total("12.3501", "万吨", 2, 2)),),
        by_ground=(("技术", "水泥", total("12.3501", "万吨", 2, 2)),),
        submissions=(SubmissionStatus("兴庆区", "兴庆区.xlsx", "used", fill_date=date(2021, 11, 20)),
                     SubmissionStatus("西夏区", "西夏区-旧.xlsx", "superseded", superseded_by="西夏区.xlsx"),
                     SubmissionStatus("西夏区", "西夏区.xlsx", "used"),
                     SubmissionStatus("市应急管理局", "应急局.xls", "unreadable"),
                     SubmissionStatus(None, "照片.jpg", "unrecognised"),
                     SubmissionStatus("灵武市", "", "missing")),
        missing=("灵武市",),
        problems=(Problem(ERROR, "number-unreadable", "西夏区.xlsx「退出明细」H8：退出产能「—」不是数字",
                          "请填写数字（单位：万吨）", "西夏区.xlsx", "退出明细", 8, "H8", "—"),
                  Problem(WARNING, "uscc-check", "信用代码校验位不对", "", "兴庆区.xlsx", "退出明细", 5, "", "123")),
        accounting=Accounting(rows_read=4, counted=3, rejected=1),
        enterprises=3,
    )
    base.update(over)
    if "yellow_status" not in over:  # the statuses as the tally computes them from the cases
        from reportgen.tally.enforcement import classify_yellow, link_red, price_list

        base["yellow_status"] = tuple(classify_yellow(base["yellow"], base["red"], items, base["as_of"])[0])
        base["red_status"] = tuple(link_red(base["red"], items)[0])
        base["price_list"] = tuple(price_list([*base["yellow_status"], *base["red_status"]], base["as_of"]))
    if "progress" not in over:
        from reportgen.config import load_settings
        from reportgen.tally.progress import compute_progress

        base["progress"] = tuple(compute_progress(base["targets"], items, load_settings(), base["as_of"],
                                                  {"兴庆区", "西夏区"}, year=2021)[0])
    return Tally(**base)


@pytest.fixture()
def tally() -> Tally:
    return make_tally([item("兴庆区", "银川某水泥有限公司", "水泥", "12.35", uscc="91640100MA76XXXX1X"),
                       item("西夏区", "西夏某建材厂", "水泥", "0.0001", row=6),
                       item("西夏区", "西夏某电池厂", "铅蓄电池", "3", "万套", row=7, method="关停",
                            grounds=("环保", "技术"))])


def rows_of(ws) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def find_row(rows: list[tuple], first: object) -> tuple:
    return next(r for r in rows if r and r[0] == first)


def test_sheet_names_and_frozen_headers(tmp_path, tally, settings):
    out = tmp_path / "out" / "汇总表.xlsx"
    write_summary(out, tally, settings)
    wb = load_workbook(out)
    assert tuple(wb.sheetnames) == SHEET_NAMES
    assert wb["汇总"].freeze_panes == wb["分类汇总"].freeze_panes == "B3"
    for name in SHEET_NAMES[2:]:
        assert wb[name].freeze_panes == "A2", name
        assert wb[name].auto_filter.ref and wb[name].auto_filter.ref.startswith("A1:"), name
        assert wb[name]["A1"].font.bold


def test_summary_totals_by_county_with_units(tmp_path, tally, settings):
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, tally, settings)
    rows = rows_of(load_workbook(out)["汇总"])
    assert rows[0][0] == "2021年银川市落后产能退出情况汇总表"
    head = find_row(rows, "县（市）区")
    assert head[:5] == ("县（市）区", "企业数（家）", "项目数（个）", "水泥（万吨）", "铅蓄电池（万套）")
    assert find_row(rows, "兴庆区")[:5] == ("兴庆区", 1, 1, 12.35, None)  # nothing in an industry: an empty cell
    assert find_row(rows, "西夏区")[:5] == ("西夏区", 2, 2, 0.0001, 3)
    assert find_row(rows, "灵武市")[:5] == ("灵武市", "未报送", "未报送", None, None)  # missing: said, not zeros
    assert find_row(rows, "金凤区")[:3] == ("金凤区", 0, 0)  # sent a file with nothing in it
    assert find_row(rows, "全市合计")[:5] == ("全市合计", 3, 3, 12.3501, 3)
    assert head[-3:] == ("职工安置（人）", "奖补资金（万元）", "已验收（项）")
    assert find_row(rows, "全市合计")[-3:-1] == (0, 37.05)  # 3 items × 12.35 万元
    assert any(r and str(r[0]).startswith("制表单位：银川市工业和信息化局") and r[3] == "制表日期：2021年12月5日"
               for r in rows)
    target = next(r for r in rows if r[:2] == ("兴庆区", "水泥"))
    assert target[2:7] == ("万吨", 20, 12.35, 0.6175, "正常")
    ws = load_workbook(out)["汇总"]
    assert ws.page_setup.fitToHeight == 1 and ws.page_setup.orientation == "landscape"
    assert ws.cell(row=5, column=1).border.left.style == "thin"
    rows = rows_of(load_workbook(out)["分类汇总"])
    by_industry = find_row(rows, "行业")
    assert by_industry[:6] == ("行业", "单位", "企业数（家）", "项目数（个）", "数量（台套）", "退出产能")
    assert find_row(rows, "铅蓄电池")[:6] == ("铅蓄电池", "万套", 1, 1, 1, 3)
    assert find_row(rows, "拆除")[:7] == ("拆除", "水泥", "万吨", 2, 2, 2, 12.3501)


def test_numbers_keep_their_exact_digits(tmp_path, settings):
    values = ["12.35", "0.0001", "0.07", "0.009", "8.1", "123456.789012", "1E+2", "12.50"]
    items = [item("兴庆区", f"企业{n}", "水泥", v, row=n + 5) for n, v in enumerate(values)]
    items.append(item("西夏区", "西夏企业", "水泥", "0.009", row=30))
    out = tmp_path / "汇总表.xlsx"
    odd = (("兴庆区", "水泥", total("0.07", "万吨", 1, 1)), ("西夏区", "水泥", total("0.009", "万吨", 1, 1)))
    write_summary(out, make_tally(items, by_county=odd), settings)
    summary = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<v>0.07</v>" in summary and "<v>0.009</v>" in summary and "0000000" not in summary
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet3.xml").decode("utf-8")  # 明细
    for text in ("<v>0.07</v>", "<v>0.009</v>", "<v>8.1</v>", "<v>100</v>", "<v>12.5</v>"):
        assert text in xml
    assert "0.07000000000000001" not in xml and "0.008999999999999999" not in xml
    got = [r[9] for r in rows_of(load_workbook(out)["明细"])[1:]]
    assert [Decimal(repr(v)) for v in got] == [Decimal(v) for v in values + ["0.009"]]


@hsettings(max_examples=60, deadline=None)
@given(st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("99999999"), places=4,
                   allow_nan=False, allow_infinity=False))
def test_number_text_is_exact_for_clerk_sized_values(value):
    text = number_text(value)
    assert Decimal(text) == value
    assert "E" not in text and "e" not in text
    assert Decimal(repr(float(text))) == value  # what a reader gets back is the typed value


def test_list_sheets_carry_source_dates_and_types(tmp_path, tally, settings):
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, tally, settings)
    wb = load_workbook(out)
    detail = rows_of(wb["明细"])
    head = detail[0]
    assert head[:4] == ("序号", "县（市）区", "企业名称", "统一社会信用代码")
    assert "退出产能" in head and "产能单位" in head and head[-3:] == ("来源文件", "来源工作表", "来源行号")
    row = dict(zip(head, detail[3], strict=False))
    assert row["序号"] == 3 and row["依据类别"] == "环保、技术" and row["产能单位"] == "万套"
    assert row["来源文件"] == "西夏区.xlsx" and row["来源行号"] == 7 and row["其他信息"] == "联系人：张三"
    assert row["完成时间"] == datetime(2021, 9, 30)
    date_cell = wb["明细"].cell(row=2, column=head.index("完成时间") + 1)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    uscc_cell = wb["明细"].cell(row=2, column=4)
    assert uscc_cell.value == "91640100MA76XXXX1X" and uscc_cell.data_type == "s"
    yellow = dict(zip(*rows_of(wb["黄牌"])[:2], strict=False))
    assert yellow["延期至"] == datetime(2021, 12, 1) and yellow["复查结果"] == "未达标"
    assert yellow["最终期限"] == datetime(2021, 12, 1) and yellow["状态"] == "逾期未整改"
    red = dict(zip(*rows_of(wb["红牌"])[:2], strict=False))
    assert red["退出明细"] == "未填报"
    price = dict(zip(*rows_of(wb["差别价格"])[:2], strict=False))
    assert price["企业名称"] == "宁夏某焦化有限公司" and price["执行差别价格的原因"] == "能耗不达标"
    ex = dict(zip(*rows_of(wb["超标排放"])[:2], strict=False))
    assert ex["排放浓度"] == 120.5 and ex["情节严重"] == "是"
    red = dict(zip(*rows_of(wb["红牌"])[:2], strict=False))
    assert red["关闭依据（文号）"] == "银应急〔2021〕5号"


def test_submission_status_words(tmp_path, tally, settings):
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, tally, settings)
    rows = rows_of(load_workbook(out)["报送情况"])
    head = rows[0]
    table = [dict(zip(head, r, strict=False)) for r in rows[1:]]
    by_file = {r["文件"]: r for r in table if r["文件"]}
    assert by_file["兴庆区.xlsx"]["状态"] == "已采用"
    assert by_file["兴庆区.xlsx"]["填报日期"] == datetime(2021, 11, 20)
    assert by_file["西夏区-旧.xlsx"]["状态"] == "已被新版本替代"
    assert by_file["西夏区-旧.xlsx"]["替代它的文件"] == "西夏区.xlsx"
    assert by_file["应急局.xls"]["状态"] == "无法读取"
    assert by_file["应急局.xls"]["报送单位"] == "银川市应急管理局"
    assert by_file["照片.jpg"]["状态"] == "无法识别"
    by_name = {}
    for r in table:
        by_name.setdefault(r["报送单位"], []).append(r["状态"])
    assert by_name["灵武市"] == ["未报送"]
    assert by_name["永宁县"] == ["未报送"]  # expected, no file, even if the tally forgot it
    assert by_name["银川市财政局"] == ["未报送（非必报）"]
    # every configured submitter appears, in configured order, before unknown senders
    names = [r["报送单位"] for r in table]
    assert [n for n in dict.fromkeys(names) if n in {s.name for s in settings.submitters}] == \
        [s.name for s in settings.submitters]
    assert names[-1] == "（未识别报送单位）"


def test_problem_rows(tmp_path, tally, settings):
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, tally, settings)
    ws = load_workbook(out)["问题清单"]
    rows = rows_of(ws)
    assert rows[0] == ("序号", "问题类别", "严重程度", "文件", "工作表", "单元格", "值", "说明", "修改建议", "问题代码")
    assert rows[1] == (1, "数据填写", "错误", "西夏区.xlsx", "退出明细", "H8", "—",
                       "西夏区.xlsx「退出明细」H8：退出产能「—」不是数字", "请填写数字（单位：万吨）",
                       "number-unreadable")
    assert rows[2][:7] == (2, "统一社会信用代码", "警告", "兴庆区.xlsx", "退出明细", "第5行", "123")
    assert ws["C2"].font.color.rgb.endswith("C00000")


def test_problem_list_groups_by_category(tmp_path, tally, settings):
    """The 问题清单 lists problems category by category (catalogue order), the tally's order within each."""
    first = Problem(WARNING, "uscc-check", "甲", file="a.xlsx")
    second = Problem(ERROR, "corrupt", "乙", file="b.xlsx")
    third = Problem(WARNING, "duplicate", "丙", file="c.xlsx")
    fourth = Problem(ERROR, "number-unreadable", "丁", file="d.xlsx")
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, replace(tally, problems=(first, second, third, fourth)), settings)
    rows = rows_of(load_workbook(out)["问题清单"])
    assert [r[1] for r in rows[1:]] == ["文件无法读取", "数据填写", "统一社会信用代码", "重复与年度"]
    assert [r[7] for r in rows[1:]] == ["乙", "丁", "甲", "丙"]


def test_same_tally_same_bytes(tmp_path, tally, settings):
    a, b = tmp_path / "a.xlsx", tmp_path / "b" / "汇总表.xlsx"
    write_summary(a, tally, settings)
    write_summary(b, tally, settings)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2021, 12, 5, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "2021-12-05T00:00:00Z" in core
    c = tmp_path / "c.xlsx"
    write_summary(c, make_tally(tally.items, as_of=date(2021, 12, 6)), settings)
    assert c.read_bytes() != a.read_bytes()


def test_empty_tally_still_writes_every_sheet(tmp_path, settings):
    empty = make_tally((), yellow=(), red=(), exceedances=(), targets=(), by_county=(), by_industry=(),
                       by_method=(), by_ground=(), submissions=(), missing=(), problems=(),
                       accounting=Accounting(), enterprises=0)
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, empty, settings)
    wb = load_workbook(out)
    assert tuple(wb.sheetnames) == SHEET_NAMES
    assert find_row(rows_of(wb["汇总"]), "全市合计")[:3] == ("全市合计", 0, 0)
    assert rows_of(wb["明细"])[1:] == []
    statuses = {r[3] for r in rows_of(wb["报送情况"])[1:]}
    assert statuses == {"未报送", "未报送（非必报）"}


def test_column_widths_fit_chinese(tmp_path, tally, settings):
    assert display_width("退出产能（万吨）") == 16
    assert display_width("ab１２") == 6
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, tally, settings)
    ws = load_workbook(out)["明细"]
    assert ws.column_dimensions["F"].width >= display_width("落后生产线（设备）名称")
    assert ws.column_dimensions["C"].width >= display_width("银川某水泥有限公司")


def test_text_is_written_literally(tmp_path, settings):
    odd = ["A&B<有限公司>", "=SUM(1,2)", " 前后有空格 ", "控制\x01字符"]
    items = [item("兴庆区", name, "水泥", "1", row=n + 5) for n, name in enumerate(odd)]
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, make_tally(items), settings)
    ws = load_workbook(out)["明细"]
    got = [ws.cell(row=r, column=3) for r in range(2, 6)]
    assert [c.value for c in got] == ["A&B<有限公司>", "=SUM(1,2)", " 前后有空格 ", "控制字符"]
    assert all(c.data_type == "s" for c in got)  # never a formula


def test_task_sheet_lists_departments_and_groups(tmp_path, settings):
    from reportgen.models import Task

    src = Source("任务分解表.xlsx", "任务分解", 3, (("leads", 3), ("partners", 4)))
    tasks = (Task(1, "能耗方面", "……", "银川市工业和信息化局", "银川市综合执法局 银川市发展改革委 各县（市）区人民政府", src),
             Task(7, "执行价格政策", "……", "银川市发展改革委", "银川市工业和信息化局", src))
    out = tmp_path / "汇总表.xlsx"
    write_summary(out, make_tally((), tasks=tasks), settings)
    rows = rows_of(load_workbook(out)["任务分工"])
    assert rows[0] == ("序号", "部门", "牵头任务", "参与任务", "来源")
    by_dept = {r[1]: r[2:4] for r in rows[1:]}
    assert by_dept["银川市工业和信息化局"] == ("1.能耗方面", "7.执行价格政策")
    assert by_dept["银川市发展和改革委员会"] == ("7.执行价格政策", "1.能耗方面")
    assert by_dept["各县（市）区人民政府"] == (None, "1.能耗方面")


def test_cells_stay_within_excels_limits(tmp_path, settings):
    """A 40,000-character note with control characters and a lone surrogate: the file stays valid for Excel."""
    from dataclasses import replace

    from reportgen.write.xlsx import CELL_MAX, cell_text

    long_note = "备注\x01\x0b" + "很长的说明" * 8000 + "\ud800" + "\uffff"
    assert len(cell_text(long_note)) == CELL_MAX and "\x01" not in cell_text(long_note)
    assert cell_text("甲\ud800乙\x00") == "甲乙" and cell_text("正常") == "正常"
    it = replace(item("兴庆区", "宁夏\x02某水泥有限公司", "水泥", "12.35"), note=long_note)
    path = tmp_path / "汇总表.xlsx"
    write_summary(path, make_tally([it], problems=(Problem(WARNING, "invisible-chars", "说明" + "长" * 40000, "", "a.xlsx"),)),
                  settings)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):
                    assert len(v) <= CELL_MAX and "\x01" not in v and "\x02" not in v
    notes = [v for row in wb["明细"].iter_rows(values_only=True) for v in row if isinstance(v, str) and "很长" in v]
    assert notes and notes[0].endswith("以下从略）")
