"""Yellow and red lists (黄牌 / 红牌): deadlines, extensions, status as of a date, links to exit items.

Pure functions over intake's records: nothing here reads files or settings. The rules come from
the task table (tasks 1, 2, 7, 13) and docs/domain.md: 能耗 and 质量 cases get 6 calendar months
to rectify, 安全 cases none; one extension of at most 3 calendar months may be granted (not for 安全);
a case past its deadline without 复查达标 is a red-list candidate the clerk must act on.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, Protocol, TypeVar
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from reportgen.identity import enterprise_key, enterprise_name_key
from reportgen.models import ExitItem, Problem, RedCase, Source, YellowCase
from reportgen.problems import make as make_problem

GRACE_MONTHS = 6
MAX_EXTENSION_MONTHS = 3
GRACE_CATEGORIES = ("能耗", "质量")  # rectify within GRACE_MONTHS of the notice
IMMEDIATE_CATEGORY = "安全"  # stop production at once: the deadline is the notice date

IN_PROGRESS = "整改中"
EXTENDED = "已延期"
OVERDUE = "逾期未整改"
RECTIFIED = "已达标销号"
TO_RED = "已转红牌"
STATUSES = (IN_PROGRESS, EXTENDED, OVERDUE, RECTIFIED, TO_RED)

REASON_ENERGY = "能耗不达标"
REASON_OBSOLETE = "淘汰类产能"


@dataclass(frozen=True)
class YellowStatus:
    """A yellow case with its computed deadline and its status as of a date."""

    case: YellowCase
    deadline: date | None  # given 整改期限, else computed from the notice date; None when neither applies
    effective: date | None  # the valid extension date when there is one, else `deadline`
    status: str  # one of STATUSES
    red: RedCase | None  # the red case of the same enterprise, if any
    exit_items: tuple[ExitItem, ...]  # exit items reported for the same enterprise

    @property
    def extended(self) -> bool:
        """True when a valid extension moved the deadline."""
        return self.effective is not None and self.deadline is not None and self.effective > self.deadline


@dataclass(frozen=True)
class RedStatus:
    """A red case with the exit item(s) reported for the same enterprise."""

    case: RedCase
    exit_items: tuple[ExitItem, ...]


def categories(text: str) -> tuple[str, ...]:
    """The categories of a 不达标类别 value as intake joins them ("能耗、安全" -> ("能耗", "安全"))."""
    parts = (p.strip() for p in (text or "").replace("，", "、").replace(",", "、").replace("/", "、").split("、"))
    return tuple(p for p in parts if p)


def deadline_for(category: str, notice: date | None, given: date | None) -> date | None:
    """The rectification deadline: the given one, else notice + 6 months (能耗/质量) or the notice date (安全)."""
    if given is not None:
        return given
    if notice is None:
        return None
    cats = categories(category)
    if IMMEDIATE_CATEGORY in cats:
        return notice
    if any(c in GRACE_CATEGORIES for c in cats):
        return notice + relativedelta(months=GRACE_MONTHS)
    return None


def extension_limit(deadline: date) -> date:
    """The latest date an extension of `deadline` may reach (3 calendar months, end-of-month safe)."""
    return deadline + relativedelta(months=MAX_EXTENSION_MONTHS)


class _Named(Protocol):
    @property
    def uscc(self) -> str: ...

    @property
    def enterprise(self) -> str: ...


_N = TypeVar("_N", bound=_Named)


class _Enterprises(Generic[_N]):
    """Records indexed by enterprise: USCC when both sides have one, else the normalised name."""

    def __init__(self, records: Iterable[_N]):
        self.by_uscc: dict[str, list[_N]] = {}
        self.by_name: dict[str, list[_N]] = {}
        for rec in records:
            if rec.uscc:
                self.by_uscc.setdefault(rec.uscc, []).append(rec)
            key = enterprise_name_key(rec.enterprise)
            if key:
                self.by_name.setdefault(key, []).append(rec)

    def find(self, uscc: str, name: str) -> list[_N]:
        """Every record of the enterprise: same USCC, or same name where either side has no USCC."""
        found = list(self.by_uscc.get(uscc, ())) if uscc else []
        for rec in self.by_name.get(enterprise_name_key(name), ()):
            if (not uscc or not rec.uscc) and not any(rec is f for f in found):
                found.append(rec)
        return found


def _where(source: Source, cell: str) -> str:
    return f"{source.file}「{source.sheet}」{cell or f'第{source.row}行'}"


def _cell(source: Source, *keys: str) -> str:
    """The first existing cell among the columns `keys` of the source's row."""
    for key in keys:
        ref = source.cell(key)
        if ref:
            return ref
    return ""


