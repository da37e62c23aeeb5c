"""拆除督办函: 市工信局 → a county's 工信主管部门, for its lines 关停/封存 but not dismantled (task 3 限时拆除), after
the report deadline: the lines, the dismantling to be done in a set time, the 封存 public commitment."""
from __future__ import annotations

from typing import Any

from reportgen.config import Submitter
from reportgen.documents import calendar, organs
from reportgen.documents.common import Document, DocType, Job, common_context, contact_context
from reportgen.documents.prose import equipment_count, item_row, pending_items, sorted_items
from reportgen.models import ExitItem


def dismantle_context(job: Job, county: Submitter, items: list[ExitItem], docno: str) -> dict[str, Any]:
    to = organs.county_department(job.settings, county)
    rows = [item_row(i, n) for n, i in enumerate(sorted_items(items, job.settings), 1)]
    ctx = common_context(job.settings, job.tally, job.as_of, docno)
    del ctx["partner"]
    return {**ctx, **contact_context(job.settings), "cc": organs.county_government(job.settings, county).name,
            "title": "关于督促限时拆除落后产能主体设备的函", "addressee": to.name, "you": to.address,
            "county": county.name, "count": equipment_count(items), "rows": rows, "reply_by": calendar.reply_by(job)}


def by_county(job: Job) -> list[tuple[Submitter, list[ExitItem]]]:
    pending = pending_items(job.tally)
    out: list[tuple[Submitter, list[ExitItem]]] = []
    for county in job.settings.counties:
        mine = [i for i in pending if i.county == county.name]
        if mine:
            out.append((county, mine))
    return out


def example(job: Job) -> dict[str, Any]:
    found = by_county(job)
    county, items = found[0] if found else (job.settings.counties[0], list[ExitItem]())
    return dismantle_context(job, county, items, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if calendar.before_deadline(job):
        return []
    docs = []
    for county, items in by_county(job):
        ctx = dismantle_context(job, county, items, job.docno(TYPE))
        docs.append(job.document(TYPE, f"拆除督办函-{county.name}", ctx, to=[ctx["addressee"]],
                                 cc=[organs.county_government(job.settings, county)]))
    return docs


TYPE = DocType("拆除督办函", genre="函", format="信函", direction="下行", issuers="市工信局",
               recipients="有关停、封存未拆除生产线的县（市）区工业和信息化主管部门，抄送县（市）区人民政府",
               when="报送截止后", plan=plan, example=example)
