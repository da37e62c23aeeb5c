"""One inbox file -> one Submission: who sent it, its records, its problems, its row counts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from . import reader
from .config import Industry, Settings, Submitter
from .headers import Header, find_header, is_repeated_header
from .models import (ERROR, WARNING, Exceedance, ExitItem, Problem, RedCase, Source, Submission,
                     Target, YellowCase)
from .values import (Bad, cell_ref, check_uscc, clean_text, parse_bool_cn, parse_capacity, parse_date,
                     parse_decimal, parse_grounds, parse_method, parse_quantity)

TOTAL_WORDS = ("合计", "小计", "总计", "共计")
NOTE_PREFIXES = ("注：", "注:", "注1", "说明：", "说明:", "备注：", "填报人", "联系电话", "审核人", "填报单位",
                 "填报日期", "单位负责人", "制表人", "联系人", "负责人", "审核：", "制表：")
SECTION = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部类])")
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
    return _read_book(book, path, ctx, mtime)


def _from_name(path: Path, settings: Settings) -> str | None:
    sub = settings.find_submitter(path.stem)
    return sub.short if sub else None


def _read_book(book, path: Path, ctx: _Ctx, mtime: float) -> Submission:
    settings = ctx.settings
    declared, fill_date = _declarations(book, ctx)
    if declared:
        ctx.submitter = settings.find_submitter(declared)
        if ctx.submitter is None:
            ctx.problem(WARNING, "submitter-unknown", f"填报单位「{declared}」不在配置的报送单位中",
                        "请核对填报单位名称，或在 reportgen.toml 的 counties / departments 中添加该单位")
    if ctx.submitter is None:
        ctx.submitter = settings.find_submitter(path.stem)
    if ctx.submitter is None and not declared:
        ctx.problem(WARNING, "submitter-unidentified", "无法确定报送单位（表头上方没有「填报单位：」，文件名中也没有单位名称）",
                    "请在表头上方写明「填报单位：XX县（区）工业和信息化局」，或把单位名称写进文件名；"
                    "各行须填写县（市）区")
    records: dict[str, list] = {"exit": [], "yellow": [], "red": [], "exceedance": [], "target": []}
    for sheet in book.sheets:
        _read_sheet(sheet, ctx, records)
    return Submission(
        file=ctx.rel, status="read", submitter=ctx.submitter.short if ctx.submitter else None,
        fill_date=fill_date, mtime=mtime, items=tuple(records["exit"]), yellow=tuple(records["yellow"]),
        red=tuple(records["red"]), exceedances=tuple(records["exceedance"]), targets=tuple(records["target"]),
        problems=tuple(ctx.problems), rows_read=ctx.rows_read, rejected=ctx.rejected, skipped=ctx.skipped)


def _declarations(book, ctx: _Ctx) -> tuple[str, date | None]:
    """填报单位 and 填报日期 written anywhere outside the data (top rows or the bottom lines of any sheet)."""
    unit, when = "", None
    for sheet in book.sheets:
        rows = sheet.rows
        scan = list(range(min(len(rows), 12))) + list(range(max(12, len(rows) - 12), len(rows)))
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
    header = find_header(rows, sheet.merged)
    if header is None:
        if any(n in sheet.name for n in IGNORED_SHEETS) or not _has_content(rows):
            return
        ctx.problem(WARNING, "sheet-no-header", "没有找到可识别的表头（如「企业名称」「退出产能」「退出方式」），该工作表未读取",
                    "如该表有数据，请使用报送表模板的表头（reportgen init 生成的表格）", sheet.name)
        return
    if not sheet.visible:
        ctx.problem(WARNING, "sheet-hidden", f"隐藏的工作表「{sheet.name}」也已读取", "如不应报送，请删除该工作表", sheet.name)
    if sheet.truncated_at:
        ctx.problem(WARNING, "sheet-truncated", f"第{sheet.truncated_at}行之后连续空行过多或行数超限，以下内容未读取",
                    "请删除多余的空行或格式后重新报送", sheet.name, sheet.truncated_at)
    if header.missing:
        names = "、".join(header.missing)
        ctx.problem(ERROR, "column-missing", f"表头缺少必填列「{names}」，该工作表的数据未计入",
                    f"请在表头中增加「{names}」列并填写", sheet.name, header.row + 1)
        ctx.skipped += 0
        return
    if header.kind.key == "exit" and "county" not in header.columns and \
            (ctx.submitter is None or ctx.submitter.kind != "county"):
        ctx.problem(WARNING, "county-column-missing", "表中没有「县（市）区」列，填报单位又不是县（市）区，各行将无法确定所属县（市）区",
                    "请增加「县（市）区」列", sheet.name, header.row + 1)
    SheetReader(sheet, header, ctx, records).run()


def _has_content(rows) -> bool:
    return any(clean_text(v)[0] for row in rows for v in row)


class SheetReader:
    """Classifies the rows of one sheet below its header and parses its data rows."""

    def __init__(self, sheet, header: Header, ctx: _Ctx, records: dict):
        self.sheet, self.header, self.ctx, self.records = sheet, header, ctx, records
        self.columns = tuple(sorted(header.columns.items()))
        self.errors = 0
        self.block: list[ExitItem] = []  # items since the last 小计, to check it
        self.all_items: list[ExitItem] = []

    # -- row classification --------------------------------------------------------------
    def run(self) -> None:
        rows, h = self.sheet.rows, self.header
        for r in range(h.row + 1, len(rows)):
            row = rows[r]
            self.cleaned = [clean_text(v) for v in row]
            texts = [c[0] for c in self.cleaned]
            filled = [(i, t) for i, t in enumerate(texts) if t]
            if not filled or is_repeated_header(h, texts):
                self.ctx.skipped += 1
                continue
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

    def _check_total(self, r: int, row: tuple, words) -> None:
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
        computed = sum((i.capacity for i in items), Decimal(0))
        factor = self._header_factor(items)
        if factor is not None and stated * factor != computed:
            label = "小计" if is_sub else "合计"
            self.ctx.problem(WARNING, "total-mismatch",
                             f"{label}行的退出产能为{clean_text(raw)[0]}，按各行重新计算应为{_plain(computed / factor)}；{label}行不计入，以重新计算的结果为准",
                             "请核对各行数据与合计是否一致", self.sheet.name, r + 1, col, clean_text(raw)[0])
        if is_sub:
            self.block = []

    def _header_factor(self, items) -> Decimal | None:
        if not items:
            return Decimal(1)
        ind = self.ctx.settings.industry(items[0].industry)
        unit = self.header.units.get("capacity", "") or (ind.unit if ind else "")
        return ind.factor(unit) if ind else None

    # -- cell helpers ------------------------------------------------------------------------
    def raw(self, row, key):
        i = self.header.columns.get(key)
        return (row[i] if i is not None and i < len(row) else ""), i

    def shown(self, key) -> str:
        """The cleaned text of column `key` in the current row ("" when the sheet has no such column)."""
        i = self.header.columns.get(key)
        return self.cleaned[i][0] if i is not None and i < len(self.cleaned) else ""

    def text(self, r, row, key) -> str:
        i = self.header.columns.get(key)
        if i is None or i >= len(self.cleaned):
            return ""
        text, changed = self.cleaned[i]
        if changed:
            self.ctx.problem(WARNING, "invisible-chars", f"「{text}」中有不可见字符或特殊空格，已清除", "", self.sheet.name,
                             r + 1, i, text)
        if text.upper().startswith(("=DISPIMG(", "DISPIMG(")):
            self.ctx.problem(WARNING, "cell-picture", "单元格是WPS嵌入图片，没有文字", "请把内容改为文字", self.sheet.name, r + 1,
                             i, text)
            return ""
        return text

    def bad(self, r, key, result: Bad, raw, severity=ERROR):
        i = self.header.columns.get(key)
        name = self.header.kind.column(key).name
        self.ctx.problem(severity, result.code, f"{name}{result.message}", result.hint, self.sheet.name, r + 1, i, raw)
        if severity == ERROR:
            self.errors += 1

    def missing(self, r, key, hint=""):
        i = self.header.columns.get(key)
        name = self.header.kind.column(key).name
        self.ctx.problem(ERROR, "required-missing", f"必填项「{name}」为空，该行未计入", hint or f"请填写{name}",
                         self.sheet.name, r + 1, i, "")
        self.errors += 1

    def required_text(self, r, row, key) -> str:
        value = self.text(r, row, key)
        if not value:
            self.missing(r, key)
        return value

    def date(self, r, row, key, required: bool) -> date | None:
        raw, _ = self.raw(row, key)
        if clean_text(raw)[0] == "":
            if required:
                self.missing(r, key, "请填写日期，如 2021-09-30")
            return None
        result = parse_date(raw, None)
        if isinstance(result, Bad):
            self.bad(r, key, result, clean_text(raw)[0], ERROR if required else WARNING)
            return None
        return result

    def number(self, r, row, key) -> Decimal | None:
        raw, _ = self.raw(row, key)
        if clean_text(raw)[0] == "":
            return None
        result = parse_decimal(raw)
        if isinstance(result, Bad):
            self.bad(r, key, result, clean_text(raw)[0], WARNING)
            return None
        return result

    def uscc(self, r, row) -> str:
        raw, _ = self.raw(row, "uscc")
        if clean_text(raw)[0] == "":
            return ""
        code, bad = check_uscc(raw)
        if bad is not None:
            self.bad(r, "uscc", bad, clean_text(raw)[0], WARNING)
        return code

    def county(self, r, row, required: bool) -> str:
        text = self.text(r, row, "county")
        sub = self.ctx.submitter
        if not text:
            if sub is not None and sub.kind == "county":
                return sub.name
            if required:
                self.missing(r, "county", "请填写县（市）区，如 " + "、".join(self.ctx.settings.county_names()[:3]))
            return ""
        found = self.ctx.settings.find_county(text)
        if found is None:
            i = self.header.columns.get("county")
            self.ctx.problem(ERROR if required else WARNING, "county-unknown",
                             f"县（市）区「{text}」不是本市的县（市）区" + ("，该行未计入" if required else ""),
                             "请填写：" + "、".join(self.ctx.settings.county_names()), self.sheet.name, r + 1, i, text)
            if required:
                self.errors += 1
            return text if not required else ""
        if sub is not None and sub.kind == "county" and found.name != sub.name:
            i = self.header.columns.get("county")
            self.ctx.problem(WARNING, "county-other", f"县（市）区「{text}」与填报单位{sub.name}不一致，按「{found.name}」统计",
                             "请核对该行是否属于本县（市）区", self.sheet.name, r + 1, i, text)
        return found.name

    def industry(self, r, row, required: bool) -> Industry | None:
        text = self.text(r, row, "industry")
        if not text:
            if required:
                self.missing(r, "industry")
            return None
        found = self.ctx.settings.industry(text) or _industry_by_containment(self.ctx.settings, text)
        if found is None:
            i = self.header.columns.get("industry")
            names = "、".join(ind.name for ind in self.ctx.settings.industries)
            self.ctx.problem(ERROR if required else WARNING, "industry-unknown", f"行业「{text}」不在配置的行业中" +
                             ("，该行未计入" if required else ""), f"请填写：{names}", self.sheet.name, r + 1, i, text)
            if required:
                self.errors += 1
        return found

    def extras(self, row) -> tuple[tuple[str, str], ...]:
        out = []
        for i, name in self.header.unknown:
            if i < len(row):
                value = clean_text(row[i])[0]
                if value:
                    out.append((name, value))
        return tuple(out)

    def source(self, r) -> Source:
        return Source(self.ctx.rel, self.sheet.name, r + 1, self.columns)

    # -- records -----------------------------------------------------------------------------
    def _parse(self, r: int, row: tuple):
        return getattr(self, f"_{self.header.kind.key}")(r, row)

    def _exit(self, r, row) -> ExitItem | None:
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
        capacity = unit = None
        raw_c, _ = self.raw(row, "capacity")
        if self.shown("capacity") == "":
            self.missing(r, "capacity", "请填写退出产能（数字），如 60")
        elif industry is not None:
            result = parse_capacity(raw_c, industry, self.header.units.get("capacity", ""),
                                    self.text(r, row, "capacity_unit"))
            if isinstance(result, Bad):
                self.bad(r, "capacity", result, self.shown("capacity"))
            else:
                capacity, unit, note = result
                if note:
                    self.ctx.problem(WARNING, "capacity-unit-note", f"退出产能：{note}", "", self.sheet.name, r + 1,
                                     self.header.columns.get("capacity"), self.shown("capacity"))
        method = None
        raw_m, _ = self.raw(row, "method")
        if self.shown("method") == "":
            self.missing(r, "method", "请填写：拆除、封存、关停或其他")
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
        completed = self.date(r, row, "completed", required=True)
        note = self.text(r, row, "note")
        if self.errors:
            return None
        if method == "封存" and not note:
            self.ctx.problem(WARNING, "sealed-no-note", "退出方式为「封存」，备注中未说明封存原因和不再恢复生产的公开承诺",
                             "请在备注中写明封存原因、公开承诺情况和计划拆除时限", self.sheet.name, r + 1,
                             self.header.columns.get("method"), method)
        item = ExitItem(
            county=county, enterprise=enterprise, uscc=uscc, industry=industry.name, equipment=equipment, spec=spec,
            quantity=quantity, quantity_unit=quantity_unit, capacity=capacity, unit=unit, method=method,
            grounds=grounds, completed=completed, source=self.source(r), submitter=sub.short if sub else "",
            acceptance=self.text(r, row, "acceptance"), workers=self.number(r, row, "workers"),
            funds=self.number(r, row, "funds"), note=note, extras=self.extras(row))
        self.block.append(item)
        self.all_items.append(item)
        return item

    def _yellow(self, r, row) -> YellowCase | None:
        enterprise = self.required_text(r, row, "enterprise")
        category = self._category(r, row, required=True)
        notice = self.date(r, row, "notice_date", required=True)
        rec = YellowCase(
            enterprise=enterprise, uscc=self.uscc(r, row), county=self.county(r, row, required=False),
            industry=self._industry_name(r, row), category=category, issue=self.text(r, row, "issue"),
            notice_date=notice, deadline=self.date(r, row, "deadline", required=False),
            extended_to=self.date(r, row, "extended_to", required=False), review=self._review(r, row),
            publisher=self.text(r, row, "publisher"), source=self.source(r), submitter=self._who(),
            extras=self.extras(row))
        return None if self.errors else rec

    def _red(self, r, row) -> RedCase | None:
        enterprise = self.required_text(r, row, "enterprise")
        rec = RedCase(
            enterprise=enterprise, uscc=self.uscc(r, row), county=self.county(r, row, required=False),
            industry=self._industry_name(r, row), category=self._category(r, row, required=False),
            closed_on=self.date(r, row, "closed_on", required=True), basis=self.text(r, row, "basis"),
            publisher=self.text(r, row, "publisher"), source=self.source(r), submitter=self._who(),
            extras=self.extras(row))
        return None if self.errors else rec

    def _exceedance(self, r, row) -> Exceedance | None:
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
            measured_on=self.date(r, row, "measured_on", required=False), serious=serious,
            measures=self.text(r, row, "measures"), source=self.source(r), submitter=self._who(),
            extras=self.extras(row))
        return None if self.errors else rec

    def _target(self, r, row) -> Target | None:
        county = self.county(r, row, required=True)
        industry = self.industry(r, row, required=True)
        raw_c, _ = self.raw(row, "capacity")
        capacity = unit = None
        if self.shown("capacity") == "":
            self.missing(r, "capacity")
        elif industry is not None:
            result = parse_capacity(raw_c, industry, self.header.units.get("capacity", ""),
                                    self.text(r, row, "capacity_unit"))
            if isinstance(result, Bad):
                self.bad(r, "capacity", result, self.shown("capacity"))
            else:
                capacity, unit, _ = result
        if self.errors:
            return None
        return Target(county, industry.name, capacity, unit, self.text(r, row, "enterprise"),
                      self.text(r, row, "equipment"), self.source(r))

    def _category(self, r, row, required: bool) -> str:
        raw, _ = self.raw(row, "category")
        if clean_text(raw)[0] == "":
            if required:
                self.missing(r, "category", "请填写：能耗、环保、质量、安全或技术")
            return ""
        grounds, bad = parse_grounds(raw)
        if bad is not None or not grounds:
            self.bad(r, "category", bad or Bad("category-unknown", f"「{clean_text(raw)[0]}」不是不达标类别",
                                                "请填写：能耗、环保、质量、安全或技术"),
                     clean_text(raw)[0], ERROR if required else WARNING)
            return ""
        return "、".join(grounds)

    def _industry_name(self, r, row) -> str:
        found = self.industry(r, row, required=False)
        return found.name if found else self.text(r, row, "industry")

    def _review(self, r, row) -> str:
        text = self.text(r, row, "review")
        if text and text not in ("达标", "未达标"):
            if "未" in text or "不" in text:
                return "未达标"
            if "达标" in text or "合格" in text:
                return "达标"
            i = self.header.columns.get("review")
            self.ctx.problem(WARNING, "review-unknown", f"复查结果「{text}」无法识别，按未复查处理", "请填写：达标 或 未达标",
                             self.sheet.name, r + 1, i, text)
            return ""
        return text

    def _who(self) -> str:
        return self.ctx.submitter.short if self.ctx.submitter else ""


def _industry_by_containment(settings: Settings, text: str) -> Industry | None:
    from .models import normalise_name

    key = normalise_name(text)
    hits = {ind.name: ind for ind in settings.industries
            for n in (ind.name, *ind.aliases) if len(n) >= 2 and normalise_name(n) in key}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
