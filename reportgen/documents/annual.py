"""The prose of the 年度情况报告 to 市人民政府, written from tally.figures: what was done, by whom, against what target,
with what money and workers; who is slow in which industry; only what happened said to have happened (拟约谈);
each apparent contradiction explained where it is stated; no file names, row counts or problem statistics.
The tables go to the 附件 (附表)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from reportgen.config import Settings
from reportgen.documents.prose import PENDING, capacities_phrase, industry_totals, label, line_count
from reportgen.documents.text import capacity, cn_list, date_cn
from reportgen.models import Tally
from reportgen.tally.enforcement import EXTENDED, IN_PROGRESS, OVERDUE, RECTIFIED, TO_RED
from reportgen.tally.figures import CountyFigures, Figures, figures_of, rate_text
from reportgen.tally.progress import NOTIFY, SUMMON, Progress, thresholds
from reportgen.documents.common import Context

_CN = "一二三四五六七八九十"


def sections(tally: Tally, settings: Settings) -> list[Context]:
    """The report's numbered sections ({heading, paragraphs}); a section with nothing to say is left out."""
    fig = figures_of(tally, settings)
    found = [("工作开展情况", [_work(tally, settings, fig)]),
             ("落后产能退出完成情况", _totals(tally, settings, fig)),
             ("各县（市）区退出情况", _counties(tally, settings, fig)),
             ("目标任务完成情况", _targets(tally, settings, fig)),
             ("“黄牌”“红牌”和超标排放情况", _lists(tally, fig)),
             ("存在的问题", _problems(tally, settings, fig))]
    found = [(h, [p for p in ps if p]) for h, ps in found]
    return [{"heading": f"{_CN[n]}、{h}", "paragraphs": ps} for n, (h, ps) in enumerate(x for x in found if x[1])]


def _percent(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f}%"


def _work(tally: Tally, settings: Settings, fig: Figures) -> str:
    sent = {s.submitter for s in tally.submissions if s.status == "used" and s.submitter}
    counties = [c for c in settings.county_names() if c in sent]
    departments = [d.short for d in settings.departments if set(d.names()) & sent
                   and d.name != settings.lead.name and d.short != settings.lead.short]
    text = (f"按照任务分解表的分工，各县（市）区和相关部门于{date_cn(settings.deadline(tally.year))}前报送本年度依法关闭退出"
            f"的企业、设备及产能情况。截至{date_cn(tally.as_of)}，")
    reported = counties + departments
    text += (f"{'、'.join(counties)}" + (f"以及{'、'.join(departments)}" if departments and counties else
                                        '、'.join(departments)) + "报送了退出情况") if reported else "尚未收到报送"
    late = [label(settings, m) for m in tally.missing]
    if late and reported:
        text += f"，{cn_list(late)}尚未报送，我局正督促其尽快报送"
    elif late:
        text += "，我局正督促各县（市）区和相关部门尽快报送"
    return text + "。我局对报送的每一个项目逐项核对，县（市）区与部门重复报送的同一项目只计一次，市直部门报送的项目计入所在县（市）区。"


def _totals(tally: Tally, settings: Settings, fig: Figures) -> list[str]:
    if not tally.items:
        return [f"截至{date_cn(tally.as_of)}，{tally.year}年尚无报送并核实的落后产能退出项目。"]
    c = fig.city
    out = [f"{tally.year}年，全市共退出落后产能企业{c.enterprises}家、生产线（设备）{line_count(tally.items)}台（套），"
           f"退出产能{capacities_phrase(industry_totals(tally, settings))}（分县（市）区、分行业情况见附件1）。"]
    methods: Counter[str] = Counter()
    for item in tally.items:
        methods[item.method] += 1
    parts = [f"{m}{methods[m]}项" for m in Settings.METHODS if methods[m]]
    if len(parts) > 1:
        out.append(f"从退出方式看，{cn_list(parts, '、')}。")
    pending = [i for i in tally.items if i.method in PENDING]
    if pending:
        firms = len({(i.county, i.enterprise_key) for i in pending})
        out.append(f"以关停、封存方式退出、主体设备尚未拆除的{len(pending)}项涉及企业{firms}家，须按任务分解表要求限时拆除"
                   f"（名单见附件{3 if tally.progress else 2}）。")
    money = []
    if c.workers:
        money.append(f"安置职工{capacity(c.workers, '人')}")
    if c.funds:
        money.append(f"使用奖补资金{capacity(c.funds, '万元')}")
    if money:
        out.append(f"退出项目共{cn_list(money, '，')}（分县（市）区情况见附件1）。")
    if c.accepted or c.awaiting:
        text = f"已通过验收的{c.accepted}项" if c.accepted else ""
        if c.awaiting:
            text += ("，" if text else "") + f"尚未验收的{c.awaiting}项"
        if c.unstated:
            text += f"，另有{c.unstated}项未报验收情况"
        out.append(f"验收方面，{text}。")
    return out


