"""The city's own workbooks of samples/2021 (目标任务.xlsx, 任务分解表.xlsx) and the enforcement expectations.

Used by tools/make_samples.py; independent of reportgen. Progress and yellow-list status are computed here
from the declared truth with the rules of docs/domain.md and issue 4, restated on purpose:
- target per county × industry = the sum of its plan rows in the industry's canonical unit; done = the counted
  exit capacity of that county and industry; ratio = done / target rounded half-up to 4 places; level 约谈 below
  0.30, 通报 below 0.60, else 正常; 无目标 where a county × industry has exits and no target;
- a yellow case's deadline is its 整改期限, else notice + 6 calendar months (能耗, 质量) or the notice date (安全);
  an extension counts when it is later than the deadline, at most 3 calendar months past it, and not for 安全.
"""
from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

import sample_tasks as st
from sample_data import (COUNTIES, INDUSTRIES, PLAN, PLAN_COLUMNS, PLAN_FILE, PLAN_NOTE, PLAN_SHEET, PLAN_TITLE, G, T,
                         canonical, plain)

AS_OF = date(2021, 12, 1)
TASK_FILE = "任务分解表.xlsx"
SUMMON_BELOW, NOTIFY_BELOW = Decimal("0.30"), Decimal("0.60")
PLAN_FIRST_ROW = 3  # title, header, then the rows
TASK_FIRST_ROW = 4  # 附件2, title, header, then the rows

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


# ----------------------------------------------------------------------------- workbooks
def _title(ws, row: int, text: str, ncol: int) -> None:
    ws.cell(row=row, column=1, value=text).font = Font(name="方正小标宋简体", size=16)
    ws.cell(row=row, column=1).alignment = _CENTER
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
    ws.row_dimensions[row].height = 32


def _header(ws, row: int, names) -> None:
    for c, name in enumerate(names, 1):
        cell = ws.cell(row=row, column=c, value=name)
        cell.font, cell.alignment, cell.border = Font(name="黑体"), _CENTER, _BOX


