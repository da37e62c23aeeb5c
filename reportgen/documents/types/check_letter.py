"""核对函: 市工信局 → each outside submitter whose file was read (函, 信函 format)."""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings, Submitter
from reportgen.documents.common import DocType, Job, addressee, common_context, contact_context
from reportgen.documents.prose import (OWN_SECTIONS, STATUS_CN, BySubmitter, capacity_text, counted_sentence,
                                       item_row, label, problem_line, sorted_items)
from reportgen.documents.text import date_cn
from reportgen.models import Tally


def check_context(tally: Tally, settings: Settings, as_of: date, docno: str, who: Submitter,
                  index: BySubmitter | None = None) -> dict:
    """The 核对函 context for one submitter: its files, counted items, rejected rows, duplicates, warnings."""
    index = index or BySubmitter(tally)
    names = set(who.names())
    files = index.pick(index.files, names)
    mine = sorted_items(index.pick(index.items, names), settings)
    problems = index.pick(index.problems, {s.file for s in files})
    dups = []
    for dropped, kept in index.pick(index.duplicates, names):
        dups.append(f"{dropped.source.describe()}填报的{dropped.enterprise}{dropped.equipment}"
                    f"（{capacity_text(dropped.capacity, dropped.unit)}）与{kept.source.describe()}重复，"
                    f"按{label(settings, kept.submitter)}报送的记录计入一次。")
    other = [f"{i.source.describe()}：{i.enterprise}{i.equipment}完成时间为{date_cn(i.completed)}，"
             f"不在{tally.year}年内，未计入本年度。" for i in index.pick(index.other_year, names)]
    ctx = common_context(settings, tally, as_of, docno)
    del ctx["region"], ctx["partner"]
    return {**ctx, **contact_context(settings), "title": f"关于核对{tally.year}年退出产能数据的函",
            "addressee": addressee(settings, who),
            "files": [{"file": s.file, "status": STATUS_CN.get(s.status, s.status)} for s in files],
            "counted_text": counted_sentence(mine, settings, tally.year),
            "rows": [item_row(i, n) for n, i in enumerate(mine, 1)],
            "rejected": [problem_line(p) for p in problems if p.is_error],
            "duplicates": dups, "other_year": other,
            "warnings": [problem_line(p) for p in problems if not p.is_error and p.code not in OWN_SECTIONS],
            "reply_by": as_of + timedelta(days=settings.reply_days)}


def recipients(job: Job) -> list[Submitter]:
    """Every configured submitter that sent a file and is not missing."""
    tally = job.tally
    senders = {s.submitter for s in tally.submissions if s.submitter and s.status != "missing"}
    missing = set(tally.missing)
    return [who for who in job.settings.submitters
            if senders & set(who.names()) and not missing & set(who.names())]


def example(job: Job) -> dict:
    return check_context(job.tally, job.settings, job.as_of, job.docno(TYPE), job.settings.submitters[0])


def plan(job: Job) -> list:
    index = job.once("by-submitter", lambda: BySubmitter(job.tally))
    docs = []
    for who in recipients(job):
        ctx = check_context(job.tally, job.settings, job.as_of, job.docno(TYPE), who, index)
        docs.append(job.document(TYPE, f"核对函-{who.short}", ctx, to=[ctx["addressee"]]))
    return docs


TYPE = DocType("核对函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="每个报送了文件的县（市）区和部门", when="读取其文件后", plan=plan, example=example)
