"""催报函: 市工信局 → each county 工信主管部门 or department still missing after the report deadline (函, 信函)."""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings, Submitter
from reportgen.documents import calendar, organs
from reportgen.documents.common import Context, DocType, Document, Job, common_context, contact_context
from reportgen.documents.voice import file_name
from reportgen.models import Tally


def remind_context(tally: Tally, settings: Settings, as_of: date, docno: str, who: Submitter) -> Context:
    """The 催报函 context for one missing submitter: the deadline passed (or near) and a new one."""
    deadline = settings.deadline(tally.year)
    new = max(deadline, as_of + timedelta(days=settings.remind_days))
    state = "已超过报送截止时间" if as_of > deadline else "报送截止时间临近"
    received = [s.file for s in tally.submissions if s.submitter in set(who.names()) and s.file]
    me = organs.recipient(settings, who).address
    return {**common_context(settings, tally, as_of, docno), **contact_context(settings),
            "title": f"关于催报{tally.year}年落后产能退出情况的函", "addressee": organs.recipient(settings, who).name,
            "deadline": deadline, "new_deadline": new, "state": state, "you": me,
            "received_text": received_text(received, me)}


LETTERS = (".doc", ".docx", ".wps", ".pdf", ".txt", ".rtf", ".ofd")  # what an organ sends when it writes, not fills in


def received_text(files: list[str], me: str) -> str:
    """What the recipient did send, acknowledged for what it is: a 情况说明 is a letter, not a mis-saved form."""
    if not files:
        return ""
    names = "、".join(f"“{file_name(f)}”" for f in files)
    if all(f.lower().endswith(LETTERS) for f in files):
        return (f"{me}发来的{names}已收悉。说明中未附按统一报送表格式填报的退出项目明细，相关企业、设备和产能"
                "无法汇总计入，请按下述要求补报。")
    return (f"{me}发来的{names}已收悉，但不是统一格式的报送表（Excel工作簿），其中的数据无法汇总计入，"
            "请按下述要求报送。")


def missing(job: Job) -> list[Submitter]:
    """The configured submitters still missing (the lead organ never reminds itself)."""
    found = (job.settings.find_submitter(name) for name in job.tally.missing)
    return [who for who in found if who is not None and not organs.is_lead(job.settings, who.name)]


def example(job: Job) -> Context:
    return remind_context(job.tally, job.settings, job.as_of, job.docno(TYPE), job.settings.counties[0])


def plan(job: Job) -> list[Document]:
    if calendar.before_deadline(job):
        return []  # before the deadline: one 提醒函 to all (remind_all), not a 催报 each
    docs = []
    for who in missing(job):
        ctx = remind_context(job.tally, job.settings, job.as_of, job.docno(TYPE), who)
        docs.append(job.document(TYPE, f"催报函-{who.short}", ctx, to=[ctx["addressee"]]))
    return docs


TYPE = DocType("催报函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="报送截止后仍未报送的县（市）区工业和信息化主管部门和市直部门", when="报送截止后",
               plan=plan, example=example)
