"""资金与安置函: 市工信局 → 市财政局 (抄送 市人社局), at the year's end: the workers placed and the 奖补资金 by county
(task 5), for the funds to be arranged. Only when some item reports either."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.documents import calendar, organs
from reportgen.documents.common import Document, DocType, Job, common_context, contact_context
from reportgen.documents.text import plain_number

FINANCE, SOCIAL = "市财政局", "市人社局"


def funds_rows(job: Job) -> list[dict[str, Any]]:
    rows = []
    for county in job.settings.counties:
        mine = [i for i in job.tally.items if i.county == county.name and (i.workers or i.funds)]
        if mine:
            workers = sum((i.workers or Decimal(0) for i in mine), Decimal(0))
            funds = sum((i.funds or Decimal(0) for i in mine), Decimal(0))
            rows.append({"county": county.name, "enterprises": len({i.enterprise_key for i in mine}),
                         "workers": plain_number(workers), "funds": plain_number(funds)})
    return rows


def funds_context(job: Job, docno: str) -> dict[str, Any]:
    finance = organs.named(job.settings, FINANCE) or organs.Organ("银川市财政局", FINANCE, organs.CITY_DEPARTMENT, "贵局")
    rows = funds_rows(job)
    workers = sum((Decimal(r["workers"]) for r in rows), Decimal(0))
    funds = sum((Decimal(r["funds"]) for r in rows), Decimal(0))
    ctx = common_context(job.settings, job.tally, job.as_of, docno)
    del ctx["partner"]
    return {**ctx, **contact_context(job.settings),
            "title": "关于职工安置和奖补资金情况的函", "addressee": finance.name,
            "you": finance.address, "rows": rows,
            "summary": (f"{job.year}年，{len(rows)}个县（市）区报送了职工安置和奖补资金情况，共安置职工"
                        f"{plain_number(workers)}人，涉及奖补资金{plain_number(funds)}万元。")}


def example(job: Job) -> dict[str, Any]:
    return funds_context(job, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    if calendar.before_deadline(job) or not funds_rows(job):
        return []
    ctx = example(job)
    social = organs.named(job.settings, SOCIAL)
    return [job.document(TYPE, f"资金与安置函-{job.year}年", ctx, to=[ctx["addressee"]],
                         cc=[social] if social else [])]


TYPE = DocType("资金与安置函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="市财政局（抄送市人社局）", when="报送截止后（年末）", plan=plan, example=example)
