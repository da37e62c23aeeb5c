"""The division of labour in the year's task table (任务分解表): who leads and who joins which task.

Pure functions over `Task` records: splitting a 牵头部门/参与部门 cell into names, matching the names
to configured departments, collecting group phrases (各县（市）区人民政府, 相关部门按职责分工负责 …),
and finding the year's deadlines in a task's content. Nothing here reads files or raises on data.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from reportgen.config import Settings, Submitter
from reportgen.models import Problem, Task
from reportgen.problems import make as make_problem

COUNTIES = "全部县（市）区"
BY_DUTY = "按职责"

# phrases naming a group rather than one department -> what the group is
GROUPS: dict[str, str] = {
    "各县（市）区人民政府": COUNTIES,
    "各县（市、区）人民政府": COUNTIES,
    "各县（市）区政府": COUNTIES,
    "各县市区人民政府": COUNTIES,
    "相关部门按职责分工负责": BY_DUTY,
    "相关部门按职责分工分别负责": BY_DUTY,
    "各相关部门": BY_DUTY,
    "各有关部门": BY_DUTY,
    "其他负有安全生产监管职责的部门": BY_DUTY,
    "其他负有安全生产监管管理职责的部门": BY_DUTY,
}

# a piece ending like this is a whole name; any other piece may be the head of a name broken over lines
_WHOLE_ENDINGS = ("局", "委", "委员会", "政府", "部门", "负责", "办", "办公室", "厅", "中心", "公司", "单位",
                  "院", "所", "处", "站", "队", "部", "县", "区", "组")
# a piece starting like this begins a new name, so it is never glued to the piece before it
_NAME_STARTS = ("银川市", "市", "各", "其他", "其它", "相关", "有关", "其余", "自治区", "宁夏")
_GENERIC_GROUP = re.compile(r"^(各|其他|其它|相关|有关|其余)|按职责")
_COUNTY_GROUP = re.compile(r"县|区人民政府")
_SEPARATORS = re.compile(r"[\s\u3000、，,；;。/／|]+")
_ETC = re.compile(r"(等部门|等单位|等)+$")
# two names written together with no separator: 银川市财政局银川市人社局
_GLUED = re.compile(r"(?<=[局委府门])(?=银川市|市)")
_OPEN, _CLOSE = "(（", ")）"


@dataclass(frozen=True)
class Assignment:
    """The tasks one configured department leads (牵头/负责) and joins (参与) in the task table."""

    department: Submitter
    leads: tuple[Task, ...]
    joins: tuple[Task, ...]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1)
def _group_pattern() -> re.Pattern[str]:
    """One regex matching any GROUPS phrase with any whitespace between its characters."""
    alternatives = []
    for phrase in sorted(GROUPS, key=len, reverse=True):
        parts = []
        for ch in phrase:
            if ch in _OPEN:
                parts.append("[(（]")
            elif ch in _CLOSE:
                parts.append("[)）]")
            else:
                parts.append(re.escape(ch))
        alternatives.append(r"\s*".join(parts))
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _canonical_group(matched: str) -> str:
    """The GROUPS key a whitespace-broken match stands for."""
    key = _fold("".join(matched.split()))
    for phrase in GROUPS:
        if _fold(phrase) == key:
            return phrase
    return key  # pragma: no cover - the pattern only matches GROUPS phrases


def _is_whole(piece: str) -> bool:
    return _ETC.sub("", piece).endswith(_WHOLE_ENDINGS) or piece.endswith(_WHOLE_ENDINGS)


def _split_plain(text: str) -> list[str]:
    """Names in text holding no known group phrase: split, rejoin broken names, unglue, strip 等部门."""
    pieces = [p for p in _SEPARATORS.split(text) if p]
    joined: list[str] = []
    for piece in pieces:
        if joined and not _is_whole(joined[-1]) and not piece.startswith(_NAME_STARTS):
            joined[-1] += piece  # "其他负有…监管职" + "责的部门"
        else:
            joined.append(piece)
    names = []
    for piece in joined:
        for name in _GLUED.split(piece):
            name = _ETC.sub("", name.strip("：:·.-—"))
            if name:
                names.append(name)
    return names


def split_departments(text: str) -> list[str]:
    """The department names and group phrases in a 牵头部门/参与部门 cell, in order, without repeats."""
    text = text or ""
    out: list[str] = []
    pos = 0
    for m in _group_pattern().finditer(text):
        out.extend(_split_plain(text[pos:m.start()]))
        out.append(_canonical_group(m.group()))
        pos = m.end()
    out.extend(_split_plain(text[pos:]))
    return list(dict.fromkeys(out))  # each name once, first place kept


def group_kind(name: str) -> str | None:
    """COUNTIES or BY_DUTY when `name` names a group of departments or counties, else None."""
    if name in GROUPS:
        return GROUPS[name]
    if _GENERIC_GROUP.search(name):
        return COUNTIES if _COUNTY_GROUP.search(name) else BY_DUTY
    return None


def assign(tasks: Iterable[Task], settings: Settings) -> tuple[list[Assignment], list[str], list[Problem]]:
    """Per configured department the tasks it leads and joins; the group phrases; unknown names as problems."""
    ordered = sorted(tasks, key=lambda t: t.number)
    leads: dict[str, list[Task]] = {}
    joins: dict[str, list[Task]] = {}
    groups: list[str] = []
    problems: list[Problem] = []
    for task in ordered:
        led_here: set[str] = set()
        for key, role in (("leads", leads), ("partners", joins)):
            for name in split_departments(getattr(task, key)):
                if group_kind(name) is not None:
                    if name not in groups:
                        groups.append(name)
                    continue
                found = settings.find_submitter(name)
                if found is None:
                    problems.append(_unknown(task, key, name))
                elif found.kind != "department":
                    if found.name not in groups:  # a county named by itself: it has no department letter
                        groups.append(found.name)
                elif key == "leads":
                    if found.name not in led_here:
                        led_here.add(found.name)
                        role.setdefault(found.name, []).append(task)
                elif found.name not in led_here:
                    bucket = role.setdefault(found.name, [])
                    if not bucket or bucket[-1] is not task:
                        bucket.append(task)
    assignments = [Assignment(d, tuple(leads.get(d.name, ())), tuple(joins.get(d.name, ())))
                   for d in settings.departments if d.name in leads or d.name in joins]
    return assignments, groups, problems


def tasks_of_group(tasks: Iterable[Task], phrase: str) -> tuple[tuple[Task, ...], tuple[Task, ...]]:
    """The tasks (sorted by number) a group phrase leads and joins, e.g. 各县（市）区人民政府 joins 1–4 and 11."""
    ordered = sorted(tasks, key=lambda t: t.number)
    led = tuple(t for t in ordered if phrase in split_departments(t.leads))
    joined = tuple(t for t in ordered if t not in led and phrase in split_departments(t.partners))
    return led, joined


def _unknown(task: Task, key: str, name: str) -> Problem:
    src = task.source
    cell = src.cell(key)
    where = f"{src.file}「{src.sheet}」{cell}" if cell else src.describe()
    column = "牵头部门" if key == "leads" else "参与部门"
    return make_problem("task-department-unknown", file=src.file, sheet=src.sheet, row=src.row, cell=cell, value=name,
                        where=where, number=task.number, column=column, department=name)


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(\d{1,2}|十[一二]?|[一二两三四五六七八九]|十)"
_MONTH_END = re.compile(_NUM + r"\s*月\s*(?:底|末)(?:前|之前)?")
_MONTH_DAY = re.compile(_NUM + r"\s*月\s*(\d{1,2})\s*日\s*(?:前|之前)")
_WITHIN = re.compile(_NUM + r"\s*个\s*月\s*内")
_EXTENSION = re.compile(r"不超过\s*" + _NUM + r"\s*个\s*月")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (_CN_DIGITS[text[1]] if len(text) > 1 else 0)
    return _CN_DIGITS[text]


def task_deadlines(task: Task, settings: Settings, year: int) -> list[str]:
    """The year's deadlines in a task's content, in order: dates as 2021年5月31日, periods as 整改期限6个月."""
    text = _fold(task.content or "")
    found: list[tuple[int, str]] = []
    plan, report = settings.deadline(year, "plan"), settings.deadline(year, "report")
    for m in _MONTH_END.finditer(text):
        month = _number(m.group(1))
        if not 1 <= month <= 12:
            continue
        if month == plan.month:
            day = plan
        elif month == report.month:
            day = report
        else:
            day = None
        last = day.day if day else calendar.monthrange(year, month)[1]
        found.append((m.start(), f"{year}年{month}月{last}日"))
    for m in _MONTH_DAY.finditer(text):
        month, day_no = _number(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day_no <= calendar.monthrange(year, month)[1]:
            found.append((m.start(), f"{year}年{month}月{day_no}日"))
    for m in _WITHIN.finditer(text):
        found.append((m.start(), f"整改期限{_number(m.group(1))}个月"))
    for m in _EXTENSION.finditer(text):
        found.append((m.start(), f"延期不超过{_number(m.group(1))}个月"))
    out: list[str] = []
    for _, phrase in sorted(found):
        if phrase not in out:
            out.append(phrase)
    return out
