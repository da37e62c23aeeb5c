"""Tally -> 汇总表.xlsx: totals, item lists, submission status and problems, byte-deterministic.

openpyxl writes a Decimal through "%.16g", which turns 0.07 into 0.07000000000000001; numbers
are therefore written with their own decimal text (`number_text`). The 汇总 sheet and every
header row go through openpyxl; the rows of the list sheets are streamed as sheetData XML
(openpyxl's per-cell writer is ~10x slower) and put in place when the package is re-zipped.
Zip entries and core properties get a fixed timestamp derived from the tally's as-of date,
so the same tally gives the same bytes.
"""
from __future__ import annotations

import re
import shutil
from contextlib import ExitStack
from copy import copy
from functools import partial
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from tempfile import SpooledTemporaryFile
from typing import IO, Any
from collections.abc import Iterable
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from reportgen import problems as catalogue
from reportgen.config import Settings
from reportgen.models import ERROR, Exceedance, ExitItem, Problem, Tally, Task, Total, normalise_name
from reportgen.parse.values import plain_text
from reportgen.tally.enforcement import RedStatus, YellowStatus
from reportgen.tally.figures import figures_of

# a write-only worksheet: openpyxl's stubs lack what it shares with Worksheet (page_setup, column_dimensions...)
WriteOnlyWorksheet = Any
Row = list[Any]  # one row of a sheet: cell values, on the 汇总 sheets some tagged (tag, value) or a "table" mark

SHEET_NAMES = ("汇总", "分类汇总", "明细", "黄牌", "红牌", "超标排放", "差别价格", "任务分工", "报送情况", "问题清单")
STATUS_WORDS = {"used": "已采用", "superseded": "已被新版本替代", "missing": "未报送",
                "unreadable": "无法读取", "unrecognised": "无法识别"}
NOT_REQUIRED = "未报送（非必报）"
SEVERITY_WORDS = {ERROR: "错误", "warning": "警告"}
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60
_IN_MEMORY = 8 << 20  # bytes of a list sheet's rows kept in memory before they go to a temporary file
_EPOCH = date(1899, 12, 30)  # Excel's 1900 date system, valid from 1900-03-01

_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6b\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_RED = Font(color="C00000")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


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


def write_summary(path: Path, tally: Tally, settings: Settings) -> None:
    """Write 汇总表.xlsx for `tally` to `path` (same tally and settings, same bytes)."""
    wb = Workbook(write_only=True)
    _summary_sheet(wb.create_sheet("汇总"), tally, settings)
    _breakdown_sheet(wb.create_sheet("分类汇总"), tally, settings)
    lists = (("明细", ITEM_COLUMNS, map(_item_row, tally.items)),
             ("黄牌", YELLOW_COLUMNS, map(_yellow_row, tally.yellow_status)),
             ("红牌", RED_COLUMNS, map(_red_row, tally.red_status)),
             ("超标排放", EXCEEDANCE_COLUMNS, map(_exceedance_row, tally.exceedances)),
             ("差别价格", PRICE_COLUMNS, map(_price_row, tally.price_list)),
             ("任务分工", TASK_COLUMNS, _task_rows(tally, settings)),
             ("报送情况", STATUS_COLUMNS, status_rows(tally, settings)),
             ("问题清单", PROBLEM_COLUMNS, map(_problem_row, by_category(tally.problems))))
    with ExitStack() as files:
        xml: dict[str, IO[bytes]] = {}
        for n, (name, columns, rows) in enumerate(lists, 3):  # write-only parts are numbered in order
            sink = files.enter_context(SpooledTemporaryFile(max_size=_IN_MEMORY))
            _list_sheet(wb.create_sheet(name), columns, rows, sink)
            xml[f"xl/worksheets/sheet{n}.xml"] = sink
        save_deterministic(wb, Path(path), fixed_stamp(tally.as_of), xml)


# ---------------------------------------------------------------- list sheets

