"""约谈通知: to a county far behind its targets (task 12)."""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings, Submitter
from reportgen.documents.common import BLANK, DocType, Job, addressee, common_context, contact_context
from reportgen.documents.progress import (date_text, missing_lines, percent_text, progress_of, ratio_text,
                                          slow_counties)
from reportgen.documents.text import capacity, cn_list
from reportgen.documents.voice import you
from reportgen.models import Tally
from reportgen.tally.progress import SUMMON, thresholds


def summon_context(tally: Tally, settings: Settings, as_of: date, docno: str, county: Submitter) -> dict:
    """The 约谈通知 context for one county: its figures, time, place, attendees, host, items to bring."""
    progress = progress_of(tally)
    mine = [p for p in progress if p.county == county.name]
    summon, _notify = thresholds(settings)
    cfg = settings.summon
    planned = [p for p in mine if p.target is not None]
    me = you(county)
    if any(p.submitted for p in planned):
        figures = "；".join(f"{p.industry}目标{capacity(p.target, p.unit)}、"
                           + (f"已完成{capacity(p.done, p.unit)}，完成率{ratio_text(p)}" if p.done else "尚无退出项目")
                           for p in planned)
        slow = [p.industry for p in planned if p.level == SUMMON]
        figures_text = (f"截至{date_text(as_of)}，{me}{tally.year}年落后产能退出目标任务中，{figures}。其中"
                        f"{cn_list(slow)}完成率低于{percent_text(summon)}的约谈标准，进展严重滞后。")
    else:
        targets = "、".join(f"{p.industry}{capacity(p.target, p.unit)}" for p in planned)
        figures_text = (f"截至{date_text(as_of)}，{me}有{tally.year}年落后产能退出目标任务（{targets}），但尚未报送"
                        f"退出情况，进展严重滞后。")
    named = [line.split("：", 1)[1] for line in missing_lines(mine)]
    return {**common_context(settings, tally, as_of, docno), **contact_context(settings),
            "title": f"关于约谈{county.name}落后产能退出工作的通知", "addressee": addressee(settings, county),
            "figures_text": figures_text,
            "you": me, "missing_text": (f"3. 目标任务中点名、尚未报送退出的{'、'.join(named)}的情况说明。" if named else ""),
            "time": cfg.time or "　　月　　日　　时", "place": cfg.place or BLANK * 2,
            "attendees": cfg.attendees or BLANK * 2, "host": cfg.host or BLANK * 2,
            "reply_by": as_of + timedelta(days=settings.reply_days)}


def example(job: Job) -> dict:
    return summon_context(job.tally, job.settings, job.as_of, job.docno(TYPE), job.settings.counties[0])


def plan(job: Job) -> list:
    progress = progress_of(job.tally)
    if not any(p.target is not None for p in progress):
        return []
    docs = []
    for name in slow_counties(progress)[SUMMON]:
        county = job.settings.find_county(name)
        if county is not None:
            ctx = summon_context(job.tally, job.settings, job.as_of, job.docno(TYPE), county)
            docs.append(job.document(TYPE, f"约谈通知-{county.name}", ctx, to=[ctx["addressee"]]))
    return docs


TYPE = DocType("约谈通知", genre="通知", format="信函", direction="下行", issuers="市工信局",
               recipients="完成率低于约谈线的县（市）区", when="有目标任务时", plan=plan, example=example)
