"""The wording of the progress documents (进度通报, 约谈函, 任务落实函): figures, levels, task rows.

The year-end report's prose is documents/annual.py; it shares progress_rows and the rate wording.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from reportgen.config import Settings
from reportgen.documents.text import cn_list
from reportgen.models import Tally, Task
from reportgen.tally.figures import city_progress, rate_text
from reportgen.tally.progress import (NO_TARGET, NORMAL, NOTIFY, SUMMON, Progress, county_levels,
                       thresholds)
from reportgen.documents.text import capacity, plain_number, seed_text
from reportgen.tally.tasks import COUNTIES, group_kind, split_departments, task_deadlines
from reportgen.documents.common import Context

DASH = "—"
BULLETIN_TO = "各县（市）区人民政府"
LEVEL_CN = {SUMMON: "约谈", NOTIFY: "通报", NORMAL: "正常", NO_TARGET: "无目标任务"}
_CN = "一二三四五六七八九十"
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


# ---------------------------------------------------------------- progress figures and prose

def progress_of(tally: Tally) -> list[Progress]:
    """The tally's progress rows (tally.py computes them from the targets)."""
    return list(tally.progress)


def ratio_text(p: Progress) -> str:
    """A completion ratio as every document and 汇总表 print it (tally.figures.rate_text); — without a target."""
    return rate_text(p.ratio)


def level_text(p: Progress) -> str:
    """The level a clerk reads in the table: 约谈, 通报, 正常, 无目标任务; 未报送 noted."""
    return LEVEL_CN.get(p.level, p.level) + ("（未报送）" if p.target is not None and not p.submitted else "")


def progress_rows(progress: list[Progress], settings: Settings) -> list[Context]:
    """One table row per county and industry, and one per configured county with no progress row."""
    rows, seen = [], {p.county for p in progress}
    for p in progress:
        late = p.target is not None and not p.submitted and not p.done
        rows.append({"county": p.county, "industry": p.industry,
                     "target": capacity(p.target, p.unit) if p.target is not None else DASH,
                     "done": "未报送" if late else capacity(p.done, p.unit), "ratio": DASH if late else ratio_text(p),
                     "level": level_text(p)})
    for county in settings.county_names():
        if county not in seen:
            rows.append({"county": county, "industry": DASH, "target": DASH, "done": DASH, "ratio": DASH,
                         "level": LEVEL_CN[NO_TARGET]})
    order = {c: n for n, c in enumerate(settings.county_names())}
    return sorted(rows, key=lambda r: order.get(r["county"], len(order)))  # stable: industries keep their order


def percent_text(fraction: Decimal) -> str:
    return f"{plain_number(fraction * 100)}%"


def _county_phrase(county: str, progress: list[Progress], level: str) -> str:
    """兴庆区（铁合金完成24%、电石完成0%）: the county's rows at `level`; 灵武市（未报送）."""
    mine = [p for p in progress if p.county == county and p.target is not None]
    if mine and not any(p.submitted for p in mine):
        return f"{county}（未报送）"
    return f"{county}（{'、'.join(done_phrase(p) for p in mine if p.level == level)}）"


def slow_counties(progress: list[Progress]) -> dict[str, list[str]]:
    """Counties by level (county_levels): {约谈: [...], 通报: [...], 正常: [...], 无目标: [...]}."""
    out: dict[str, list[str]] = {level: [] for level in LEVEL_CN}
    for county, level, _ratio in county_levels(progress):
        out.setdefault(level, []).append(county)
    return out


def overview_sentence(progress: list[Progress], as_of: date, year: int) -> str:
    """The city's targets and what was done against them, industry by industry (tally.figures.city_progress)."""
    sums = city_progress(progress)
    if not sums:
        return f"{year}年目标任务尚未下达（未收到目标任务表），本通报仅列出各县（市）区已退出产能。"
    parts = [f"{i.industry}目标{capacity(i.target, i.unit)}、"
             + (f"已完成{capacity(i.done, i.unit)}" + (f"（完成率{rate_text(i.ratio)}）" if i.ratio is not None else "")
                if i.done else "尚无退出项目") for i in sums]
    return f"截至{date_text(as_of)}，全市{year}年落后产能退出目标任务完成情况为：{'；'.join(parts)}。"


def done_phrase(p: Progress) -> str:
    """铁合金完成24.00% / 电石尚无退出项目: one industry's progress in a sentence (never "完成0%")."""
    return f"{p.industry}完成{ratio_text(p)}" if p.done else f"{p.industry}尚无退出项目"


def date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def level_sentences(progress: list[Progress], settings: Settings, issuer: str) -> dict[str, str]:
    """The 约谈, 通报, 正常 and 未报送 sentences of the 通报 (empty when nobody is in that group)."""
    summon, notify = thresholds(settings)
    groups = slow_counties(progress)

    def named(level: str) -> str:
        return "、".join(_county_phrase(c, progress, level) for c in groups[level])
    late = _unsubmitted(progress)
    return {
        "summon_text": (f"{named(SUMMON)}完成率低于{percent_text(summon)}，进展严重滞后，{issuer}将约谈其人民政府分管"
                        "负责同志，约谈时间、地点另行通知。") if groups[SUMMON] else "",
        "notify_text": (f"{named(NOTIFY)}完成率低于{percent_text(notify)}，进展较慢，予以通报。")
        if groups[NOTIFY] else "",
        "normal_text": (f"{cn_list(groups[NORMAL])}完成率达到{percent_text(notify)}及以上，进展正常。")
        if groups[NORMAL] else "",
        "late_text": (f"{cn_list(late)}有年度目标任务，但尚未报送落后产能退出情况。") if late else "",
    }


def _unsubmitted(progress: list[Progress]) -> list[str]:
    return list(dict.fromkeys(p.county for p in progress if p.target is not None and not p.submitted))


def missing_lines(progress: list[Progress]) -> list[str]:
    """Named plan items not reported as exited: 灵武市：某水泥有限公司（2号水泥磨机，水泥）."""
    lines = []
    for p in progress:
        for t in p.named_missing:
            what = "，".join(x for x in (t.equipment.strip(), p.industry) if x)
            lines.append(f"{p.county}：{t.enterprise}（{what}）")
    return lines


def report_deadline(tally: Tally, settings: Settings, as_of: date) -> date:
    deadline = settings.deadline(tally.year)
    return deadline if as_of <= deadline else as_of + timedelta(days=settings.remind_days)


# ---------------------------------------------------------------- the three documents

def task_row(task: Task, settings: Settings, year: int, other: str, n: int) -> Context:
    deadlines = task_deadlines(task, settings, year)
    return {"heading": f"（{_CN[n] if n < len(_CN) else n + 1}）{task.title}（任务分解表第{task.number}项）",
            "content": seed_text(cjk_text(task.content)), "others": seed_text("、".join(names(other))),
            "deadlines": "、".join(deadlines)}


def cjk_text(text: str) -> str:
    """Cell text as one paragraph: line breaks and spaces dropped next to Chinese, kept between Latin words."""
    return _CJK_SPACE.sub("", " ".join((text or "").split()))


def names(text: str) -> list[str]:
    return split_departments(text)


def is_counties(phrase: str) -> bool:
    return group_kind(phrase) == COUNTIES


# ---------------------------------------------------------------- the year-end report's additions


