"""核对函: 市工信局 → each outside submitter whose file was read (函, 信函 format): a county's goes to its
工业和信息化主管部门 (organs.recipient), a department's to the department.

Everything the city will publish under the recipient's name, whoever reported it (a county sees the items
市直部门 reported in it, with who reported them); the plan's named items it has not reported; what was not
counted and why, in its own terms; the yellow/red/exceedance records it sent, acknowledged for what they are.
Only sections with something to say, numbered in order; a single point is written inline.
"""
from __future__ import annotations

from datetime import date, timedelta

from reportgen.config import Settings, Submitter
from reportgen.documents import organs
from reportgen.documents.common import Context, DocType, Document, Job, common_context, contact_context
from reportgen.documents.prose import BySubmitter, capacity_text, equipment_count, label, sorted_items, _items_totals, \
    capacities_phrase
from reportgen.documents.text import cn_list, date_cn
from reportgen.documents.voice import file_name, numbered, recipient_sentence
from reportgen.models import ExitItem, SubmissionStatus, Tally
from reportgen.tally.figures import count_enterprises, figures_of, rate_text

_CN = "一二三四五六七八九十"


def check_context(tally: Tally, settings: Settings, as_of: date, docno: str, who: Submitter,
                  index: BySubmitter | None = None) -> Context:
    """The 核对函 context for one submitter: its figures, named items missing, what was not counted, its lists."""
    index = index or BySubmitter(tally)
    names = set(who.names())
    me = organs.recipient(settings, who).address
    files = [s for s in index.pick(index.files, names) if s.status in ("used", "superseded")]
    used = [s for s in files if s.status == "used"]
    sections: list[Context] = []

    def add(heading: str, paragraphs: list[str], rows: list[Context] | None = None) -> None:
        if paragraphs or rows:
            sections.append({"heading": f"{_CN[len(sections)]}、{heading}", "paragraphs": paragraphs,
                             "rows": rows or []})

    if who.kind == "county":
        text, rows = _county_counted(tally, settings, who, me, index)
    else:
        text, rows = _department_counted(index.pick(index.items, names), settings, tally.year, me)
    add("计入本年度的退出项目", text, rows)
    add("目标任务完成情况", _targets(tally, settings, who, me) if who.kind == "county" else [])
    add("未计入的数据", numbered(_not_counted(tally, index, names, files, settings)))
    doubts = [recipient_sentence(p) for p in index.pick(index.problems, {s.file for s in used}) if not p.is_error]
    if who.kind == "county":
        doubts += [f"“红牌”企业{r.case.enterprise}已" + (f"于{date_cn(r.case.closed_on)}" if r.case.closed_on else "")
                   + f"依法关闭，{me}报送的退出明细中没有该企业，请核实并补报其退出的生产线（设备）和产能。"
                   for r in tally.red_status if r.case.county == who.name and not r.exit_items]
    add("请核实的事项", numbered(doubts))
    add("报送的名单", _lists(tally, names, me))
    ctx = common_context(settings, tally, as_of, docno)
    del ctx["region"], ctx["partner"], ctx["year"]
    return {**ctx, **contact_context(settings), "title": f"关于核对{tally.year}年落后产能退出情况的函",
            "addressee": organs.recipient(settings, who).name, "you": me,
            # the files answered (dispatch sends each one's marked-up copy with this letter); `name` as printed
            "files": [{"file": s.file, "name": f"“{file_name(s.file)}”"} for s in used],
            "scope": f"和将以{who.name}名义汇总公布的{tally.year}年落后产能退出情况" if who.kind == "county" else "",
            "sections": sections, "reply_by": as_of + timedelta(days=settings.reply_days)}


def _row(item: ExitItem, n: int, note: str) -> Context:
    return {"n": n, "enterprise": item.enterprise, "equipment": item.equipment + (f"（{item.spec}）" if item.spec else ""),
            "capacity": item.capacity, "unit": item.unit, "method": item.method, "completed": item.completed,
            "note": note}


