"""A sender's workbook marked up for its 核对函: each problem cell highlighted and commented, a sheet in front
listing them. The inbox file is only read, never written. An .xlsx is loaded whole with openpyxl (the
recipient's formatting, formulas and own comments stay); a .xls is copied value by value through the
reader (calamine), a .csv through its text; either way the copy is an .xlsx.
"""
from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from collections.abc import Callable

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.config import Limits
from reportgen.models import Problem
from reportgen.read.workbook import read_workbook, sniff
from reportgen.write.xlsx import display_width, save_deterministic

FRONT = "问题说明"
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's "bad" red
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")  # Excel's "neutral" yellow
FRONT_COLUMNS = ("序号", "工作表", "单元格", "填写的内容", "问题及修改意见")
_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")
_COPYABLE = ("xlsx", "xls", "csv")


class NotMarkable(Exception):
    """The file cannot be copied (a format we do not read, or it cannot be opened)."""


@dataclass(frozen=True)
class Mark:
    """A problem as the recipient reads it, and where: sheet "" for the file as a whole."""

    sheet: str
    cell: str  # "" when the problem concerns no single cell
    value: str
    text: str
    error: bool


def markable(path: Path) -> bool:
    """Whether a marked-up .xlsx copy of `path` can be made (xlsx, xls, csv by content)."""
    try:
        return sniff(path) in _COPYABLE
    except OSError:
        return False


def write_markup(source: Path, marks: list[Mark], dest: Path, limits: Limits, stamp: datetime, author: str) -> None:
    """Copy `source` to `dest` (.xlsx) with every mark as a highlighted, commented cell and a front list."""
    kind = sniff(source)
    if kind == "xlsx":
        with warnings.catch_warnings():  # openpyxl warns about extensions it drops (data validation lists...)
            warnings.simplefilter("ignore")
            try:
                wb = load_workbook(source, rich_text=True)
            except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on odd files
                raise NotMarkable(f"{type(exc).__name__}: {exc}") from None
    elif kind == "xls":
        wb = _copy_values(source, limits)
    elif kind == "csv":
        wb = _copy_csv(source)
    else:
        raise NotMarkable(kind)
    listed = [_annotate(wb, m, author) for m in marks]
    _front_sheet(wb, marks, listed)
    save_deterministic(wb, Path(dest), stamp)


def _copy_values(source: Path, limits: Limits) -> Workbook:
    """A new workbook with the cell values and merged ranges of every sheet the reader gives."""
    try:
        book = read_workbook(source, limits)
    except Exception as exc:  # noqa: BLE001 - the reader's own Unreadable / NotAWorkbook
        raise NotMarkable(str(exc)) from None
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        if not sheet.visible:
            ws.sheet_state = "hidden"
        for r, row in enumerate(sheet.rows, 1):
            for c, value in enumerate(row, 1):
                if value != "" and value is not None:
                    ws.cell(r, c, _cell_value(value))
        for r1, c1, r2, c2 in sheet.merged:
            if (r1, c1) != (r2, c2):
                ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    if not wb.sheetnames:
        wb.create_sheet("Sheet1")
    return wb


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _copy_csv(source: Path) -> Workbook:
    data = source.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise NotMarkable("csv-encoding")
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = (re.sub(r"[\[\]:*?/\\]", "_", source.stem)[:31] or "Sheet1")
    for row in csv.reader(io.StringIO(text, newline=""), dialect):
        ws.append([_cell_value(v) if v != "" else None for v in row])
    return wb


def _annotate(wb: Workbook, mark: Mark, author: str) -> str:
    """Highlight and comment the mark's cell; the cell reference used ("" when it has no cell in this copy)."""
    if not mark.sheet or mark.sheet not in wb.sheetnames or not _CELL.match(mark.cell or ""):
        return ""
    ws = wb[mark.sheet]
    cell = ws[mark.cell]
    if isinstance(cell, MergedCell):  # only the top-left cell of a merged range holds value and comment
        for rng in ws.merged_cells.ranges:
            if cell.coordinate in rng:
                cell = ws.cell(rng.min_row, rng.min_col)
                break
    old = cell.comment.text if cell.comment else ""
    text = f"{old}\n——\n{mark.text}" if old else mark.text
    comment = Comment(text, author)
    comment.width, comment.height = 320, max(80, 20 * (len(text) // 18 + 2))
    cell.comment = comment
    if mark.error or cell.fill is None or cell.fill.fgColor.rgb in (None, "00000000") or \
            cell.fill.fill_type is None:
        cell.fill = ERROR_FILL if mark.error else WARNING_FILL
    return str(cell.coordinate)


def _front_sheet(wb: Workbook, marks: list[Mark], listed: list[str]) -> None:
    name, n = FRONT, 2
    while name in wb.sheetnames:
        name, n = f"{FRONT}{n}", n + 1
    ws = wb.create_sheet(name, 0)
    ws.append(["本表列出核对中发现的问题；有问题的单元格已用颜色标出，并附批注说明（红色为须更正，黄色为请核实）。"])
    ws["A1"].font = Font(bold=True)
    ws.append(list(FRONT_COLUMNS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, (mark, where) in enumerate(zip(marks, listed, strict=False), 1):
        ws.append([i, mark.sheet or "（整个文件）", where or "—", _cell_value(mark.value) or None,
                   _cell_value(mark.text)])
    for i, column in enumerate(FRONT_COLUMNS, 1):
        longest = max([display_width(column)] + [display_width(c.value or "") for c in ws[get_column_letter(i)][1:]])
        ws.column_dimensions[get_column_letter(i)].width = min(longest + 2, 60)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False


def marks_for(problems: list[Problem], sentence: Callable[[Problem], str]) -> list[Mark]:
    """The marks of a file's problems, in order; a row-level problem marks the row's first cell."""
    marks = []
    for p in problems:
        cell = p.cell or (f"A{p.row}" if p.row else "")
        marks.append(Mark(p.sheet, cell, p.value, sentence(p), p.is_error))
    return marks


_RESUBMIT = re.compile(r"(后|，)?(再|重新)?(放入|放进)收件箱(后)?(重新生成)?")
_TOOL_WORDS = ("收件箱", "重新生成", "reportgen", ".toml", "配置", "本工具")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_CLAUSE = re.compile(r"[^，；。]+[，；。]?")


def recipient_sentence(p: Problem) -> str:
    """What is wrong and what to enter, in the recipient's words: the location prefix (the comment sits on the
    cell) and the clerk's tool words dropped."""
    message = p.message
    if p.file and message.startswith(p.file):
        message = message.split("：", 1)[1] if "：" in message else message[len(p.file):]
    message, hint = (_RESUBMIT.sub("后重新报送", t).replace("配置中的", "规定的").replace("配置的", "规定的")
                     for t in (message, p.hint))
    hint = "".join(c for c in _CLAUSE.findall(hint) if not any(w in c for w in _TOOL_WORDS)).rstrip("，；")
    message = "".join(c for c in _CLAUSE.findall(message) if not any(w in c for w in _TOOL_WORDS)).rstrip("，；")
    parts = [_ISO_DATE.sub(lambda m: f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", t).rstrip("。")
             for t in (message, hint) if t.strip()]
    return "。".join(parts) + "。" if parts else ""
