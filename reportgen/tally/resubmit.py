"""Several files from one submitter: which one is used, and why, in words the clerk can check.

The later 填报日期 wins when every file of the submitter states one; otherwise the later modification
time. A true tie (same date, same time) is an error: the clerk removes one file. A file whose sender
is in doubt (its witnesses disagree, see parse/sender.py) never replaces another file, nor is replaced.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from reportgen.models import Problem, Submission
from reportgen.problems import make as make_problem


@dataclass
class Resolution:
    used: list[Submission] = field(default_factory=list)
    superseded: dict[str, str] = field(default_factory=dict)  # file -> the file used instead
    problems: list[Problem] = field(default_factory=list)  # one per superseded file, one per tie


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _moment(mtime: float) -> str:
    t = datetime.fromtimestamp(mtime)
    return f"{_day(t.date())} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"


def _pick(group: list[Submission]) -> tuple[Submission, list[Submission], str]:
    """(winner, files tied with it, how the winner was chosen: "date" | "mtime" | "tie")."""
    dates = [s.fill_date for s in group if s.fill_date]
    if len(dates) == len(group):
        latest = max(dates)
        top = [s for s in group if s.fill_date == latest]
        if len(top) == 1:
            return top[0], [], "date"
    else:
        top = group
    latest_m = max(s.mtime for s in top)
    best = [s for s in top if s.mtime == latest_m]
    if len(best) == 1:
        return best[0], [], "mtime"
    best.sort(key=lambda s: s.file)
    return best[-1], best[:-1], "tie"


def _why(loser: Submission, winner: Submission, how: str, group: list[Submission]) -> str:
    won, lost = winner.fill_date, loser.fill_date  # "date" means every file of the group has one
    if won and lost and (how == "date" or (lost < won and all(s.fill_date for s in group))):
        return f"其填报日期为{_day(won)}，晚于本文件的{_day(lost)}"
    undated = "两个文件都没有填报日期" if not (loser.fill_date or winner.fill_date) else \
        "有的文件没有填报日期" if not all(s.fill_date for s in group) else "填报日期相同"
    return f"{undated}，按文件修改时间：该文件修改于{_moment(winner.mtime)}，晚于本文件的{_moment(loser.mtime)}"


def resolve(subs: list[Submission]) -> Resolution:
    """The file used per submitter, the files it replaces (with the reason) and the ties to settle."""
    out = Resolution()
    groups: dict[str, list[Submission]] = defaultdict(list)
    for s in subs:
        if s.status != "read":
            continue
        if s.submitter is None or s.conflict or not s.reported:  # an empty form replaces nothing
            out.used.append(s)
        else:
            groups[s.submitter].append(s)
    for who, group in groups.items():
        winner, tied, how = _pick(group)
        out.used.append(winner)
        for s in group:
            if s is winner:
                continue
            out.superseded[s.file] = winner.file
            if s in tied:
                out.problems.append(make_problem("resubmission-tie", file=s.file, submitter=who, newer=winner.file,
                                                 newer_name=winner.file.rsplit("/", 1)[-1]))
            else:
                out.problems.append(make_problem("file-superseded", file=s.file, submitter=who, newer=winner.file,
                                                 why=_why(s, winner, how, group)))
    out.used.sort(key=lambda s: s.file)
    return out
