"""One inbox file -> one Submission: who sent it, its records, its problems, its row counts."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from reportgen.read import workbook as reader
from reportgen.config import Settings, Submitter
from reportgen.parse.headers import HEADER_SCAN_ROWS, find_header
from reportgen import problems
from reportgen.models import Exceedance, ExitItem, Problem, RedCase, Submission, Target, Task, YellowCase
from reportgen.parse.cells import own_output_sheet
from reportgen.parse.records import Record
from reportgen.parse.sheet import SheetReader, hidden_warnings
from reportgen.parse.sender import Witnesses, rows_county
from reportgen.parse.values import Bad, cell_ref, clean_text, parse_date
from reportgen.read.workbook import RawSheet, RawWorkbook, Row

IGNORED_SHEETS = ("说明", "封面", "选项", "填表", "目录")


@dataclass
class _Ctx:
    """Mutable scratch of one file's reading; frozen into a Submission at the end."""

    rel: str
    settings: Settings
    submitter: Submitter | None = None
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rejected: int = 0
    skipped: int = 0
    named_counties: Counter[str] = field(default_factory=Counter)  # county -> data rows naming it in their own cell
    above_header: int = 0
    header_rows: int = 0
    unread_rows: int = 0
    sheet_rows: int = 0
    nil_report: bool = False

    def problem(self, code: str, sheet: str = "", row: int | None = None, col: int | None = None, value: object = "",
                /, **fields: Any) -> None:
        """Add the catalogued problem `code` at (sheet, Excel row, 0-based column); `fields` fill its templates
        (or are problems.make's severity, variant, fix)."""
        cell = cell_ref(row, col) if row is not None and col is not None else ""
        self.problems.append(problems.make(code, file=self.rel, sheet=sheet, row=row, cell=cell, value=value,
                                           **fields))


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
        ctx.problem(exc.code, variant=exc.variant, **exc.fields)
        return Submission(rel, "unrecognised", _from_name(path, settings), mtime=mtime,
                          problems=tuple(ctx.problems))
    except reader.Unreadable as exc:
        ctx.problem(exc.code, variant=exc.variant, **exc.fields)
        return Submission(rel, "unreadable", _from_name(path, settings), mtime=mtime, problems=tuple(ctx.problems))
    own = own_output_sheet(book.sheets)
    if own:  # a 汇总表 (this year's or last year's) put back into the inbox would count everything twice
        ctx.problem("own-output", own, sheet_name=own)
        return Submission(rel, "unrecognised", None, mtime=mtime, problems=tuple(ctx.problems))
    return _read_book(book, path, ctx, mtime)


def crashed_submission(path: Path, inbox: Path, settings: Settings, cause: str) -> Submission:
    """The Submission of a file whose reading stopped its process (a native crash) or raised a bug."""
    rel = path.relative_to(inbox).as_posix()
    ctx = _Ctx(rel, settings)
    ctx.problem("reader-crashed", cause=cause)
    return Submission(rel, "unreadable", _from_name(path, settings), problems=tuple(ctx.problems))


def _from_name(path: Path, settings: Settings) -> str | None:
    sub = settings.find_submitter(path.stem)
    return sub.short if sub else None


def _read_book(book: RawWorkbook, path: Path, ctx: _Ctx, mtime: float) -> Submission:
    settings = ctx.settings
    declared, fill_date = _declarations(book, ctx)
    by_declared = settings.find_submitter(declared) if declared else None
    if declared and by_declared is None:
        ctx.problem("submitter-unknown", declared=declared)
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
        ctx.problem("submitter-conflict", witnesses=witnesses.describe(),
                    effect=f"暂按{sender.short}计入" if sender else "无法确定报送单位，未填县（市）区的行未计入")
        ctx.problems.insert(len(before), ctx.problems.pop())
    city_own = not any(records[k] for k in ("exit", "yellow", "red", "exceedance")) and \
        any(records[k] for k in ("target", "task"))  # the city's own plan or task table: nobody "sends" it
    if ctx.submitter is None and not declared and not city_own and not conflict:
        ctx.problem("submitter-unidentified")
        ctx.problems.insert(0, ctx.problems.pop())
    if not ctx.rows_read and not ctx.nil_report and not city_own:
        who = f"视为{ctx.submitter.short}尚未报送" if ctx.submitter else "该文件不计入"
        ctx.problem("file-empty", who=who)
    assert ctx.sheet_rows == ctx.rows_read + ctx.skipped + ctx.above_header + ctx.header_rows + ctx.unread_rows
    return Submission(
        file=ctx.rel, status="read", submitter=ctx.submitter.short if ctx.submitter else None,
        fill_date=fill_date, mtime=mtime, items=_only(ExitItem, records["exit"]),
        yellow=_only(YellowCase, records["yellow"]), red=_only(RedCase, records["red"]),
        exceedances=_only(Exceedance, records["exceedance"]), targets=_only(Target, records["target"]),
        tasks=_only(Task, records["task"]), problems=tuple(ctx.problems), rows_read=ctx.rows_read,
        rejected=ctx.rejected, skipped=ctx.skipped, conflict=conflict, above_header=ctx.above_header,
        header_rows=ctx.header_rows, unread_rows=ctx.unread_rows, sheet_rows=ctx.sheet_rows,
        nil_report=ctx.nil_report)


