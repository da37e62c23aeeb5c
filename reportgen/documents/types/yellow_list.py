"""黄牌名单公告: 市工信局 publishes the open yellow cases it owns (公告); other owners get a 商请公布的函."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents import organs, owners
from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.enforcement import base_context, hotline, yellow_rows, yellow_summary
from reportgen.models import Tally
from reportgen.tally.enforcement import YellowStatus


def yellow_context(tally: Tally, settings: Settings, as_of: date, docno: str, statuses: list[YellowStatus] | None = None) -> Context:
    """The 黄牌名单公告 context: the open cases (已销号 are off it, 已转红牌 are on the red list) the lead owns."""
    if statuses is None:
        statuses = owners.own(Job(tally, settings, as_of)).yellow
    return {**base_context(tally, settings, as_of, docno), "title": f"关于公布{tally.year}年“黄牌”企业名单的公告",
            "issuer": organs.lead(settings).context(),
            "summary": yellow_summary(statuses, as_of), "rows": yellow_rows(statuses, settings),
            "hotline": hotline(settings)}


def example(job: Job) -> Context:
    return yellow_context(job.tally, job.settings, job.as_of, job.docno(TYPE), owners.own(job).yellow)


def plan(job: Job) -> list[Document]:
    if not owners.own(job).yellow:
        return []
    ctx = example(job)
    return [job.document(TYPE, f"黄牌名单公告-{job.year}年", ctx, to=[organs.public()],
                         issuers=[organs.lead(job.settings)],
                         attachments=[f"{job.settings.region}{job.year}年“黄牌”企业名单"])]


TYPE = DocType("黄牌名单公告", genre="公告", format="公告", direction="对外", issuers="市工信局（所主管的案件）",
               recipients="社会公众", when="数据汇总后", plan=plan, example=example)
