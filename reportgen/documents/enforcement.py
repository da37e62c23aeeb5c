"""The wording of the enforcement documents (限期整改通知书, 黄牌/红牌/超标排放名单, 差别价格函): facts, deadlines, summaries, rows.

The wording follows the task table (tasks 1, 2, 7, 13) and docs/domain.md: 能耗 and 质量 cases get
6 months and one extension of at most 3; 安全 cases stop production at once and are never extended;
overdue or still failing cases are closed by law and go on the red list. Deadlines and statuses
come from enforcement.py (already in the tally); this module only words them.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import TypeVar
from collections.abc import Callable, Iterable

from reportgen.config import Settings, Submitter
from reportgen.documents.common import BLANK, Context
from reportgen.documents.text import cn_list
from reportgen.tally.enforcement import (EXTENDED, GRACE_CATEGORIES, GRACE_MONTHS, IMMEDIATE_CATEGORY, IN_PROGRESS,
                          MAX_EXTENSION_MONTHS, OVERDUE, REASON_ENERGY, REASON_OBSOLETE, STATUSES,
                          RedStatus, YellowStatus, categories, extension_limit)
from reportgen.tally.figures import Named, list_counts
from reportgen.models import Exceedance, Source, Tally, YellowCase, normalise_name
from reportgen.documents.text import capacity, date_cn

_Row = TypeVar("_Row")

NOTIFIED = (IN_PROGRESS, EXTENDED, OVERDUE)  # yellow statuses that get a 限期整改通知书
LIST_PUBLISHERS = ("市场监管局", "应急管理局")  # task 13: who publishes the yellow and red lists
ECOLOGY = "生态环境局"  # task 13: who publishes the exceedance lists
# 不达标类别 -> (the law, the standard not met)
STANDARDS = {
    "能耗": ("《中华人民共和国节约能源法》", "强制性能耗限额标准"),
    "环保": ("《中华人民共和国环境保护法》", "污染物排放标准"),
    "质量": ("《中华人民共和国产品质量法》", "产品质量相关国家标准和行业标准"),
    "安全": ("《中华人民共和国安全生产法》", "安全生产法律、行政法规和国家标准或行业标准规定的安全生产条件"),
    "技术": ("《产业结构调整指导目录（2019年本）》", "产业政策关于淘汰落后工艺技术装备的规定"),
}
TO_RED_PHRASE = "列入“红牌”名单向社会公布"
# the publishing department's 代字 is not configured: the usual placeholder, for the office to fill in
DOCNO_PLACEHOLDER = "×××〔{year}〕  号"


# ---------------------------------------------------------------- who signs

def _submitter(settings: Settings, name: str) -> Submitter | None:
    return settings.find_submitter(name) if name else None


def organ_of(settings: Settings, name: str) -> Context:
    """{name, short} of a configured department named `name`, else the name as written (short = name)."""
    who = _submitter(settings, name)
    if who is not None:
        return {"name": who.name, "short": who.short}
    return {"name": name, "short": name}


def publisher(settings: Settings, case: YellowCase) -> tuple[Context, bool]:
    """The publishing department of a case ({name, short}) and whether it is the lead organ."""
    who = _submitter(settings, case.publisher)
    if who is None:
        return {"name": settings.lead.name, "short": settings.lead.short}, True
    lead = _submitter(settings, settings.lead.name)
    return {"name": who.name, "short": who.short}, lead is not None and who.name == lead.name


def contact_context(settings: Settings, is_lead: bool) -> Context:
    """The configured contact belongs to the lead organ; another department's is left for the clerk."""
    section = settings.documents
    if not is_lead:
        return {"contact": BLANK, "phone": BLANK}
    return {"contact": section.contact or BLANK, "phone": section.phone or BLANK}


# ---------------------------------------------------------------- 限期整改通知书

def _standards(category: str) -> tuple[str, str]:
    """(laws, standards) of a case's categories, joined: 《节约能源法》, 强制性能耗限额标准."""
    cats = [c for c in categories(category) if c in STANDARDS]
    laws = list(dict.fromkeys(STANDARDS[c][0] for c in cats))
    stds = [STANDARDS[c][1] for c in cats]
    return "".join(laws) or "有关法律法规", cn_list(stds) or "有关标准"


