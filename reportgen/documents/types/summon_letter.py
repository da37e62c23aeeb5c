"""约谈函: to a county that reported and is far behind its targets, once the report deadline has passed (task 12).

Same channel as the 进度通报: 市工信局 → the county's 工信主管部门 (函), 抄送 its government; or the coordinating
office's 通知 to the county government. A county still missing gets a 催报函 first, not a 约谈.
"""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings, Submitter
from reportgen.documents import calendar, channel
from reportgen.documents.common import BLANK, Context, DocType, Document, Job, addressed, common_context, contact_context
from reportgen.documents.progress import (date_text, missing_lines, percent_text, progress_of, ratio_text,
                                          slow_counties)
from reportgen.documents.text import capacity, cn_list
from reportgen.models import Tally
from reportgen.tally.progress import SUMMON, thresholds


def summon_context(tally: Tally, settings: Settings, as_of: date, docno: str, county: Submitter) -> Context:
    """The 约谈通知 context for one county: its figures, time, place, attendees, host, items to bring."""
    progress = progress_of(tally)
    mine = [p for p in progress if p.county == county.name]
    summon, _notify = thresholds(settings)
    cfg = settings.summon
    planned = [p for p in mine if p.target is not None]
    if any(p.submitted for p in planned):
        figures = "；".join(f"{p.industry}目标{capacity(target, p.unit)}、"
                           + (f"已完成{capacity(p.done, p.unit)}，完成率{ratio_text(p)}" if p.done else "尚无退出项目")
                           for p in planned if (target := p.target) is not None)
        slow = [p.industry for p in planned if p.level == SUMMON]
        figures_text = (f"截至{date_text(as_of)}，{county.name}{tally.year}年落后产能退出目标任务中，{figures}。其中"
                        f"{cn_list(slow)}完成率低于{percent_text(summon)}的约谈标准，进展严重滞后。")
    else:
        targets = "、".join(f"{p.industry}{capacity(target, p.unit)}" for p in planned
                            if (target := p.target) is not None)
        figures_text = (f"截至{date_text(as_of)}，{county.name}有{tally.year}年落后产能退出目标任务（{targets}），但尚未报送"
                        f"退出情况，进展严重滞后。")
    named = [line.split("：", 1)[1] for line in missing_lines(mine)]
    way = channel.to_county(Job(tally, settings, as_of), county)
    genre = "通知" if way.through_office else "函"
    ctx = {**common_context(settings, tally, as_of, docno), **contact_context(settings), **channel.context(way),
           "title": f"关于约谈{county.name}落后产能退出工作的{genre}", "county": county.name,
           "verb": "通知" if way.through_office else "函告", "figures_text": figures_text,
           "missing_text": (f"3. 目标任务中点名、尚未报送退出的{'、'.join(named)}的情况说明。" if named else ""),
           "time": cfg.time or "　　月　　日　　时", "place": cfg.place or BLANK * 2,
           "attendees": cfg.attendees or BLANK * 2, "host": cfg.host or BLANK * 2,
           "reply_by": as_of + timedelta(days=settings.reply_days)}
    return addressed(ctx, way.you)


def example(job: Job) -> Context:
    return summon_context(job.tally, job.settings, job.as_of, job.docno(TYPE), job.settings.counties[0])


def summoned(job: Job) -> list[Submitter]:
    """Counties below the 约谈 line that have reported (a missing county is reminded first), after the deadline."""
    progress = progress_of(job.tally)
    if calendar.before_deadline(job) or not any(p.target is not None for p in progress):
        return []
    missing = set(job.tally.missing)
    reported = {p.county for p in progress if p.target is not None and p.submitted}
    found = (job.settings.find_county(name) for name in slow_counties(progress)[SUMMON])
    return [c for c in found if c is not None and c.name in reported and not missing & set(c.names())]


def plan(job: Job) -> list[Document]:
    docs = []
    for county in summoned(job):
        ctx = summon_context(job.tally, job.settings, job.as_of, job.docno(TYPE), county)
        way = channel.to_county(job, county)
        docs.append(job.document(TYPE, f"约谈函-{county.name}", ctx, to=way.to, cc=way.cc, issuers=[way.issuer],
                                 genre="通知" if way.through_office else "函"))
    return docs


TYPE = DocType("约谈函", genre="函", format="信函", direction="下行", issuers="市工信局（或领导小组办公室）",
               recipients="完成率低于约谈线、已报送的县（市）区工业和信息化主管部门，抄送县（市）区人民政府",
               when="报送截止后", plan=plan, example=example)
