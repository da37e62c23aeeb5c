"""年度情况报告: 市工信局 → 市人民政府, a 报告 (文件 format) at the year's end."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents import calendar
from reportgen.documents.common import Context, DocType, Document, Job, common_context
from reportgen.documents.annual import attachment_rows, sections
from reportgen.documents.progress import progress_rows
from reportgen.documents.prose import item_row, next_steps, pending_items, sorted_items
from reportgen.models import Tally


def report_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    """The 年度情况报告 context: prose sections from tally.figures, next steps, the 附件 tables, 版记."""
    section = settings.documents
    body = sections(tally, settings)
    pending = sorted_items(pending_items(tally), settings)
    progress = list(tally.progress)
    names = [f"{tally.year}年各县（市）区落后产能退出情况表"]
    if progress:
        names.append(f"{tally.year}年目标任务完成情况表")
    if pending:
        names.append("关停、封存待拆除项目表")
    steps = next_steps(section.next_steps)
    return {**common_context(settings, tally, as_of, docno),
            "title": f"关于{tally.year}年落后产能退出工作情况的报告", "signers": signers(settings),
            "addressee": section.report_to, "sections": body,
            "next_heading": f"{'一二三四五六七八九十'[len(body)]}、下一步工作", "next_steps": steps,
            "attachment_list": names[0] if len(names) == 1 else
            "\n".join(f"{n}．{x}" for n, x in enumerate(names, 1)),
            "county_rows": attachment_rows(tally, settings),
            "progress_rows": progress_rows(progress, settings) if progress else [],
            "pending_rows": [item_row(i, n) for n, i in enumerate(pending, 1)],
            "cc": "，".join(section.report_cc), "printer": section.printer}


def signers(settings: Settings) -> str:
    """签发人 of an upward document: the configured names, else a blank for the clerk to write in."""
    names = [*settings.organs.lead.signers]
    return "　".join(names) if names else "\u3000" * 4


def example(job: Job) -> Context:
    return report_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if calendar.before_deadline(job):
        return []  # the year's report states the year's figures: not while the collection is still open
    section = job.settings.documents
    return [job.document(TYPE, f"年度情况报告-{job.year}年", example(job), to=[section.report_to],
                         cc=section.report_cc)]


TYPE = DocType("年度情况报告", genre="报告", format="文件", direction="上行", issuers="市工信局",
               recipients="市人民政府（抄送自治区工业和信息化厅、自治区发展改革委）", when="报送截止后（年末）", plan=plan,
               example=example)
