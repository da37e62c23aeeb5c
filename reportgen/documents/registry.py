"""The registry of document types: which documents a tally yields, in order, and one context per type."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportgen.config import Settings
from reportgen.documents.common import Document, Numbers
from reportgen.documents.enforcement import enforcement_contexts, plan_enforcement
from reportgen.documents.plan import _BySubmitter, check_context, notice_context, remind_context, report_context
from reportgen.documents.progress import plan_progress, progress_contexts
from reportgen.documents.text import safe_filename
from reportgen.errors import ReportgenError
from reportgen.models import Tally


KINDS = ("年度情况报告", "公告", "核对函", "催报函",  # and those of letters_enforcement / letters_progress:
         "限期整改通知书", "黄牌名单公告", "红牌名单公告", "超标排放名单公告", "差别价格函",
         "进度通报", "约谈通知", "任务分工通知")


def plan_documents(tally: Tally, settings: Settings, as_of: date) -> list[Document]:
    """Every document the tally yields: the report, the 公告, a 核对函 per sender, a 催报函 per missing."""
    numbers, taken = Numbers(settings, tally.year), set()
    docs = [Document("年度情况报告", safe_filename(f"年度情况报告-{tally.year}年", taken),
                     report_context(tally, settings, as_of, numbers.take("年度情况报告"))),
            Document("公告", safe_filename(f"公告-{tally.year}年落后产能退出企业名单", taken),
                     notice_context(tally, settings, as_of, numbers.take("公告")))]
    senders = {s.submitter for s in tally.submissions if s.submitter and s.status != "missing"}
    missing, index = set(tally.missing), _BySubmitter(tally)
    for who in settings.submitters:
        if senders & set(who.names()) and not missing & set(who.names()):
            docs.append(Document("核对函", safe_filename(f"核对函-{who.short}", taken),
                                 check_context(tally, settings, as_of, numbers.take("核对函"), who, index)))
    for name in tally.missing:
        who = settings.find_submitter(name)
        if who is not None:
            docs.append(Document("催报函", safe_filename(f"催报函-{who.short}", taken),
                                 remind_context(tally, settings, as_of, numbers.take("催报函"), who)))

    docs += plan_enforcement(tally, settings, as_of, numbers, taken)
    docs += plan_progress(tally, settings, as_of, numbers, taken)
    return docs


def write_documents(docs: list[Document], renderer, out_dir: Path) -> list[Path]:
    """Render each document with `renderer` and write it to out_dir/<filename>; the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    written = []
    for doc in docs:
        path = out_dir / doc.filename
        if path.resolve().parent != root:
            raise ReportgenError(f"文书文件名「{doc.filename}」不安全：不能写到输出文件夹 {out_dir} 之外")
        path.write_bytes(renderer.render(doc.template, doc.context))
        written.append(path)
    return written


def template_contexts(tally: Tally, settings: Settings, as_of: date) -> dict[str, dict]:
    """One context per document type, whether or not this tally yields such a document (to check templates)."""
    numbers = Numbers(settings, tally.year)
    who = settings.submitters[0]

    return {"年度情况报告": report_context(tally, settings, as_of, numbers.take("年度情况报告")),
            "公告": notice_context(tally, settings, as_of, numbers.take("公告")),
            "核对函": check_context(tally, settings, as_of, numbers.take("核对函"), who),
            "催报函": remind_context(tally, settings, as_of, numbers.take("催报函"), who),
            **enforcement_contexts(tally, settings, as_of, numbers),
            **progress_contexts(tally, settings, as_of, numbers)}
