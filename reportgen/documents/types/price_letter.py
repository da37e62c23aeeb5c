"""差别价格函: 市工信局 → 市发展改革委, the enterprises to pay differential prices (函, task 7)."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.enforcement import base_context, contact_context, price_rows, price_summary
from reportgen.models import Tally


def price_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    """The 差别价格函 context: from the lead organ to the 发改委 (task 7)."""
    return {**base_context(tally, settings, as_of, docno), "title": "关于提请执行差别化价格企业名单的函",
            "issuer": {"name": settings.lead.name, "short": settings.lead.short},
            "addressee": settings.partner.name, "summary": price_summary(tally), "rows": price_rows(tally),
            "start": next((r["from"] for r in tally.price_list), as_of),
            **contact_context(settings, True)}


def example(job: Job) -> Context:
    return price_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if not job.tally.price_list:
        return []
    ctx = example(job)
    return [job.document(TYPE, f"差别价格函-{job.year}年", ctx, to=[ctx["addressee"]])]


TYPE = DocType("差别价格函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="市发展改革委", when="数据汇总后", plan=plan, example=example)