def _county_phrase(c: CountyFigures, settings: Settings) -> str:
    text = f"{c.county}退出企业{c.enterprises}家、项目{c.items}项"
    extra = []
    if c.counts.workers:
        extra.append(f"安置职工{capacity(c.counts.workers, '人')}")
    if c.counts.funds:
        extra.append(f"奖补资金{capacity(c.counts.funds, '万元')}")
    if c.counts.awaiting:
        extra.append(f"{c.counts.awaiting}项尚未验收")
    if extra:
        text += f"，{cn_list(extra, '、')}"
    others = [label(settings, s) for s in c.others]
    if others:
        text += f"（含{cn_list(others, '、')}报送的项目）"
    return text


def _counties(tally: Tally, settings: Settings, fig: Figures) -> list[str]:
    done = [c for c in fig.by_county.values() if c.items]
    if not done:
        return []
    text = "；".join(_county_phrase(c, settings) for c in done) + "（各行业退出产能见附件1）。"
    quiet = {x.county for x in done} | set(tally.missing)  # once, not per county
    idle = [c for c in settings.county_names() if c not in quiet]
    if idle:
        text += f"{cn_list(idle)}本年度未报送退出项目。"
    return [text]


def _rate(p: Progress) -> str:
    return f"{p.industry}完成{rate_text(p.ratio)}" if p.done else f"{p.industry}尚无退出项目"


def _targets(tally: Tally, settings: Settings, fig: Figures) -> list[str]:
    if not fig.industries:
        return []
    parts = [f"{i.industry}目标{capacity(i.target, i.unit)}、完成{capacity(i.done, i.unit)}"
             + (f"（{rate_text(i.ratio)}）" if i.ratio is not None else "") for i in fig.industries]
    out = [f"对照年度目标任务，全市{'；'.join(parts)}（分县（市）区情况见附件2）。"]
    totals = {(ind, t.unit): t.capacity for ind, t in tally.by_industry}
    beyond = [i.industry for i in fig.industries if totals.get((i.industry, i.unit), i.done) != i.done]
    if beyond:
        out.append(f"完成率只计下达了目标任务的县（市）区和行业，未下达目标的退出产能不计入，因此{cn_list(beyond)}等行业的"
                   "完成量小于上文的全市退出量。")
    summon, notify = thresholds(settings)
    for level, word, limit in ((SUMMON, "拟约谈其人民政府分管负责同志", summon), (NOTIFY, "拟予通报", notify)):
        names = []
        for c in fig.slow_counties(level):
            rows = [p for p in c.slow if p.level == level]
            if not c.submitted:
                names.append(f"{c.county}（尚未报送退出情况）")
                continue
            overall = (f"，总体完成{rate_text(c.ratio)}" if c.ratio is not None else "")
            names.append(f"{c.county}（{cn_list([_rate(p) for p in rows], '、')}{overall}）")
        if names:
            out.append(f"{'、'.join(names)}有行业完成率低于{_percent(limit)}，{word}。")
    mixed = [c for c in fig.by_county.values() if c.level != SUMMON and c.ratio is not None and c.ratio >= notify
             and any(p.level in (SUMMON, NOTIFY) for p in c.progress)]
    if mixed:
        out.append(f"{cn_list([c.county for c in mixed])}总体完成率在{_percent(notify)}以上，督办只针对其进展滞后的行业。")
    named = [(p.county, t) for c in fig.by_county.values() for p in c.progress for t in p.named_missing]
    if named:
        what = "、".join(t.enterprise + "（" + "，".join(x for x in ("" if county in t.enterprise else county,
                                                                     t.equipment.strip()) if x) + "）"
                        for county, t in named)
        out.append(f"目标任务列名的重点项目中，{what}尚未报送退出情况，我局已函请所在县（市）区核实。")
    return out


