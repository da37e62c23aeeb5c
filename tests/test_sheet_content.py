"""What is really on the sheet: a low header, empty forms and 无, and the row accounting of every sheet."""
from __future__ import annotations

from datetime import date

from reportgen.api import read_inbox
from reportgen.tally.aggregate import tally
from tests.conftest import write_xlsx
from tests.test_intake import HEADER, read, row, top

AS_OF = date(2021, 12, 1)


def test_header_below_a_long_instructions_block_is_found_and_rows_above_are_counted(tmp_path, settings):
    notes = [[f"填表说明{n}：请按模板填写，不要合并单元格。"] for n in range(1, 59)]
    sheets = {"S": top() + notes + [HEADER, row(1), row(2, equip="窑")], "说明": [["填表说明"], ["无"]],
              "草稿": [["随手记的数字"], [1, 2, 3]]}
    sub = read(tmp_path, "贺兰县.xlsx", sheets, settings)
    assert len(sub.items) == 2 and sub.items[0].source.row == 62 and sub.fill_date == date(2021, 11, 20)
    assert (sub.above_header, sub.header_rows, sub.rows_read, sub.unread_rows) == (60, 1, 2, 4)
    assert sub.sheet_rows == 60 + 1 + 2 + 4
    assert [p.code for p in sub.problems] == ["sheet-no-header"]  # 草稿 is named; 说明 is an instructions sheet


def test_accounting_adds_rows_above_headers_and_unread_sheets(tmp_path, settings):
    inbox = tmp_path / "inbox"
    write_xlsx(inbox / "贺兰县.xlsx", {"S": top() + [HEADER, row(1), []], "草稿": [["a"], ["b"]]})
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    acc = t.accounting
    assert (acc.above_header, acc.header_rows, acc.unread_rows, acc.skipped, acc.rows_read) == (2, 1, 2, 0, 1)
    assert acc.sheet_rows == 6 and acc.rows_balanced() and acc.balanced()


def test_empty_form_is_a_warning_and_its_sender_is_still_missing(tmp_path, settings):
    inbox = tmp_path / "inbox"
    write_xlsx(inbox / "西夏区2021年落后产能退出情况.xlsx", {"S": top("填报单位：西夏区工业和信息化局") + [HEADER]})
    write_xlsx(inbox / "金凤区2021年落后产能退出情况.xlsx", {"S": top("填报单位：金凤区工业和信息化局") + [HEADER, ["本年度无退出项目"]]})
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert "西夏区" in t.missing and "金凤区" not in t.missing
    (p,) = [p for p in t.problems if p.code == "file-empty"]
    assert p.file.startswith("西夏区") and "视为西夏区尚未报送" in p.message and "本年度无退出项目" in p.hint
    assert not [p for p in t.problems if p.file.startswith("金凤区")]


def test_empty_form_sent_later_does_not_replace_the_real_report(tmp_path, settings):
    import os

    inbox = tmp_path / "inbox"
    real = write_xlsx(inbox / "贺兰县2021年落后产能退出情况.xlsx", {"S": top(when="") + [HEADER, row(1)]})
    blank = write_xlsx(inbox / "贺兰县2021年落后产能退出情况（空白）.xlsx", {"S": top(when="") + [HEADER]})
    os.utime(real, (1_600_000_000, 1_600_000_000))
    os.utime(blank, (1_700_000_000, 1_700_000_000))
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert len(t.items) == 1 and "贺兰县" not in t.missing
    assert not [p for p in t.problems if p.code == "file-superseded"]


def test_merged_enterprise_belongs_to_every_row_it_spans(tmp_path, settings):
    rows = top() + [HEADER, row(1, equip="水泥磨机"), row(2, name=None, uscc="", equip="回转窑"),
                    ["注：本表数据已核实"]]
    merged = {"S": ["C4:C5", "D4:D5", "A7:O7"]}
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings, merged)
    assert sub.rejected == 0 and [i.enterprise for i in sub.items] == ["宁夏贺兰兴旺水泥有限公司"] * 2
    assert sub.items[1].uscc == sub.items[0].uscc and sub.items[1].source.row == 5
    assert sub.skipped == 1 and sub.problems == ()  # the note merged across the row stays a note


def test_untouched_prompt_is_blank(tmp_path, settings):
    rows = top() + [HEADER, row(1, grounds="请选择"), row(2, equip="窑", method="--请选择--"),
                    row(3, equip="磨3", qunit="（点击选择）")]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert [i.grounds for i in sub.items] == [(), ("技术",)] and sub.items[1].quantity_unit == ""
    (p,) = sub.problems
    assert p.code == "required-missing" and p.cell == "L5" and "退出方式" in p.message


