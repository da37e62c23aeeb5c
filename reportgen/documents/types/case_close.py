"""提请依法关停的函: 我局 → a county's 工信主管部门 (抄送 the county government), for the yellow cases 我局 owns in
that county that are 逾期未整改 as of --date: the facts of each case, the basis, and the ask (报请本级人民政府依法
责令停业、关闭), with a reply date. Cases owned by other organs are theirs to pursue."""
from __future__ import annotations

from reportgen.config import Submitter
from reportgen.documents import calendar, organs
from reportgen.documents.common import Context, DocType, Document, Job, common_context, contact_context
from reportgen.documents.text import date_cn
from reportgen.documents.types.case_remind import issue_text, owned_by_lead
from reportgen.documents.types.rectify_notice import basis
from reportgen.tally.enforcement import OVERDUE, YellowStatus


def case_text(st: YellowStatus) -> str:
    """One overdue case as a sentence: who, what, the notice, the deadline passed, the review."""
    case = st.case
    who = "，".join(x for x in (f"统一社会信用代码：{case.uscc}" if case.uscc else "",
                                 f"所属行业：{case.industry}" if case.industry else "") if x)
    issue = issue_text(case)
    notice = f"我局于{date_cn(case.notice_date)}下达限期整改通知，" if case.notice_date else "我局已下达限期整改通知，"
    limit = (f"经批准延期至{date_cn(st.effective)}" if st.extended else f"整改期限至{date_cn(st.effective)}") \
        if st.effective else "整改期限已届满"
    review = "经复查仍未达标" if case.review == "未达标" else "至今无复查达标结果"
    return f"{case.enterprise}{f'（{who}）' if who else ''}：{issue}。{notice}{limit}，{review}，已逾期未整改。"


def by_county(job: Job) -> list[tuple[Submitter, list[YellowStatus]]]:
    overdue = [st for st in job.tally.yellow_status if st.status == OVERDUE and owned_by_lead(job, st)]
    out: list[tuple[Submitter, list[YellowStatus]]] = []
    for county in job.settings.counties:
        mine = [st for st in overdue if st.case.county == county.name]
        if mine:
            out.append((county, mine))
    return out


def close_context(job: Job, county: Submitter, cases: list[YellowStatus], docno: str) -> Context:
    to = organs.county_department(job.settings, county)
    ctx = common_context(job.settings, job.tally, job.as_of, docno)
    del ctx["partner"]
    laws = "、".join(dict.fromkeys(basis(job.settings, st.case.category) for st in cases)) or "有关法律法规"
    return {**ctx, **contact_context(job.settings), "cc": organs.county_government(job.settings, county).name,
            "title": "关于提请依法责令逾期未整改企业停业关闭的函", "addressee": to.name, "you": to.address,
            "county": county.name, "count": len(cases), "cases": [case_text(st) for st in cases], "basis": laws,
            "reply_by": calendar.reply_by(job)}


def example(job: Job) -> Context:
    found = by_county(job)
    county, cases = found[0] if found else (job.settings.counties[0], list[YellowStatus]())
    return close_context(job, county, cases, job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    docs = []
    for county, cases in by_county(job):
        ctx = close_context(job, county, cases, job.docno(TYPE))
        docs.append(job.document(TYPE, f"提请关停函-{county.name}", ctx, to=[ctx["addressee"]],
                                 cc=[organs.county_government(job.settings, county)]))
    return docs


TYPE = DocType("提请关停函", genre="函", format="信函", direction="下行", issuers="市工信局（案件主管部门）",
               recipients="有我局主管、逾期未整改黄牌企业的县（市）区工业和信息化主管部门，抄送县（市）区人民政府",
               when="整改期限（含延期）届满仍未达标时", plan=plan, example=example)
