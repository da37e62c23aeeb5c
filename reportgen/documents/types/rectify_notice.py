"""限期整改通知书: the owning organ → an enterprise on the yellow list (执法文书, 信函 layout)."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents.common import DocType, Job
from reportgen.documents.enforcement import (DOCNO_PLACEHOLDER, basis_text, consequence_text, contact_context,
                                             deadline_text, example_status, extension_text, fact_lines,
                                             facts_text, notified, publisher)
from reportgen.models import Tally
from reportgen.tally.enforcement import YellowStatus


def rectify_context(st: YellowStatus, settings: Settings, tally: Tally, as_of: date, docno: str) -> dict:
    """The 限期整改通知书 context for one yellow case."""
    issuer, is_lead = publisher(settings, st.case)
    docno = docno or DOCNO_PLACEHOLDER.format(year=tally.year)
    return {"year": tally.year, "region": settings.region, "date": as_of, "docno": docno, "issuer": issuer,
            "title": "限期整改通知书",
            "enterprise": st.case.enterprise, "fact_lines": fact_lines(st.case), "facts": facts_text(st.case),
            "basis": basis_text(st.case),
            "deadline_text": deadline_text(st, as_of), "extension_text": extension_text(st, issuer["name"]),
            "consequence_text": consequence_text(st), **contact_context(settings, is_lead),
            "review_organ": f"{settings.region}人民政府",  # 行政复议 of a city department: the city government
            "receipt": receipt_rows(st.case.enterprise, docno)}


def receipt_rows(enterprise: str, docno: str) -> list[dict]:
    """The 送达回证: what was served on whom; where, how, signatures and dates filled in by hand."""
    gap = "\u3000" * 8
    return [{"k": "送达文书", "v": f"限期整改通知书（{docno}）"}, {"k": "受送达人", "v": enterprise},
            {"k": "送达地点", "v": gap}, {"k": "送达方式", "v": "直接送达 / 留置送达 / 邮寄送达"},
            {"k": "受送达人签名或盖章", "v": f"{gap}　　年　　月　　日"}, {"k": "代收人签名及代收理由", "v": gap},
            {"k": "送达人签名", "v": f"{gap}　　年　　月　　日"}, {"k": "见证人签名", "v": gap},
            {"k": "备注", "v": "受送达人拒绝签收的，送达人应注明情况，邀请见证人到场，把文书留在受送达人的住所。"}]


def example(job: Job) -> dict:
    cases = notified(job.tally)
    st = cases[0] if cases else example_status(job.tally)
    return rectify_context(st, job.settings, job.tally, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list:
    docs = []
    for st in notified(job.tally):
        ctx = rectify_context(st, job.settings, job.tally, job.as_of, job.docno(TYPE))
        docs.append(job.document(TYPE, f"限期整改通知书-{st.case.enterprise}", ctx, to=[st.case.enterprise],
                                 issuers=[ctx["issuer"]["name"]]))
    return docs


TYPE = DocType("限期整改通知书", genre="执法文书", format="执法文书", direction="对外", issuers="案件的主管部门",
               recipients="列入黄牌名单的企业", when="案件整改中", plan=plan, example=example)
