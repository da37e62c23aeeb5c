"""The year's exit list to society, 市工信局 and 市发展改革委 jointly: a 公示 while the 核对函 are out (before the
名单核定日), the final 公告 from it. The 公告 puts lines 关停/封存 but not dismantled in their own 附件 (task 3)."""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings
from reportgen.documents import calendar, organs
from reportgen.documents.common import BLANK, Context, DocType, Document, Job, common_context
from reportgen.documents.prose import PENDING, item_row, sentence_items, sorted_items
from reportgen.models import Tally


def list_context(tally: Tally, settings: Settings, as_of: date, docno: str, final: bool) -> Context:
    """The exit list: all counted items; for the 公告 the items 关停/封存 apart; 公示期 or 监督电话."""
    section = settings.documents
    days = section.notice_days
    items = sorted_items(tally.items, settings)
    pending = [i for i in items if i.method in PENDING] if final else []
    kind = "公告" if final else "公示"
    ctx = {**common_context(settings, tally, as_of, docno), "title": f"关于{tally.year}年落后产能退出企业名单的{kind}",
           "summary": sentence_items(items, settings, f"{tally.year}年全市"),
           "rows": [item_row(i, n) for n, i in enumerate(items, 1)],
           "hotline": section.hotline or BLANK}
    if final:
        ctx["pending_rows"] = [item_row(i, n) for n, i in enumerate(pending, 1)]
    else:
        ctx.update(notice_days=days, notice_start=as_of, notice_end=as_of + timedelta(days=max(days - 1, 0)))
    return ctx


def notice_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> Context:
    """The 公示 context (kept under its old name for callers)."""
    return list_context(tally, settings, as_of, docno, final=False)


def _number(job: Job, kind: DocType) -> str:
    """A 公告's number: 2021年第N号 where [documents.first_number] gives one, else the configured 代字 style."""
    first = job.settings.documents.first_number.get(kind.name, 0)
    if kind.name == "公告" and first > 0 and not job.settings.documents.numbers.get(kind.name):
        return f"{job.year}年第{first}号"
    return job.docno(kind)


def _plan(job: Job, kind: DocType, final: bool) -> list[Document]:
    if calendar.list_is_final(job) != final:
        return []
    ctx = list_context(job.tally, job.settings, job.as_of, _number(job, kind), final)
    region, year = job.settings.region, job.year
    attachments = [f"{region}{year}年落后产能退出企业名单"]
    if ctx.get("pending_rows"):
        attachments.append(f"{region}{year}年关停、封存尚未拆除的生产线（设备）名单")
    return [job.document(kind, f"{kind.name}-{year}年落后产能退出企业名单", ctx, to=[organs.public()],
                         issuers=[organs.lead(job.settings), organs.partner(job.settings)], attachments=attachments)]


def publicity_example(job: Job) -> Context:
    return list_context(job.tally, job.settings, job.as_of, job.docno(PUBLICITY), final=False)


def notice_example(job: Job) -> Context:
    return list_context(job.tally, job.settings, job.as_of, job.docno(NOTICE), final=True)


def publicity_plan(job: Job) -> list[Document]:
    return _plan(job, PUBLICITY, False)


def notice_plan(job: Job) -> list[Document]:
    return _plan(job, NOTICE, True)


PUBLICITY = DocType("公示", genre="公示", format="公告", direction="对外", issuers="市工信局、市发展改革委",
                    recipients="社会公众", when="名单核定日前（与核对函同时）",
                    plan=publicity_plan, example=publicity_example)
NOTICE = DocType("公告", genre="公告", format="公告", direction="对外", issuers="市工信局、市发展改革委",
                 recipients="社会公众", when="名单核定日起",
                 plan=notice_plan, example=notice_example)