def plan_workbook() -> Workbook:
    """目标任务.xlsx: the city's work plan, one row per county × industry target or named item."""
    wb = Workbook()
    ws = wb.active
    ws.title = PLAN_SHEET
    _title(ws, 1, PLAN_TITLE, len(PLAN_COLUMNS))
    _header(ws, 2, PLAN_COLUMNS)
    for i, t in enumerate(PLAN, 1):
        amount = int(t.amount) if t.amount == t.amount.to_integral_value() else t.amount
        for c, value in enumerate((i, t.county, t.ind, amount, t.unit, t.ent, t.equip, t.note), 1):
            cell = ws.cell(row=PLAN_FIRST_ROW + i - 1, column=c, value=value if value != "" else None)
            cell.border, cell.alignment = _BOX, _WRAP
    ws.cell(row=PLAN_FIRST_ROW + len(PLAN), column=1, value=PLAN_NOTE)
    for c, width in enumerate((6, 10, 9, 10, 9, 30, 22, 16), 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    return wb


def task_workbook() -> Workbook:
    """任务分解表.xlsx: the 14 tasks of the seed, with the merged 主要任务 of tasks 8 and 9."""
    wb = Workbook()
    ws = wb.active
    ws.title = st.SHEET
    ws.cell(row=1, column=1, value=st.ATTACHMENT).font = Font(name="黑体", size=16)
    _title(ws, 2, st.TITLE, len(st.HEADER))
    _header(ws, 3, st.HEADER)
    merged_tail = {b for _, b in st.MERGED_TITLES}
    for n, title, content, leads, partners in st.TASKS:
        row = TASK_FIRST_ROW + n - 1
        values = (n, None if n in merged_tail else title, content, leads, partners)
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=c, value=value)
            cell.border, cell.alignment = _BOX, _CENTER if c in (1, 2) else _WRAP
    for a, b in st.MERGED_TITLES:
        ws.merge_cells(start_row=TASK_FIRST_ROW + a - 1, start_column=2, end_row=TASK_FIRST_ROW + b - 1, end_column=2)
    for c, width in enumerate((6, 12, 60, 22, 26), 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    return wb


def city_files() -> list[dict]:
    """The accounting entries of the two city workbooks (used, no submitter; every row a counted record)."""
    entry = {"submitter": None, "fill_date": None, "status": "used", "superseded_by": "", "hidden_sheets": [],
             "rejected": 0, "duplicate": 0, "other_year": 0}
    return [{"file": PLAN_FILE, **entry, "sheets": [PLAN_SHEET], "rows_read": len(PLAN), "counted": len(PLAN),
             "skipped": 1},
            {"file": TASK_FILE, **entry, "sheets": [st.SHEET], "rows_read": len(st.TASKS), "counted": len(st.TASKS),
             "skipped": 0}]


# ----------------------------------------------------------------------------- expectations
def _fold(text: str) -> str:
    return "".join(text.split()).upper()


def targets() -> list[dict]:
    """The plan rows as a build must read them (capacity in the industry's canonical unit)."""
    out = []
    for i, t in enumerate(PLAN):
        cap, unit = canonical(t.ind, t.amount, t.unit)
        out.append({"county": t.county, "industry": t.ind, "capacity": plain(cap), "unit": unit,
                    "written": f"{plain(t.amount)}{t.unit}", "enterprise": t.ent, "equipment": t.equip,
                    "source": {"file": PLAN_FILE, "sheet": PLAN_SHEET, "row": PLAN_FIRST_ROW + i}})
    return out


def _named_done(t: T, counted: list[dict]) -> bool:
    return any(r["county"] == t.county and r["industry"] == t.ind and _fold(r["enterprise"]) == _fold(t.ent)
               and (not t.equip or _fold(t.equip) in _fold(r["equipment"])) for r in counted)


def progress(counted: list[dict]) -> tuple[list[dict], list[dict]]:
    """Progress per county × industry (configured order) and the plan problems (named items not reported)."""
    rows, problems = [], []
    for county in COUNTIES:
        for ind, unit in INDUSTRIES.items():
            plan = [t for t in PLAN if t.county == county and t.ind == ind]
            done_rows = [r for r in counted if r["county"] == county and r["industry"] == ind]
            if not plan and not done_rows:
                continue
            done = sum((Decimal(r["capacity"]) for r in done_rows), Decimal(0))
            named = [t for t in plan if t.ent]
            row = {"county": county, "industry": ind, "unit": unit, "target": None, "done": plain(done),
                   "ratio": None, "level": "无目标", "named_planned": len(named),
                   "named_done": sum(1 for t in named if _named_done(t, counted))}
            if plan:
                target = sum((canonical(t.ind, t.amount, t.unit)[0] for t in plan), Decimal(0))
                ratio = (done / target).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
                row.update(target=plain(target), ratio=str(ratio),
                           level="约谈" if ratio < SUMMON_BELOW else "通报" if ratio < NOTIFY_BELOW else "正常")
            rows.append(row)
            for t in named:
                if not _named_done(t, counted):
                    problems.append({"severity": "warning", "code_hint": "plan-item-missing", "file": PLAN_FILE,
                                     "sheet": PLAN_SHEET, "row": PLAN_FIRST_ROW + PLAN.index(t), "cell": "",
                                     "value": t.ent, "stage": "progress"})
    return rows, problems


def no_submission_problems(missing: list[str]) -> list[dict]:
    """A county with a target and no submission (measured at 0), named at its first plan row."""
    return [{"severity": "warning", "code_hint": "target-no-submission", "file": PLAN_FILE, "sheet": PLAN_SHEET,
             "row": PLAN_FIRST_ROW + next(i for i, t in enumerate(PLAN) if t.county == c), "cell": "", "value": c,
             "stage": "progress"}
            for c in COUNTIES if c in missing and any(t.county == c for t in PLAN)]


def tasks() -> list[dict]:
    """The task table as a build must read it (leads and partners as written, line breaks kept)."""
    return [{"number": n, "title": title, "content": content, "leads": leads, "partners": partners,
             "row": TASK_FIRST_ROW + n - 1} for n, title, content, leads, partners in st.TASKS]


def add_months(d: date, months: int) -> date:
    """Calendar months later, clamped to the month's end (2021-08-31 + 6 -> 2022-02-28)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def yellow_status(yellow: list[tuple[G, dict]], red: list[G]) -> tuple[list[dict], list[dict]]:
    """Each yellow case's deadline, effective deadline and status as of AS_OF; the overdue problems."""
    red_names = {_fold(g.ent) for g in red}
    rows, problems = [], []
    for g, where in yellow:
        _ind, category, _issue, notice, given, ext, review, _pub = g.values
        if notice is None and given is None:  # no notice yet: no deadline to judge, a warning for the clerk
            problems.append({"severity": "warning", "code_hint": "deadline-missing", **where, "cell": "",
                             "value": "", "stage": "enforcement"})
            rows.append({"enterprise": g.ent, "row": where["row"], "category": category, "deadline": "",
                         "effective": "", "status": "整改中"})
            continue
        if given is not None:
            deadline = given
        elif category == "安全":
            deadline = notice
        else:
            deadline = add_months(notice, 6)
        valid_ext = ext is not None and category != "安全" and deadline < ext <= add_months(deadline, 3)
        effective = ext if valid_ext else deadline
        if review == "达标":
            status = "已达标销号"
        elif _fold(g.ent) in red_names:
            status = "已转红牌"
        elif effective >= AS_OF:
            status = "已延期" if valid_ext else "整改中"
        else:
            status = "逾期未整改"
            problems.append({"severity": "warning", "code_hint": "yellow-overdue", **where, "cell": "",
                             "value": effective.isoformat(), "stage": "enforcement"})
        rows.append({"enterprise": g.ent, "row": where["row"], "category": category, "deadline": deadline.isoformat(),
                     "effective": effective.isoformat(), "status": status})
    return rows, problems


def red_problems(red: list[tuple[G, dict]], items: list[dict]) -> list[dict]:
    """A red enterprise with no exit item reported (counted) is a problem to chase."""
    names = {_fold(r["enterprise"]) for r in items if r["outcome"] == "counted"}
    return [{"severity": "warning", "code_hint": "red-no-exit", **where, "cell": "", "value": g.ent,
             "stage": "enforcement"} for g, where in red if _fold(g.ent) not in names]
