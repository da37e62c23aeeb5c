"""销号通知: 我局 → an enterprise whose yellow case it owns and which passed its 复查 (已达标销号): the case is
closed and the enterprise leaves the yellow list; it must keep to the standard. Other organs notify their own."""
from __future__ import annotations

from reportgen.documents import organs
from reportgen.documents.common import Context, DocType, Document, Job, addressed, contact_context
from reportgen.documents.enforcement import fact_lines
from reportgen.documents.text import date_cn
from reportgen.documents.types.case_remind import owned_by_lead
from reportgen.models import Source, YellowCase
from reportgen.tally.enforcement import RECTIFIED, YellowStatus


def to_cancel(job: Job) -> list[YellowStatus]:
    return [st for st in job.tally.yellow_status if st.status == RECTIFIED and owned_by_lead(job, st)]


def cancel_context(job: Job, st: YellowStatus, docno: str) -> Context:
    case = st.case
    issuer = organs.lead(job.settings)
    to = organs.enterprise(case.enterprise)
    issue = case.issue.strip().rstrip("。；，;,.") or "存在不达标问题"
    when = f"于{date_cn(case.notice_date)}" if case.notice_date else ""
    ctx: Context = {"year": job.tally.year, "region": job.settings.region, "date": job.as_of,
                    "issuer": issuer.context(), "docno": docno, "title": "关于同意整改销号的函",
                    "addressee": case.enterprise, "you": to.address, "fact_lines": fact_lines(case),
                    "notice_text": f"我局{when}责令你单位对以下问题限期整改：{issue}。", **contact_context(job.settings)}
    return addressed(ctx, to.address)


def _example_status() -> YellowStatus:
    case = YellowCase(enterprise="（示例企业）有限公司", uscc="", county="", industry="", category="能耗", issue="",
                      notice_date=None, deadline=None, extended_to=None, review="达标", publisher="",
                      source=Source("", "", 0), submitter="")
    return YellowStatus(case, None, None, RECTIFIED, None, ())


def example(job: Job) -> Context:
    cases = to_cancel(job)
    return cancel_context(job, cases[0] if cases else _example_status(), job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    docs = []
    for st in to_cancel(job):
        ctx = cancel_context(job, st, job.docno(TYPE))
        docs.append(job.document(TYPE, f"销号通知-{st.case.enterprise}", ctx, to=[st.case.enterprise]))
    return docs


TYPE = DocType("销号通知", genre="函", format="信函", direction="对外", issuers="市工信局（案件主管部门）",
               recipients="我局主管、经复查整改达标的黄牌企业", when="复查达标（已达标销号）后",
               plan=plan, example=example)