def fact_lines(case: YellowCase) -> list[str]:
    """The enterprise's identifying facts, one short line each (a long code never sits mid-sentence)."""
    lines = [f"统一社会信用代码：{case.uscc}"] if case.uscc else []
    place = [f"所在地：{case.county}"] if case.county else []
    place += [f"所属行业：{case.industry}"] if case.industry else []
    return lines + (["　　".join(place)] if place else [])


def facts_text(case: YellowCase) -> str:
    """The problem found and the standard not met, as one sentence."""
    issue = case.issue.strip().rstrip("。；，;,.") or "存在不达标问题"
    _laws, stds = _standards(case.category)
    cat = f"（不达标类别：{case.category}）" if case.category else ""
    return f"经检查，你单位存在以下问题：{issue}。上述问题不符合{stds}的要求{cat}。"


def basis_text(case: YellowCase) -> str:
    """The laws the order rests on (the task table is named in the template)."""
    return _standards(case.category)[0]


def _immediate(case: YellowCase) -> bool:
    return IMMEDIATE_CATEGORY in categories(case.category)


def deadline_text(st: YellowStatus, as_of: date) -> str:
    """What the enterprise must do by when: the computed deadline, an extension, or an overdue notice."""
    case, effective = st.case, st.effective  # an overdue or extended case has its effective deadline
    if st.status == OVERDUE and effective is not None and _immediate(case) and effective == case.notice_date:
        review = "经复查仍不具备安全生产条件" if case.review == "未达标" else "仍未经复查合格"
        return (f"你单位应自{date_cn(effective)}起立即停产停业整顿，截至{date_cn(as_of)}，{review}。"
                "请立即停止相关生产活动，并于收到本通知书后立即报告整顿情况。")
    if st.status == OVERDUE and effective is not None:
        which = "经延期的整改期限" if st.extended else "整改期限"
        review = "经复查仍未达标" if case.review == "未达标" else "仍未经复查达标"
        return (f"你单位{which}已于{date_cn(effective)}届满，截至{date_cn(as_of)}，{review}。"
                "请立即停止相关生产活动，并于收到本通知书后立即报告整改情况。")
    if _immediate(case):
        text = "请你单位立即停产停业整顿，消除上述问题"
        if st.deadline and case.notice_date and st.deadline > case.notice_date:
            text += f"，并于{date_cn(st.deadline)}前完成整顿"
        return text + "；经整顿具备安全生产条件并经复查合格后，方可恢复生产。"
    if st.extended and st.deadline is not None and effective is not None:
        return (f"你单位的整改期限原为{date_cn(st.deadline)}，经申请已延期至{date_cn(effective)}。"
                f"请于{date_cn(effective)}前完成整改，使生产经营活动达到相应标准要求。")
    if st.deadline is None:
        return "请你单位按照发布部门的要求限期完成整改，使生产经营活动达到相应标准要求。"
    computed = case.deadline is None and case.notice_date is not None and \
        any(c in GRACE_CATEGORIES for c in categories(case.category))
    if computed and case.notice_date is not None:
        return (f"请你单位自{date_cn(case.notice_date)}起{GRACE_MONTHS}个月内，即于{date_cn(st.deadline)}前完成整改，"
                "使生产经营活动达到相应标准要求。")
    return f"请你单位于{date_cn(st.deadline)}前完成整改，使生产经营活动达到相应标准要求。"


def extension_text(st: YellowStatus, issuer: str) -> str:
    """The extension rule as it applies to this case."""
    if _immediate(st.case):
        return "安全生产条件不达标的，须立即停产停业整顿，不适用延期。"
    if st.status == OVERDUE:
        return "整改期限已经届满，不再受理延期申请。"
    if st.extended:
        return "整改期限延期以一次为限，已经延期的不得再次申请延期。"
    if st.deadline is None:
        return (f"确需延长整改期限的，应在整改期限届满前向{issuer}提出书面延期申请，说明理由；"
                f"延期以一次为限，最长不超过{MAX_EXTENSION_MONTHS}个月。")
    return (f"确需延长整改期限的，应在{date_cn(st.deadline)}前向{issuer}提出书面延期申请，说明理由；"
            f"延期以一次为限，最长不超过{MAX_EXTENSION_MONTHS}个月（最迟至{date_cn(extension_limit(st.deadline))}）。")


