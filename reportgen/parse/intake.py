"""One inbox file -> one Submission: who sent it, its records, its problems, its row counts."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportgen.read import workbook as reader
from reportgen.config import Settings, Submitter
from reportgen.parse.headers import HEADER_SCAN_ROWS, find_header
from reportgen.models import ERROR, WARNING, Problem, Submission
from reportgen.parse.cells import own_output_sheet
from reportgen.parse.sheet import SheetReader, hidden_warnings
from reportgen.parse.sender import Witnesses, rows_county
from reportgen.parse.values import Bad, cell_ref, clean_text, parse_date

IGNORED_SHEETS = ("说明", "封面", "选项", "填表", "目录")


@dataclass
class _Ctx:
    """Mutable scratch of one file's reading; frozen into a Submission at the end."""

    rel: str
    settings: Settings
    submitter: Submitter | None = None
    problems: list = field(default_factory=list)
    rows_read: int = 0
    rejected: int = 0
    skipped: int = 0
    named_counties: Counter = field(default_factory=Counter)  # county -> data rows naming it in their own cell
    above_header: int = 0
    header_rows: int = 0
    unread_rows: int = 0
    sheet_rows: int = 0
    nil_report: bool = False

    def problem(self, severity, code, message, hint="", sheet="", row=None, col=None, value=""):
        cell = cell_ref(row, col) if row is not None and col is not None else ""
        where = f"{self.rel}" + (f"「{sheet}」" if sheet else "") + (cell or (f"第{row}行" if row else ""))
        self.problems.append(Problem(severity, code, f"{where}：{message}", hint, self.rel, sheet, row, cell,
                                     str(value)[:200]))


def read_submission(path: Path, inbox: Path, settings: Settings) -> Submission:
    """Read one inbox file; every failure becomes a Problem on the returned Submission."""
    rel = path.relative_to(inbox).as_posix()
    ctx = _Ctx(rel, settings)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        book = reader.read_workbook(path, settings.limits)
    except reader.NotAWorkbook as exc:
        ctx.problem(WARNING, exc.code, exc.message, exc.hint)
        return Submission(rel, "unrecognised", _from_name(path, settings), mtime=mtime,
                          problems=tuple(ctx.problems))
    except reader.Unreadable as exc:
        ctx.problem(ERROR, exc.code, exc.message, exc.hint)
        return Submission(rel, "unreadable", _from_name(path, settings), mtime=mtime, problems=tuple(ctx.problems))
    own = own_output_sheet(book.sheets)
    if own:  # a 汇总表 (this year's or last year's) put back into the inbox would count everything twice
        ctx.problem(WARNING, "own-output", f"这是reportgen生成的汇总表（工作表「{own}」有「来源文件」「来源行号」列），"
                    "不是报送表，未读取", "汇总表不用放进收件箱；请把它移出收件箱", own)
        return Submission(rel, "unrecognised", None, mtime=mtime, problems=tuple(ctx.problems))
    return _read_book(book, path, ctx, mtime)


def crashed_submission(path: Path, inbox: Path, settings: Settings, cause: str) -> Submission:
    """The Submission of a file whose reading stopped its process (a native crash) or raised a bug."""
    rel = path.relative_to(inbox).as_posix()
    ctx = _Ctx(rel, settings)
    ctx.problem(ERROR, "reader-crashed", f"读取该文件时读取程序{cause}，文件未读取",
                "请用Excel或WPS打开该文件，另存为新的.xlsx后再放入收件箱；如仍出现本提示，请把该文件交给技术支持人员")
    return Submission(rel, "unreadable", _from_name(path, settings), problems=tuple(ctx.problems))


def _from_name(path: Path, settings: Settings) -> str | None:
    sub = settings.find_submitter(path.stem)
    return sub.short if sub else None


