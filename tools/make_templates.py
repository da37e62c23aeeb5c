"""Compose the shipped document templates from reportgen.gbt9704.layout; `python tools/make_templates.py`
rewrites templates/*.docx byte for byte. A build-time tool: nothing imports it at run time.

Each template holds plain docxtpl tags ({{ }}, {%p %}, {%tr %}), every tag inside one run, so a
clerk can edit the wording in Word or WPS. The variables each template uses are exactly the keys
of its context in its type module, reportgen/documents/types/ (tests check both directions).
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.oxml.ns import qn

from reportgen.gbt9704 import layout as L

HERE = Path(__file__).resolve().parent.parent / "templates"  # the shipped templates, installed as package data
TASK_TABLE = "《{{ year }}年{{ region }}利用综合标准依法依规推动落后产能退出工作任务分解表》"
SMALL = 10.5  # 五号: tables of six or more columns


# ---------------------------------------------------------------- local helpers (layout has no API for these)

def _last(doc):
    return doc.paragraphs[-1]


def _flush(paragraph, jc: str | None = None) -> None:
    """No indent (and optionally another alignment) on a paragraph made by layout."""
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        ppr.remove(ind)
    L._set_ppr(paragraph, '<w:ind w:firstLine="0" w:firstLineChars="0"/>' + (f'<w:jc w:val="{jc}"/>' if jc else ""))


def _centered(doc, text: str) -> None:
    """A centred body line (e.g. a document number under a 公告 title)."""
    L.add_paragraph(doc, text)
    _flush(_last(doc), "center")


def _if(doc, cond: str, *body, otherwise: str | None = None) -> None:
    """{%p if cond %} body… [{%p else %} otherwise] {%p endif %}; body items are callables taking doc."""
    L.add_tag(doc, f"{{%p if {cond} %}}")
    for part in body:
        part(doc)
    if otherwise is not None:
        L.add_tag(doc, "{%p else %}")
        L.add_paragraph(doc, otherwise)
    L.add_tag(doc, "{%p endif %}")


def _loop(doc, head: str, *lines: str) -> None:
    """{%p for head %} one body paragraph per line {%p endfor %}."""
    L.add_tag(doc, f"{{%p for {head} %}}")
    for line in lines:
        L.add_paragraph(doc, line)
    L.add_tag(doc, "{%p endfor %}")


def _table(headers, cells, loop, widths, font_pt=L.PT_TABLE):
    """A table followed by one blank line, so the next heading does not sit on its bottom rule."""
    def add(doc):
        L.add_table(doc, headers, cells, loop, widths, font_pt=font_pt)
        L.add_blank(doc, 1)
    return add


def _para(text):
    return lambda doc: L.add_paragraph(doc, text)


def _organ_names() -> tuple[str, str]:
    """The configured lead and partner organ names: the examples the 署名 indents are centred for."""
    from reportgen.config import load_settings
    settings = load_settings()
    return settings.lead.name, settings.partner.name


def _signature(doc, day: str, *organs: tuple[str, str]) -> None:
    """Sealed 署名 line(s) centred over the date; indents from the configured names and a typical date.

    The templates are static, so a bureau whose name is much longer or shorter than the configured
    one may nudge the 署名 indent in Word; `reportgen templates` accepts any right-aligned date.
    """
    if len(organs) > 1:
        L.add_joint_signature(doc, [text for text, _example in organs], day)
    else:
        L.add_signature(doc, list(organs), day)


def _colophon(doc, printer: str, printed_on: str) -> None:
    """The 版记 table, with the 抄送 row kept only when `cc` is set in the configuration."""
    L.add_colophon(doc, "抄送：{{ cc }}。", printer, printed_on, cc_if="cc")


def _keep(paragraph) -> None:
    """Keep a paragraph on the page of the next one."""
    L._set_ppr(paragraph, "<w:keepNext/>")


def _opening(kind: str, title: str, addressee: str = "{{ addressee }}："):
    """A new 文件 or 信函 document with its 版头 (issuer mark, number, red rule), title and 主送."""
    doc = L.new_document(kind)
    L.add_masthead(doc, kind, "{{ issuer.mark }}" if kind == "文件" else "{{ issuer.name }}", "{{ docno }}")
    L.add_title(doc, title)
    L.add_addressee(doc, addressee)
    return doc


def _contact(doc) -> None:
    L.add_paragraph(doc, "联系人：{{ contact }}　　联系电话：{{ phone }}")


# ---------------------------------------------------------------- the four templates

def annual_report():
    """年度情况报告 (文件 format, 上行文): 签发人, prose sections from the figures, next steps, the tables as 附件, 版记."""
    doc = L.new_document("文件")
    L.add_upward_masthead(doc, "{{ issuer.mark }}", "{{ docno }}", "{{ signers }}")
    L.add_title(doc, "{{ title }}")
    L.add_addressee(doc, "{{ addressee }}：")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，{{{{ issuer.short }}}}会同{{{{ partner.short }}}}组织各县（市）区和"
                         "相关部门推进落后产能退出工作，对本年度依法依规退出的落后产能逐项进行了核实。现将有关情况报告如下：")
    L.add_tag(doc, "{%p for s in sections %}")
    L.add_heading(doc, "{{ s.heading }}", 1)
    _loop(doc, "line in s.paragraphs", "{{ line }}")
    L.add_tag(doc, "{%p endfor %}")
    _if(doc, "next_steps", lambda d: L.add_heading(d, "{{ next_heading }}", 1),
        lambda d: L.add_tag(d, "{%p for step in next_steps %}"), lambda d: L.add_heading(d, "{{ step.heading }}", 2),
        lambda d: _if(d, "step.text", _para("{{ step.text }}")), lambda d: L.add_tag(d, "{%p endfor %}"))
    L.add_paragraph(doc, "特此报告。")
    _keep(_last(doc))
    L.add_blank(doc, 1)
    _keep(_last(doc))
    L.add_attachment_note(doc, "附件：{{ attachment_list }}")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _attachment_page(doc, "附件1", "{{ year }}年各县（市）区落后产能退出情况表")
    _table(["县（市）区", "退出产能", "企业（家）", "项目（项）", "已验收（项）", "职工安置（人）", "奖补资金（万元）"],
           ["{{ row.county }}", "{{ row.capacity }}", "{{ row.enterprises }}", "{{ row.projects }}",
            "{{ row.accepted }}", "{{ row.workers }}", "{{ row.funds }}"], "county_rows",
           [20, 50, 16, 16, 18, 18, 18], SMALL)(doc)
    _if(doc, "progress_rows", lambda d: _attachment_page(d, "附件2", "{{ year }}年目标任务完成情况表"),
        _table(*PROGRESS_COLUMNS[:2], "progress_rows", PROGRESS_COLUMNS[2], SMALL))
    pending = _table(["序号", "县（市）区", "企业名称", "生产线（设备）", "退出产能", "方式", "完成时间"],
                     ["{{ row.n }}", "{{ row.county }}", "{{ row.enterprise }}", "{{ row.equipment }}",
                      "{{ row.capacity|capacity(row.unit) }}", "{{ row.method }}", "{{ row.completed|date_cn }}"],
                     "pending_rows", [8, 18, 29, 36, 19, 10, 36], SMALL)
    for label, cond in (("附件3", "pending_rows and progress_rows"), ("附件2", "pending_rows and not progress_rows")):
        _if(doc, cond, lambda d, label=label: _attachment_page(d, label, "关停、封存待拆除项目表"), pending)
    _colophon(doc, "{{ printer }}", "{{ date|date_cn }}印发")
    return doc


def plan_request():
    """工作方案请示 (文件 format, 上行文): 签发人, the targets by county and industry, deadlines, one ask, 附件 table."""
    doc = L.new_document("文件")
    L.add_upward_masthead(doc, "{{ issuer.mark }}", "{{ docno }}", "{{ signers }}")
    L.add_title(doc, "{{ title }}")
    L.add_addressee(doc, "{{ addressee }}：")
    L.add_paragraph(doc, f"为贯彻落实{TASK_TABLE}，{{{{ issuer.short }}}}会同{{{{ partner.short }}}}依据各县（市）区"
                         "目标任务，研究拟定了{{ year }}年落后产能退出工作方案。现将有关事项请示如下：")
    L.add_heading(doc, "一、目标任务", 1)
    L.add_paragraph(doc, "{{ overview }}")
    _loop(doc, "line in county_lines", "{{ line }}")
    _if(doc, "named_text", _para("{{ named_text }}"), lambda d: _loop(d, "line in named_lines", "{{ line }}"))
    L.add_heading(doc, "二、时间安排", 1)
    L.add_paragraph(doc, "工作方案经审定后，于{{ plan_deadline|date_cn }}前印发实施。各县（市）区、各有关部门按照职责分工推进落后产能退出工作，于"
                         "{{ report_deadline|date_cn }}前将依法关闭退出的企业、设备及产能情况报送{{ issuer.short }}、"
                         "{{ partner.short }}；列名企业（生产线）未能按期退出的，须书面说明原因和拟完成时间。")
    L.add_paragraph(doc, "妥否，请批示。")
    _keep(_last(doc))
    L.add_blank(doc, 1)
    _keep(_last(doc))
    L.add_attachment_note(doc, "附件：{{ year }}年落后产能退出目标任务表")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD), ("{{ partner.name }}", PARTNER))
    _attachment_page(doc, "附件", "{{ year }}年落后产能退出目标任务表")
    _table(["序号", "县（市）区", "行业", "目标任务", "列名企业", "生产线（设备）"],
           ["{{ row.n }}", "{{ row.county }}", "{{ row.industry }}", "{{ row.target }}", "{{ row.enterprise }}",
            "{{ row.equipment }}"], "target_rows", [10, 20, 18, 22, 40, 46], SMALL)(doc)
    _colophon(doc, "{{ printer }}", "{{ date|date_cn }}印发")
    return doc


def report_notice():
    """报送通知 (文件 format, 下行文): what to report, the deadline, the 报送表 as 附件, the contact."""
    doc = _opening("文件", "{{ title }}")
    L.add_paragraph(doc, f"为贯彻落实{TASK_TABLE}，做好{{{{ year }}}}年落后产能退出情况统计工作，现将有关事项通知如下：")
    L.add_heading(doc, "一、报送内容", 1)
    L.add_paragraph(doc, "本地区{{ year }}年依法依规关闭退出的企业、生产线（设备）及退出产能，退出方式和完成时间，"
                         "职工安置和奖补资金情况；能耗、环保、质量、安全等方面列入黄牌、红牌的企业和超标排放企业情况。")
    _if(doc, "named_text", _para("{{ named_text }}"))
    L.add_heading(doc, "二、报送时间和方式", 1)
    L.add_paragraph(doc, "请于{{ deadline|date_cn }}前，按附件报送表格式如实填写，加盖公章后报送{{ issuer.short }}、{{ partner.short }}，"
                         "同时报送电子表格。本年度无退出项目的，也请书面报告。")
    L.add_heading(doc, "三、有关要求", 1)
    L.add_paragraph(doc, "请按报送表的表头和下拉选项填写，不要增删列或合并单元格；同一项目只填报一次，"
                         "报送后发现差错的，请以更正表重新报送并注明。")
    _contact(doc)
    L.add_blank(doc, 1)
    _keep(_last(doc))
    L.add_attachment_note(doc, "附件：{{ form }}")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _colophon(doc, "{{ printer }}", "{{ date|date_cn }}印发")
    return doc


def _second_attachment(doc, text: str) -> None:
    """A further 附件说明 line, aligned under the first name (after "附件：")."""
    L.add_attachment_note(doc, text)
    _flush(_last(doc))
    L._set_ppr(_last(doc), f'<w:ind w:left="{L.FIRST_LINE + 3 * L.CHAR_BODY}" w:firstLine="0"/>')


def _list_attachment(doc, label: str, title: str, rows: str, otherwise: str) -> None:
    _attachment_page(doc, label, title)
    _if(doc, rows, _table(
        ["序号", "企业名称", "县（市）区", "生产线（设备）", "退出产能", "方式", "完成时间"],
        ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.county }}", "{{ row.equipment }}",
         "{{ row.capacity|capacity(row.unit) }}", "{{ row.method }}", "{{ row.completed|date_cn }}"],
        rows, [8, 28, 17, 36, 20, 10, 37], SMALL), otherwise=otherwise)


def publicity():
    """公示 (task 13): the year's exit list while the 核对函 are out: 公示期, 联系电话, how to object; list as 附件."""
    doc = L.new_document("文件")
    _list_notice_head(doc, "{{ title }}")
    L.add_paragraph(doc, f"为贯彻落实{TASK_TABLE}，强化信息公开，接受社会监督，现将{{{{ region }}}}{{{{ year }}}}年"
                         "落后产能退出企业名单（含退出的生产线（设备）、产能及完成时间）予以公示。")
    L.add_paragraph(doc, "{{ summary }}")
    L.add_paragraph(doc, "公示期为{{ notice_days }}天（{{ notice_start|date_cn }}至{{ notice_end|date_cn }}）。"
                         "公示期内，任何单位和个人对名单有异议的，可向{{ issuer.short }}、{{ partner.short }}书面"
                         "或电话反映，反映情况须实事求是，并提供联系方式。")
    _hotline_and_note(doc, "附件：{{ region }}{{ year }}年落后产能退出企业名单", "联系电话")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD), ("{{ partner.name }}", PARTNER))
    _list_attachment(doc, "附件", "{{ region }}{{ year }}年落后产能退出企业名单", "rows", "本年度无落后产能退出企业。")
    return doc