def consequence_text(st: YellowStatus) -> str:
    """What follows a missed deadline: closure by law and the red list (安全: licences revoked)."""
    if _immediate(st.case):
        text = ("经停产停业整顿仍不具备安全生产条件的，依法予以关闭，提请有关部门吊销其相关证照，"
                f"并{TO_RED_PHRASE}。")
    else:
        text = f"逾期未整改或经整改仍未达标的，依法关停退出，并{TO_RED_PHRASE}。"
    if "能耗" in categories(st.case.category):
        text += "整改达标前，你单位的相关产能按规定执行差别化能源资源价格。"
    return text


def example_status(tally: Tally) -> YellowStatus:
    """A case for checking the template when the tally has none to notify."""
    case = YellowCase(enterprise="（示例企业）", uscc="", county="", industry="", category="能耗", issue="",
                      notice_date=tally.as_of, deadline=None, extended_to=None, review="", publisher="",
                      source=Source("", "", 0), submitter="")
    return YellowStatus(case, tally.as_of, tally.as_of, IN_PROGRESS, None, ())


# ---------------------------------------------------------------- the lists

def _deadline_cell(st: YellowStatus) -> str:
    if st.effective is None:
        return "未定"
    if _immediate(st.case) and st.effective == st.case.notice_date:
        return f"立即整改（{date_cn(st.effective)}）"
    return date_cn(st.effective) + ("（已延期）" if st.extended else "")


def _sorted_by_county(rows: list[_Row], settings: Settings, county: Callable[[_Row], str],
                      name: Callable[[_Row], str]) -> list[_Row]:
    order = {c: i for i, c in enumerate(settings.county_names())}
    return sorted(rows, key=lambda r: (order.get(county(r), len(order)), normalise_name(name(r))))


def _count_phrase(counts: Counter[str], order: Iterable[str], unit: str = "家") -> str:
    return "、".join(f"{k}{counts[k]}{unit}" for k in order if counts[k])


def firm_count(records: Iterable[Named | YellowStatus | RedStatus]) -> int:
    """Distinct enterprises among records (or statuses holding them) — tally.figures.list_counts, the one rule."""
    return list_counts(records).enterprises


def yellow_summary(statuses: list[YellowStatus], as_of: date) -> str:
    """截至X，列入“黄牌”名单的企业共N家，其中…; one case reads naturally too."""
    if not statuses:
        return f"截至{date_cn(as_of)}，本年度未有企业列入“黄牌”名单。"
    firms = firm_count(s.case for s in statuses)
    head = f"截至{date_cn(as_of)}，列入“黄牌”名单的企业共{firms}家"
    if firms != len(statuses):
        head += f"、整改事项{len(statuses)}项"
    unit = "家" if firms == len(statuses) else "项"
    counts = Counter(s.status for s in statuses)
    if len(counts) == 1:
        return f"{head}，均为{next(iter(counts))}。"
    return f"{head}，其中{_count_phrase(counts, STATUSES, unit)}。"


def yellow_rows(statuses: list[YellowStatus], settings: Settings) -> list[Context]:
    """One row per yellow case: enterprise, county, industry, category, problem, deadline, status."""
    ordered = _sorted_by_county(statuses, settings, lambda s: s.case.county, lambda s: s.case.enterprise)
    return [{"n": n, "enterprise": s.case.enterprise, "county": s.case.county, "industry": s.case.industry,
             "category": s.case.category, "issue": s.case.issue, "deadline": _deadline_cell(s), "status": s.status}
            for n, s in enumerate(ordered, 1)]


def red_summary(tally: Tally) -> str:
    """How many enterprises were closed and how many have their exit reported."""
    reds = list(tally.red_status)
    if not reds:
        return f"{tally.year}年，全市未有企业列入“红牌”名单。"
    reported = sum(1 for r in reds if r.exit_items)
    text = f"截至{date_cn(tally.as_of)}，经整改仍不达标、已依法关闭并列入“红牌”名单的企业共{firm_count(reds)}家"
    if reported == len(reds):
        return text + "，其退出的生产线（设备）和产能均已计入本年度落后产能退出情况。"
    if reported:
        return text + f"，其中{firm_count(r for r in reds if r.exit_items)}家退出的生产线（设备）和产能已计入本年度落后产能退出情况。"
    return text + "。"


