"""督办函 on a case's approaching deadline: 我局 → an enterprise on the yellow list whose case it owns, when the
(extended) 整改期限 falls within NEAR_DAYS of --date: the deadline, what it must do, the 复查 application, and
what follows if it misses it. Cases owned by other organs are theirs to remind."""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.documents import organs
from reportgen.documents.common import Context, DocType, Document, Job, addressed, contact_context
from reportgen.documents.enforcement import fact_lines
from reportgen.documents.types.rectify_notice import basis
from reportgen.models import Source, YellowCase
from reportgen.documents.text import date_cn
from reportgen.tally.enforcement import (EXTENDED, IMMEDIATE_CATEGORY, IN_PROGRESS, MAX_EXTENSION_MONTHS,
                                        YellowStatus, categories)

NEAR_DAYS = 30  # a deadline this many days or fewer after --date is "near": the enterprise gets a 督办函


def owned_by_lead(job: Job, st: YellowStatus) -> bool:
    """True when every category of the case is owned by the lead organ (我局)."""
    cats = categories(st.case.category)
    return bool(cats) and all(organs.is_lead(job.settings, organs.owner(job.settings, c)) for c in cats)


def near(st: YellowStatus, as_of: date) -> bool:
    """Still open, and its effective deadline is today or within NEAR_DAYS."""
    return (st.status in (IN_PROGRESS, EXTENDED) and st.effective is not None
            and as_of <= st.effective <= as_of + timedelta(days=NEAR_DAYS))


def to_remind(job: Job) -> list[YellowStatus]:
    return [st for st in job.tally.yellow_status if owned_by_lead(job, st) and near(st, job.as_of)]


def deadline_text(st: YellowStatus, as_of: date) -> str:
    if st.effective is None:
        return "请你单位抓紧落实整改措施，按期完成整改。"
    which = "经批准延期，你单位的整改期限" if st.extended else "你单位的整改期限"
    days = (st.effective - as_of).days
    left = "今日届满" if days == 0 else f"距期限届满仅剩{days}日"
    return f"{which}为{date_cn(st.effective)}，{left}。"


def extension_text(st: YellowStatus, issuer: str) -> str:
    if st.extended:
        return "你单位的整改期限已延期一次，不再延期。"
    if IMMEDIATE_CATEGORY in categories(st.case.category) or st.effective is None:
        return "本案整改期限不适用延期。"
    return (f"确因客观原因无法按期完成的，应在期限届满前向{issuer}提出书面延期申请，说明理由；"
            f"延期以一次为限，最长不超过{MAX_EXTENSION_MONTHS}个月。")


def issue_text(case: YellowCase) -> str:
    """The case's finding as one clause, without its closing punctuation."""
    return case.issue.strip().rstrip("。；，;,.") or "存在不达标问题"


def notice_when(case: YellowCase) -> str:
    """"于2021年8月31日" when the notice date is known, else ""."""
    return f"于{date_cn(case.notice_date)}" if case.notice_date else ""


def case_letter_context(job: Job, st: YellowStatus, docno: str, title: str, notice_text: str,
                        **extra: object) -> Context:
    """The context every 函 from 我局 to the enterprise of a yellow case shares (督办, 销号), plus `extra`."""
    case = st.case
    to = organs.enterprise(case.enterprise)
    ctx: Context = {"year": job.tally.year, "region": job.settings.region, "date": job.as_of,
                    "issuer": organs.lead(job.settings).context(), "docno": docno, "title": title,
                    "addressee": case.enterprise, "you": to.address, "fact_lines": fact_lines(case),
                    "notice_text": notice_text, **extra, **contact_context(job.settings)}
    return addressed(ctx, to.address)


def remind_context(job: Job, st: YellowStatus, docno: str) -> Context:
    case = st.case
    notice = f"我局{notice_when(case)}向你单位下达限期整改通知，责令你单位对以下问题限期整改：{issue_text(case)}。"
    return case_letter_context(job, st, docno, "关于督促按期完成整改的函", notice,
                               basis=basis(job.settings, case.category), deadline_text=deadline_text(st, job.as_of),
                               extension_text=extension_text(st, organs.lead(job.settings).short))


def example_status(status: str, review: str = "") -> YellowStatus:
    """A placeholder case in `status`, for checking a template when the year has no such case."""
    case = YellowCase(enterprise="（示例企业）有限公司", uscc="", county="", industry="", category="能耗", issue="",
                      notice_date=None, deadline=None, extended_to=None, review=review, publisher="",
                      source=Source("", "", 0), submitter="")
    return YellowStatus(case, None, None, status, None, ())


def example(job: Job) -> Context:
    cases = to_remind(job)
    return remind_context(job, cases[0] if cases else example_status(IN_PROGRESS), job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    docs = []
    for st in to_remind(job):
        ctx = remind_context(job, st, job.docno(TYPE))
        docs.append(job.document(TYPE, f"整改督办函-{st.case.enterprise}", ctx, to=[st.case.enterprise]))
    return docs


TYPE = DocType("整改督办函", genre="函", format="信函", direction="对外", issuers="市工信局（案件主管部门）",
               recipients="我局主管、整改期限临近的黄牌企业",
               when=f"整改期限（含延期）在生成日后{NEAR_DAYS}日内时", plan=plan, example=example)
