"""The rows of one sheet below its header: data, or not (blank, 合计, notes, sections, 无, a second table).

Used by intake: SheetReader parses each data row into a record (records.RowParser) and counts every
row it classifies in the file's accounting.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, localcontext
from typing import Protocol
from collections.abc import Sequence

from reportgen.models import ExitItem
from reportgen.parse.cells import fill_merged, is_prompt
from reportgen.parse.headers import HEADER_WORDS, Header, find_header, is_repeated_header
from reportgen.parse.records import Record, RowContext, RowParser
from reportgen.parse.values import EXACT, Bad, cell_ref, clean_text, parse_decimal, plain_text
from reportgen.read.workbook import RawSheet, Row

TOTAL_WORDS = ("合计", "小计", "总计", "共计")
NOTE_PREFIXES = ("注：", "注:", "注1", "说明：", "说明:", "备注：", "填报人", "联系电话", "审核人", "填报单位",
                 "填报日期", "单位负责人", "制表人", "联系人", "负责人", "审核：", "制表：")
SECTION = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部类])")
# the whole content of a row saying there is nothing to report: 无 / 本年度无退出项目 / 2021年度无落后产能退出
NIL = re.compile(r"^(?:本年度?|今年|全年|\d{4}年度?|本[县区市])?(?:无|没有|暂无)(?:落后产能)?(?:退出|淘汰)?(?:落后产能)?"
                 r"(?:项目|任务|情况|企业|数据|设备)?[。.]?$")

class SheetContext(RowContext, Protocol):
    """What a sheet reader counts in the file's accounting besides what a row parser needs."""

    rows_read: int
    rejected: int
    skipped: int
    header_rows: int
    unread_rows: int
    nil_report: bool


def hidden_warnings(sheet: RawSheet, header: Header, ctx: RowContext) -> None:
    """Hidden data rows, hidden columns of the table and a filter: the county sees less than is counted."""
    notes = sheet.notes
    rows = sorted(r for r in notes.hidden_rows if header.row < r < len(sheet.rows) and _filled(sheet.rows[r]))
    if rows or notes.autofilter:
        where = f"第{_ranges([r + 1 for r in rows])}行被隐藏" if rows else ""
        filt = f"设置了筛选（{notes.autofilter}）" if notes.autofilter else ""
        ctx.problem("rows-hidden", sheet.name, rows[0] + 1 if rows else None,
                    what="，".join(x for x in (filt, where) if x))
    used = {*header.columns.values(), *(i for i, _ in header.unknown)}
    cols = sorted(c for c in notes.hidden_cols if c in used)
    if cols:
        names = "、".join(f"{cell_ref(1, c)[:-1]}列「{header.raw[c]}」" for c in cols if c < len(header.raw))
        read = [c for c in cols if c in header.columns.values()]
        ctx.problem("columns-hidden", sheet.name, header.row + 1, names=names,
                    effect="隐藏列的数据也已读取" if read else "与之同名的未隐藏列已优先采用，隐藏列未读取")


def _filled(row: Row) -> bool:
    return any(v not in ("", None) for v in row)


