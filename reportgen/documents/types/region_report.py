"""报自治区: the year's report up to the region's organs (自治区工业和信息化厅, 自治区发展改革委), a 报告 with
签发人, after the report deadline: the same figures and sections as the 年度情况报告, in the region's terms (the
city named in the title, 抄送 市人民政府)."""
from __future__ import annotations

from reportgen.documents import calendar
from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.types.annual_report import report_context


def region_context(job: Job, docno: str) -> Context:
    ctx = report_context(job.tally, job.settings, job.as_of, docno)
    section = job.settings.documents
    ctx.update(title=f"关于{job.settings.region}落后产能退出情况的报告",
               addressee="、".join(section.report_cc), cc=section.report_to)
    return ctx


def example(job: Job) -> Context:
    return region_context(job, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    section = job.settings.documents
    if calendar.before_deadline(job) or not section.report_cc:
        return []
    return [job.document(TYPE, f"报自治区-{job.year}年落后产能退出工作情况", example(job), to=section.report_cc,
                         cc=[section.report_to])]


TYPE = DocType("报自治区", genre="报告", format="文件", direction="上行", issuers="市工信局",
               recipients="自治区工业和信息化厅、自治区发展改革委（抄送市人民政府）", when="报送截止后（年末）",
               plan=plan, example=example)