_R = TypeVar("_R", ExitItem, YellowCase, RedCase, Exceedance, Target, Task)


def _only(kind: type[_R], records: list[Record]) -> tuple[_R, ...]:
    """The records of one list, each of which the sheet's kind made a `kind`."""
    return tuple(rec for rec in records if isinstance(rec, kind))


def _read_sheets(book: RawWorkbook, ctx: _Ctx) -> dict[str, list[Record]]:
    ctx.named_counties = Counter()
    ctx.rows_read = ctx.rejected = ctx.skipped = ctx.above_header = ctx.header_rows = ctx.unread_rows = 0
    ctx.sheet_rows, ctx.nil_report = 0, False
    records: dict[str, list[Record]] = {"exit": [], "yellow": [], "red": [], "exceedance": [], "target": [], "task": []}
    for sheet in book.sheets:
        _read_sheet(sheet, ctx, records)
    return records


def _declarations(book: RawWorkbook, ctx: _Ctx) -> tuple[str, date | None]:
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
                        unit = str(_after_label(text, label, row, c))  # text unless raw_ok
                if text.startswith("填报日期") and when is None:
                    value = _after_label(text, "填报日期", row, c, raw_ok=True)
                    parsed = parse_date(value) if value not in ("", None) else None
                    if isinstance(parsed, date):
                        when = parsed
                    elif isinstance(parsed, Bad):
                        ctx.problem("fill-date-unreadable", sheet.name, r + 1, c, value, shown=parsed.shown)
        if unit and when:
            break
    return unit, when


def _after_label(text: str, label: str, row: Row, c: int, raw_ok: bool = False) -> object:
    rest = text[len(label):].lstrip("：:　 （(）)")
    rest = re.split(r"\s{2,}|填报人|联系电话|填报日期|（盖章）|\(盖章\)", rest)[0].strip(" ：:（）()")
    if rest:
        return rest
    for raw in row[c + 1:]:
        value = clean_text(raw)[0]
        if value:
            return raw if raw_ok and not isinstance(raw, str) else value
    return ""


def _read_sheet(sheet: RawSheet, ctx: _Ctx, records: dict[str, list[Record]]) -> None:
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
        ctx.problem("sheet-no-header", sheet.name)
        return
    if not sheet.visible:
        ctx.problem("sheet-hidden", sheet.name)
    if sheet.truncated_at:
        limits = ctx.settings.limits
        why = (f"之前有连续{limits.blank_run}行以上的空行" if sheet.truncated_reason == "blank-run"
               else f"已达单个工作表最多读取的{limits.max_rows}行")
        ctx.problem("sheet-truncated", sheet.name, sheet.truncated_at, why=why)
    if header.missing:
        names = "、".join(header.missing)
        ctx.problem("column-missing", sheet.name, header.row + 1, names=names)
        return
    if sheet.notes:
        hidden_warnings(sheet, header, ctx)
    if header.kind.key == "exit" and "county" not in header.columns and \
            (ctx.submitter is None or ctx.submitter.kind != "county"):
        ctx.problem("county-column-missing", sheet.name, header.row + 1)
    SheetReader(sheet, header, ctx, records).run()


def _has_content(rows: tuple[Row, ...]) -> bool:
    return any(clean_text(v)[0] for row in rows for v in row)