SOURCE_COLUMNS = ("报送单位", "来源文件", "来源工作表", "来源行号")
ITEM_COLUMNS = ("序号", "县（市）区", "企业名称", "统一社会信用代码", "行业", "落后生产线（设备）名称", "规格型号",
                "数量", "数量单位", "退出产能", "产能单位", "退出方式", "依据类别", "完成时间", "验收情况",
                "职工安置（人）", "奖补资金（万元）", "备注", "其他信息", *SOURCE_COLUMNS)
YELLOW_COLUMNS = ("序号", "企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "存在问题",
                  "整改通知日期", "整改期限（填报）", "延期至", "复查结果", "整改期限（核定）", "最终期限", "状态",
                  "发布部门", "其他信息", *SOURCE_COLUMNS)
RED_COLUMNS = ("序号", "企业名称", "统一社会信用代码", "县（市）区", "行业", "不达标类别", "关闭日期",
               "关闭依据（文号）", "发布部门", "退出明细", "其他信息", *SOURCE_COLUMNS)
TASK_COLUMNS = ("序号", "部门", "牵头任务", "参与任务", "来源")
PRICE_COLUMNS = ("序号", "企业名称", "统一社会信用代码", "县（市）区", "行业", "生产线（设备）", "执行差别价格的原因",
                 "认定依据", "执行价格", "执行起始", "整改期限", "状态", "来源")
EXCEEDANCE_COLUMNS = ("序号", "企业名称", "统一社会信用代码", "县（市）区", "污染物", "排放浓度", "标准限值", "单位",
                      "监测时间", "情节严重", "处理措施", "其他信息", *SOURCE_COLUMNS)
STATUS_COLUMNS = ("序号", "报送单位", "单位类别", "状态", "文件", "填报日期", "替代它的文件", "说明")
PROBLEM_COLUMNS = ("序号", "问题类别", "严重程度", "文件", "工作表", "单元格", "值", "说明", "修改建议", "问题代码")


def _extras(extras: tuple[tuple[str, str], ...]) -> str:
    return "；".join(f"{k}：{v}" for k, v in extras)


def _source(record: Any) -> Row:
    return [record.submitter, record.source.file, record.source.sheet, record.source.row]


def _item_row(i: ExitItem) -> Row:
    return [None, i.county, i.enterprise, i.uscc, i.industry, i.equipment, i.spec, i.quantity,
            i.quantity_unit, i.capacity, i.unit, i.method, "、".join(i.grounds), i.completed,
            i.acceptance, i.workers, i.funds, i.note, _extras(i.extras), *_source(i)]


def _yellow_row(st: YellowStatus) -> Row:
    c = st.case
    return [None, c.enterprise, c.uscc, c.county, c.industry, c.category, c.issue, c.notice_date,
            c.deadline, c.extended_to, c.review, st.deadline, st.effective, st.status, c.publisher,
            _extras(c.extras), *_source(c)]


def _red_row(st: RedStatus) -> Row:
    c = st.case
    exits = "；".join(i.source.describe() for i in st.exit_items) or "未填报"
    return [None, c.enterprise, c.uscc, c.county, c.industry, c.category, c.closed_on, c.basis,
            c.publisher, exits, _extras(c.extras), *_source(c)]


def _task_rows(tally: Tally, settings: Settings) -> list[Row]:
    from reportgen.tally.tasks import assign, tasks_of_group

    assignments, groups, _ = assign(tally.tasks, settings)
    source = tally.tasks[0].source.file if tally.tasks else ""

    def names(tasks: Iterable[Task]) -> str:
        return "；".join(f"{t.number}.{t.title}" for t in tasks)

    return [[None, a.department.name, names(a.leads), names(a.joins), source] for a in assignments] + \
        [[None, g, *map(names, tasks_of_group(tally.tasks, g)), source] for g in groups]