def _lists(tally: Tally, fig: Figures) -> list[str]:
    out = []
    y = fig.yellow
    if y.cases:
        words = ((RECTIFIED, "已整改达标销号"), (TO_RED, "经整改仍不达标转入“红牌”"), (IN_PROGRESS, "正在整改"),
                 (EXTENDED, "经批准延期整改"), (OVERDUE, "逾期未整改"))
        present = [(s, w) for s, w in words if y.count(s)]
        cases = "" if y.cases == y.enterprises else f"、整改事项{y.cases}项"
        text = f"全市列入“黄牌”名单（限期整改）的企业{y.enterprises}家{cases}"
        text += (f"，其中{'，'.join(f'{w}{y.count(s)}项' for s, w in present)}。" if len(present) > 1
                 else f"，均{present[0][1]}。")
        if y.count(OVERDUE):
            text += "逾期未整改的，由发布部门依法处理，符合条件的依法关停退出并列入“红牌”名单。"
        out.append(text)
    r = fig.red
    if r.cases:
        text = f"列入“红牌”名单（依法关闭）的企业{r.enterprises}家"
        if fig.red_reported == r.cases:
            text += "，其退出的生产线（设备）和产能均已计入本年度退出情况。"
        elif fig.red_reported:
            text += f"，其中{fig.red_reported}家的退出项目已计入本年度退出情况，其余的我局已函请所在县（市）区核实补报。"
        else:
            text += "，其退出项目尚未报送，我局已函请所在县（市）区核实补报。"
        out.append(text)
    e = fig.exceedances
    if e.cases:
        text = f"生态环境部门报送超标排放记录{e.cases}条、涉及企业{e.enterprises}家"
        text += f"，其中情节严重的{fig.exceedance_serious}家。" if fig.exceedance_serious else "。"
        out.append(text)
    return out


def _problems(tally: Tally, settings: Settings, fig: Figures) -> list[str]:
    out = []
    slow = [c.county for c in fig.by_county.values() if c.slow and c.submitted]
    if slow:
        out.append(f"一是部分县（市）区个别行业进展滞后，{cn_list(slow)}仍有行业未完成目标任务的"
                   f"{_percent(thresholds(settings)[1])}。")
    late = [label(settings, m) for m in tally.missing]
    if late:
        out.append(f"{'二' if out else '一'}是报送不及时，截至{date_cn(tally.as_of)}，{cn_list(late)}尚未报送。")
    pending = [i for i in tally.items if i.method in PENDING]
    if pending:
        n = "一二三"[len(out)]
        out.append(f"{n}是关停、封存的{len(pending)}项生产线（设备）主体设备尚未拆除，存在恢复生产的风险。")
    if len(out) == 1:
        out[0] = out[0][2:]  # one problem: no 一是
    return out


def attachment_rows(tally: Tally, settings: Settings) -> list[Context]:
    """附件1: each county's exit by industry, with its enterprises, items, workers and funds (from tally.figures)."""
    fig = figures_of(tally, settings)
    rows = []
    for c in fig.by_county.values():
        if not c.items:
            continue
        rows.append({"county": c.county, "capacity": capacities_phrase(c.industries), "enterprises": c.enterprises,
                     "projects": c.items, "workers": capacity(c.counts.workers, "") if c.counts.workers else "—",
                     "funds": capacity(c.counts.funds, "") if c.counts.funds else "—",
                     "accepted": c.counts.accepted})
    if rows:
        city = fig.city
        rows.append({"county": "合计", "capacity": capacities_phrase(industry_totals(tally, settings)), "enterprises": city.enterprises,
                     "projects": city.items, "workers": capacity(city.workers, "") if city.workers else "—",
                     "funds": capacity(city.funds, "") if city.funds else "—", "accepted": city.accepted})
    return rows
