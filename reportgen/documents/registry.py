"""The registry of document types, one line each, in the order documents are planned and numbered.

Adding a type is one module under documents/types (its DocType named TYPE) plus one line here;
plan_documents, template_contexts, tools/make_templates.py, `reportgen templates` and the tests
read this list.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from reportgen.config import Settings
from reportgen.documents.common import Context, DocType, Document, Job
from reportgen.documents.types import (annual_report, bulletin, case_cancel, case_close, case_remind, check_letter, dismantle_letter,
                                       exceedance_list, exit_notice, funds_letter, plan_request,
                                       report_notice,
                                       price_letter, publish_request, rectify_notice, red_list, region_report, remind_all,
                                       remind_letter,
                                       summon_letter, task_letter, yellow_list)
from reportgen.errors import ReportgenError
from reportgen.models import Tally


class Renderer(Protocol):
    """What writing documents needs of render.Renderer (the only docxtpl importer)."""

    def write_all(self, jobs: Sequence[tuple[str, dict[str, Any], Path]]) -> None: ...

TYPES: tuple[DocType, ...] = (
    plan_request.TYPE,
    report_notice.TYPE,
    task_letter.TYPE,
    remind_all.TYPE,
    remind_letter.TYPE,
    check_letter.TYPE,
    exit_notice.PUBLICITY,
    exit_notice.NOTICE,
    bulletin.TYPE,
    summon_letter.TYPE,
    rectify_notice.TYPE,
    case_remind.TYPE,
    case_close.TYPE,
    case_cancel.TYPE,
    yellow_list.TYPE,
    red_list.TYPE,
    exceedance_list.TYPE,
    publish_request.TYPE,
    price_letter.TYPE,
    dismantle_letter.TYPE,
    funds_letter.TYPE,
    annual_report.TYPE,
    region_report.TYPE,
)
KINDS = tuple(t.name for t in TYPES)
BY_NAME = {t.name: t for t in TYPES}
assert len(BY_NAME) == len(TYPES), "two document types share a name"


def plan_documents(tally: Tally, settings: Settings, as_of: date, only: Iterable[str] | None = None) -> list[Document]:
    """Every document the tally yields as of `as_of`, type by type in registry order (`only`: those types)."""
    wanted = set(only) if only is not None else None
    job = Job(tally, settings, as_of)
    docs: list[Document] = []
    for kind in TYPES:
        if wanted is None or kind.name in wanted:
            docs += kind.plan(job)
    return docs


def template_contexts(tally: Tally, settings: Settings, as_of: date) -> dict[str, Context]:
    """One context per document type, whether or not this tally yields such a document (to check templates)."""
    job = Job(tally, settings, as_of)
    return {kind.name: kind.example(job) for kind in TYPES}


def write_documents(docs: list[Document], renderer: Renderer, out_dir: Path) -> list[Path]:
    """Render each document with `renderer` and write it to out_dir/<filename>; the paths written."""
    jobs = document_jobs(docs, out_dir)
    renderer.write_all(jobs)
    return [path for _t, _c, path in jobs]


def document_jobs(docs: list[Document], out_dir: Path) -> list[tuple[str, Context, Path]]:
    """(template, context, path) of each document in out_dir (made), every path checked to stay inside it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    jobs = []
    for doc in docs:
        path = out_dir / doc.filename
        if path.resolve().parent != root:
            raise ReportgenError(f"文书文件名「{doc.filename}」不安全：不能写到输出文件夹 {out_dir} 之外")
        jobs.append((doc.template, doc.context, path))
    return jobs
