"""红牌名单公告: 市工信局 publishes the closed enterprises whose cases it owns (公告); others get a 商请公布的函."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportgen.config import Settings
from reportgen.documents import organs, owners
from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.enforcement import base_context, hotline, red_rows, red_summary
from reportgen.models import Tally
from reportgen.tally.enforcement import RedStatus


def red_context(tally: Tally, settings: Settings, as_of: date, docno: str, reds: list[RedStatus] | None = None) -> Context:
    """The 红牌名单公告 context: the red cases the lead owns."""
    if reds is None:
        reds = owners.own(Job(tally, settings, as_of)).red
    mine = replace(tally, red_status=tuple(reds))
    return {**base_context(tally, settings, as_of, docno), "title": f"关于公布{tally.year}年“红牌”企业名单的公告",
            "issuer": organs.lead(settings).context(),
            "summary": red_summary(mine), "rows": red_rows(mine, settings), "hotline": hotline(settings)}


def example(job: Job) -> Context:
    """The lead's own red cases, else every red case (so the template is checked with rows)."""
    reds = owners.own(job).red or list(job.tally.red_status)
    return red_context(job.tally, job.settings, job.as_of, job.docno(TYPE), reds)


def plan(job: Job) -> list[Document]:
    if not owners.own(job).red:
        return []
    ctx = example(job)
    return [job.document(TYPE, f"红牌名单公告-{job.year}年", ctx, to=[organs.public()],
                         issuers=[organs.lead(job.settings)],
                         attachments=[f"{job.settings.region}{job.year}年“红牌”企业名单"])]


TYPE = DocType("红牌名单公告", genre="公告", format="公告", direction="对外", issuers="市工信局（所主管的案件）",
               recipients="社会公众", when="数据汇总后", plan=plan, example=example)
