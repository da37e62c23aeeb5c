"""提醒函: before the report deadline, one letter to every county 工信主管部门 and department still missing."""
from __future__ import annotations

from reportgen.documents import calendar, organs
from reportgen.documents.common import Context, DocType, Document, Job, common_context, contact_context
from reportgen.documents.types.remind_letter import missing


def remind_all_context(job: Job, docno: str) -> Context:
    """The 提醒函 context: the deadline, who has not yet reported (by name), what to send."""
    recipients = [organs.recipient(job.settings, who) for who in missing(job)] or \
        [organs.county_department(job.settings, job.settings.counties[0])]
    return {**common_context(job.settings, job.tally, job.as_of, docno), **contact_context(job.settings),
            "title": f"关于按时报送{job.year}年落后产能退出情况的函",
            "addressee": "、".join(o.name for o in recipients), "deadline": calendar.report_deadline(job)}


def example(job: Job) -> Context:
    return remind_all_context(job, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if not calendar.before_deadline(job) or not missing(job):
        return []
    ctx = example(job)
    return [job.document(TYPE, f"提醒函-{job.year}年落后产能退出情况报送", ctx,
                         to=[organs.recipient(job.settings, who) for who in missing(job)])]


TYPE = DocType("提醒函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="尚未报送的县（市）区工业和信息化主管部门和市直部门（一函）", when="报送截止前（至多一次）",
               plan=plan, example=example)
