"""The workbook helpers every reportgen .xlsx shares: exact numbers, display widths, cell text Excel accepts,
print setup, styled header cells, and byte-deterministic saving (fixed timestamps, fixed zip entries)."""
from __future__ import annotations

import re
import shutil
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from reportgen.parse.values import plain_text

# a write-only worksheet: openpyxl's stubs lack what it shares with Worksheet (page_setup, column_dimensions...)
WriteOnlyWorksheet = Any
Row = list[Any]  # one row of a sheet: cell values, on the 汇总 sheets some tagged (tag, value) or a "table" mark

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters of the widest column
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 date system, valid from 1900-03-01

_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6b\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
_THIN = Side(style="thin", color="000000")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def display_width(value: object) -> int:
    """Columns a value needs on screen: East-Asian wide characters count as 2."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if "\n" in text:
        return max(map(display_width, text.splitlines()), default=0)
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def number_text(value: Decimal | int) -> str:
    """The exact decimal text of a number for a cell's <v>, never float noise."""
    return str(value) if isinstance(value, int) else plain_text(value)


def number_cell(ws: WriteOnlyWorksheet, value: Decimal | int) -> Cell:
    """A numeric cell whose stored text is exactly `value` (12.35 stays 12.35, 0.07 stays 0.07)."""
    cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # openpyxl takes Decimal; its stubs omit it
    cell._value = number_text(value)  # type: ignore[attr-defined]  # openpyxl would format it with "%.16g"
    return cell


def fixed_stamp(day: date) -> datetime:
    """The timestamp written into the package for a tally as of `day` (zip needs >= 1980)."""
    return datetime.combine(max(day, date(1980, 1, 1)), time(0, 0))


def save_deterministic(wb: Workbook, path: Path, stamp: datetime,
                       rows: dict[str, IO[bytes]] | None = None) -> None:
    """Save `wb` to `path` with fixed core properties and zip entry timestamps.

    `rows` maps a sheet part ("xl/worksheets/sheet2.xml") to a file of row XML appended to its sheetData,
    copied into the package in chunks (a national item list is never one string).
    """
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "reportgen"
    raw = BytesIO()
    ExcelWriter(wb, ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True)).save()
    out = BytesIO()
    sizes = {k: v.seek(0, 2) for k, v in (rows or {}).items()}
    pending = {k for k, size in sizes.items() if size}
    with ZipFile(raw) as src, ZipFile(out, "w", ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            entry.create_system = 0  # the same bytes on Windows and POSIX
            entry.external_attr = 0
            data = src.read(info.filename)
            head, end, tail = data.partition(b"</sheetData>")
            if info.filename in pending and end:
                pending.discard(info.filename)
                with dst.open(entry, "w", force_zip64=sizes[info.filename] > 1 << 30) as fh:
                    fh.write(head)
                    source = (rows or {})[info.filename]
                    source.seek(0)
                    shutil.copyfileobj(source, fh, 1 << 20)
                    fh.write(end + tail)
            else:
                dst.writestr(entry, data)
    if pending:  # never drop rows silently if openpyxl ever names its parts differently
        raise RuntimeError(f"worksheet parts not found in the package: {sorted(pending)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def print_setup(ws: Worksheet | WriteOnlyWorksheet, title_rows: str) -> None:
    """A4 landscape, all columns on one page width, header repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    props = ws.sheet_properties
    if props.pageSetUpPr is None:
        props.pageSetUpPr = PageSetupProperties()
    props.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def style_id(ws: WriteOnlyWorksheet, **style: object) -> int:
    """Register a cell style with the workbook and return its index in cellXfs."""
    cell = WriteOnlyCell(ws)
    for key, value in style.items():
        setattr(cell, key, value)
    return cell.style_id


CELL_MAX = 32767  # characters Excel keeps in a cell; beyond, it calls the file damaged
_CUT_NOTE = "…（超过Excel单元格上限，以下从略）"
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")  # lone surrogates and non-characters: not XML 1.0


def cell_text(text: str) -> str:
    """`text` as a cell may hold it: no characters XML forbids, at most CELL_MAX characters."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    if len(text) > CELL_MAX:
        text = text[:CELL_MAX - len(_CUT_NOTE)] + _CUT_NOTE
    return text


def inline_text(text: str) -> str:
    text = cell_text(text)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<is><t{space}>{escape(text)}</t></is>"


def head_cell(ws: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font, cell.fill, cell.alignment = BOLD, _HEAD_FILL, _WRAP
    return cell


def value_cell(ws: WriteOnlyWorksheet, value: object) -> Any:
    """A 汇总 cell: exact Decimal numbers, plain ints and dates, everything else as text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return number_cell(ws, value) if value.is_finite() else str(value)
    if isinstance(value, (int, date)):
        return value  # openpyxl writes ints exactly and gives a date the yyyy-mm-dd format
    return cell_text(str(value))