def _problem(code: str, source: Source, cell: str, value: object = "", **fields: Any) -> Problem:
    return make_problem(code, file=source.file, sheet=source.sheet, row=source.row, cell=cell, value=value,
                        where=_where(source, cell), **fields)


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _label(case: YellowCase | RedCase) -> str:
    return f"{case.enterprise}（{case.category}）" if case.category else case.enterprise


def _deadline(case: YellowCase, problems: list[Problem]) -> date | None:
    """The case's deadline, with problems for a given deadline before the notice or a missing one."""
    src, given = case.source, case.deadline
    if given is not None and case.notice_date is not None and given < case.notice_date:
        cell = _cell(src, "deadline")
        fallback = "规定期限（通知日期起算）计算" if deadline_for(case.category, case.notice_date, None) else "未给出期限处理"
        problems.append(_problem("deadline-before-notice", src, cell, given.isoformat(), label=_label(case),
                                 deadline=given, notice=case.notice_date, fallback=fallback))
        given = None
    deadline = deadline_for(case.category, case.notice_date, given)
    if deadline is None:
        cell = _cell(src, "deadline", "category")
        if case.notice_date is None:
            why = "未填整改期限，也没有整改通知日期，无法计算整改期限"
        else:
            why = f"不达标类别为「{case.category or '未填'}」，没有规定的整改期限，且未填整改期限"
        if case.extended_to is not None:
            why += f"（延期至 {case.extended_to.isoformat()} 也因此无法核对）"
        problems.append(_problem("deadline-missing", src, cell, label=_label(case), why=why))
    return deadline


def _extension(case: YellowCase, deadline: date | None, repeated: bool,
               problems: list[Problem]) -> date | None:
    """The valid extension date of the case, None when there is none or it is invalid (with a problem)."""
    ext = case.extended_to
    if ext is None:
        return None
    src = case.source
    cell = _cell(src, "extended_to")
    cats = categories(case.category)
    if IMMEDIATE_CATEGORY in cats:
        problems.append(_problem("extension-not-allowed", src, cell, ext.isoformat(), label=_label(case),
                                 extended_to=ext))
        return None
    if repeated:
        problems.append(_problem("extension-repeated", src, cell, ext.isoformat(), label=_label(case),
                                 extended_to=ext))
        return None
    if deadline is None:
        return None  # no deadline to measure the extension against: the deadline-missing warning says so
    if ext < deadline:
        problems.append(_problem("extension-before-deadline", src, cell, ext.isoformat(), label=_label(case),
                                 extended_to=ext, deadline=deadline))
        return None
    limit = extension_limit(deadline)
    if ext > limit:
        problems.append(_problem("extension-too-long", src, cell, ext.isoformat(), label=_label(case),
                                 extended_to=ext, deadline=deadline, months=MAX_EXTENSION_MONTHS, limit=limit))
        return None
    return ext if ext > deadline else None


def _repeated_extensions(cases: list[YellowCase]) -> set[int]:
    """Indexes of cases whose notice already has an earlier extension in another row (only one is allowed)."""
    groups: dict[tuple[str, str, date | None], list[int]] = {}
    for i, c in enumerate(cases):
        if c.extended_to is not None:
            who = enterprise_key(c.uscc, c.enterprise)
            groups.setdefault((who, c.category, c.notice_date), []).append(i)
    repeated: set[int] = set()
    for idx in groups.values():
        first = min(d for i in idx if (d := cases[i].extended_to) is not None)  # the same date twice is one extension reported twice
        repeated.update(i for i in idx if cases[i].extended_to != first)
    return repeated