def _county_counted(tally: Tally, settings: Settings, who: Submitter, me: str,
                    index: BySubmitter) -> tuple[list[str], list[Context]]:
    """A county's figures as the city states them: every item attributed to it, whoever reported it."""
    fig = figures_of(tally, settings).county(who.name)
    if fig is None or not fig.items:
        return [f"经核对，{me}报送的数据中没有可计入{tally.year}年的落后产能退出项目。"], []
    items = sorted_items(index.county_items.get(who.name, []), settings)
    amounts = capacities_phrase(fig.industries)
    text = (f"计入{who.name}{tally.year}年落后产能退出的项目共{fig.items}项，涉及企业{fig.enterprises}家、"
            f"生产线（设备）{equipment_count(items)}台（套），退出产能{amounts}")
    others = [(label(settings, s), n) for s, n in fig.reporters if s not in set(who.names())]
    if others:
        text += (f"。其中{cn_list([f'{s}报送的{n}项' for s, n in others])}属{who.name}，一并计入，"
                 "请一并核实（表中“备注”栏注明）")
    c = fig.counts
    parts = ([f"安置职工{capacity_text(c.workers, '人')}"] if c.workers else []) + \
            ([f"使用奖补资金{capacity_text(c.funds, '万元')}"] if c.funds else [])
    if parts:
        text += f"。上述项目{cn_list(parts, '，')}"
    mine = set(who.names())
    rows = [_row(i, n, "" if i.submitter in mine else f"{label(settings, i.submitter)}报送")
            for n, i in enumerate(items, 1)]
    return [text + "。以上数字将用于全市汇总、公告和年度报告，明细如下："], rows


def _department_counted(items: list[ExitItem], settings: Settings, year: int, me: str) -> tuple[list[str], list[Context]]:
    """A department's reported items that count, and the counties they are credited to."""
    if not items:
        return [], []
    items = sorted_items(items, settings)
    firms = count_enterprises(items, lambda i: i.county)
    counties: dict[str, int] = {}
    for i in items:
        counties[i.county] = counties.get(i.county, 0) + 1
    where = cn_list([f"{c}{n}项" for c, n in counties.items()])
    text = (f"{me}报送的项目中计入{year}年的共{len(items)}项，涉及企业{firms}家、生产线（设备）"
            f"{equipment_count(items)}台（套），退出产能{capacities_phrase(_items_totals(items, settings))}，"
            f"按所在地分别计入{where}，明细如下：")
    return [text], [_row(i, n, f"计入{i.county}") for n, i in enumerate(items, 1)]


def _targets(tally: Tally, settings: Settings, who: Submitter, me: str) -> list[str]:
    """The county's progress against its targets and the named plan items it has not reported."""
    fig = figures_of(tally, settings).county(who.name)
    if fig is None:
        return []
    rows = [p for p in fig.progress if p.target is not None]
    out = []
    if rows:
        parts = [f"{p.industry}目标{capacity_text(target, p.unit)}、"
                 + (f"已完成{capacity_text(p.done, p.unit)}（{rate_text(p.ratio)}）" if p.done else "尚无退出项目")
                 for p in rows if p.ratio is not None and (target := p.target) is not None]
        if parts:
            out.append(f"对照{tally.year}年目标任务，{me}{'；'.join(parts)}。")
    missing = [t for p in fig.progress for t in p.named_missing]
    if missing:
        named = cn_list([t.enterprise + (f"（{t.equipment}）" if t.equipment.strip() else "") for t in missing])
        out.append(f"目标任务列名的{named}尚未报送退出情况。已退出的，请补报退出明细；尚未退出的，请书面说明原因和计划完成时间。")
    return out