def red_rows(tally: Tally, settings: Settings) -> list[Context]:
    """One row per red case: enterprise, county, industry, category, closure date, basis."""
    ordered = _sorted_by_county(list(tally.red_status), settings, lambda r: r.case.county,
                                lambda r: r.case.enterprise)
    return [{"n": n, "enterprise": r.case.enterprise, "county": r.case.county, "industry": r.case.industry,
             "category": r.case.category, "closed_on": date_cn(r.case.closed_on) if r.case.closed_on else "",
             "basis": r.case.basis} for n, r in enumerate(ordered, 1)]


def _level(value: Decimal | None, unit: str) -> str:
    return capacity(value, unit) if value is not None else ""


def exceedance_rows(exceedances: Iterable[Exceedance], settings: Settings) -> list[Context]:
    """One row per exceedance: enterprise, county, pollutant, concentration, limit, date, measures."""
    ordered = _sorted_by_county(list(exceedances), settings, lambda e: e.county, lambda e: e.enterprise)
    return [{"n": n, "enterprise": e.enterprise, "county": e.county, "pollutant": e.pollutant,
             "concentration": _level(e.concentration, e.unit), "limit": _level(e.limit, e.unit),
             "measured_on": date_cn(e.measured_on) if e.measured_on else "", "measures": e.measures}
            for n, e in enumerate(ordered, 1)]


def exceedance_summary(tally: Tally) -> str:
    """共N家（次），其中情节严重M家."""
    rows = list(tally.exceedances)
    if not rows:
        return f"{tally.year}年，全市未发现超标排放企业。"
    firms = firm_count(rows)
    serious = firm_count(e for e in rows if e.serious)
    head = f"{tally.year}年，全市共发现超标排放企业{firms}家"
    if firms != len(rows):
        head += f"（超标排放{len(rows)}次）"
    if not serious:
        return head + "，未发现超标排放情节严重的企业。"
    if serious == firms:
        return head + "，均属超标排放情节严重。"
    return head + f"，其中超标排放情节严重的{serious}家。"


def price_rows(tally: Tally) -> list[Context]:
    """The 差别价格 list as the 附件 table: per line still producing, what the 发改委 needs to act on it."""
    return [{"n": n, "enterprise": r["enterprise"], "uscc": r["uscc"] or "（未报送）", "county": r["county"],
             "equipment": r["equipment"] or f"{r['industry']}（设备未报）", "ground": r["ground"] or r["reason"],
             "price": r["price"]} for n, r in enumerate(tally.price_list, 1)]


def price_summary(tally: Tally) -> str:
    """截至X，仍在生产、须执行差别化价格的企业N家：能耗达不到强制性标准的A家、产能属于淘汰类的B家."""
    rows = list(tally.price_list)
    if not rows:
        return ""
    energy = sum(1 for r in rows if REASON_ENERGY in r["reason"])
    obsolete = sum(1 for r in rows if REASON_OBSOLETE in r["reason"])
    firms = len({r["uscc"] or r["enterprise"] for r in rows})
    head = f"截至{date_cn(tally.as_of)}，经汇总核查，仍在生产、须执行差别化能源资源价格的企业{firms}家"
    if not energy or not obsolete:
        kind = "能耗（电耗）达不到强制性标准" if energy else "产能属于《产业结构调整指导目录（2019年本）》淘汰类"
        head += f"，均为{kind}"
    else:
        head += f"，其中能耗达不到强制性标准的{energy}家、产能属于淘汰类的{obsolete}家"
    return head + "。已退出、已关闭或已整改达标的企业不在名单之内。"


def base_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    return {"year": tally.year, "region": settings.region, "date": as_of, "docno": docno}


def hotline(settings: Settings) -> str:
    return settings.documents.hotline or BLANK


def notified(tally: Tally) -> list[YellowStatus]:
    """Yellow cases that get a 限期整改通知书."""
    return [s for s in tally.yellow_status if s.status in NOTIFIED]
