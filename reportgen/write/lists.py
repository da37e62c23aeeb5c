"""The list sheets of 汇总表.xlsx (明细, 黄牌, 红牌, 超标排放, 差别价格, 任务分工, 报送情况, 问题清单): their columns, one
row per record, and the streaming writer that turns rows into sheetData XML (openpyxl's per-cell writer is ~10x
slower); summary.py puts each part in place when it saves the package."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any
from collections.abc import Iterable

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reportgen import problems as catalogue
from reportgen.config import Settings
from reportgen.models import ERROR, Exceedance, ExitItem, Problem, Tally, Task, normalise_name
from reportgen.tally.enforcement import RedStatus, YellowStatus
from reportgen.write.xlsx import (DATE_FORMAT, EXCEL_EPOCH, MAX_WIDTH, Row, WriteOnlyWorksheet, display_width,
                                  head_cell, inline_text, number_text, print_setup, style_id)

_RED = Font(color="C00000")
STATUS_WORDS = {"used": "已采用", "superseded": "已被新版本替代", "missing": "未报送",
                "unreadable": "无法读取", "unrecognised": "无法识别"}
NOT_REQUIRED = "未报送（非必报）"
SEVERITY_WORDS = {ERROR: "错误", "warning": "警告"}

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


def write_list_sheet(ws: WriteOnlyWorksheet, columns: tuple[str, ...], rows: Iterable[Row], sink: IO[bytes]) -> None:
    """Header row through openpyxl; the data rows as sheetData XML written to `sink` (openpyxl is ~10x
    slower here).

    序号 is filled in; widths, freeze and filter are set; 错误 in a 严重程度 column is red. Rows
    are consumed one at a time and written in batches, so memory stays flat.
    """
    widths = [display_width(c) for c in columns]
    seen: dict[object, int] = {}
    date_style = style_id(ws, number_format=DATE_FORMAT)
    red_style = style_id(ws, font=_RED)
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
                    text = texts[value] = inline_text(value)
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
    ws.append([head_cell(ws, c) for c in columns])


def _other_cell(ref: str, value: object, date_style: int, texts: dict[object, str]) -> str:
    """A list cell of anything but text: exact numbers, dates as serials, 是/否, the rest as text."""
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, (int, Decimal)) and (not isinstance(value, Decimal) or value.is_finite()):
        return f'<c r="{ref}" t="n"><v>{number_text(value)}</v></c>'
    if isinstance(value, date):
        serial = ((value.date() if isinstance(value, datetime) else value) - EXCEL_EPOCH).days
        return f'<c r="{ref}" s="{date_style}" t="n"><v>{serial}</v></c>'
    text = texts.get(value)
    if text is None:
        text = texts[value] = inline_text(str(value))
    return f'<c r="{ref}" t="inlineStr">{text}</c>'


def list_sheets(tally: Tally, settings: Settings) -> tuple[tuple[str, tuple[str, ...], Iterable[Row]], ...]:
    """(sheet name, columns, rows) of each list sheet, in the workbook's order; rows are made as they are read."""
    return (("明细", ITEM_COLUMNS, map(_item_row, tally.items)),
             ("黄牌", YELLOW_COLUMNS, map(_yellow_row, tally.yellow_status)),
             ("红牌", RED_COLUMNS, map(_red_row, tally.red_status)),
             ("超标排放", EXCEEDANCE_COLUMNS, map(_exceedance_row, tally.exceedances)),
             ("差别价格", PRICE_COLUMNS, map(_price_row, tally.price_list)),
             ("任务分工", TASK_COLUMNS, _task_rows(tally, settings)),
             ("报送情况", STATUS_COLUMNS, status_rows(tally, settings)),
             ("问题清单", PROBLEM_COLUMNS, map(_problem_row, by_category(tally.problems))))
