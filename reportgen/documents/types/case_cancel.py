"""销号通知: 我局 → an enterprise whose yellow case it owns and which passed its 复查 (已达标销号): the case is
closed and the enterprise leaves the yellow list; it must keep to the standard. Other organs notify their own."""
from __future__ import annotations

from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.types.case_remind import (case_letter_context, example_status, issue_text, notice_when,
                                                   owned_by_lead)
from reportgen.tally.enforcement import RECTIFIED, YellowStatus


def to_cancel(job: Job) -> list[YellowStatus]:
    return [st for st in job.tally.yellow_status if st.status == RECTIFIED and owned_by_lead(job, st)]


def cancel_context(job: Job, st: YellowStatus, docno: str) -> Context:
    notice = f"我局{notice_when(st.case)}责令你单位对以下问题限期整改：{issue_text(st.case)}。"
    return case_letter_context(job, st, docno, "关于同意整改销号的函", notice)


def example(job: Job) -> Context:
    cases = to_cancel(job)
    return cancel_context(job, cases[0] if cases else example_status(RECTIFIED, review="达标"), job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    docs = []
    for st in to_cancel(job):
        ctx = cancel_context(job, st, job.docno(TYPE))
        docs.append(job.document(TYPE, f"销号通知-{st.case.enterprise}", ctx, to=[st.case.enterprise]))
    return docs


TYPE = DocType("销号通知", genre="函", format="信函", direction="对外", issuers="市工信局（案件主管部门）",
               recipients="我局主管、经复查整改达标的黄牌企业", when="复查达标（已达标销号）后",
               plan=plan, example=example)