def final_notice():
    """公告 (task 13): the final exit list, 监督电话, no objection period; 关停/封存 lines apart (task 3)."""
    doc = L.new_document("文件")
    _list_notice_head(doc, "{{ title }}")
    L.add_paragraph(doc, f"为贯彻落实{TASK_TABLE}，强化信息公开，接受社会监督，现将{{{{ region }}}}{{{{ year }}}}年"
                         "落后产能退出企业名单予以公告。")
    L.add_paragraph(doc, "{{ summary }}")
    _if(doc, "pending_rows", _para("其中以关停、封存方式退出、主体设备尚未拆除的生产线（设备）另列名单，"
                                   "有关县（市）区将督促企业限期拆除。"))
    L.add_paragraph(doc, "欢迎社会各界对已退出企业进行监督，发现已退出产能恢复生产的，可向{{ issuer.short }}、"
                         "{{ partner.short }}反映。")
    L.add_paragraph(doc, "监督电话：{{ hotline }}")
    _keep(_last(doc))
    L.add_blank(doc, 1)
    _keep(_last(doc))
    L.add_tag(doc, "{%p if pending_rows %}")
    L.add_attachment_note(doc, "附件：1. {{ region }}{{ year }}年落后产能退出企业名单")
    _second_attachment(doc, "2. {{ region }}{{ year }}年关停、封存尚未拆除的生产线（设备）名单")
    L.add_tag(doc, "{%p else %}")
    L.add_attachment_note(doc, "附件：{{ region }}{{ year }}年落后产能退出企业名单")
    L.add_tag(doc, "{%p endif %}")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD), ("{{ partner.name }}", PARTNER))
    L.add_tag(doc, "{%p if pending_rows %}")
    _list_attachment(doc, "附件1", "{{ region }}{{ year }}年落后产能退出企业名单", "rows", "本年度无落后产能退出企业。")
    _list_attachment(doc, "附件2", "{{ region }}{{ year }}年关停、封存尚未拆除的生产线（设备）名单", "pending_rows",
                     "无。")
    L.add_tag(doc, "{%p else %}")
    _list_attachment(doc, "附件", "{{ region }}{{ year }}年落后产能退出企业名单", "rows", "本年度无落后产能退出企业。")
    L.add_tag(doc, "{%p endif %}")
    return doc