def _read_book(book, path: Path, ctx: _Ctx, mtime: float) -> Submission:
    settings = ctx.settings
    declared, fill_date = _declarations(book, ctx)
    by_declared = settings.find_submitter(declared) if declared else None
    if declared and by_declared is None:
        ctx.problem(WARNING, "submitter-unknown", f"填报单位「{declared}」不在配置的报送单位中",
                    "请核对填报单位名称，或在 reportgen.toml 的 counties / departments 中添加该单位")
    by_name = settings.find_submitter(path.stem)
    before = list(ctx.problems)
    ctx.submitter = by_declared or by_name
    records = _read_sheets(book, ctx)
    witnesses = Witnesses(declared, by_declared, path.name, by_name,
                          rows_county(ctx.named_counties, ctx.rows_read, settings))
    conflict = witnesses.disagree()
    if conflict:
        sender = witnesses.sender()
        if sender != ctx.submitter:  # rows defaulted to the wrong county: read them again for the sender
            ctx.problems = list(before)
            ctx.submitter = sender
            records = _read_sheets(book, ctx)
        ctx.problem(ERROR, "submitter-conflict",
                    f"报送单位不一致：{witnesses.describe()}；" + (f"暂按{sender.short}计入" if sender else
                                                          "无法确定报送单位，未填县（市）区的行未计入") +
                    "，本文件不替代其他单位的报送表",
                    "请核对该文件由哪个单位报送，把填报单位、文件名和各行的县（市）区改为一致后重新放入收件箱")
        ctx.problems.insert(len(before), ctx.problems.pop())
    city_own = not any(records[k] for k in ("exit", "yellow", "red", "exceedance")) and \
        any(records[k] for k in ("target", "task"))  # the city's own plan or task table: nobody "sends" it
    if ctx.submitter is None and not declared and not city_own and not conflict:
        ctx.problem(WARNING, "submitter-unidentified", "无法确定报送单位（表头上方没有「填报单位：」，文件名中也没有单位名称）",
                    "请在表头上方写明「填报单位：XX县（区）工业和信息化局」，或把单位名称写进文件名；"
                    "各行须填写县（市）区")
        ctx.problems.insert(0, ctx.problems.pop())
    if not ctx.rows_read and not ctx.nil_report and not city_own:
        who = f"视为{ctx.submitter.short}尚未报送" if ctx.submitter else "该文件不计入"
        ctx.problem(WARNING, "file-empty", f"没有数据行（表格是空的），{who}",
                    "如本年度确无退出项目，请在表中写明「本年度无退出项目」后重新报送；否则请填写数据后重新报送")
    assert ctx.sheet_rows == ctx.rows_read + ctx.skipped + ctx.above_header + ctx.header_rows + ctx.unread_rows
    return Submission(
        file=ctx.rel, status="read", submitter=ctx.submitter.short if ctx.submitter else None,
        fill_date=fill_date, mtime=mtime, items=tuple(records["exit"]), yellow=tuple(records["yellow"]),
        red=tuple(records["red"]), exceedances=tuple(records["exceedance"]), targets=tuple(records["target"]),
        tasks=tuple(records["task"]), problems=tuple(ctx.problems), rows_read=ctx.rows_read,
        rejected=ctx.rejected, skipped=ctx.skipped, conflict=conflict, above_header=ctx.above_header,
        header_rows=ctx.header_rows, unread_rows=ctx.unread_rows, sheet_rows=ctx.sheet_rows,
        nil_report=ctx.nil_report)


def _read_sheets(book, ctx: _Ctx) -> dict[str, list]:
    ctx.named_counties = Counter()
    ctx.rows_read = ctx.rejected = ctx.skipped = ctx.above_header = ctx.header_rows = ctx.unread_rows = 0
    ctx.sheet_rows, ctx.nil_report = 0, False
    records: dict[str, list] = {"exit": [], "yellow": [], "red": [], "exceedance": [], "target": [], "task": []}
    for sheet in book.sheets:
        _read_sheet(sheet, ctx, records)
    return records


