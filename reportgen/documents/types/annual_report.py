"""年度情况报告: 市工信局 → 市人民政府, a 报告 (文件 format) at the year's end."""
from __future__ import annotations

from datetime import date

from reportgen.config import Settings
from reportgen.documents.common import DocType, Job, common_context
from reportgen.documents.progress import report_additions
from reportgen.documents.prose import (STATUS_CN, industry_totals, item_row, label, next_steps, pending_items,
                                       problem_rows, sentences_counties, sentences_grounds, sentences_methods,
                                       sentences_pending, sentences_problems, sentences_submissions,
                                       sentences_total, sorted_items, total_rows)
from reportgen.documents.text import date_cn
from reportgen.models import Tally


def report_context(tally: Tally, settings: Settings, as_of: date, docno: str) -> dict:
    """The 年度情况报告 context: figures, prose, tables, status, problems, next steps, 版记."""
    section = settings.documents
    pending = sorted_items(pending_items(tally), settings)
    status = [{"name": label(settings, s.submitter) if s.submitter else
               f"（市级{s.role}）" if s.role else "（未识别单位）", "file": s.file,
               "status": STATUS_CN.get(s.status, s.status),
               "fill_date": date_cn(s.fill_date) if s.fill_date else ""} for s in tally.submissions]
    status += [{"name": label(settings, m), "file": "", "status": STATUS_CN["missing"], "fill_date": ""}
               for m in tally.missing if m not in {s.submitter for s in tally.submissions}]
    return {**common_context(settings, tally, as_of, docno), **report_additions(tally, settings, as_of),
            "title": f"关于{tally.year}年落后产能退出工作情况的报告",
            "addressee": section.report_to,
            "summary": sentences_total(tally, settings), "counties_text": sentences_counties(tally, settings),
            "methods_text": sentences_methods(tally), "grounds_text": sentences_grounds(tally),
            "pending_text": sentences_pending(tally, settings),
            "submissions_text": sentences_submissions(tally, settings),
            "problems_text": sentences_problems(tally),
            "county_rows": total_rows(tally.by_county, "county"),
            "industry_rows": total_rows(industry_totals(tally, settings), "industry"),
            "method_rows": total_rows(tally.by_method, "method"),
            "ground_rows": total_rows(tally.by_ground, "ground"),
            "pending_rows": [item_row(i, n) for n, i in enumerate(pending, 1)],
            "submission_rows": status, "problem_rows": problem_rows(tally),
            "next_steps": next_steps(section.next_steps),
            "cc": "，".join(section.report_cc), "printer": section.printer}


def example(job: Job) -> dict:
    return report_context(job.tally, job.settings, job.as_of, job.docno(TYPE))


def plan(job: Job) -> list:
    section = job.settings.documents
    return [job.document(TYPE, f"年度情况报告-{job.year}年", example(job), to=[section.report_to],
                         cc=section.report_cc)]


TYPE = DocType("年度情况报告", genre="报告", format="文件", direction="上行", issuers="市工信局",
               recipients="市人民政府（抄送自治区工业和信息化厅、自治区发展改革委）", when="年末", plan=plan,
               example=example)