def check_letter():
    """核对函 (信函 format): the recipient's figures, named items missing, what was not counted, its lists; only the
    sections the context holds, numbered by it; a reply-by date."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, "{{ you }}报送的{% for f in files %}{{ f.name }}{% if not loop.last %}、{% endif %}{% endfor %}"
                         "已收悉。我局逐项进行了核对，现将核对结果{{ scope }}函告如下：")
    L.add_tag(doc, "{%p for s in sections %}")
    L.add_heading(doc, "{{ s.heading }}", 1)
    _loop(doc, "line in s.paragraphs", "{{ line }}")
    _if(doc, "s.rows", _table(
        ["序号", "企业名称", "生产线（设备）", "退出产能", "方式", "完成时间", "备注"],
        ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.equipment }}", "{{ row.capacity|capacity(row.unit) }}",
         "{{ row.method }}", "{{ row.completed|date_cn }}", "{{ row.note }}"],
        "s.rows", [8, 36, 30, 18, 10, 28, 26], SMALL))
    L.add_tag(doc, "{%p endfor %}")
    L.add_paragraph(doc, "请于{{ reply_by|date_cn }}前核实上述情况：需要更正或补报的，请{{ you }}将更正后的报送表报送我局；"
                         "核实无误的，请函告确认。逾期未反馈的，视为确认上述核对结果。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


def remind_letter():
    """催报函 (信函 format): the deadline that passed and a new one."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，各县（市）区、相关部门应于{{{{ deadline|date_cn }}}}前，将当年依法关闭"
                         "退出的企业、设备及产能情况函告{{ issuer.short }}、{{ partner.short }}。截至{{ date|date_cn }}，"
                         "我局尚未收到{{ you }}的报送表，{{ state }}。")
    _if(doc, "received_text", _para("{{ received_text }}"))
    L.add_paragraph(doc, "请{{ you }}高度重视，于{{ new_deadline|date_cn }}前按统一报送表格式报送{{ year }}年落后产能退出"
                         "情况；本年度无退出项目的，也请函告。逾期仍未报送的，将按照任务分解表要求予以通报。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


def remind_all_letter():
    """提醒函 (信函): before the deadline, one letter to all still missing: the deadline, the form, a contact."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，各县（市）区、相关部门应于{{{{ deadline|date_cn }}}}前，将当年依法关闭"
                         "退出的企业、设备及产能情况函告{{ issuer.short }}、{{ partner.short }}。截至{{ date|date_cn }}，"
                         "我局尚未收到你们的报送表。")
    L.add_paragraph(doc, "请按统一报送表格式，于{{ deadline|date_cn }}前报送；本年度无退出项目的，也请函告。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


LEAD, PARTNER = _organ_names()

# ==== enforcement documents (限期整改通知书, 黄牌名单公告, 红牌名单公告, 超标排放名单公告, 差别价格函) ====

def _department(name: str) -> str:
    """A configured department's full name (the example a 署名 indent is centred for), else `name`."""
    from reportgen.config import load_settings
    who = load_settings().find_submitter(name)
    return who.name if who is not None else name


def _attachment_page(doc, label: str, title: str) -> None:
    """A new page opening an attachment: "附件N" flush left (黑体), a blank line, the centred title."""
    L.add_page_break(doc)
    L.add_heading(doc, label, 1)
    _flush(_last(doc))
    L.add_blank(doc, 1)
    L.add_title(doc, title)


def _list_notice_head(doc, title: str) -> None:
    """A 公告 opening like the exit-list 公告: title, then the document number when one is configured."""
    L.add_blank(doc, 1)
    L.add_title(doc, title)
    _if(doc, "docno", lambda d: _centered(d, "{{ docno }}"), lambda d: L.add_blank(d, 1))


def _hotline_and_note(doc, note: str, label: str = "监督电话") -> None:
    L.add_paragraph(doc, f"{label}：{{{{ hotline }}}}")
    _keep(_last(doc))
    L.add_blank(doc, 1)
    _keep(_last(doc))
    L.add_attachment_note(doc, note)


def rectify_notice():
    """限期整改通知书 (执法文书, 信函 layout): finding, article, deadline, extension, consequence, 复查 and 销号,
    remedies, and a 送达回证 page."""
    doc = _opening("信函", "{{ title }}", "{{ enterprise }}：")
    _loop(doc, "line in fact_lines", "{{ line }}")
    L.add_paragraph(doc, "{{ facts }}")
    L.add_paragraph(doc, f"根据{{{{ basis }}}}和{TASK_TABLE}的规定，现责令{{{{ you }}}}限期整改。有关事项通知如下：")
    _head(doc, "一、整改期限", 1)
    L.add_paragraph(doc, "{{ deadline_text }}")
    _head(doc, "二、延期申请", 1)
    L.add_paragraph(doc, "{{ extension_text }}")
    _head(doc, "三、逾期后果", 1)
    L.add_paragraph(doc, "{{ consequence_text }}")
    _head(doc, "四、复查和销号", 1)
    L.add_paragraph(doc, "整改完成后，请{{ you }}及时向{{ issuer.short }}书面提出复查申请，并附整改情况报告和相关证明材料；"
                         "经复查达标的，予以销号，并从“黄牌”名单中移出。")
    _head(doc, "五、权利告知", 1)
    L.add_paragraph(doc, "{{ you }}如对本通知书不服，可以自收到本通知书之日起六十日内向{{ review_organ }}申请行政复议，"
                         "也可以自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，"
                         "本通知书不停止执行，法律另有规定的除外。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    L.add_page_break(doc)
    L.add_title(doc, "送达回证")
    L.add_blank(doc, 1)
    _table(["项目", "内容"], ["{{ row.k }}", "{{ row.v }}"], "receipt", [50, 106])(doc)
    return doc


def yellow_notice():
    """黄牌名单公告 (task 13, 市场监管局 and 应急管理局): the yellow cases with deadline and status; the list is the 附件."""
    doc = L.new_document("文件")
    _list_notice_head(doc, "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，现将{{{{ region }}}}不达标应限期整改的企业名单（“黄牌”名单）"
                         "予以公布，接受社会监督。")
    L.add_paragraph(doc, "{{ summary }}")
    L.add_paragraph(doc, "列入“黄牌”名单的企业应在规定期限内完成整改；逾期未整改或经整改仍未达标的，依法关停退出，"
                         "并列入“红牌”名单。任何单位和个人发现名单内企业未按要求整改或违法生产的，可向"
                         "{{ issuer.short }}反映。")
    _hotline_and_note(doc, "附件：{{ region }}{{ year }}年“黄牌”企业名单")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _attachment_page(doc, "附件", "{{ region }}{{ year }}年“黄牌”企业名单")
    _if(doc, "rows", _table(
        ["序号", "企业名称", "县（市）区", "行业", "类别", "存在问题", "整改期限", "状态"],
        ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.county }}", "{{ row.industry }}", "{{ row.category }}",
         "{{ row.issue }}", "{{ row.deadline }}", "{{ row.status }}"],
        "rows", [8, 28, 19, 13, 11, 28, 28, 21], SMALL), otherwise="本年度无列入“黄牌”名单的企业。")
    return doc


