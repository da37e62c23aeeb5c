"""Tally -> 汇总表.xlsx: totals, item lists, submission status and problems, byte-deterministic.

openpyxl writes a Decimal through "%.16g", which turns 0.07 into 0.07000000000000001; numbers
are therefore written with their own decimal text (`number_text`). The 汇总 sheet and every
header row go through openpyxl; the rows of the list sheets are streamed as sheetData XML
(openpyxl's per-cell writer is ~10x slower) and put in place when the package is re-zipped.
Zip entries and core properties get a fixed timestamp derived from the tally's as-of date,
so the same tally gives the same bytes.
"""
from __future__ import annotations

from contextlib import ExitStack
from copy import copy
from functools import partial
from decimal import Decimal
from pathlib import Path
from tempfile import SpooledTemporaryFile
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from reportgen.config import Settings
from reportgen.models import Tally, Total
from reportgen.tally.figures import figures_of
from reportgen.write.lists import list_sheets, write_list_sheet
from reportgen.write.xlsx import (BOLD, BOX, TITLE, Row, WriteOnlyWorksheet, display_width, fixed_stamp, head_cell,
                                  number_cell, print_setup, save_deterministic, value_cell)

SHEET_NAMES = ("汇总", "分类汇总", "明细", "黄牌", "红牌", "超标排放", "差别价格", "任务分工", "报送情况", "问题清单")
_IN_MEMORY = 8 << 20  # bytes of a list sheet's rows kept in memory before they go to a temporary file

def write_summary(path: Path, tally: Tally, settings: Settings) -> None:
    """Write 汇总表.xlsx for `tally` to `path` (same tally and settings, same bytes)."""
    wb = Workbook(write_only=True)
    _summary_sheet(wb.create_sheet("汇总"), tally, settings)
    _breakdown_sheet(wb.create_sheet("分类汇总"), tally, settings)
    with ExitStack() as files:
        xml: dict[str, IO[bytes]] = {}
        for n, (name, columns, rows) in enumerate(list_sheets(tally, settings), 3):  # write-only parts are numbered in order
            sink = files.enter_context(SpooledTemporaryFile(max_size=_IN_MEMORY))
            write_list_sheet(wb.create_sheet(name), columns, rows, sink)
            xml[f"xl/worksheets/sheet{n}.xml"] = sink
        save_deterministic(wb, Path(path), fixed_stamp(tally.as_of), xml)


# ---------------------------------------------------------------- 汇总

def _pairs(tally: Tally, settings: Settings) -> list[tuple[str, str]]:
    """(industry, unit) columns present in the tally: configured order, canonical unit first."""
    seen = {(ind, t.unit) for _, ind, t in tally.by_county} | {(ind, t.unit) for ind, t in tally.by_industry}
    order = {ind.name: (n, ind.unit) for n, ind in enumerate(settings.industries)}
    big = len(order)
    return sorted(seen, key=lambda p: (order.get(p[0], (big, ""))[0], p[0],
                                       p[1] != order.get(p[0], (0, ""))[1], p[1]))


def _summary_sheet(ws: WriteOnlyWorksheet, tally: Tally, settings: Settings) -> None:
    """The 汇总 sheet: one printed A4 landscape page of bordered tables, every figure from tally.figures."""
    figures = figures_of(tally, settings)
    pairs = _pairs(tally, settings)
    head = ["县（市）区", "企业数（家）", "项目数（个）", *(f"{i}（{u}）" for i, u in pairs),
            "职工安置（人）", "奖补资金（万元）", "已验收（项）"]
    rows: list[Row] = []

    block = partial(_block, rows)

    missing = set(tally.missing)
    body: list[Row] = []
    for county in dict.fromkeys([*settings.county_names(), *figures.by_county]):
        c = figures.by_county.get(county)
        if c is None or not c.items:
            word = MISSING if county in missing else ""
            body.append([county, word or 0, word or 0, *([""] * len(pairs)), "", "", ""])
            continue
        cap = {(ind, t.unit): t.capacity for ind, t in c.industries}
        body.append([county, c.enterprises, c.items, *(cap.get(p, "") for p in pairs),
                     _opt(c.counts.workers), _opt(c.counts.funds), c.counts.accepted])
    city = {(ind, t.unit): t.capacity for ind, t in tally.by_industry}
    body.append([("bold", "全市合计"), figures.city.enterprises, figures.city.items,
                 *(city.get(p, Decimal(0)) for p in pairs), figures.city.workers or 0, figures.city.funds or 0,
                 figures.city.accepted])
    block("一、按县（市）区和行业", head, body,
          "注：各县（市）区的数字含市直部门报送、属该县（市）区的项目；产能按各行业标准单位汇总，不同单位不相加；"
          "企业数按统一社会信用代码（无代码时按企业名称）去重；“未报送”为截至统计日未收到报送表。")
    if tally.progress:
        block("二、目标任务完成情况", ["县（市）区", "行业", "单位", "目标产能", "已退出产能", "完成率", "督办",
                                      "点名项目（计划/完成）"], _target_rows(tally, missing))
    day = f"{tally.as_of.year}年{tally.as_of.month}月{tally.as_of.day}日"
    rows.append([f"制表单位：{settings.lead.name}", None, None, f"制表日期：{day}"])
    _write_summary_rows(ws, tally, settings, rows, len(head))


