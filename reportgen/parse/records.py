"""Cell helpers and record builders for one data row of a recognised sheet (used by intake)."""
from __future__ import annotations

import html
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any, Protocol
from collections.abc import Callable

from reportgen.config import Industry, Settings, Submitter
from reportgen.models import (ERROR, WARNING, Exceedance, ExitItem, RedCase, Source, Target, Task, YellowCase,
                     normalise_name)
from reportgen.parse.headers import Header
from reportgen.parse.values import Bad, clean_text, parse_capacity, parse_date, parse_decimal, parse_quantity
from reportgen.parse.words import check_uscc, parse_bool_cn, parse_grounds, parse_method
from reportgen.read.workbook import RawSheet, Row

Record = ExitItem | YellowCase | RedCase | Exceedance | Target | Task


class RowContext(Protocol):
    """What a row parser needs of the file being read (intake's scratch context)."""

    rel: str
    settings: Settings
    submitter: Submitter | None
    named_counties: Counter[str]

    def problem(self, code: str, sheet: str = "", row: int | None = None, col: int | None = None, value: object = "",
                /, **fields: Any) -> None: ...


class RowParser:
    """Turns the current row's cells into a record, reporting each bad cell; `errors` counts the row's errors.

    The subclass sets these before parsing a row:
    """

    sheet: RawSheet
    header: Header
    ctx: RowContext
    cleaned: list[tuple[str, bool]]  # the current row's cells, cleaned: (text, whether cleaning changed it)
    columns: tuple[tuple[str, int], ...]  # (column key, index) of the current table
    errors: int  # error-level problems of the current row
    block: list[ExitItem]  # items since the last 小计, to check it
    all_items: list[ExitItem]

    # -- cell helpers ------------------------------------------------------------------------
    def raw(self, row: Row, key: str) -> tuple[object, int | None]:
        i = self.header.columns.get(key)
        return (row[i] if i is not None and i < len(row) else ""), i

    def shown(self, key: str) -> str:
        """The cleaned text of column `key` in the current row ("" when the sheet has no such column)."""
        i = self.header.columns.get(key)
        return self.cleaned[i][0] if i is not None and i < len(self.cleaned) else ""

    def text(self, r: int, row: Row, key: str) -> str:
        i = self.header.columns.get(key)
        if i is None or i >= len(self.cleaned):
            return ""
        text, changed = self.cleaned[i]
        if changed:
            self.ctx.problem("invisible-chars", self.sheet.name, r + 1, i, text, text=text)
        if text[:1] in "=Dd" and text.upper().startswith(("=DISPIMG(", "DISPIMG(")):
            self.ctx.problem("cell-picture", self.sheet.name, r + 1, i, text)
            return ""
        return text

    def bad(self, r: int, key: str, result: Bad, raw: object, severity: str = ERROR) -> None:
        i = self.header.columns.get(key)
        name = self.header.kind.column(key).name
        self.ctx.problem(result.code, self.sheet.name, r + 1, i, raw, severity=severity, variant=result.variant,
                         fix=result.fix, column=name, **dict(result.fields))
        if severity == ERROR:
            self.errors += 1

    def missing(self, r: int, key: str, what: str = "") -> None:
        """An empty required cell: `what` completes the hint 请填写… (default: the column's name)."""
        i = self.header.columns.get(key)
        name = self.header.kind.column(key).name
        if not self.blank_note(r, key, ERROR, f"必填项「{name}」"):
            self.ctx.problem("required-missing", self.sheet.name, r + 1, i, "", column=name, what=what or name)
        self.errors += 1

    def blank_note(self, r: int, key: str, severity: str, what: str) -> bool:
        """Report a cell that looks blank but is an error value or a formula never calculated; True if it was."""
        cells = self.sheet.notes.cells
        i = self.header.columns.get(key)
        note = cells.get((r, i)) if cells and i is not None else None
        if note is None:
            return False
        kind, text = note
        tail = "，该行未计入" if severity == ERROR else "，按未填处理"
        if kind == "error":
            self.ctx.problem("cell-error", self.sheet.name, r + 1, i, text, severity=severity, what=what, text=text,
                             tail=tail)
        else:
            formula = "=" + html.unescape(text)
            self.ctx.problem("formula-uncalculated", self.sheet.name, r + 1, i, formula, severity=severity, what=what,
                             formula=formula, tail=tail)
        return True

    def required_text(self, r: int, row: Row, key: str) -> str:
        value = self.text(r, row, key)
        if not value:
            self.missing(r, key)
        return value

    def date_cell(self, r: int, row: Row, key: str, required: bool) -> date | None:
        raw, _ = self.raw(row, key)
        if clean_text(raw)[0] == "":
            if required:
                self.missing(r, key, "日期，如 2021-09-30")
            return None
        result = parse_date(raw, None)
        if isinstance(result, Bad):
            self.bad(r, key, result, clean_text(raw)[0], ERROR if required else WARNING)
            return None
        return result

    def number(self, r: int, row: Row, key: str) -> Decimal | None:
        raw, _ = self.raw(row, key)
        if clean_text(raw)[0] == "":
            if self.sheet.notes.cells:
                self.blank_note(r, key, WARNING, f"「{self.header.kind.column(key).name}」")
            return None
        result = parse_decimal(raw)
        if isinstance(result, Bad):
            self.bad(r, key, result, clean_text(raw)[0], WARNING)
            return None
        return result

    def uscc(self, r: int, row: Row) -> str:
        raw, _ = self.raw(row, "uscc")
        if clean_text(raw)[0] == "":
            return ""
        code, bad = check_uscc(raw)
        if bad is not None:
            self.bad(r, "uscc", bad, clean_text(raw)[0], WARNING)
        return code

    def county(self, r: int, row: Row, required: bool) -> str:
        text = self.text(r, row, "county")
        sub = self.ctx.submitter
        if not text:
            if sub is not None and sub.kind == "county":
                return sub.name
            if required:
                self.missing(r, "county", "县（市）区，如 " + "、".join(self.ctx.settings.county_names()[:3]))
            return ""
        found = self.ctx.settings.find_county(text)
        if found is None:
            i = self.header.columns.get("county")
            self.ctx.problem("county-unknown", self.sheet.name, r + 1, i, text, severity=ERROR if required else WARNING,
                             text=text, effect="，该行未计入" if required else "",
                             names="、".join(self.ctx.settings.county_names()))
            if required:
                self.errors += 1
            return text if not required else ""
        self.ctx.named_counties[found.name] += 1
        if sub is not None and sub.kind == "county" and found.name != sub.name:
            i = self.header.columns.get("county")
            self.ctx.problem("county-other", self.sheet.name, r + 1, i, text, text=text, submitter=sub.name,
                             county=found.name)
        return found.name

    def industry(self, r: int, row: Row, required: bool) -> Industry | None:
        text = self.text(r, row, "industry")
        if not text:
            if required:
                self.missing(r, "industry")
            return None
        found = self.ctx.settings.industry(text) or _industry_by_containment(self.ctx.settings, text)
        if found is None:
            i = self.header.columns.get("industry")
            names = "、".join(ind.name for ind in self.ctx.settings.industries)
            self.ctx.problem("industry-unknown", self.sheet.name, r + 1, i, text, severity=ERROR if required else WARNING,
                             text=text, effect="，该行未计入" if required else "", names=names)
            if required:
                self.errors += 1
        return found

    def capacity(self, r: int, row: Row, industry: Industry | None) -> tuple[Decimal | None, str | None]:
        """The row's capacity in the industry's canonical unit (a unit note is a warning), or (None, None)."""
        name = self.header.kind.column("capacity").name
        raw, _ = self.raw(row, "capacity")
        if self.shown("capacity") == "":
            self.missing(r, "capacity", f"{name}（数字），如 60")
            return None, None
        if industry is None:
            return None, None
        result = parse_capacity(raw, industry, self.header.units.get("capacity", ""),
                                self.text(r, row, "capacity_unit"))
        if isinstance(result, Bad):
            self.bad(r, "capacity", result, self.shown("capacity"))
            return None, None
        capacity, unit, note = result
        if note:
            self.ctx.problem("capacity-unit-note", self.sheet.name, r + 1, self.header.columns.get("capacity"),
                             self.shown("capacity"), column=name, note=note)
        return capacity, unit

    def extras(self, row: Row) -> tuple[tuple[str, str], ...]:
        out = []
        for i, name in self.header.unknown:
            if i < len(row):
                value = clean_text(row[i])[0]
                if value:
                    out.append((name, value))
        return tuple(out)

    def source(self, r: int) -> Source:
        return Source(self.ctx.rel, self.sheet.name, r + 1, self.columns)

    # -- records -----------------------------------------------------------------------------
    def _parse(self, r: int, row: Row) -> Record | None:
        parse: Callable[[int, Row], Record | None] = getattr(self, f"_{self.header.kind.key}")
        return parse(r, row)

    def _exit(self, r: int, row: Row) -> ExitItem | None:
        sub = self.ctx.submitter
        enterprise = self.required_text(r, row, "enterprise")
        county = self.county(r, row, required=True)
        uscc = self.uscc(r, row)
        industry = self.industry(r, row, required=True)
        equipment = self.required_text(r, row, "equipment")
        spec = self.text(r, row, "spec")
        quantity, quantity_unit = None, self.text(r, row, "quantity_unit")
        raw_q, _ = self.raw(row, "quantity")
        if self.shown("quantity"):
            q = parse_quantity(raw_q)
            if isinstance(q, Bad):
                self.bad(r, "quantity", q, self.shown("quantity"), WARNING)
            else:
                quantity, quantity_unit = q[0], q[1] or quantity_unit
        capacity, unit = self.capacity(r, row, industry)
        method = None
        raw_m, _ = self.raw(row, "method")
        if self.shown("method") == "":
            self.missing(r, "method", "退出方式：拆除、封存、关停或其他")
        else:
            m = parse_method(raw_m)
            if isinstance(m, Bad):
                self.bad(r, "method", m, self.shown("method"))
            else:
                method = m
        grounds: tuple[str, ...] = ()
        raw_g, _ = self.raw(row, "grounds")
        if self.shown("grounds"):
            grounds, g_bad = parse_grounds(raw_g)
            if g_bad is not None:
                self.bad(r, "grounds", g_bad, self.shown("grounds"), WARNING)
        completed = self.date_cell(r, row, "completed", required=True)
        note = self.text(r, row, "note")
        if self.errors or industry is None or capacity is None or unit is None or method is None or completed is None:
            return None  # each of these is an error reported above
        if method == "封存" and not note:
            self.ctx.problem("sealed-no-note", self.sheet.name, r + 1, self.header.columns.get("method"), method)
        item = ExitItem(
            county=county, enterprise=enterprise, uscc=uscc, industry=industry.name, equipment=equipment, spec=spec,
            quantity=quantity, quantity_unit=quantity_unit, capacity=capacity, unit=unit, method=method,
            grounds=grounds, completed=completed, source=self.source(r), submitter=sub.short if sub else "",
            acceptance=self.text(r, row, "acceptance"), workers=self.number(r, row, "workers"),
            funds=self.number(r, row, "funds"), note=note, extras=self.extras(row))
        self.block.append(item)
        self.all_items.append(item)
        return item

    def _yellow(self, r: int, row: Row) -> YellowCase | None:
        enterprise = self.required_text(r, row, "enterprise")
        category = self._category(r, row, required=True)
        notice = self.date_cell(r, row, "notice_date", required=False)  # blank: found, not yet noticed
        rec = YellowCase(
            enterprise=enterprise, uscc=self.uscc(r, row), county=self.county(r, row, required=False),
            industry=self._industry_name(r, row), category=category, issue=self.text(r, row, "issue"),
            notice_date=notice, deadline=self.date_cell(r, row, "deadline", required=False),
            extended_to=self.date_cell(r, row, "extended_to", required=False), review=self._review(r, row),
            publisher=self.text(r, row, "publisher"), source=self.source(r), submitter=self._who(),
            extras=self.extras(row))
        return None if self.errors else rec

    def _red(self, r: int, row: Row) -> RedCase | None:
        enterprise = self.required_text(r, row, "enterprise")
        rec = RedCase(
            enterprise=enterprise, uscc=self.uscc(r, row), county=self.county(r, row, required=False),
            industry=self._industry_name(r, row), category=self._category(r, row, required=False),
            closed_on=self.date_cell(r, row, "closed_on", required=True), basis=self.text(r, row, "basis"),
            publisher=self.text(r, row, "publisher"), source=self.source(r), submitter=self._who(),
            extras=self.extras(row))
        return None if self.errors else rec

    def _exceedance(self, r: int, row: Row) -> Exceedance | None:
        enterprise = self.required_text(r, row, "enterprise")
        pollutant = self.required_text(r, row, "pollutant")
        serious = False
        raw_s, _ = self.raw(row, "serious")
        if self.shown("serious"):
            s = parse_bool_cn(raw_s)
            if isinstance(s, Bad):
                self.bad(r, "serious", s, self.shown("serious"), WARNING)
            else:
                serious = s
        rec = Exceedance(
            enterprise=enterprise, uscc=self.uscc(r, row), county=self.county(r, row, required=False),
            pollutant=pollutant, concentration=self.number(r, row, "concentration"),
            limit=self.number(r, row, "limit"), unit=self.text(r, row, "unit"),
            measured_on=self.date_cell(r, row, "measured_on", required=False), serious=serious,
            measures=self.text(r, row, "measures"), source=self.source(r), submitter=self._who(),
            extras=self.extras(row))
        return None if self.errors else rec

    def _target(self, r: int, row: Row) -> Target | None:
        county = self.county(r, row, required=True)
        industry = self.industry(r, row, required=True)
        capacity, unit = self.capacity(r, row, industry)
        if self.errors or industry is None or capacity is None or unit is None:
            return None  # each of these is an error reported above
        return Target(county, industry.name, capacity, unit, self.text(r, row, "enterprise"),
                      self.text(r, row, "equipment"), self.source(r))

    def _task(self, r: int, row: Row) -> Task | None:
        raw, _ = self.raw(row, "seq")
        number = parse_decimal(raw) if self.shown("seq") else None
        if not isinstance(number, Decimal) or number != number.to_integral_value() or number <= 0:
            i = self.header.columns.get("seq")
            self.ctx.problem("task-number", self.sheet.name, r + 1, i, self.shown("seq"), shown=self.shown("seq"))
            self.errors += 1
            return None
        title = self.text(r, row, "title") or self._merged_above(r, "title")
        content = self.required_text(r, row, "content")
        leads = self.text(r, row, "leads") or self._merged_above(r, "leads")
        if not leads:
            self.missing(r, "leads", "牵头部门")
        if self.errors:
            return None
        return Task(int(number), title, content, leads,
                    self.text(r, row, "partners") or self._merged_above(r, "partners"), self.source(r))

    def _merged_above(self, r: int, key: str) -> str:
        """The text of a merged cell covering this row's cell of `key` (a task title spanning two rows)."""
        c = self.header.columns.get(key)
        if c is None:
            return ""
        for r0, c0, r1, c1 in self.sheet.merged:
            if r0 <= r <= r1 and c0 <= c <= c1 and (r0, c0) != (r, c):
                rows = self.sheet.rows
                return clean_text(rows[r0][c0])[0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
        return ""

    def _category(self, r: int, row: Row, required: bool) -> str:
        raw, _ = self.raw(row, "category")
        if clean_text(raw)[0] == "":
            if required:
                self.missing(r, "category", "不达标类别：能耗、环保、质量、安全或技术")
            return ""
        grounds, bad = parse_grounds(raw)
        if bad is not None or not grounds:
            self.bad(r, "category", bad or Bad("category-unknown", fields=(("shown", clean_text(raw)[0]),)),
                     clean_text(raw)[0], ERROR if required else WARNING)
            return ""
        return "、".join(grounds)

    def _industry_name(self, r: int, row: Row) -> str:
        found = self.industry(r, row, required=False)
        return found.name if found else self.text(r, row, "industry")

    def _review(self, r: int, row: Row) -> str:
        text = self.text(r, row, "review")
        if text and text not in ("达标", "未达标"):
            if "未" in text or "不" in text:
                return "未达标"
            if "达标" in text or "合格" in text:
                return "达标"
            i = self.header.columns.get("review")
            self.ctx.problem("review-unknown", self.sheet.name, r + 1, i, text, text=text)
            return ""
        return text

    def _who(self) -> str:
        return self.ctx.submitter.short if self.ctx.submitter else ""


def _industry_by_containment(settings: Settings, text: str) -> Industry | None:
    key = normalise_name(text)
    hits = {ind.name: ind for ind in settings.industries
            for n in (ind.name, *ind.aliases) if len(n) >= 2 and normalise_name(n) in key}
    return next(iter(hits.values())) if len(hits) == 1 else None
