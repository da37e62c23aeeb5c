"""报送通知: 市工信局 → every county 工信主管部门, a 通知 (文件 format) opening the year's collection.

Sent with the 任务落实函 while the collection is open: what to report, the deadline (11月30日 by default), the
报送表 each county receives with it as 附件 (the form `reportgen init` writes), and whom to call.
"""
from __future__ import annotations

from reportgen.documents import calendar, organs
from reportgen.documents.common import Context, DocType, Document, Job, common_context, contact_context


def notice_context(job: Job, docno: str) -> Context:
    """The 报送通知 context: the deadline, the named lines to account for, the form's name, the contact."""
    named = sum(1 for t in job.tally.targets if t.enterprise.strip())
    return {**common_context(job.settings, job.tally, job.as_of, docno), **contact_context(job.settings),
            "title": f"关于报送{job.year}年落后产能退出情况的通知",
            "addressee": "各县（市）区工业和信息化主管部门", "deadline": calendar.report_deadline(job),
            "form": f"{job.year}年落后产能退出情况报送表",
            "named_text": (f"目标任务中列名的{named}个企业（生产线），请逐项报告退出情况；未能退出的，"
                           "须书面说明原因和拟完成时间。" if named else ""),
            "printer": job.settings.documents.printer, "cc": ""}


def example(job: Job) -> Context:
    return notice_context(job, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if not calendar.before_deadline(job):
        return []  # it opens the collection: not dated after the deadline it sets
    ctx = example(job)
    return [job.document(TYPE, f"报送通知-{job.year}年落后产能退出情况", ctx,
                         to=[organs.county_department(job.settings, c) for c in job.settings.counties],
                         attachments=[ctx["form"]])]


TYPE = DocType("报送通知", genre="通知", format="文件", direction="下行", issuers="市工信局",
               recipients="各县（市）区工业和信息化主管部门", when="报送截止前（与任务落实函同发）", plan=plan,
               example=example)