def _declarations(book, ctx: _Ctx) -> tuple[str, date | None]:
    """填报单位 and 填报日期 written anywhere outside the data (top rows or the bottom lines of any sheet)."""
    unit, when = "", None
    for sheet in book.sheets:
        rows = sheet.rows
        top = min(len(rows), HEADER_SCAN_ROWS)  # above a header as low as find_header looks, and the last lines
        scan = list(range(top)) + list(range(max(top, len(rows) - 12), len(rows)))
        for r in scan:
            row = rows[r]
            for c, raw in enumerate(row):
                if raw.__class__ is not str or ("填" not in raw and "报" not in raw):
                    continue
                text = clean_text(raw)[0]
                for label in ("填报单位", "报送单位", "填表单位"):
                    if text.startswith(label) and not unit:
                        unit = _after_label(text, label, row, c)
                if text.startswith("填报日期") and when is None:
                    value = _after_label(text, "填报日期", row, c, raw_ok=True)
                    parsed = parse_date(value) if value not in ("", None) else None
                    if isinstance(parsed, date):
                        when = parsed
                    elif isinstance(parsed, Bad):
                        ctx.problem(WARNING, "fill-date-unreadable", f"填报日期{parsed.message}", parsed.hint,
                                    sheet.name, r + 1, c, value)
        if unit and when:
            break
    return unit, when


def _after_label(text: str, label: str, row: tuple, c: int, raw_ok: bool = False):
    rest = text[len(label):].lstrip("：:　 （(）)")
    rest = re.split(r"\s{2,}|填报人|联系电话|填报日期|（盖章）|\(盖章\)", rest)[0].strip(" ：:（）()")
    if rest:
        return rest
    for raw in row[c + 1:]:
        value = clean_text(raw)[0]
        if value:
            return raw if raw_ok and not isinstance(raw, str) else value
    return ""


def _read_sheet(sheet, ctx: _Ctx, records: dict) -> None:
    rows = sheet.rows
    ctx.sheet_rows += len(rows)
    header = find_header(rows, sheet.merged, sheet.notes.hidden_cols)
    if header is None or header.missing:
        ctx.unread_rows += len(rows)
    else:
        ctx.above_header += header.first_row
        ctx.header_rows += header.row - header.first_row + 1
    if header is None:
        if any(n in sheet.name for n in IGNORED_SHEETS) or not _has_content(rows):
            return
        ctx.problem(WARNING, "sheet-no-header", "没有找到可识别的表头（如「企业名称」「退出产能」「退出方式」），该工作表未读取",
                    "如该表有数据，请使用报送表模板的表头（reportgen init 生成的表格）", sheet.name)
        return
    if not sheet.visible:
        ctx.problem(WARNING, "sheet-hidden", f"隐藏的工作表「{sheet.name}」也已读取", "如不应报送，请删除该工作表", sheet.name)
    if sheet.truncated_at:
        limits = ctx.settings.limits
        why = (f"之前有连续{limits.blank_run}行以上的空行" if sheet.truncated_reason == "blank-run"
               else f"已达单个工作表最多读取的{limits.max_rows}行")
        ctx.problem(WARNING, "sheet-truncated", f"第{sheet.truncated_at}行{why}，从该行起的内容未读取",
                    "请删除多余的空行（或把数据分到几个工作表中）后重新报送", sheet.name, sheet.truncated_at)
    if header.missing:
        names = "、".join(header.missing)
        ctx.problem(ERROR, "column-missing", f"表头缺少必填列「{names}」，该工作表的数据未计入",
                    f"请在表头中增加「{names}」列并填写", sheet.name, header.row + 1)
        return
    if sheet.notes:
        hidden_warnings(sheet, header, ctx)
    if header.kind.key == "exit" and "county" not in header.columns and \
            (ctx.submitter is None or ctx.submitter.kind != "county"):
        ctx.problem(WARNING, "county-column-missing", "表中没有「县（市）区」列，填报单位又不是县（市）区，各行将无法确定所属县（市）区",
                    "请增加「县（市）区」列", sheet.name, header.row + 1)
    SheetReader(sheet, header, ctx, records).run()


def _has_content(rows) -> bool:
    return any(clean_text(v)[0] for row in rows for v in row)