def red_notice():
    """红牌名单公告 (task 13, 市场监管局 and 应急管理局): enterprises closed by law; the list is the 附件."""
    doc = L.new_document("文件")
    _list_notice_head(doc, "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，现将{{{{ region }}}}经整改仍不达标、已依法关闭的企业名单"
                         "（“红牌”名单）予以公布，接受社会监督。")
    L.add_paragraph(doc, "{{ summary }}")
    L.add_paragraph(doc, "对列入“红牌”名单的企业，有关部门将加强监督检查，严防已关闭企业擅自恢复生产。任何单位和个人"
                         "发现名单内企业违法生产的，可向{{ issuer.short }}反映。")
    _hotline_and_note(doc, "附件：{{ region }}{{ year }}年“红牌”企业名单")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _attachment_page(doc, "附件", "{{ region }}{{ year }}年“红牌”企业名单")
    _if(doc, "rows", _table(
        ["序号", "企业名称", "县（市）区", "行业", "类别", "关闭日期", "关闭依据（文号）"],
        ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.county }}", "{{ row.industry }}", "{{ row.category }}",
         "{{ row.closed_on }}", "{{ row.basis }}"],
        "rows", [8, 36, 19, 14, 12, 30, 37], SMALL), otherwise="本年度无列入“红牌”名单的企业。")
    return doc


