"""限期整改通知书: 我局 → an enterprise on the yellow list, for a case it owns that has no notice yet (执法文书).

Dated --date, six months from it (安全 cases stop at once); the article breached from [organs.categories],
a visible blank where none is configured; one extension of at most 3 months; 复查 and 销号; 行政复议 within 60
days or 行政诉讼 within 6 months; a 送达回证 page. Cases owned by other organs get their own organ's 执法文书:
we only list them in the 商请函 to that organ. A case noticed already gets its next act, not a second notice.
"""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents import calendar, organs
from reportgen.documents.common import Context, DocType, Document, Job, addressed, contact_context
from reportgen.documents.enforcement import fact_lines, facts_text
from reportgen.documents.text import date_cn
from reportgen.models import Source, Tally, YellowCase
from reportgen.tally.enforcement import IMMEDIATE_CATEGORY, MAX_EXTENSION_MONTHS, YellowStatus, categories

ARTICLE_BLANK = "第　　条"
DOCNO_BLANK = "＿＿＿＿"  # the 代字 is the office's to fill where [documents.numbers] has none


def basis(settings: Settings, category: str) -> str:
    """《法》第N条 for each category of the case, from the settings; a blank article for the clerk to fill."""
    parts = []
    for cat in categories(category):
        conf = settings.organs.categories.of(cat)
        if conf is not None and conf.law:
            parts.append(conf.law + (conf.article or ARTICLE_BLANK))
    return "、".join(dict.fromkeys(parts)) or f"有关法律法规{ARTICLE_BLANK}"


def deadline_text(case: YellowCase, as_of: date) -> str:
    if IMMEDIATE_CATEGORY in categories(case.category):
        return "请你单位自收到本通知书之日起立即停产停业整顿，消除上述问题；经整顿具备安全生产条件并经复查合格后，方可恢复生产。"
    return (f"请你单位自本通知书作出之日起{calendar.RECTIFY_MONTHS}个月内，即于{date_cn(calendar.rectify_by(as_of))}前"
            "完成整改，使生产经营活动达到相应标准要求。")


def extension_text(case: YellowCase, as_of: date, issuer: str) -> str:
    if IMMEDIATE_CATEGORY in categories(case.category):
        return "安全生产条件不达标的，须立即停产停业整顿，不适用延期。"
    return (f"确需延长整改期限的，应在{date_cn(calendar.rectify_by(as_of))}前向{issuer}提出书面延期申请，说明理由；"
            f"延期以一次为限，最长不超过{MAX_EXTENSION_MONTHS}个月。")


def consequence_text(case: YellowCase) -> str:
    text = "逾期未整改或经整改仍未达标的，依法提请有关人民政府责令停业、关闭，并列入“红牌”名单向社会公布。"
    if "能耗" in categories(case.category):
        text += "整改达标前，你单位的相关产能按规定执行差别化能源资源价格。"
    return text


def rectify_context(st: YellowStatus, settings: Settings, tally: Tally, as_of: date, docno: str) -> Context:
    """The 限期整改通知书 context for one yellow case the lead organ owns."""
    case = st.case
    issuer = organs.lead(settings)
    to = organs.enterprise(case.enterprise)
    ctx: Context = {"year": tally.year, "region": settings.region, "date": as_of, "issuer": issuer.context(),
           "docno": docno or f"{DOCNO_BLANK}〔{tally.year}〕  号", "title": "限期整改通知书",
           "enterprise": case.enterprise, "you": to.address,
           "fact_lines": fact_lines(case), "facts": facts_text(case), "basis": basis(settings, case.category),
           "deadline_text": deadline_text(case, as_of), "extension_text": extension_text(case, as_of, issuer.short),
           "consequence_text": consequence_text(case), **contact_context(settings)}
    ctx["review_organ"] = f"{settings.region}人民政府"  # 行政复议 of a city department: the city government
    ctx["receipt"] = receipt_rows(case.enterprise, ctx["docno"])
    return addressed(ctx, to.address)


def receipt_rows(enterprise: str, docno: str) -> list[Context]:
    """The 送达回证: what was served on whom; where, how, signatures and dates filled in by hand."""
    gap = "\u3000" * 8
    return [{"k": "送达文书", "v": f"限期整改通知书（{docno}）"}, {"k": "受送达人", "v": enterprise},
            {"k": "送达地点", "v": gap}, {"k": "送达方式", "v": "直接送达 / 留置送达 / 邮寄送达"},
            {"k": "受送达人签名或盖章", "v": f"{gap}　　年　　月　　日"}, {"k": "代收人签名及代收理由", "v": gap},
            {"k": "送达人签名", "v": f"{gap}　　年　　月　　日"}, {"k": "见证人签名", "v": gap},
            {"k": "备注", "v": "受送达人拒绝签收的，送达人应注明情况，邀请见证人到场，把文书留在受送达人的住所。"}]


def to_notify(job: Job) -> list[YellowStatus]:
    """Yellow cases with no notice yet whose categories the lead organ owns."""
    out = []
    for st in job.tally.yellow_status:
        cats = categories(st.case.category)
        if st.case.notice_date is None and cats and \
                all(organs.is_lead(job.settings, organs.owner(job.settings, c)) for c in cats):
            out.append(st)
    return out


def _example_status(job: Job) -> YellowStatus:
    case = YellowCase(enterprise="（示例企业）有限公司", uscc="", county="", industry="", category="能耗", issue="",
                      notice_date=None, deadline=None, extended_to=None, review="", publisher="",
                      source=Source("", "", 0), submitter="")
    return YellowStatus(case, None, None, "整改中", None, ())


def example(job: Job) -> Context:
    cases = to_notify(job)
    return rectify_context(cases[0] if cases else _example_status(job), job.settings, job.tally, job.as_of,
                           job.docno(TYPE))


def plan(job: Job) -> list[Document]:
    docs = []
    for st in to_notify(job):
        ctx = rectify_context(st, job.settings, job.tally, job.as_of, job.docno(TYPE))
        docs.append(job.document(TYPE, f"限期整改通知书-{st.case.enterprise}", ctx, to=[st.case.enterprise]))
    return docs


TYPE = DocType("限期整改通知书", genre="执法文书", format="执法文书", direction="对外", issuers="市工信局（案件主管部门）",
               recipients="我局主管、尚未下达整改通知的黄牌企业", when="案件尚无整改通知时（日期为生成日，期限6个月）",
               plan=plan, example=example)