def _ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> "3～5、9"."""
    parts: list[str] = []
    start: int | None = None
    for n, nxt in zip(numbers, [*numbers[1:], None], strict=False):
        start = n if start is None else start
        if nxt != n + 1:
            parts.append(f"{start}～{n}" if n > start else str(n))
            start = None
    return "、".join(parts)



class SheetReader(RowParser):
    """Classifies the rows of one sheet below its header and parses its data rows."""

    ctx: SheetContext

    def __init__(self, sheet: RawSheet, header: Header, ctx: SheetContext, records: dict[str, list[Record]]):
        self.sheet, self.header, self.ctx, self.records = sheet, header, ctx, records
        self.columns = tuple(sorted(header.columns.items()))
        self.errors = 0
        self.block: list[ExitItem] = []  # items since the last 小计, to check it
        self.all_items: list[ExitItem] = []

    # -- row classification --------------------------------------------------------------
    def run(self) -> None:
        rows = fill_merged(self.sheet.rows, self.sheet.merged, self.header.row)
        start: int | None = self.header.row + 1
        while start is not None:
            start = self._rows(rows, start)

    def _rows(self, rows: tuple[Row, ...], start: int) -> int | None:
        """Classify and parse rows from `start`; the row after a second table's header when one begins."""
        h = self.header
        for r in range(start, len(rows)):
            row = rows[r]
            self.cleaned = [clean_text(v) for v in row]
            texts = [c[0] for c in self.cleaned]
            joined = "".join(texts)
            if "选择" in joined or "请" in joined:
                row, texts = self._without_prompts(row, texts)
            filled = [(i, t) for i, t in enumerate(texts) if t]
            if not filled or is_repeated_header(h, texts):
                self.ctx.skipped += 1
                continue
            if len(filled) >= 3 and filled[0][1] in HEADER_WORDS:
                after = self._next_table(rows, r)
                if after is not None:
                    return after
            first = filled[0][1]
            compact = "".join(first.split())
            if any(compact.startswith(w) for w in TOTAL_WORDS) or \
                    (len(filled) > 1 and any("".join(t.split()) in TOTAL_WORDS for _, t in filled[:3])):
                self.ctx.skipped += 1
                self._check_total(r, row, ["".join(t.split()) for _, t in filled[:3]])
                continue
            if compact.startswith(NOTE_PREFIXES):
                self.ctx.skipped += 1
                continue
            if len(filled) == 1 and NIL.match(compact):
                self.ctx.skipped += 1
                self.ctx.nil_report = True
                continue
            if len(filled) == 1 and (SECTION.match(compact) or filled[0][0] == h.columns.get("seq")):
                self.ctx.skipped += 1
                continue
            self.ctx.rows_read += 1
            self.errors = 0
            record = self._parse(r, row)
            if self.errors or record is None:
                self.ctx.rejected += 1
            else:
                self.records[h.kind.key].append(record)
        return None

    def _next_table(self, rows: tuple[Row, ...], r: int) -> int | None:
        """A second table's header at row `r`: read on with it (the row after it), else None."""
        merged = tuple((r0 - r, c0, r1 - r, c1) for r0, c0, r1, c1 in self.sheet.merged if r0 >= r)
        found = find_header(rows[r:r + 3], merged, self.sheet.notes.hidden_cols)
        if found is None or found.first_row != 0:
            return None
        found = replace(found, row=found.row + r, top=r)
        name = self.sheet.name
        if found.missing:
            names = "、".join(found.missing)
            self.ctx.problem("column-missing", name, r + 1, variant="second-table", names=names, row_at=r + 1,
                             table=found.kind.name)
            self.ctx.unread_rows += len(rows) - r
            return len(rows)
        self.ctx.header_rows += found.row - r + 1
        self.ctx.problem("second-table", name, r + 1, row_at=r + 1, table=found.kind.name)
        self.header, self.columns = found, tuple(sorted(found.columns.items()))
        self.block, self.all_items = [], []
        return found.row + 1

    def _without_prompts(self, row: Row, texts: list[str]) -> tuple[Row, list[str]]:
        blank = [i for i, t in enumerate(texts) if t and is_prompt(t)]
        if not blank:
            return row, texts
        row = tuple("" if i in blank else v for i, v in enumerate(row))
        for i in blank:
            self.cleaned[i] = ("", False)
            texts[i] = ""
        return row, texts

    def _check_total(self, r: int, row: Row, words: list[str]) -> None:
        if self.header.kind.key != "exit" or "capacity" not in self.header.columns:
            return
        col = self.header.columns["capacity"]
        raw = row[col] if col < len(row) else ""
        if clean_text(raw)[0] == "":
            return
        is_sub = any(w.startswith("小计") for w in words)
        items = self.block if is_sub else self.all_items
        stated = parse_decimal(raw)
        if isinstance(stated, Bad):
            return
        units = {i.unit for i in items}
        if len(units) > 1:
            return  # a total over mixed units cannot be checked (and should not exist)
        # the clerk's total is in the sheet's units: compare with the rows as typed in canonical units
        with localcontext(EXACT):
            computed = sum((i.capacity for i in items), Decimal(0))
        factor = self._header_factor(items)
        if factor is not None and EXACT.multiply(stated, factor) != computed:
            label = "小计" if is_sub else "合计"
            given = clean_text(raw)[0]
            self.ctx.problem("total-mismatch", self.sheet.name, r + 1, col, given, label=label, given=given,
                             computed=plain_text(EXACT.divide(computed, factor)))
        if is_sub:
            self.block = []

    def _header_factor(self, items: Sequence[ExitItem]) -> Decimal | None:
        if not items:
            return Decimal(1)
        ind = self.ctx.settings.industry(items[0].industry)
        unit = self.header.units.get("capacity", "") or (ind.unit if ind else "")
        return ind.factor(unit) if ind else None