def _price_row(row: dict[str, Any]) -> Row:
    return [None, row["enterprise"], row["uscc"], row["county"], row["industry"], row["equipment"], row["reason"],
            row["ground"], row["price"], row["from"], row["deadline"], row["status"], row["source"]]


def _exceedance_row(e: Exceedance) -> Row:
    return [None, e.enterprise, e.uscc, e.county, e.pollutant, e.concentration, e.limit, e.unit,
            e.measured_on, "是" if e.serious else "否", e.measures, _extras(e.extras), *_source(e)]


def _problem_row(p: Problem) -> Row:
    where = p.cell or (f"第{p.row}行" if p.row else "")
    return [None, catalogue.category(p.code), SEVERITY_WORDS.get(p.severity, p.severity), p.file, p.sheet, where,
            p.value, p.message, p.hint, p.code]


def by_category(problems: tuple[Problem, ...]) -> list[Problem]:
    """The 问题清单's order: grouped by catalogue category, the tally's order within a group."""
    return sorted(problems, key=lambda p: catalogue.category_rank(p.code))


def status_rows(tally: Tally, settings: Settings) -> list[Row]:
    """The 报送情况 rows: every configured submitter in order, then files from unknown senders."""
    rows: list[Row] = []
    claimed: set[int] = set()
    missing = {normalise_name(m) for m in tally.missing}
    by_name: dict[str, list[int]] = {}  # submissions by normalised sender, built once (not once per submitter)
    for n, s in enumerate(tally.submissions):
        if s.submitter is not None:
            by_name.setdefault(normalise_name(s.submitter), []).append(n)
    for sub in settings.submitters:
        keys = {normalise_name(n) for n in (sub.name, sub.short)}
        kind = "县（市）区" if sub.kind == "county" else "市直部门"
        mine = [(n, tally.submissions[n]) for n in sorted({n for key in keys for n in by_name.get(key, ())})]
        claimed.update(n for n, _ in mine)
        for _, s in mine:
            rows.append(_status_row(sub.name, kind, s.status, s.file, s.fill_date, s.superseded_by,
                                    tally.as_of))
        if not mine:
            status = "missing" if (keys & missing or sub.expected) else NOT_REQUIRED
            rows.append(_status_row(sub.name, kind, status, "", None, "", tally.as_of))
    rest = sorted((s for n, s in enumerate(tally.submissions) if n not in claimed),
                  key=lambda s: (s.file, s.status))
    for s in rest:
        name = s.submitter or (f"市级{s.role}" if s.role else "（未识别报送单位）")
        rows.append(_status_row(name, "市级工作文件" if s.role else "未识别", s.status, s.file, s.fill_date,
                                s.superseded_by, tally.as_of))
    return rows


def _status_row(name: str, kind: str, status: str, file: str, fill: date | None, by: str,
                as_of: date) -> Row:
    notes = {"used": "已计入汇总",
             "superseded": f"同一单位另有更新的报送{('（' + by + '）') if by else ''}，本文件不计入",
             "missing": f"截至{as_of.year}年{as_of.month}月{as_of.day}日未收到报送",
             "unreadable": "文件无法打开，详见问题清单",
             "unrecognised": "不是可读取的Excel工作簿，详见问题清单",
             NOT_REQUIRED: "本单位不是必报单位"}
    return [None, name, kind, STATUS_WORDS.get(status, status), file, fill,
            by, notes.get(status, "")]


