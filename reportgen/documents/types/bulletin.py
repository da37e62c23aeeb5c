"""进度通报: the progress of every county against its targets (通报, 文件 format, task 12)."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents.common import DocType, Job, common_context
from reportgen.documents.progress import (BULLETIN_TO, level_sentences, missing_lines, overview_sentence,
                                          progress_of, progress_rows, report_deadline)
from reportgen.documents.voice import numbered
from reportgen.models import Tally


def bulletin_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> dict:
    """The 进度通报 context: every county's figures, slow ones named, late ones, missing plan items, deadline."""
    progress = progress_of(tally)
    section = settings.documents
    return {**common_context(settings, tally, as_of, docno), "title": f"关于{tally.year}年落后产能退出进展情况的通报",
            "addressee": BULLETIN_TO,
            "summary": overview_sentence(progress, as_of, tally.year), "rows": progress_rows(progress, settings),
            **level_sentences(progress, settings, f"{settings.lead.short}、{settings.partner.short}"),
            **_missing(missing_lines(progress)), "deadline": report_deadline(tally, settings, as_of),
            "cc": "，".join(x for x in (section.report_to, settings.partner.name) if x),
            "printer": section.printer}


def _missing(lines: list[str]) -> dict:
    """Named plan items not reported: one written inline, several as a numbered list under a lead sentence."""
    if len(lines) == 1:
        return {"missing_text": f"目标任务中点名的{lines[0].replace('：', '')}尚未报送退出。", "missing_items": []}
    return {"missing_text": "目标任务中点名的以下企业（生产线）尚未报送退出：" if lines else "",
            "missing_items": numbered(lines)}


def has_targets(job: Job) -> bool:
    return any(p.target is not None for p in progress_of(job.tally))


def example(job: Job) -> dict:
    return bulletin_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list:
    if not has_targets(job):
        return []
    ctx = example(job)
    return [job.document(TYPE, f"进度通报-{job.year}年落后产能退出进度", ctx, to=[ctx["addressee"]],
                         cc=ctx["cc"].split("，") if ctx["cc"] else ())]


TYPE = DocType("进度通报", genre="通报", format="文件", direction="下行", issuers="市工信局",
               recipients="各县（市）区", when="有目标任务时", plan=plan, example=example)