def _not_counted(tally: Tally, index: BySubmitter, names: set[str], files: list[SubmissionStatus], settings: Settings) -> list[str]:
    """Rows left out and why, in the sender's terms: errors, other years, rows another sender also reported."""
    used = {s.file for s in files if s.status == "used"}
    lines = [recipient_sentence(p) for p in index.pick(index.problems, used) if p.is_error]
    for i in index.pick(index.other_year, names):
        lines.append(f"“{file_name(i.source.file)}”“{i.source.sheet}”工作表第{i.source.row}行{i.enterprise}"
                     f"{i.equipment}的完成时间为{date_cn(i.completed)}，不在{tally.year}年内，未计入本年度。")
    for dropped, kept in index.pick(index.duplicates, names):
        if dropped.submitter in names:
            lines.append(f"“{file_name(dropped.source.file)}”“{dropped.source.sheet}”工作表第{dropped.source.row}行"
                         f"{dropped.enterprise}{dropped.equipment}（{capacity_text(dropped.capacity, dropped.unit)}）"
                         f"{label(settings, kept.submitter)}也已报送，按{label(settings, kept.submitter)}的记录计入一次。")
    for s in files:
        if s.status == "superseded":
            lines.append(f"“{file_name(s.file)}”已由其后报送的“{file_name(s.superseded_by)}”取代，以后者为准。")
    return lines


def _lists(tally: Tally, names: set[str], me: str) -> list[str]:
    """The yellow, red and exceedance records the sender reported, acknowledged for what they are."""
    out = []
    yellow = [s for s in tally.yellow_status if s.case.submitter in names]
    if yellow:
        firms = len({s.case.uscc or s.case.enterprise for s in yellow})
        out.append(f"{me}报送的“黄牌”名单（限期整改）{len(yellow)}项、涉及企业{firms}家已收悉，"
                   "各案件的整改期限和整改情况按名单所列登记，由发布部门跟踪复查。")
    red = [r for r in tally.red_status if r.case.submitter in names]
    if red:
        linked = sum(1 for r in red if r.exit_items)
        tail = (f"，其中{linked}家的退出项目已由所在县（市）区报送并计入" if linked else "") + \
               (f"；{len(red) - linked}家尚无退出明细，我局将请所在县（市）区核实补报" if linked < len(red) else "")
        out.append(f"{me}报送的“红牌”名单（依法关闭）{len(red)}家已收悉{tail}。")
    exceed = [e for e in tally.exceedances if e.submitter in names]
    if exceed:
        serious = len({e.uscc or e.enterprise for e in exceed if e.serious})
        out.append(f"{me}报送的超标排放记录{len(exceed)}条已收悉" + (f"，其中情节严重的企业{serious}家" if serious else "")
                   + "，将与落后产能退出情况一并汇总。")
    return out


def recipients(job: Job) -> list[Submitter]:
    """Every configured submitter that sent a file and is not missing; never 我局 itself (nobody writes to itself:
    what its own offices sent is checked in 汇总表 and the clerk's 问题清单)."""
    tally = job.tally
    senders = {s.submitter for s in tally.submissions if s.submitter and s.status != "missing"}
    missing = set(tally.missing)
    lead = {job.settings.lead.name, job.settings.lead.short}
    return [who for who in job.settings.submitters
            if senders & set(who.names()) and not missing & set(who.names()) and not lead & set(who.names())]


def example(job: Job) -> Context:
    return check_context(job.tally, job.settings, job.as_of, job.docno(TYPE), job.settings.submitters[0])


def plan(job: Job) -> list[Document]:
    index = job.once("by-submitter", lambda: BySubmitter(job.tally))
    docs = []
    for who in recipients(job):
        ctx = check_context(job.tally, job.settings, job.as_of, job.docno(TYPE), who, index)
        docs.append(job.document(TYPE, f"核对函-{who.short}", ctx, to=[ctx["addressee"]]))
    return docs


TYPE = DocType("核对函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="每个报送了文件的县（市）区和部门", when="读取其文件后", plan=plan, example=example)
