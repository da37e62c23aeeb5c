"""公告 of the year's exit list: 市工信局、市发展改革委 → society (公告)."""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings
from reportgen.documents.common import BLANK, DocType, Job, common_context
from reportgen.documents.prose import item_row, sentence_items, sorted_items
from reportgen.models import Tally


def notice_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> dict:
    """The 公告 context: the year's exit list, 公示期 and 监督电话."""
    section = settings.documents
    days = section.notice_days
    items = sorted_items(tally.items, settings)
    return {**common_context(settings, tally, as_of, docno), "title": f"关于{tally.year}年落后产能退出企业名单的公告",
            "summary": sentence_items(items, settings, f"{tally.year}年全市"),
            "rows": [item_row(i, n) for n, i in enumerate(items, 1)],
            "notice_days": days, "notice_start": as_of, "notice_end": as_of + timedelta(days=max(days - 1, 0)),
            "hotline": section.hotline or BLANK}


def example(job: Job) -> dict:
    return notice_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list:
    ctx = example(job)
    return [job.document(TYPE, f"公告-{job.year}年落后产能退出企业名单", ctx, to=["社会公众"],
                         issuers=[job.settings.lead.name, job.settings.partner.name],
                         attachments=[f"{job.settings.region}{job.year}年落后产能退出企业名单"])]


TYPE = DocType("公告", genre="公告", format="公告", direction="对外", issuers="市工信局、市发展改革委",
               recipients="社会公众", when="数据汇总后", plan=plan, example=example)
