"""任务分工通知: each department's tasks from the city's task table."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents.common import DocType, Job, common_context
from reportgen.documents.progress import is_counties, names, report_deadline, task_row
from reportgen.documents.voice import you

_CN = "一二三四五六七八九十"
from reportgen.models import Tally
from reportgen.tally.tasks import Assignment, assign


def division_context(tally: Tally, settings: Settings, as_of: date, docno: str, assignment) -> dict:
    """The 任务分工通知 context for one department: tasks it leads, tasks it joins, with content and deadlines."""
    section = settings.documents
    led = [task_row(t, settings, tally.year, t.partners, n) for n, t in enumerate(assignment.leads)]
    joined = [task_row(t, settings, tally.year, t.leads, n) for n, t in enumerate(assignment.joins)]
    county_tasks = sorted({t.number for t in (*assignment.leads, *assignment.joins)
                           for phrase in names(t.leads) + names(t.partners) if is_counties(phrase)})
    roles = [f"{verb}{len(rows)}项任务" for verb, rows in (("牵头负责", led), ("参与", joined)) if rows]
    together = f"其中第{'、'.join(map(str, county_tasks))}项由各县（市）区人民政府共同落实，请加强工作对接。" \
        if county_tasks else ""
    me = you(assignment.department)
    parts = [(f"{_CN[n]}、{head}", rows, label) for n, (head, rows, label) in enumerate(
        x for x in (("牵头负责的任务", led, "参与部门"), ("参与落实的任务", joined, "牵头部门")) if x[1])]
    return {**common_context(settings, tally, as_of, docno), "title": f"关于{tally.year}年落后产能退出任务分工的通知",
            "addressee": assignment.department.name, "you": me,
            "summary": f"{me}在任务分解表中{'、'.join(roles)}。{together}",
            "sections": [{"heading": h, "tasks": rows, "others_label": label} for h, rows, label in parts],
            "last_heading": f"{_CN[len(parts)]}、工作要求",
            "report_deadline": report_deadline(tally, settings, as_of),
            "cc": "，".join(x for x in (section.report_to, settings.partner.name) if x),
            "printer": section.printer}


def example(job: Job) -> dict:
    assignments = assign(job.tally.tasks, job.settings)[0] if job.tally.tasks else []
    department = assignments[0] if assignments else Assignment(job.settings.departments[0], (), ())
    return division_context(job.tally, job.settings, job.as_of, job.docno(TYPE), department)


def plan(job: Job) -> list:
    if not job.tally.tasks:
        return []
    docs = []
    assignments, _groups, _problems = assign(job.tally.tasks, job.settings)  # the tally carries the problems
    for a in assignments:
        if a.department.name == job.settings.lead.name:
            continue  # the issuing organ does not send itself a letter; its tasks are in every other one
        ctx = division_context(job.tally, job.settings, job.as_of, job.docno(TYPE), a)
        docs.append(job.document(TYPE, f"任务分工通知-{a.department.short}", ctx, to=[ctx["addressee"]],
                                 cc=ctx["cc"].split("，") if ctx["cc"] else ()))
    return docs


TYPE = DocType("任务分工通知", genre="通知", format="文件", direction="平行", issuers="市工信局",
               recipients="承担任务的市直部门", when="有任务分解表时", plan=plan, example=example)
