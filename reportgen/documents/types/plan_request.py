"""工作方案请示: 市工信局+市发展改革委 → 市人民政府, a 请示 (文件 format, 签发人) asking approval of the year's plan.

Made from the 目标任务 workbook before the plan deadline ([deadlines] plan, 5月31日): the targets by county and
industry (converted to the industry's unit, as progress compares them), the named lines, the deadlines, and the
targets table as 附件. One 请示 asks one thing: 妥否，请批示.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from reportgen.config import Settings
from reportgen.documents import organs
from reportgen.documents.common import Context, DocType, Document, Job, common_context
from reportgen.documents.text import capacity
from reportgen.documents.types.annual_report import signers
from reportgen.models import Tally
from reportgen.tally.progress import compute_progress


def plan_deadline(settings: Settings, year: int) -> date:
    return date(year, *settings.plan_deadline)


def target_groups(tally: Tally, settings: Settings) -> list[tuple[str, str, str, Decimal]]:
    """(county, industry, unit, target) in configured order, each target converted to its industry's unit."""
    rows, _problems = compute_progress(tally.targets, (), settings, plan_deadline(settings, tally.year), set(),
                                       tally.year)
    return [(p.county, p.industry, p.unit, p.target) for p in rows if p.target is not None]


def request_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    """The 工作方案请示 context: totals by industry, lines by county, the named lines, deadlines, the 附件 table."""
    groups = target_groups(tally, settings)
    by_industry: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    by_county: dict[str, list[str]] = defaultdict(list)
    for county, industry, unit, target in groups:
        by_industry[(industry, unit)] += target
        by_county[county].append(f"{industry}{capacity(target, unit)}")
    named = [t for t in tally.targets if t.enterprise.strip()]
    totals = "、".join(f"{industry}{capacity(v, unit)}" for (industry, unit), v in by_industry.items())
    return {**common_context(settings, tally, as_of, docno),
            "title": f"关于审定{tally.year}年落后产能退出工作方案的请示", "signers": signers(settings),
            "addressee": organs.government(settings).name,
            "overview": (f"{tally.year}年全市计划依法依规退出落后产能涉及{len(by_county)}个县（市）区，"
                         f"目标任务为{totals}。" if groups else
                         f"{tally.year}年目标任务尚未分解到县（市）区，待分解后另行报送。"),
            "county_lines": [f"{county}：{'、'.join(parts)}。" for county, parts in by_county.items()],
            "named_text": (f"目标任务中列名退出的企业（生产线）共{len(named)}项，由所在县（市）区逐项落实：" if named else ""),
            "named_lines": [f"{n}．{t.enterprise.strip()}{t.equipment.strip()}（{t.county}，{t.industry}"
                            f"{capacity(t.capacity, t.unit)}）{'。' if n == len(named) else '；'}"
                            for n, t in enumerate(named, 1)],
            "plan_deadline": plan_deadline(settings, tally.year), "report_deadline": settings.deadline(tally.year),
            "target_rows": [{"n": n, "county": t.county, "industry": t.industry,
                             "target": capacity(t.capacity, t.unit), "enterprise": t.enterprise.strip() or "—",
                             "equipment": t.equipment.strip() or "—"} for n, t in enumerate(tally.targets, 1)],
            "cc": "", "printer": settings.documents.printer}


def example(job: Job) -> Context:
    return request_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if not job.tally.targets or job.as_of > plan_deadline(job.settings, job.year):
        return []  # the plan is asked for before it is due, and only once targets are set
    ctx = example(job)
    return [job.document(TYPE, f"工作方案请示-{job.year}年", ctx, to=[organs.government(job.settings)],
                         issuers=[job.settings.lead, job.settings.partner],
                         attachments=[f"{job.year}年落后产能退出目标任务表"])]


TYPE = DocType("工作方案请示", genre="请示", format="文件", direction="上行", issuers="市工信局、市发展改革委",
               recipients="市人民政府", when="工作方案期限（5月31日）前，依据目标任务", plan=plan, example=example)