_EXCEEDANCE_HEAD = ["序号", "企业名称", "县（市）区", "污染物", "排放浓度", "标准限值", "监测时间", "处理措施"]
_EXCEEDANCE_CELLS = ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.county }}", "{{ row.pollutant }}",
                     "{{ row.concentration }}", "{{ row.limit }}", "{{ row.measured_on }}", "{{ row.measures }}"]
_EXCEEDANCE_WIDTHS = [8, 24, 19, 16, 21, 21, 26, 21]


def exceedance_notice():
    """超标排放名单公告 (task 13, 生态环境局): all exceedances (附件1) and the serious ones apart (附件2)."""
    doc = L.new_document("文件")
    _list_notice_head(doc, "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，现将{{{{ region }}}}超标排放企业名单及超标排放情节严重的企业名单"
                         "予以公布，接受社会监督。")
    L.add_paragraph(doc, "{{ summary }}")
    L.add_paragraph(doc, "超标排放的企业应立即采取措施，确保污染物稳定达标排放；超标排放情节严重的，依法报经有批准权的"
                         "人民政府批准，责令停业、关闭。任何单位和个人发现企业超标排放的，可向{{ issuer.short }}反映。")
    _hotline_and_note(doc, "附件：1. {{ region }}{{ year }}年超标排放企业名单")
    L.add_attachment_note(doc, "2. {{ region }}{{ year }}年超标排放情节严重企业名单")
    _flush(_last(doc))
    L._set_ppr(_last(doc), f'<w:ind w:left="{L.FIRST_LINE + 3 * L.CHAR_BODY}" w:firstLine="0"/>')
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", _department("生态环境局")))
    _attachment_page(doc, "附件1", "{{ region }}{{ year }}年超标排放企业名单")
    _if(doc, "rows", _table(_EXCEEDANCE_HEAD, _EXCEEDANCE_CELLS, "rows", _EXCEEDANCE_WIDTHS, SMALL),
        otherwise="本年度未发现超标排放企业。")
    _attachment_page(doc, "附件2", "{{ region }}{{ year }}年超标排放情节严重企业名单")
    _if(doc, "serious_rows", _table(_EXCEEDANCE_HEAD, _EXCEEDANCE_CELLS, "serious_rows", _EXCEEDANCE_WIDTHS, SMALL),
        otherwise="本年度未发现超标排放情节严重的企业。")
    return doc


