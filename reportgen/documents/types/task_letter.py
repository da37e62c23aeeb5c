"""任务落实函: 市工信局 → each peer department that leads or joins a task of the city's task table (函, 信函).

Not the co-lead 市发展改革委 (it signs the work with us), not the lead itself; a department with no task gets no
letter; only its own tasks, quoted from the city's table, and what to report by the deadline. Sent with the
报送通知, so only while the collection is open (a letter asking for reports by 11月30日 is not dated after it).
"""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents import calendar, organs
from reportgen.documents.common import Context, DocType, Document, Job, addressed, common_context, contact_context
from reportgen.documents.progress import is_counties, names, task_row
from reportgen.models import Tally
from reportgen.tally.tasks import Assignment, assign



def task_context(tally: Tally, settings: Settings, as_of: date, docno: str, assignment: Assignment) -> Context:
    """The 任务落实函 context for one department: the tasks it leads and joins, their content and deadlines."""
    to = organs.department(settings, assignment.department)
    led = [task_row(t, settings, tally.year, t.partners, n) for n, t in enumerate(assignment.leads)]
    joined = [task_row(t, settings, tally.year, t.leads, n) for n, t in enumerate(assignment.joins)]
    county_tasks = sorted({t.number for t in (*assignment.leads, *assignment.joins)
                           for phrase in names(t.leads) + names(t.partners) if is_counties(phrase)})
    roles = [f"{verb}{len(rows)}项" for verb, rows in (("牵头负责", led), ("参与落实", joined)) if rows]
    together = f"其中第{'、'.join(map(str, county_tasks))}项须与各县（市）区共同落实，请加强工作对接。" \
        if county_tasks else ""
    ctx = {**common_context(settings, tally, as_of, docno), **contact_context(settings),
           "title": f"关于落实{tally.year}年落后产能退出工作任务的函", "addressee": to.name, "you": to.address,
           "summary": f"按照任务分解表，你单位{'、'.join(roles)}任务。{together}",
           "led": led, "joined": joined, "report_deadline": settings.deadline(tally.year), **_headings(led, joined)}
    return addressed(ctx, to.address)


def _headings(led: list[Context], joined: list[Context]) -> Context:
    """一、二、三 numbered over the sections present (an empty section is left out, not left empty)."""
    names = [k for k, rows in (("led", led), ("joined", joined)) if rows] + ["ask"]
    titles = {"led": "牵头负责的任务", "joined": "参与落实的任务", "ask": "有关要求"}
    heads = {f"{k}_heading": f"{'一二三'[n]}、{titles[k]}" for n, k in enumerate(names)}
    return {"led_heading": "", "joined_heading": "", **heads}


def assignments(job: Job) -> list[Assignment]:
    """Departments with at least one task, other than the lead and the co-lead."""
    if not job.tally.tasks:
        return []
    found, _groups, _problems = assign(job.tally.tasks, job.settings)  # the tally carries the problems
    own = {job.settings.organs.lead.name, job.settings.organs.partner.name}
    return [a for a in found if (a.leads or a.joins) and a.department.name not in own
            and not organs.is_lead(job.settings, a.department.name)]


def example(job: Job) -> Context:
    found = assignments(job)
    department = found[0] if found else Assignment(job.settings.departments[-1], (), ())
    return task_context(job.tally, job.settings, job.as_of, job.docno(TYPE), department)


def plan(job: Job) -> list[Document]:
    if not calendar.before_deadline(job):
        return []
    docs = []
    for a in assignments(job):
        ctx = task_context(job.tally, job.settings, job.as_of, job.docno(TYPE), a)
        docs.append(job.document(TYPE, f"任务落实函-{a.department.short}", ctx, to=[ctx["addressee"]]))
    return docs


TYPE = DocType("任务落实函", genre="函", format="信函", direction="平行", issuers="市工信局",
               recipients="牵头或参与任务的市直部门（不含市发展改革委）", when="报送截止前（与报送通知同发）",
               plan=plan, example=example)
