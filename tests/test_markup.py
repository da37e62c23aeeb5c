"""The marked-up copy of a sender's workbook: every problem cell commented, nothing else changed, inbox untouched."""
from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from reportgen.models import ERROR, WARNING, Problem
from reportgen.read.workbook import read_workbook
from reportgen.write.markup import (ERROR_FILL, FRONT, Mark, marks_for, recipient_sentence, write_markup)
from tests.conftest import SAMPLES

STAMP = datetime(2021, 12, 1)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sender_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "退出明细"
    ws.append(["落后产能退出情况"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "企业名称", "退出产能", "单位", "完成时间"])
    ws.append([1, "宁夏甲水泥有限公司", 60, "万吨", date(2021, 9, 30)])
    ws.append([2, "宁夏乙铁合金有限公司", "—", "万吨", date(2021, 10, 8)])
    ws.append([3, "宁夏丙焦化有限公司", 12.5, "万吨", "2020-12-28"])
    ws.append(["合计", None, "=SUM(C3:C5)", None, None])
    ws["B3"].font = Font(bold=True, color="FF0000")
    ws["B4"].comment = Comment("报送单位自己的批注", "贺兰县")
    wb.create_sheet("说明").append(["填报说明：每行一条"])
    wb.save(path)
    return path


PROBLEMS = [
    Problem(ERROR, "number-unreadable", "贺兰县.xlsx「退出明细」C4：退出产能「—」不是数字",
            "请填写数字，如 60 或 60万吨（本行业标准单位：万吨）", "贺兰县.xlsx", "退出明细", 4, "C4", "—"),
    Problem(WARNING, "other-year", "贺兰县.xlsx「退出明细」第5行：完成时间 2020-12-28 不在2021年，不计入本年度",
            "如确为2021年完成，请更正完成时间", "贺兰县.xlsx", "退出明细", 5, "", "2020-12-28"),
    Problem(WARNING, "duplicate", "贺兰县.xlsx「退出明细」B4：与 西夏区.xls「Sheet1」第7行 是同一项目",
            "请双方核对，删除重复填报的行", "贺兰县.xlsx", "退出明细", 4, "B4", "宁夏乙铁合金有限公司"),
    Problem(WARNING, "title-merged", "贺兰县.xlsx「退出明细」B1：标题有误", "请核对", "贺兰县.xlsx", "退出明细", 1, "B1", ""),
    Problem(WARNING, "file-superseded", "贺兰县.xlsx：同一单位报送了更新的文件，本文件不计入",
            "如本文件才是正确版本，请将另一文件移出收件箱后重新生成", "贺兰县.xlsx"),
]