def classify_yellow(cases: Iterable[YellowCase], reds: Iterable[RedCase], items: Iterable[ExitItem],
                    as_of: date) -> tuple[list[YellowStatus], list[Problem]]:
    """Each yellow case's deadline and status as of `as_of`, with the problems found on the way."""
    cases = list(cases)
    if not cases:
        return [], []
    red_index, item_index = _Enterprises(reds), _Enterprises(items)
    repeated = _repeated_extensions(cases)
    statuses: list[YellowStatus] = []
    problems: list[Problem] = []
    for i, case in enumerate(cases):
        deadline = _deadline(case, problems)
        ext = _extension(case, deadline, i in repeated, problems)
        effective = ext or deadline
        found = red_index.find(case.uscc, case.enterprise)
        red = min(found, key=lambda r: (r.closed_on or date.max)) if found else None
        linked = tuple(item_index.find(case.uscc, case.enterprise))
        if case.review == "达标":
            status = RECTIFIED
        elif red is not None:
            status = TO_RED
        elif effective is None or as_of <= effective:
            status = EXTENDED if ext is not None else IN_PROGRESS
        else:
            status = OVERDUE
            problems.append(_overdue(case, effective, ext is not None, as_of))
        statuses.append(YellowStatus(case, deadline, effective, status, red, linked))
    return statuses, problems


def _overdue(case: YellowCase, effective: date, extended: bool, as_of: date) -> Problem:
    src = case.source
    cell = _cell(src, "extended_to") if extended else _cell(src, "deadline", "notice_date")
    review = "复查未达标" if case.review == "未达标" else "尚无复查达标结果"
    which = "延期后的整改期限" if extended else "整改期限"
    return _problem("yellow-overdue", src, cell, effective.isoformat(), label=_label(case), which=which,
                    effective=effective, as_of=as_of, review=review)


def link_red(reds: Iterable[RedCase], items: Iterable[ExitItem]) -> tuple[list[RedStatus], list[Problem]]:
    """Each red case with the exit items of the same enterprise; a red enterprise with none is a problem."""
    reds = list(reds)
    if not reds:
        return [], []
    item_index = _Enterprises(items)
    statuses: list[RedStatus] = []
    problems: list[Problem] = []
    for case in reds:
        linked = tuple(item_index.find(case.uscc, case.enterprise))
        statuses.append(RedStatus(case, linked))
        if not linked:
            src = case.source
            closed = f"（关闭日期 {case.closed_on.isoformat()}）" if case.closed_on else ""
            problems.append(_problem("red-no-exit", src, _cell(src, "enterprise"), case.enterprise,
                                     label=_label(case), closed=closed))
    return statuses, problems


PRICE_ENERGY = "阶梯电价、超定额用水累进加价"  # 能耗 or 电耗 above the compulsory limit
PRICE_OBSOLETE = "差别电价（淘汰类）、超定额用水累进加价"  # 产业结构调整指导目录（2019年本） 淘汰类
OBSOLETE_CATEGORY = "技术"  # 不达标类别 of a case whose capacity is 淘汰类 under the industrial policy


def price_list(statuses: Iterable[YellowStatus | RedStatus], as_of: date) -> list[dict[str, Any]]:
    """The 差别价格 list (task 7): one row per line still producing that fails the energy standards or is 淘汰类.

    Only a yellow case can be still producing: a red case is closed by law, a rectified case meets the standard,
    a case turned red is closed, and an enterprise whose exit is reported has left production (its line gets no
    price). Each row says what the 发改委 acts on: the enterprise and its code, the line, the ground (the finding),
    the price asked, from when (the first day of the month after `as_of`) and until when (复查达标 or exit)."""
    start = date(as_of.year + (as_of.month == 12), as_of.month % 12 + 1, 1)
    rows: list[dict[str, Any]] = []
    for st in statuses:
        if not isinstance(st, YellowStatus) or st.status in (RECTIFIED, TO_RED) or st.exit_items or st.red:
            continue
        case = st.case
        cats = categories(case.category)
        energy, obsolete = "能耗" in cats, OBSOLETE_CATEGORY in cats
        if not (energy or obsolete):
            continue
        reasons = [r for r, on in ((REASON_ENERGY, energy), (REASON_OBSOLETE, obsolete)) if on]
        equipment = next((v for k, v in case.extras if any(w in k for w in ("设备", "生产线", "装置"))), "")
        rows.append({"enterprise": case.enterprise, "uscc": case.uscc, "county": case.county,
                     "industry": case.industry, "equipment": equipment, "reason": "、".join(reasons),
                     "ground": case.issue, "price": PRICE_OBSOLETE if obsolete else PRICE_ENERGY,
                     "from": start, "deadline": st.effective, "status": st.status,
                     "source": case.source.describe()})
    return rows