def _list_sheet(ws: WriteOnlyWorksheet, columns: tuple[str, ...], rows: Iterable[Row], sink: IO[bytes]) -> None:
    """Header row through openpyxl; the data rows as sheetData XML written to `sink` (openpyxl is ~10x
    slower here).

    序号 is filled in; widths, freeze and filter are set; 错误 in a 严重程度 column is red. Rows
    are consumed one at a time and written in batches, so memory stays flat.
    """
    widths = [display_width(c) for c in columns]
    seen: dict[object, int] = {}
    date_style = _style_id(ws, number_format=DATE_FORMAT)
    red_style = _style_id(ws, font=_RED)
    red_col = columns.index("严重程度") if "严重程度" in columns else None
    error_word = SEVERITY_WORDS[ERROR]
    numbered = columns[0] == "序号"
    letters = [get_column_letter(k) for k in range(1, len(columns) + 1)]
    out: list[str] = []
    texts: dict[object, str] = {}  # county, industry, unit, file names repeat: escape each once
    r = 1
    for r, row in enumerate(rows, 2):
        if numbered:
            row[0] = r - 1
        out.append(f'<row r="{r}">')
        for k, value in enumerate(row):
            if value is None or value == "":
                continue
            if widths[k] < MAX_WIDTH:
                width = seen.get(value)
                if width is None:
                    width = seen[value] = display_width(value)
                if width > widths[k]:
                    widths[k] = width
            kind = type(value)
            if kind is str:
                text = texts.get(value)
                if text is None:
                    text = texts[value] = _inline(value)
                style = f' s="{red_style}"' if k == red_col and value == error_word else ""
                out.append(f'<c r="{letters[k]}{r}"{style} t="inlineStr">{text}</c>')
            else:
                out.append(_other_cell(f"{letters[k]}{r}", value, date_style, texts))
        out.append("</row>")
        if len(out) >= 20_000:
            sink.write("".join(out).encode("utf-8"))
            out.clear()
    sink.write("".join(out).encode("utf-8"))
    # openpyxl writes <cols> with the header row, so widths are known before it is appended
    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = min(MAX_WIDTH, max(6, width + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{letters[-1]}{max(2, r)}"
    print_setup(ws, "1:1")
    ws.append([_head(ws, c) for c in columns])


def _other_cell(ref: str, value: object, date_style: int, texts: dict[object, str]) -> str:
    """A list cell of anything but text: exact numbers, dates as serials, 是/否, the rest as text."""
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, (int, Decimal)) and (not isinstance(value, Decimal) or value.is_finite()):
        return f'<c r="{ref}" t="n"><v>{number_text(value)}</v></c>'
    if isinstance(value, date):
        serial = ((value.date() if isinstance(value, datetime) else value) - _EPOCH).days
        return f'<c r="{ref}" s="{date_style}" t="n"><v>{serial}</v></c>'
    text = texts.get(value)
    if text is None:
        text = texts[value] = _inline(str(value))
    return f'<c r="{ref}" t="inlineStr">{text}</c>'


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


def _style_id(ws: WriteOnlyWorksheet, **style: object) -> int:
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


def _inline(text: str) -> str:
    text = cell_text(text)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<is><t{space}>{escape(text)}</t></is>"


def _head(ws: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font, cell.fill, cell.alignment = _BOLD, _HEAD_FILL, _WRAP
    return cell


def _value_cell(ws: WriteOnlyWorksheet, value: object) -> Any:
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
    title.font = _TITLE
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
                cell = _head(ws, v)
            elif tag in ("caption", "bold"):
                cell = WriteOnlyCell(ws, value=v)
                cell.font = _BOLD
            elif tag == "percent":
                cell = number_cell(ws, v)
                cell.number_format = "0.00%"  # the ratio has 4 places: 汇总表 and letters print the same figure
            else:
                cell = _value_cell(ws, v)
                if boxed:
                    cell = cell if hasattr(cell, "border") else WriteOnlyCell(ws, value=cell)
            if boxed:
                _box(cell, boxed_styles)
            cells.append(cell)
        ws.append(cells)


def _box(cell: Any, styles: dict[tuple[int, ...], object]) -> None:
    """cell.border = _BOX, with the resulting style worked out once per starting style (openpyxl hashes
    every style object of the cell again on each assignment: most of the time of a national 汇总)."""
    key = tuple(cell._style) if cell._style else ()
    done = styles.get(key)
    if done is None:
        cell.border = _BOX
        styles[key] = copy(cell._style)
    else:
        cell._style = copy(done)
