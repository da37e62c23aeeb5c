"""Submissions -> Tally: resubmissions, other-year rows, duplicates, totals and the accounting."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict
from collections.abc import Callable, Iterable
from decimal import Context, Decimal, localcontext

from reportgen.config import Settings
from reportgen.tally.duplicates import dedupe_items, dedupe_red, dedupe_yellow
from reportgen.tally.enforcement import STATUSES, classify_yellow, link_red, price_list
from reportgen.tally.figures import compute_figures, count_enterprises
from reportgen.models import Accounting, ExitItem, Problem, Submission, SubmissionStatus, Tally, Total
from reportgen.problems import make as make_problem
from reportgen.tally.progress import compute_progress
from reportgen.tally.resubmit import resolve
from reportgen.tally.tasks import assign

NO_GROUND = "未填"


def resolve_resubmissions(subs: list[Submission]) -> tuple[list[Submission], dict[str, str]]:
    """The file used per submitter and superseded file -> the file used instead (see resubmit.py)."""
    res = resolve(subs)
    return res.used, res.superseded


@dataclass
class _Sum:
    unit: str
    capacity: Decimal = Decimal(0)
    items: list[ExitItem] = field(default_factory=list)
    quantity: int = 0


_Key = tuple[str, ...]


def _group(items: Iterable[ExitItem], key: Callable[[ExitItem], list[_Key]],
           order: Callable[[_Key], tuple[object, ...]]) -> tuple[tuple[Any, ...], ...]:
    """Totals per key (one pass; an item may fall under several keys), sorted by `order`: (*key without its
    last part, Total)."""
    acc: dict[_Key, _Sum] = {}
    for item in items:
        for k in key(item):
            a = acc.get(k)
            if a is None:
                a = acc[k] = _Sum(item.unit)
            a.capacity += item.capacity
            a.items.append(item)
            a.quantity += item.quantity or 0
    return tuple((*k[:-1], Total(capacity=a.capacity, unit=a.unit, enterprises=count_enterprises(a.items, _county),
                                 items=len(a.items), quantity=a.quantity))
                 for k, a in sorted(acc.items(), key=lambda kv: order(kv[0])))


def _county(item: ExitItem) -> str:
    return item.county


WIDE = Context(prec=200, Emax=10 ** 6, Emin=-10 ** 6)  # no sum of cell values (15 digits each) is ever rounded


def tally(subs: list[Submission], settings: Settings, year: int, as_of: date) -> Tally:
    """Add up the year: every data row of the used files ends counted, rejected, duplicate or other-year.

    Every sum below runs in WIDE: the default 28 digits would round a total of 1e15 and 1e-14 items."""
    with localcontext(WIDE):
        return _tally(subs, settings, year, as_of)


def _tally(subs: list[Submission], settings: Settings, year: int, as_of: date) -> Tally:
    resolution = resolve(subs)
    used, superseded = resolution.used, resolution.superseded
    problems = [p for s in subs if s.file not in superseded for p in s.problems] + resolution.problems
    kinds = {sub.short: sub.kind for sub in settings.submitters}
    in_year, other_year = split_years(used, year)
    problems.extend(_other_year_problem(item, year) for item in other_year)
    not_yet = [i for i in in_year if i.completed > as_of]  # a plan, not a fact: never published as done
    if not_yet:
        in_year = [i for i in in_year if i.completed <= as_of]
        problems.extend(_not_yet_problem(item, as_of) for item in not_yet)
    # the same item in two submissions counts once; a county's own row is the record (duplicates.py)
    kept, duplicates, found = dedupe_items(in_year, kinds)
    problems.extend(found)
    groupings = group_totals(kept, settings)
    statuses, missing = _statuses(subs, used, superseded, settings)
    problems.extend(_missing_problem(name, year) for name in missing)
    yellow_kept, yellow_dups, found = dedupe_yellow([y for s in used for y in s.yellow])
    problems.extend(found)
    red_kept, red_dups, found = dedupe_red([x for s in used for x in s.red])
    problems.extend(found)
    yellow, red = tuple(yellow_kept), tuple(red_kept)
    exceed = tuple(x for s in used for x in s.exceedances)
    targets = tuple(x for s in used for x in s.targets)
    tasks = tuple(x for s in used for x in s.tasks)
    yellow_status, found = classify_yellow(yellow, red, kept, as_of)
    problems.extend(found)
    red_status, found = link_red(red, kept)
    problems.extend(found)
    prices = price_list([*yellow_status, *red_status], as_of)
    submitted_counties = {s.submitter for s in used if s.submitter and kinds.get(s.submitter) == "county"}
    progress, found = compute_progress(targets, kept, settings, as_of, submitted_counties, year=year)
    problems.extend(found)
    problems.extend(assign(tasks, settings)[2] if tasks else ())
    acc = account(subs, used, superseded, kept, len(duplicates) + len(yellow_dups) + len(red_dups), other_year,
                  len(not_yet), len(yellow) + len(red) + len(exceed) + len(targets) + len(tasks))
    figures = compute_figures(tuple(kept), groupings["by_county"], tuple(progress), settings.county_names(),
                              submitted_counties, tuple(yellow_status), tuple(red_status), exceed, STATUSES)
    return Tally(
        year=year, as_of=as_of, items=tuple(kept), duplicates=tuple(duplicates), other_year=tuple(other_year),
        not_yet=tuple(not_yet),
        yellow=yellow, red=red, exceedances=exceed, targets=targets, **groupings,
        submissions=tuple(statuses), missing=tuple(missing),
        problems=tuple(sorted(problems, key=_problem_order)), accounting=acc,
        enterprises=figures.city.enterprises, tasks=tasks,
        yellow_status=tuple(yellow_status), red_status=tuple(red_status), price_list=tuple(prices),
        progress=tuple(progress), duplicate_cases=tuple(yellow_dups + red_dups), figures=figures)


def split_years(used: list[Submission], year: int) -> tuple[list[ExitItem], list[ExitItem]]:
    """The exit items of the used files: (completed in `year`, completed in another year)."""
    in_year: list[ExitItem] = []
    other_year: list[ExitItem] = []
    for s in used:
        for item in s.items:
            (in_year if item.completed.year == year else other_year).append(item)
    return in_year, other_year


def _other_year_problem(item: ExitItem, year: int) -> Problem:
    src = item.source
    return make_problem("other-year", file=src.file, sheet=src.sheet, row=src.row, cell=src.cell("completed"),
                        value=item.completed.isoformat(), where=src.describe(), completed=item.completed, year=year,
                        enterprise=item.enterprise, equipment=item.equipment)


def _not_yet_problem(item: ExitItem, as_of: date) -> Problem:
    src = item.source
    return make_problem("completed-after-date", file=src.file, sheet=src.sheet, row=src.row,
                        cell=src.cell("completed"), value=item.completed.isoformat(), where=src.describe(),
                        completed=item.completed, as_of=as_of, enterprise=item.enterprise, equipment=item.equipment)


def _missing_problem(name: str, year: int) -> Problem:
    return make_problem("submitter-missing", name=name, year=year)


class Groupings(TypedDict):
    by_county: tuple[tuple[str, str, Total], ...]
    by_industry: tuple[tuple[str, Total], ...]
    by_method: tuple[tuple[str, str, Total], ...]
    by_ground: tuple[tuple[str, str, Total], ...]


def group_totals(kept: list[ExitItem], settings: Settings) -> Groupings:
    """The totals by county, industry, method and ground (Tally's by_* fields), in configured order."""
    county_order = {c: i for i, c in enumerate(settings.county_names())}
    industry_order = {ind.name: i for i, ind in enumerate(settings.industries)}
    method_order = {m: i for i, m in enumerate(Settings.METHODS)}
    ground_order = {g: i for i, g in enumerate((*Settings.GROUNDS, NO_GROUND))}

    def unit_rank(industry: str, unit: str) -> tuple[int, str]:
        ind = settings.industry(industry)
        return (0 if ind and unit == ind.unit else 1, unit)

    return Groupings(
        by_county=_group(kept, lambda i: [(i.county, i.industry, i.unit)],
                         lambda k: (county_order.get(k[0], 99), industry_order.get(k[1], 99),
                                    unit_rank(k[1], k[2]))),
        by_industry=_group(kept, lambda i: [(i.industry, i.unit)],
                           lambda k: (industry_order.get(k[0], 99), unit_rank(k[0], k[1]))),
        by_method=_group(kept, lambda i: [(i.method, i.industry, i.unit)],
                         lambda k: (method_order.get(k[0], 9), industry_order.get(k[1], 99),
                                    unit_rank(k[1], k[2]))),
        by_ground=_group(kept, lambda i: [(g, i.industry, i.unit) for g in (i.grounds or (NO_GROUND,))],
                         lambda k: (ground_order.get(k[0], 9), industry_order.get(k[1], 99),
                                    unit_rank(k[1], k[2]))),
    )


def account(subs: list[Submission], used: list[Submission], superseded: dict[str, str], kept: list[ExitItem],
            duplicates: int, other_year: list[ExitItem], not_yet: int, list_rows: int) -> Accounting:
    """Where every data row of the used files ended; asserts that the rows balance."""
    acc = Accounting(
        rows_read=sum(s.rows_read for s in used), counted=len(kept) + list_rows,
        rejected=sum(s.rejected for s in used), duplicate=duplicates, other_year=len(other_year), not_yet=not_yet,
        skipped=sum(s.skipped for s in used), superseded_rows=sum(s.rows_read for s in subs if s.file in superseded),
        above_header=sum(s.above_header for s in used), header_rows=sum(s.header_rows for s in used),
        unread_rows=sum(s.unread_rows for s in used), sheet_rows=sum(s.sheet_rows or 0 for s in used))
    assert acc.balanced(), f"accounting does not balance: {acc}"
    assert acc.rows_balanced() or any(s.sheet_rows is None for s in used), f"sheet rows do not balance: {acc}"
    return acc


def _statuses(subs: list[Submission], used: list[Submission], superseded: dict[str, str], settings: Settings
              ) -> tuple[list[SubmissionStatus], tuple[str, ...]]:
    used_files = {s.file for s in used}
    statuses = []
    for s in sorted(subs, key=lambda s: s.file):
        if s.file in used_files:
            status = "used"
        elif s.file in superseded:
            status = "superseded"
        else:
            status = s.status  # unreadable | unrecognised
        statuses.append(SubmissionStatus(s.submitter, s.file, status, superseded.get(s.file, ""), s.fill_date,
                                         _role(s)))
    sent = {s.submitter for s in subs if s.status == "read" and s.submitter and s.reported}
    missing = tuple(sub.short for sub in settings.submitters if sub.expected and sub.short not in sent)
    statuses.extend(SubmissionStatus(name, "", "missing") for name in missing)
    return statuses, missing


def _role(s: Submission) -> str:
    """What the city's own workbooks are: a plan or a task table holds no submitter's data."""
    if s.submitter or s.items or s.yellow or s.red or s.exceedances:
        return ""
    return "目标任务" if s.targets else "任务分解表" if s.tasks else ""


def _problem_order(p: Problem) -> tuple[bool, str, str, int, str, str]:
    return (p.file == "", p.file, p.sheet, p.row or 0, p.cell, p.code)