def price_letter():
    """差别价格函 (信函, task 7): to the 发改委, the lines still producing to be priced; the list is the 附件."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}第7项要求，对水泥等行业能耗、电耗达不到强制性标准的产能，以及属于"
                         "《产业结构调整指导目录（2019年本）》淘汰类的产能，执行超定额用水累进加价等差别化能源资源价格。")
    L.add_paragraph(doc, "{{ summary }}")
    L.add_paragraph(doc, "请贵委按照国家和自治区差别化价格政策有关规定，自{{ start|date_cn }}起对附件所列生产线（设备）"
                         "执行所列的差别化能源资源价格。企业整改达标经复查销号或相关产能退出的，我局将及时函告，以便停止执行。")
    _contact(doc)
    _keep(_last(doc))
    L.add_blank(doc, 1)
    _keep(_last(doc))
    L.add_attachment_note(doc, "附件：提请执行差别化价格的生产线（设备）名单")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _if(doc, "rows", lambda d: _attachment_page(d, "附件", "提请执行差别化价格的生产线（设备）名单"),
        _table(["序号", "企业名称", "统一社会信用代码", "县（市）区", "生产线（设备）", "认定依据", "执行价格"],
               ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.uscc }}", "{{ row.county }}", "{{ row.equipment }}",
                "{{ row.ground }}", "{{ row.price }}"], "rows", [8, 30, 34, 16, 20, 28, 20], SMALL))
    return doc


def publish_request():
    """商请公布的函 (信函): what the owner holds, the ask; 附件1 the lists, 附件2 the 公告 代拟稿."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}第13项要求，我局汇总了各县（市）区、相关部门报送的名单。{{{{ summary }}}}")
    L.add_paragraph(doc, "请{{ you }}审核后依法向社会公布（公告代拟稿见附件2），并将公布情况函告我局。")
    _contact(doc)
    L.add_blank(doc, 1)
    L.add_attachment_note(doc, "附件：1. {{ region }}{{ year }}年{{ lists }}")
    _second_attachment(doc, "2. 公告代拟稿")
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _attachment_page(doc, "附件1", "{{ region }}{{ year }}年{{ lists }}")
    _if(doc, "yellow_rows", _para("“黄牌”企业名单"), _table(
        ["序号", "企业名称", "县（市）区", "行业", "类别", "存在问题", "整改期限", "状态"],
        ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.county }}", "{{ row.industry }}", "{{ row.category }}",
         "{{ row.issue }}", "{{ row.deadline }}", "{{ row.status }}"], "yellow_rows", [8, 28, 19, 13, 11, 28, 28, 21],
        SMALL))
    _if(doc, "red_rows", _para("“红牌”企业名单"), _table(
        ["序号", "企业名称", "县（市）区", "行业", "类别", "关闭日期", "关闭依据（文号）"],
        ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.county }}", "{{ row.industry }}", "{{ row.category }}",
         "{{ row.closed_on }}", "{{ row.basis }}"], "red_rows", [8, 36, 19, 14, 12, 30, 37], SMALL))
    _if(doc, "exceed_rows", _para("超标排放企业名单"),
        _table(_EXCEEDANCE_HEAD, _EXCEEDANCE_CELLS, "exceed_rows", _EXCEEDANCE_WIDTHS, SMALL))
    _attachment_page(doc, "附件2", "{{ draft_title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，现将{{{{ region }}}}{{{{ year }}}}年{{{{ lists }}}}予以公布（见附件），"
                         "接受社会监督。名单内企业应按要求整改或退出；任何单位和个人发现名单内企业违法生产或超标排放的，"
                         "可向{{ owner.short }}反映。")
    L.add_paragraph(doc, "监督电话：{{ hotline }}")
    L.add_blank(doc, 1)
    L.add_paragraph(doc, "附件：{{ region }}{{ year }}年{{ lists }}")
    _signature(doc, "　　年　　月　　日", ("{{ owner.name }}", _department("市场监管局")))
    return doc