def _breakdown_sheet(ws: WriteOnlyWorksheet, tally: Tally, settings: Settings) -> None:
    """By industry, exit method and ground, and where every row went (the 分类汇总 sheet)."""
    rows: list[Row] = []

    block = partial(_block, rows)

    tail = ["单位", "企业数（家）", "项目数（个）", "数量（台套）", "退出产能"]
    block("一、按行业", ["行业", *tail], [[ind, *_total(t)] for ind, t in tally.by_industry])
    block("二、按退出方式", ["退出方式", "行业", *tail],
          [[m, ind, *_total(t)] for m, ind, t in tally.by_method])
    block("三、按依据类别", ["依据类别", "行业", *tail],
          [[g, ind, *_total(t)] for g, ind, t in tally.by_ground],
          "注：一个项目可有多个依据类别，各类别之和可能大于合计。")
    a = tally.accounting
    block("四、数据核对", ["项目", "行数"], [
        ["读取的数据行", a.rows_read], ["计入汇总", a.counted], ["有错误未计入", a.rejected],
        ["重复未计入", a.duplicate], ["不属本年度未计入", a.other_year], ["完成时间晚于截止日期未计入", a.not_yet],
        ["非数据行（空行、合计、说明等）", a.skipped], ["表头及表头上方的行", a.above_header + a.header_rows],
        ["未读取的工作表中的行", a.unread_rows], ["被新版本替代的文件中的行", a.superseded_rows],
        ["错误（条）", tally.errors], ["警告（条）", tally.warnings]])
    _write_summary_rows(ws, tally, settings, rows, 7, one_page=False)


def _block(rows: list[Row], caption: str, header: list[str], body: list[Row], note: str = "") -> None:
    """A captioned, bordered table of the 汇总 sheets: caption, header, body rows, an optional note, a blank row."""
    rows.append([("caption", caption)])
    rows.append([("head", h) for h in header])
    rows.extend([["table", *r] for r in body])
    if note:
        rows.append([("note", note)])
    rows.append([])


def _opt(value: Decimal | None) -> Decimal | str:
    return "" if value is None else value


MISSING = "未报送"


def _total(t: Total) -> Row:
    return [t.unit, t.enterprises, t.items, t.quantity, t.capacity]


def _target_rows(tally: Tally, missing: set[str]) -> list[Row]:
    return [[p.county, p.industry, p.unit, p.target, MISSING if p.county in missing and not p.done else p.done,
             ("percent", p.ratio) if p.ratio is not None and not (p.county in missing and not p.done) else "—",
             p.level, f"{p.named_planned}/{p.named_done}" if p.named_planned else ""] for p in tally.progress]


def _write_summary_rows(ws: WriteOnlyWorksheet, tally: Tally, settings: Settings, rows: list[Row], ncols: int,
                        one_page: bool = True) -> None:
    widths = [0] * max([ncols, 6, *map(len, rows)])
    for row in rows:
        for k, v in enumerate(row[1:] if row and row[0] == "table" else row):
            tag, v = v if isinstance(v, tuple) else ("", v)
            if tag not in ("caption", "note") and v is not None and k < 2 or tag == "head":
                widths[k] = max(widths[k], display_width(v))
            elif tag not in ("caption", "note") and v is not None:
                widths[k] = max(widths[k], min(display_width(v), 14))
    for k, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = min(24, max(8, w + 2))
    ws.freeze_panes = "B3"
    print_setup(ws, "1:2")
    if one_page:
        ws.page_setup.fitToHeight = 1  # the 汇总 sheet is one printed page
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    title = WriteOnlyCell(ws, value=f"{tally.year}年{settings.region}落后产能退出情况汇总表")
    title.font = TITLE
    ws.append([title])
    ws.append([f"统计截止：{tally.as_of.year}年{tally.as_of.month}月{tally.as_of.day}日"])
    ws.append([])
    head: Row = []  # the header row above: its width is the width of the table a row belongs to
    boxed_styles: dict[tuple[int, ...], object] = {}  # a cell's style -> the same with the box border (registered once)
    for row in rows:
        table = bool(row) and row[0] == "table"
        values = list(row[1:]) if table else row
        if row and isinstance(row[0], tuple) and row[0][0] == "head":
            head = row
        boxed = table or any(isinstance(v, tuple) and v[0] == "head" for v in values)
        if boxed:
            values += [None] * (len(head) - len(values))
        cells = []
        for v in values:
            tag, v = v if isinstance(v, tuple) else ("", v)
            if tag == "head":
                cell = head_cell(ws, v)
            elif tag in ("caption", "bold"):
                cell = WriteOnlyCell(ws, value=v)
                cell.font = BOLD
            elif tag == "percent":
                cell = number_cell(ws, v)
                cell.number_format = "0.00%"  # the ratio has 4 places: 汇总表 and letters print the same figure
            else:
                cell = value_cell(ws, v)
                if boxed:
                    cell = cell if hasattr(cell, "border") else WriteOnlyCell(ws, value=cell)
            if boxed:
                _box(cell, boxed_styles)
            cells.append(cell)
        ws.append(cells)


def _box(cell: Any, styles: dict[tuple[int, ...], object]) -> None:
    """cell.border = BOX, with the resulting style worked out once per starting style (openpyxl hashes
    every style object of the cell again on each assignment: most of the time of a national 汇总)."""
    key = tuple(cell._style) if cell._style else ()
    done = styles.get(key)
    if done is None:
        cell.border = BOX
        styles[key] = copy(cell._style)
    else:
        cell._style = copy(done)