def values(ws) -> dict[str, object]:
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def test_xlsx_copy_comments_every_problem_cell_and_changes_no_value(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    src = sender_xlsx(inbox / "贺兰县.xlsx")
    before = digest(src)
    dest = tmp_path / "out" / "贺兰县（批注）.xlsx"
    write_markup(src, marks_for(PROBLEMS, recipient_sentence), dest, _limits(), STAMP, "市工业和信息化局")

    assert digest(src) == before
    orig, copy = load_workbook(src), load_workbook(dest)
    assert copy.sheetnames == [FRONT, *orig.sheetnames]
    for name in orig.sheetnames:
        assert values(copy[name]) == values(orig[name]), name
        assert copy[name].merged_cells.ranges == orig[name].merged_cells.ranges
    ws = copy["退出明细"]
    assert "不是数字" in ws["C4"].comment.text and "请填写数字" in ws["C4"].comment.text
    assert ws["C4"].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert ws["A5"].comment and "2020年12月28日" in ws["A5"].comment.text  # the row of a row-level problem
    assert ws["B4"].comment.text.startswith("报送单位自己的批注") and "同一项目" in ws["B4"].comment.text
    assert "标题有误" in ws["A1"].comment.text  # a merged range's comment sits on its top-left cell
    assert ws["B3"].font.bold and ws["B3"].font.color.rgb == "00FF0000"  # the sender's formatting kept
    commented = {c.coordinate for row in ws.iter_rows() for c in row if c.comment}
    assert commented == {"C4", "A5", "B4", "A1"}
    assert not any(c.comment for row in copy["说明"].iter_rows() for c in row)

    front = [r for r in copy[FRONT].iter_rows(min_row=3, values_only=True)]
    assert len(front) == len(PROBLEMS)
    assert [r[2] for r in front] == ["C4", "A5", "B4", "A1", "—"]
    assert front[-1][1] == "（整个文件）"
    text = "".join(str(v) for row in copy[FRONT].iter_rows(values_only=True) for v in row if v)
    for word in ("收件箱", "重新生成", "reportgen", "2020-12-28"):
        assert word not in text.replace(front[1][3], "")  # the value as entered may stay as it was


def test_xls_copy_is_an_xlsx_with_the_same_values(tmp_path, settings):
    src = tmp_path / "西夏区.xls"
    shutil.copy(SAMPLES / "西夏区落后产能退出情况统计表.xls", src)
    before = digest(src)
    orig = read_workbook(src, settings.limits)
    sheet = orig.sheets[0]
    row = next(i for i, r in enumerate(sheet.rows, 1) if any(isinstance(v, float) for v in r))
    problems = [Problem(ERROR, "x", f"西夏区.xls「{sheet.name}」C{row}：退出产能有误", "请更正", "西夏区.xls",
                        sheet.name, row, f"C{row}", "1")]
    dest = tmp_path / "西夏区（批注）.xlsx"
    write_markup(src, marks_for(problems, recipient_sentence), dest, settings.limits, STAMP, "市工业和信息化局")

    assert digest(src) == before
    assert dest.read_bytes()[:2] == b"PK"
    copy = read_workbook(dest, settings.limits)
    assert [s.name for s in copy.sheets] == [FRONT, *(s.name for s in orig.sheets)]
    for a, b in zip(orig.sheets, copy.sheets[1:], strict=False):
        assert a.rows == b.rows and a.merged == b.merged, a.name
    assert load_workbook(dest)[sheet.name][f"C{row}"].comment.text == "退出产能有误。请更正。"


def test_csv_copy_becomes_xlsx(tmp_path, settings):
    src = tmp_path / "灵武市.csv"
    src.write_text("企业名称,退出产能\n宁夏丁建材有限公司,20\n", encoding="gb18030")
    problems = [Problem(WARNING, "format-csv", "灵武市.csv：这是CSV文本文件，不是Excel工作簿，未读取",
                        '请用Excel或WPS打开后"另存为"Excel工作簿(.xlsx)再放入收件箱', "灵武市.csv")]
    dest = tmp_path / "灵武市（批注）.xlsx"
    write_markup(src, marks_for(problems, recipient_sentence), dest, settings.limits, STAMP, "市工业和信息化局")
    wb = load_workbook(dest)
    assert [list(r) for r in wb.worksheets[1].iter_rows(values_only=True)] == [["企业名称", "退出产能"],
                                                                               ["宁夏丁建材有限公司", "20"]]
    listed = list(wb[FRONT].iter_rows(min_row=3, values_only=True))
    assert listed[0][1] == "（整个文件）" and "收件箱" not in listed[0][4] and "重新报送" in listed[0][4]


def test_same_inputs_same_bytes(tmp_path):
    src = sender_xlsx(tmp_path / "贺兰县.xlsx")
    marks = [Mark("退出明细", "C4", "—", "请填写数字。", True)]
    write_markup(src, marks, tmp_path / "a.xlsx", _limits(), STAMP, "市工业和信息化局")
    write_markup(src, marks, tmp_path / "b.xlsx", _limits(), STAMP, "市工业和信息化局")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def _limits():
    from reportgen.config import load_settings
    return load_settings().limits


def style(cell) -> tuple:
    """A cell's formatting as comparable text (openpyxl's style proxies compare by identity)."""
    return tuple(repr(x) for x in (cell.font, cell.border, cell.number_format, cell.alignment, cell.protection,
                                   cell.fill))


def test_a_real_senders_xlsx_keeps_every_value_and_style_but_the_marked_cells_fill(tmp_path, settings):
    src = tmp_path / "贺兰县.xlsx"
    shutil.copy(SAMPLES / "贺兰县2021年落后产能退出情况.xlsx", src)
    orig = load_workbook(src)
    sheet = orig.sheetnames[0]
    targets = {"C8", "D9"}
    marks = [Mark(sheet, cell, "", f"请核对{cell}。", True) for cell in sorted(targets)]
    dest = tmp_path / "copy.xlsx"
    write_markup(src, marks, dest, settings.limits, STAMP, "市工业和信息化局")
    copy = load_workbook(dest)
    assert copy.sheetnames == [FRONT, *orig.sheetnames]
    for name in orig.sheetnames:
        a, b = orig[name], copy[name]
        assert a.sheet_state == b.sheet_state and a.merged_cells.ranges == b.merged_cells.ranges
        assert a.max_row == b.max_row and a.max_column == b.max_column
        for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=False):
            for ca, cb in zip(row_a, row_b, strict=False):
                assert ca.value == cb.value, (name, ca.coordinate)
                marked = name == sheet and ca.coordinate in targets
                if marked:
                    assert repr(cb.fill) == repr(ERROR_FILL) and cb.comment.text == f"请核对{ca.coordinate}。"
                else:
                    assert style(ca) == style(cb) and (ca.comment is None) == (cb.comment is None), ca.coordinate