def dismantle_letter():
    """拆除督办函 (信函, task 3): a county's lines 关停/封存 not yet dismantled; dismantle in a set time; the commitment."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}第3项要求，淘汰相关工艺技术装备须拆除相应主体设备；暂不具备拆除条件的，"
                         "应立即拆除动力装置、封存主体设备，企业向社会公开承诺不再恢复生产，并限时拆除。")
    L.add_paragraph(doc, "经汇总，{{ county }}{{ year }}年以关停、封存方式退出、主体设备尚未拆除的生产线（设备）共"
                         "{{ count }}台（套），明细如下：")
    _table(["序号", "企业名称", "生产线（设备）", "退出产能", "方式", "完成时间"],
           ["{{ row.n }}", "{{ row.enterprise }}", "{{ row.equipment }}", "{{ row.capacity|capacity(row.unit) }}",
            "{{ row.method }}", "{{ row.completed|date_cn }}"], "rows", [8, 40, 44, 22, 12, 30], SMALL)(doc)
    L.add_paragraph(doc, "请{{ you }}督促上述企业具备条件的立即拆除主体设备；暂不具备条件的，确认已拆除动力装置、封存主体设备，"
                         "企业已向社会公开承诺不再恢复生产，并逐台（套）明确拆除时限。请于{{ reply_by|date_cn }}前将拆除时限"
                         "和进展函告我局，拆除完成后报送拆除前后的现场照片。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _cc_line(doc)
    return doc


def funds_letter():
    """资金与安置函 (信函, task 5): workers placed and 奖补资金 by county, to 市财政局 (抄送 市人社局)."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}第5项关于加大资金扶持、做好职工安置的要求，现将各县（市）区报送的"
                         "落后产能退出企业职工安置和奖补资金情况函告如下。{{ summary }}")
    _table(["县（市）区", "涉及企业（家）", "安置职工（人）", "奖补资金（万元）"],
           ["{{ row.county }}", "{{ row.enterprises }}", "{{ row.workers }}", "{{ row.funds }}"], "rows",
           [40, 36, 40, 40])(doc)
    L.add_paragraph(doc, "请{{ you }}按照自治区淘汰落后产能专项资金和有关奖补政策，统筹做好资金安排和拨付工作。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


def case_close():
    """提请关停函 (信函): a county's overdue cases we own: the facts, the basis, the ask (停业、关闭), a reply date."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, "我局依法对{{ county }}以下{{ count }}家企业下达了限期整改通知。截至{{ date|date_cn }}，"
                         "上述企业整改期限已届满，仍未整改达标：")
    _loop(doc, "line in cases", "{{ line }}")
    L.add_paragraph(doc, f"根据{{{{ basis }}}}和{TASK_TABLE}的规定，逾期未整改或经整改仍未达标的，"
                         "由有关人民政府依法责令停业、关闭。请{{ you }}报请本级人民政府依法责令上述企业停业、关闭，"
                         "督促企业拆除相关生产设备，并于{{ reply_by|date_cn }}前将处理情况函告我局。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _cc_line(doc)
    return doc


def case_cancel():
    """销号通知 (信函): an enterprise whose case passed its 复查: closed, off the yellow list, keep to the standard."""
    doc = _opening("信函", "{{ title }}")
    _loop(doc, "line in fact_lines", "{{ line }}")
    L.add_paragraph(doc, "{{ notice_text }}经复查，{{ you }}已按要求完成整改，达到相应标准要求。")
    L.add_paragraph(doc, f"根据{TASK_TABLE}的规定，同意予以销号，将{{{{ you }}}}从{{{{ region }}}}{{{{ year }}}}年“黄牌”名单中移出。")
    L.add_paragraph(doc, "请{{ you }}持续保持整改成效，严格执行相关标准；今后检查发现再次不达标的，将依法重新责令限期整改。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


def case_remind():
    """整改督办函 (信函): an enterprise whose 整改期限 is near: the deadline, what to do, 复查, the consequence."""
    doc = _opening("信函", "{{ title }}")
    _loop(doc, "line in fact_lines", "{{ line }}")
    L.add_paragraph(doc, "{{ notice_text }}{{ deadline_text }}")
    L.add_paragraph(doc, f"根据{{{{ basis }}}}和{TASK_TABLE}的规定，请{{{{ you }}}}抓紧落实整改措施，确保在整改期限内"
                         "完成整改，使相关产能达到标准要求。")
    L.add_paragraph(doc, "整改完成后，请{{ you }}在期限届满前向{{ issuer.short }}书面提出复查申请，并附整改情况报告和相关"
                         "证明材料；经复查达标的，予以销号，并从“黄牌”名单中移出。{{ extension_text }}")
    L.add_paragraph(doc, "逾期未整改或经复查仍未达标的，{{ issuer.short }}将依法提请有关人民政府责令停业、关闭，"
                         "并列入“红牌”名单向社会公布。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


ENFORCEMENT_TEMPLATES: dict = {"拆除督办函": dismantle_letter, "资金与安置函": funds_letter,
                               "商请公布函": publish_request, "限期整改通知书": rectify_notice, "整改督办函": case_remind,
                               "提请关停函": case_close, "销号通知": case_cancel,
                               "黄牌名单公告": yellow_notice, "红牌名单公告": red_notice,
                               "超标排放名单公告": exceedance_notice, "差别价格函": price_letter}
# ==== end enforcement documents ====


# ==== progress documents (进度通报, 约谈通知, 任务分工通知) ====
PROGRESS_COLUMNS = (["县（市）区", "行业", "目标任务", "已完成", "完成率", "情况"],
                    ["{{ row.county }}", "{{ row.industry }}", "{{ row.target }}", "{{ row.done }}", "{{ row.ratio }}",
                     "{{ row.level }}"], [22, 20, 30, 30, 22, 32])


def _head(doc, text: str, level: int) -> None:
    """A heading kept on the page of the paragraph after it."""
    L.add_heading(doc, text, level)
    _keep(_last(doc))


def progress_bulletin():
    """进度通报 (文件 format, task 12): every county's progress, the slow ones named, requirements, a deadline."""
    doc = _opening("文件", "{{ title }}")
    L.add_paragraph(doc, f"根据{TASK_TABLE}要求，{{{{ issuer.short }}}}会同{{{{ partner.short }}}}对各县（市）区年度"
                         "落后产能退出目标任务完成情况进行了调度。现将有关情况通报如下：")
    _head(doc, "一、总体进展", 1)
    L.add_paragraph(doc, "{{ summary }}")
    headers, cells, widths = PROGRESS_COLUMNS
    _if(doc, "rows", _table(headers, cells, "rows", widths, SMALL))
    _head(doc, "二、存在的问题", 1)
    L.add_tag(doc, "{%p if summon_text or notify_text or late_text or missing_text %}")
    _if(doc, "summon_text", _para("{{ summon_text }}"))
    _if(doc, "notify_text", _para("{{ notify_text }}"))
    _if(doc, "late_text", _para("{{ late_text }}"))
    _if(doc, "missing_text", _para("{{ missing_text }}"))
    _loop(doc, "line in missing_items", "{{ line }}")
    L.add_tag(doc, "{%p else %}")
    L.add_paragraph(doc, "各县（市）区均按进度推进，未发现进展滞后的情况。")
    L.add_tag(doc, "{%p endif %}")
    _if(doc, "normal_text", _para("{{ normal_text }}"))
    _head(doc, "三、工作要求", 1)
    _head(doc, "（一）加快推进任务落实。", 2)
    L.add_paragraph(doc, "进展较慢的县（市）区要认真查找原因，倒排工期，逐项落实目标任务中的企业和生产线（设备），"
                         "确保按期完成年度目标任务。")
    _head(doc, "（二）按时报送退出情况。", 2)
    L.add_paragraph(doc, "请各县（市）区于{{ deadline|date_cn }}前，将本年度依法关闭退出的企业、设备及产能情况"
                         "按统一报送表格式函告{{ issuer.short }}、{{ partner.short }}；目标任务中点名的企业（生产线）"
                         "未能退出的，须书面说明原因和下一步措施。")
    _head(doc, "（三）严防已退出产能死灰复燃。", 2)
    L.add_paragraph(doc, "对以关停、封存方式退出的生产线（设备），要督促企业限期拆除主体设备，定期开展现场核查。")
    _sealed_signature(doc)
    _colophon(doc, "{{ printer }}", "{{ date|date_cn }}印发")
    return doc


def _sealed_signature(doc) -> None:
    """The issuer's 署名 and date; a coordinating office adds the line of the organ whose seal it uses."""
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    _if(doc, "sealed_by", lambda d: _flush(_centered_line(d, "（{{ sealed_by }}代章）")))


def _centered_line(doc, text: str):
    L.add_paragraph(doc, text)
    p = _last(doc)
    L._set_ppr(p, '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="right"/>')
    return p


def _cc_line(doc) -> None:
    """抄送 of a 信函 (4号, 1 字 in each side; no 版记 rules, no 印发 line), kept only when there is one."""
    L.add_tag(doc, "{%p if cc %}")
    L.add_blank(doc, 1)
    p = L._para(doc, "版记", "抄送：{{ cc }}。")
    lead = 3 * L.CHAR_SMALL
    L._set_ppr(p, f'<w:ind w:left="{L.COLOPHON_INDENT + lead}" w:right="{L.COLOPHON_INDENT}" w:hanging="{lead}"/>')
    L.add_tag(doc, "{%p endif %}")


def summon_letter():
    """约谈函 (信函 format; the office's 通知 where configured): figures, time, place, attendees, host, materials."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, "{{ figures_text }}根据"
                         f"{TASK_TABLE}关于对进展较慢的地区采取通报、约谈等方式进行督办的要求，{{{{ issuer.short }}}}"
                         "会同{{ partner.short }}决定对{{ county }}落后产能退出工作进行约谈。现将有关事项{{ verb }}如下：")
    _head(doc, "一、约谈时间和地点", 1)
    L.add_paragraph(doc, "时间：{{ time }}")
    L.add_paragraph(doc, "地点：{{ place }}")
    _head(doc, "二、参加人员", 1)
    L.add_paragraph(doc, "{{ attendees }}。约谈由{{ host }}主持。")
    _head(doc, "三、需准备的材料", 1)
    L.add_paragraph(doc, "1. {{ year }}年落后产能退出目标任务完成情况及进展滞后的原因分析；")
    L.add_paragraph(doc, "2. 整改措施和时间表，明确每项目标任务的责任单位、责任人和完成时限。")
    _if(doc, "missing_text", _para("{{ missing_text }}"))
    L.add_paragraph(doc, "请于{{ reply_by|date_cn }}前将参加约谈人员名单报{{ issuer.short }}，书面材料于约谈时提交。")
    _contact(doc)
    _sealed_signature(doc)
    _cc_line(doc)
    return doc


def _tasks(doc, loop: str, others: str) -> None:
    """One 楷体 heading per task of `loop`, its content, the other departments and its deadlines."""
    L.add_tag(doc, f"{{%p for t in {loop} %}}")
    _head(doc, "{{ t.heading }}", 2)
    L.add_paragraph(doc, "主要内容：{{ t.content }}")
    _if(doc, "t.others", _para(f"{others}：{{{{ t.others }}}}"))
    _if(doc, "t.deadlines", _para("时间节点：{{ t.deadlines }}"))
    L.add_tag(doc, "{%p endfor %}")


def task_letter():
    """任务落实函 (信函): the tasks one peer department leads and joins, quoted from the city's table; no empty section."""
    doc = _opening("信函", "{{ title }}")
    L.add_paragraph(doc, f"为贯彻落实{TASK_TABLE}，形成工作合力，现将{{{{ you }}}}承担的任务函告如下。{{{{ summary }}}}")
    L.add_tag(doc, "{%p if led %}")
    _head(doc, "{{ led_heading }}", 1)
    _tasks(doc, "led", "参与部门")
    L.add_tag(doc, "{%p endif %}")
    L.add_tag(doc, "{%p if joined %}")
    _head(doc, "{{ joined_heading }}", 1)
    _tasks(doc, "joined", "牵头部门")
    L.add_tag(doc, "{%p endif %}")
    _head(doc, "{{ ask_heading }}", 1)
    L.add_paragraph(doc, "请{{ you }}按照职责分工，细化工作措施，明确责任人和时间节点，并于{{ report_deadline|date_cn }}前"
                         "将任务落实情况和依法关闭退出的企业、设备及产能情况函告{{ issuer.short }}、{{ partner.short }}。")
    _contact(doc)
    _signature(doc, "{{ date|date_cn }}", ("{{ issuer.name }}", LEAD))
    return doc


PROGRESS_TEMPLATES: dict = {"进度通报": progress_bulletin, "约谈函": summon_letter, "任务落实函": task_letter}
# ==== end progress documents ====


TEMPLATES = {"年度情况报告": annual_report, "工作方案请示": plan_request, "报送通知": report_notice,
             "报自治区": annual_report, "公示": publicity, "公告": final_notice, "核对函": check_letter,
             "催报函": remind_letter, "提醒函": remind_all_letter,
             **ENFORCEMENT_TEMPLATES, **PROGRESS_TEMPLATES}


def build(out_dir: Path = HERE) -> list[Path]:
    """Write the template of every registered document type into out_dir; the paths written."""
    from reportgen.documents.registry import KINDS

    missing, extra = set(KINDS) - set(TEMPLATES), set(TEMPLATES) - set(KINDS)
    if missing or extra:
        raise SystemExit(f"templates out of step with the registry: no composer for {sorted(missing)}, "
                         f"composers for unregistered {sorted(extra)}")
    paths = []
    for name in KINDS:
        compose = TEMPLATES[name]
        path = Path(out_dir) / f"{name}.docx"
        L.save(compose(), path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
