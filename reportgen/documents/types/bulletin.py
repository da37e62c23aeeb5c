"""进度通报: the progress of every county against its targets (通报, 文件 format, task 12), after the deadline.

The channel is channel.to_counties: 市工信局 → each county's 工信主管部门, 抄送 the county governments and
市人民政府; or the coordinating office → the county governments where one is configured.
"""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents import calendar, channel
from reportgen.documents.common import Context, DocType, Document, Job, addressed, common_context
from reportgen.documents.progress import (level_sentences, missing_lines, overview_sentence,
                                          progress_of, progress_rows, report_deadline)
from reportgen.documents.voice import numbered
from reportgen.models import Tally


def bulletin_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    """The 进度通报 context: every county's figures, slow ones named, late ones, missing plan items, deadline."""
    progress = progress_of(tally)
    way = channel.to_counties(Job(tally, settings, as_of), list(settings.counties))
    issuer = f"{settings.lead.short}、{settings.partner.short}" if not way.through_office else way.issuer.short
    ctx = {**common_context(settings, tally, as_of, docno), "title": f"关于{tally.year}年落后产能退出进展情况的通报",
           "summary": overview_sentence(progress, as_of, tally.year), "rows": progress_rows(progress, settings),
           **level_sentences(progress, settings, issuer),
           **_missing(missing_lines(progress)), "deadline": report_deadline(tally, settings, as_of),
           **channel.context(way), "printer": settings.documents.printer}
    return addressed(ctx, way.you)


def _missing(lines: list[str]) -> Context:
    """Named plan items not reported: one written inline, several as a numbered list under a lead sentence."""
    if len(lines) == 1:
        return {"missing_text": f"目标任务中点名的{lines[0].replace('：', '')}尚未报送退出。", "missing_items": []}
    return {"missing_text": "目标任务中点名的以下企业（生产线）尚未报送退出：" if lines else "",
            "missing_items": numbered(lines)}


def has_targets(job: Job) -> bool:
    return any(p.target is not None for p in progress_of(job.tally))


def example(job: Job) -> Context:
    return bulletin_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if not has_targets(job) or calendar.before_deadline(job):
        return []
    ctx = example(job)
    way = channel.to_counties(job, list(job.settings.counties))
    return [job.document(TYPE, f"进度通报-{job.year}年落后产能退出进度", ctx, to=way.to, cc=way.cc,
                         issuers=[way.issuer])]


TYPE = DocType("进度通报", genre="通报", format="文件", direction="下行", issuers="市工信局（或领导小组办公室）",
               recipients="各县（市）区工业和信息化主管部门，抄送县（市）区人民政府、市人民政府（或办公室→各县（市）区人民政府）",
               when="报送截止后、有目标任务时", plan=plan, example=example)
