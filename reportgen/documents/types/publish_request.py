"""商请公布的函: 市工信局 → each other organ owning yellow/red/exceedance records, asking it to publish its list;
the list and a 代拟稿 of the 公告 attached (函, 信函). Publishing is the owner's act: we only ask."""
from __future__ import annotations

from dataclasses import replace

from reportgen.documents import organs, owners
from reportgen.documents.common import Context, DocType, Document, Job, common_context, contact_context
from reportgen.documents.enforcement import exceedance_rows, hotline, red_rows, yellow_rows
from reportgen.documents.text import cn_list, date_cn


def request_context(job: Job, held: owners.Holdings, docno: str) -> Context:
    """The letter to one owner: what it holds, the ask, the list and the draft 公告 as 附件."""
    to = held.organ
    kinds = [name for name, rows in (("“黄牌”", held.yellow), ("“红牌”", held.red), ("超标排放", held.exceed)) if rows]
    lists = f"{cn_list(kinds)}企业名单"
    counts = [f"{label}{n}家" for label, n in (("“黄牌”企业", len({s.case.enterprise for s in held.yellow})),
                                               ("“红牌”企业", len({r.case.enterprise for r in held.red})),
                                               ("超标排放企业", len({e.enterprise for e in held.exceed}))) if n]
    ctx = common_context(job.settings, job.tally, job.as_of, docno)
    del ctx["partner"]
    return {**ctx, **contact_context(job.settings),
            "title": "关于商请公布相关企业名单的函", "addressee": to.name, "you": to.address,
            "summary": (f"经汇总，截至{date_cn(job.as_of)}，由{to.address}主管的{cn_list(counts, '、')}"
                        f"（名单见附件1）。"),
            "lists": lists, "owner": to.context(), "hotline": hotline(job.settings),
            "draft_title": f"关于公布{job.year}年{lists}的公告（代拟稿）",
            "yellow_rows": yellow_rows(held.yellow, job.settings),
            "red_rows": red_rows(replace(job.tally, red_status=tuple(held.red)), job.settings) if held.red else [],
            "exceed_rows": exceedance_rows(held.exceed, job.settings)}


def example(job: Job) -> Context:
    held = (owners.others(job) or [owners.Holdings(organs.owner(job.settings, "质量"))])[0]
    return request_context(job, held, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    docs = []
    for held in owners.others(job):
        ctx = request_context(job, held, job.docno(TYPE))
        docs.append(job.document(TYPE, f"商请公布函-{held.organ.short}", ctx, to=[held.organ],
                                 attachments=[f"{job.settings.region}{job.year}年{ctx['lists']}", "公告代拟稿"]))
    return docs


TYPE = DocType("商请公布函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="主管黄牌、红牌、超标排放案件的其他市直部门（每部门一函）", when="数据汇总后",
               plan=plan, example=example)
