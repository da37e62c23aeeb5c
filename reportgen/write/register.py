"""发文登记簿.xlsx: one row per document of out/文书/, the office's dispatch register, byte-deterministic.

`reportgen send` reads it back (read.register): what the clerk corrects here (a 发文字号, a 主送) is what goes
out. Several organs in one cell are joined with "、" (ORGAN_SEP) and split on it again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reportgen.write.xlsx import display_width, print_setup, save_deterministic

REGISTER_NAME = "发文登记簿.xlsx"
SHEET = "发文登记簿"
COLUMNS = ("序号", "文种", "标题", "发文字号", "发文机关", "主送", "抄送", "成文日期", "文件", "附件", "随文发送")
ORGAN_SEP = "、"
_WIDTHS = {"标题": 40, "主送": 28, "抄送": 28, "文件": 36, "附件": 30, "随文发送": 36}
_HEAD = (Font(bold=True), PatternFill("solid", fgColor="DDEBF7"),
         Alignment(wrap_text=True, vertical="center", horizontal="center"))
_BODY = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class RegisterEntry:
    """One document as the register lists it; `file` and `enclosures` are relative to out/ with "/"."""

    file: str
    genre: str = ""
    title: str = ""
    docno: str = ""
    issuers: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    date: date | None = None
    attachments: tuple[str, ...] = ()  # 附件 as listed in the document
    enclosures: tuple[str, ...] = ()  # other files sent with it (a sender's marked-up workbooks)

    @property
    def recipients(self) -> tuple[str, ...]:
        """主送 then 抄送, each organ once."""
        return tuple(dict.fromkeys(self.to + self.cc))


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def entry_row(n: int, e: RegisterEntry) -> list[object]:
    return [n, e.genre, e.title, e.docno, ORGAN_SEP.join(e.issuers), ORGAN_SEP.join(e.to), ORGAN_SEP.join(e.cc),
            chinese_date(e.date), e.file, "\n".join(e.attachments), "\n".join(e.enclosures)]


def write_register(path: Path, entries: list[RegisterEntry], stamp: datetime) -> None:
    """Write the register for `entries` (in order) to `path`: frozen header, A4 landscape, same bytes each time."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = _HEAD
    widths = [display_width(c) + 2 for c in COLUMNS]
    for n, entry in enumerate(entries, 1):
        row = entry_row(n, entry)
        ws.append([v if v != "" else None for v in row])
        for i, value in enumerate(row):
            widths[i] = max(widths[i], min(display_width(value) + 2, _WIDTHS.get(COLUMNS[i], 16)))
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = _BODY
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(2, len(entries) + 1)}"
    print_setup(ws, "1:1")
    save_deterministic(wb, Path(path), stamp)
