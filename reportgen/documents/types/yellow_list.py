"""黄牌名单公告: the list of enterprises ordered to rectify, published by its owners (公告)."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents.common import DocType, Job
from reportgen.documents.enforcement import (LIST_PUBLISHERS, organ_of, base_context, hotline, yellow_rows,
                                             yellow_summary)
from reportgen.models import Tally
from reportgen.tally.enforcement import RECTIFIED, TO_RED


def yellow_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> dict:
    """The 黄牌名单公告 context (published by 市场监管局 and 应急管理局)."""
    # the public list: cases still open (已销号 cases are off it, 已转红牌 ones are on the red list)
    statuses = [s for s in tally.yellow_status if s.status not in (RECTIFIED, TO_RED)]
    market, safety = (organ_of(settings, n) for n in LIST_PUBLISHERS)
    return {**base_context(tally, settings, as_of, docno), "title": f"关于公布{tally.year}年“黄牌”企业名单的公告",
            "issuer": market, "partner": safety,
            "summary": yellow_summary(statuses, as_of), "rows": yellow_rows(statuses, settings),
            "hotline": hotline(settings)}


def example(job: Job) -> dict:
    return yellow_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list:
    if not any(s.status not in (RECTIFIED, TO_RED) for s in job.tally.yellow_status):
        return []
    ctx = example(job)
    return [job.document(TYPE, f"黄牌名单公告-{job.year}年", ctx, to=["社会公众"],
                         issuers=[ctx["issuer"]["name"], ctx["partner"]["name"]],
                         attachments=[f"{job.settings.region}{job.year}年“黄牌”企业名单"])]


TYPE = DocType("黄牌名单公告", genre="公告", format="公告", direction="对外", issuers="案件的主管部门",
               recipients="社会公众", when="数据汇总后", plan=plan, example=example)
