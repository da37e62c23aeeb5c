"""超标排放名单公告: enterprises exceeding emission limits, published by 生态环境局 (公告)."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents import organs
from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.enforcement import (ECOLOGY, organ_of, base_context, exceedance_rows, exceedance_summary,
                                             hotline)
from reportgen.models import Tally


def exceedance_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    """The 超标排放名单公告 context (生态环境局): all exceedances, and the serious ones apart."""
    return {**base_context(tally, settings, as_of, docno), "title": f"关于公布{tally.year}年超标排放企业名单的公告",
            "issuer": organ_of(settings, ECOLOGY),
            "summary": exceedance_summary(tally), "rows": exceedance_rows(tally.exceedances, settings),
            "serious_rows": exceedance_rows([e for e in tally.exceedances if e.serious], settings),
            "hotline": hotline(settings)}


def example(job: Job) -> Context:
    return exceedance_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if not job.tally.exceedances or not organs.is_lead(job.settings, organs.owner(job.settings, "环保")):
        return []  # the 环保 owner (生态环境局 by default) publishes it: it gets a 商请公布的函 instead
    ctx = example(job)
    region, year = job.settings.region, job.year
    return [job.document(TYPE, f"超标排放名单公告-{year}年", ctx, to=["社会公众"], issuers=[ctx["issuer"]["name"]],
                         attachments=[f"{region}{year}年超标排放企业名单", f"{region}{year}年超标排放情节严重企业名单"])]


TYPE = DocType("超标排放名单公告", genre="公告", format="公告", direction="对外", issuers="环保类的主管部门（为市工信局时）",
               recipients="社会公众", when="数据汇总后", plan=plan, example=example)