def write_styled(tmp_path, name, rows, style):
    """An openpyxl workbook of one sheet "S"; `style(ws)` hides rows or columns, sets a filter, writes formulas."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    for r in rows:
        ws.append(r)
    style(ws)
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    wb.save(inbox / name)
    from reportgen.parse.intake import read_submission
    from reportgen.config import load_settings

    return read_submission(inbox / name, inbox, load_settings())


def test_hidden_rows_columns_and_filter_are_named(tmp_path):
    def style(ws):
        ws.row_dimensions[5].hidden = True
        ws.row_dimensions[6].hidden = True
        ws.row_dimensions[8].hidden = True
        ws.column_dimensions["O"].hidden = True
        ws.auto_filter.ref = "A3:O8"

    rows = top() + [HEADER] + [row(n, equip=f"磨{n}") for n in range(1, 6)]
    sub = write_styled(tmp_path, "贺兰县.xlsx", rows, style)
    assert len(sub.items) == 5  # hidden rows still count, and are named
    (rows_p,) = [p for p in sub.problems if p.code == "rows-hidden"]
    assert "第5～6、8行被隐藏" in rows_p.message and "筛选（A3:O8）" in rows_p.message and rows_p.row == 5
    (cols_p,) = [p for p in sub.problems if p.code == "columns-hidden"]
    assert "O列「备注」" in cols_p.message


def test_a_visible_column_wins_over_a_hidden_one_with_the_same_header(tmp_path):
    header = HEADER[:9] + ["退出产能", "退出产能"] + HEADER[10:]
    data = row(1)
    rows = top() + [header, data[:9] + [99, 12] + data[10:]]
    sub = write_styled(tmp_path, "贺兰县.xlsx", rows, lambda ws: setattr(ws.column_dimensions["J"], "hidden", True))
    assert [i.capacity for i in sub.items] == [12]
    assert "未隐藏列已优先采用" in next(p.message for p in sub.problems if p.code == "columns-hidden")


def test_error_cells_and_formulas_never_calculated_are_named(tmp_path):
    def style(ws):
        ws["J4"] = "#DIV/0!"
        ws["J5"] = "=K5*2"  # openpyxl writes no cached value: never calculated
        ws["A6"] = "=ROW()-3"

    rows = top() + [HEADER, row(1), row(2, equip="窑"), row(3, equip="磨3")]
    sub = write_styled(tmp_path, "贺兰县.xlsx", rows, style)
    found = {p.cell: (p.code, p.message) for p in sub.problems}
    assert found["J4"][0] == "cell-error" and "错误值「#DIV/0!」" in found["J4"][1] and "为空" not in found["J4"][1]
    assert found["J5"][0] == "formula-uncalculated" and "「=K5*2」" in found["J5"][1]
    assert sub.rejected == 2 and len(sub.items) == 1 and "A6" not in found  # 序号 is not read


YELLOW_HEADER = ["序号", "企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "存在问题", "整改通知日期", "整改期限"]


def test_a_second_table_on_a_sheet_is_read_with_its_own_header(tmp_path, settings):
    rows = top() + [HEADER, row(1), row(2, equip="窑"), [], ["黄牌名单"],
                    YELLOW_HEADER, [1, "宁夏某铁合金厂", "", "贺兰县", "铁合金", "能耗", "单耗超标", "2021-03-01", ""]]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert len(sub.items) == 2 and [y.enterprise for y in sub.yellow] == ["宁夏某铁合金厂"] and sub.rejected == 0
    (p,) = [p for p in sub.problems if p.code == "second-table"]
    assert p.row == 8 and "黄牌名单" in p.message
    assert sub.header_rows == 2 and sub.sheet_rows == sub.above_header + 2 + sub.rows_read + sub.skipped


def test_second_table_missing_a_required_column_is_reported_and_not_read(tmp_path, settings):
    rows = top() + [HEADER, row(1), ["序号", "企业名称", "不达标类别", "存在问题"], [1, "某厂", "能耗", "超标"]]
    sub = read(tmp_path, "贺兰县.xlsx", {"S": rows}, settings)
    assert len(sub.items) == 1 and sub.rejected == 0 and sub.unread_rows == 2
    assert any(p.code == "column-missing" and p.row == 5 for p in sub.problems)


def test_reportgens_own_summary_in_the_inbox_is_skipped_with_a_note(tmp_path, settings):
    inbox = tmp_path / "inbox"
    yellow = YELLOW_HEADER[:5] + ["不达标类别", "整改通知日期", "报送单位", "来源文件", "来源工作表", "来源行号"]
    write_xlsx(inbox / "2020年汇总表（去年）.xlsx", {
        "汇总": [["2020年银川市落后产能退出情况汇总表"]],
        "明细": [HEADER + ["报送单位", "来源文件", "来源工作表", "来源行号"], row(1) + ["贺兰县", "贺兰县.xlsx", "S", 4]],
        "黄牌": [yellow, [1, "宁夏某铁合金厂", "", "贺兰县", "铁合金", "能耗", "2021-03-01", "市工信局", "a.xlsx", "S", 3]]})
    write_xlsx(inbox / "贺兰县.xlsx", {"S": top() + [HEADER, row(1)]})
    t = tally(read_inbox(inbox, settings), settings, 2021, AS_OF)
    assert len(t.items) == 1 and not t.yellow
    (p,) = [p for p in t.problems if p.code == "own-output"]
    assert p.file == "2020年汇总表（去年）.xlsx" and "汇总表" in p.message and not p.is_error
    assert {s.file: s.status for s in t.submissions if s.file}["2020年汇总表（去年）.xlsx"] == "unrecognised"


def test_xls_error_cells_and_hidden_rows_are_named_too(tmp_path, settings):
    import hostile_samples as hs
    from reportgen.parse.intake import read_submission

    rows = top() + [HEADER, row(1, qty=1, cap=12, uscc=""), row(2, equip="窑", cap=None, uscc=""),
                    row(3, equip="磨3", uscc="")]
    path = hs.xls_form(tmp_path / "inbox" / "贺兰县.xls", rows, hidden_rows=[5], errors=[(4, 9, 0x07)])
    sub = read_submission(path, tmp_path / "inbox", settings)
    found = {p.code: p for p in sub.problems}
    assert found["cell-error"].cell == "J5" and "#DIV/0!" in found["cell-error"].message
    assert "第6行被隐藏" in found["rows-hidden"].message
    assert len(sub.items) == 2 and sub.rejected == 1
