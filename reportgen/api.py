"""The library: ``load_settings``, ``check`` and ``build`` (re-exported by ``reportgen``), and the run behind them.

The run: find files -> read each -> tally -> write outputs. cli.py calls only the public functions here.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from reportgen import config
from reportgen.config import Settings
from reportgen.errors import UsageError
from reportgen.models import Submission, Tally
from reportgen.parallel import run_all
from reportgen.parse.inbox import read_in_children
from reportgen.parse.intake import read_submission
from reportgen.read.find import list_inbox
from reportgen.tally.aggregate import tally
from reportgen.workspace import Workspace, staged_out, template_dirs

Progress = Callable[[int, int, str], None]  # (done, total, current file)
PathLike = str | os.PathLike[str]

PARALLEL_FROM = 64  # files; below this a process pool costs more than it saves
SUMMARY_NAME = "汇总表.xlsx"
TALLY_NAME = "tally.json"
DOCS_DIR = "文书"


@dataclass(frozen=True)
class TemplateReport:
    """One template in use: where it comes from and what is wrong with it."""

    name: str
    path: Path
    own: bool  # True: the year's own templates/ folder; False: shipped
    errors: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class BuildResult:
    """What `build` wrote: the tally it wrote from, the output folder and every file in it (sorted as written)."""

    tally: Tally
    out: Path
    written: tuple[Path, ...]


# ---------------------------------------------------------------- the library

def load_settings(path: PathLike | None = None) -> Settings:
    """The settings: the shipped defaults, overlaid with the reportgen.toml at `path` when given; checked once.

    A bad file or value raises ``reportgen.errors.ConfigError`` whose Chinese message names the key.

    >>> from reportgen import load_settings
    >>> settings = load_settings()
    >>> settings.region, [c.name for c in settings.counties][:2]
    ('银川市', ['兴庆区', '西夏区'])
    """
    return config.load_settings(Path(path) if path is not None else None)


def check(inbox: PathLike, *, year: int, settings: Settings | None = None, as_of: date | None = None,
          root: PathLike | None = None, progress: Progress | None = None) -> Tally:
    """Read and check every workbook under `inbox` and tally the year; nothing is written.

    `settings` default to ``load_settings()``; `as_of` (deadlines, overdue cases) to today; `root` is the year's
    folder that a relative ``[plan] file`` is read from (default: the inbox's parent); `progress(done, total, file)`
    is called after each file. Bad files never raise: they are ``Problem`` values in ``tally.problems``.

    >>> from datetime import date
    >>> from reportgen import check
    >>> tally = check("samples/2021/inbox", year=2021, as_of=date(2021, 12, 1))
    >>> tally.accounting.balanced(), tally.errors > 0, tally.by_industry[0][0]
    (True, True, '水泥')
    >>> p = tally.problems[0]
    >>> p.severity in ("error", "warning"), p.message.startswith(p.file)
    (True, True)
    """
    ws = _workspace(inbox, None, year, root)
    return check_workspace(ws, settings or load_settings(), as_of or date.today(), progress)


def build(inbox: PathLike, out: PathLike, *, year: int, settings: Settings | None = None, as_of: date | None = None,
          root: PathLike | None = None, pdf: bool = False, progress: Progress | None = None) -> BuildResult:
    """`check`, then replace the folder `out` as a whole: tally.json, 汇总表.xlsx, the documents, the marked-up
    workbooks and the 发文登记簿 (``pdf=True``: PDF copies through LibreOffice).

    `out` must be absent, empty or an earlier output (``UsageError`` otherwise: nothing of the clerk's is deleted);
    a build that fails leaves the earlier output as it was. Other arguments as for `check`.

    >>> import tempfile
    >>> from datetime import date
    >>> from pathlib import Path
    >>> from reportgen import build
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> result = build("samples/2021/inbox", out, year=2021, as_of=date(2021, 12, 1))
    >>> (out / "tally.json").is_file(), result.tally.year, len(result.written) > 10
    (True, 2021, True)
    """
    ws = _workspace(inbox, out, year, root)
    return build_workspace(ws, settings or load_settings(), as_of or date.today(), progress, pdf)


def tally_json(tally: Tally) -> str:
    """The text of tally.json for `tally` (what `build` writes and ``reportgen check --json`` prints).

    >>> import json
    >>> from datetime import date
    >>> from reportgen import check, tally_json
    >>> data = json.loads(tally_json(check("samples/2021/inbox", year=2021, as_of=date(2021, 12, 1))))
    >>> data["year"], sorted(data["problems"][0])[:3]
    (2021, ['category', 'cell', 'code'])
    """
    from reportgen.write.tally_json import dumps, tally_dict

    return dumps(tally_dict(tally))


def workspace(year: int, base: PathLike | None = None, inbox: PathLike | None = None, out: PathLike | None = None,
              config_path: PathLike | None = None) -> Workspace:
    """The year's folders as the command line finds them: base/YEAR/{reportgen.toml, inbox, out}."""
    return Workspace.resolve(year, _path(base), _path(inbox), _path(out), _path(config_path))


def init(year: int, base: PathLike | None = None) -> tuple[Workspace, list[Path]]:
    """Create base/YEAR/ (reportgen.toml, inbox/, forms/ with a blank form per submitter); existing files are kept.
    Returns the workspace and the files written."""
    from reportgen.workspace import init_workspace

    ws = workspace(year, base)
    return ws, init_workspace(year, ws.root, load_settings(ws.config))


def _path(value: PathLike | None) -> Path | None:
    return Path(value) if value is not None else None


def _workspace(inbox: PathLike, out: PathLike | None, year: int, root: PathLike | None) -> Workspace:
    inbox = Path(inbox)
    base = Path(root) if root is not None else inbox.parent
    return Workspace(year, base, inbox, Path(out) if out is not None else base / "out", None)


# ---------------------------------------------------------------- the run

@contextmanager
def without_gc() -> Iterator[None]:
    """Reading makes hundreds of thousands of small records and no cycles worth collecting: the cyclic
    collector would walk the growing heap again and again (measured: 15 % of reading, 45 % of the tally)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_inbox(inbox: Path, settings: Settings, progress: Progress | None = None) -> list[Submission]:
    """Every inbox file read into a Submission, in a stable order; one bad file never stops the others."""
    listing = list_inbox(inbox)
    files, unreached = list(listing.files), [u.submission() for u in listing.unreached]
    total = len(files)
    workers = min(os.cpu_count() or 1, 8)
    subs: list[Submission] = []
    if total >= PARALLEL_FROM and workers > 1:
        return read_in_children(files, inbox, settings, workers, progress) + unreached
    for n, path in enumerate(files, 1):
        subs.append(read_submission(path, inbox, settings))
        if progress:
            progress(n, total, subs[-1].file)
    return subs + unreached


def read_plan(ws: Workspace, settings: Settings) -> list[Submission]:
    """The year's plan workbook named in [plan] file (relative to the workspace), when one is configured."""
    name = settings.plan.file
    if not name:
        return []
    path = Path(name) if Path(name).is_absolute() else ws.root / name
    if not path.is_file():
        raise UsageError(f"配置项「plan.file」指定的目标任务工作簿不存在：{path}。请核对路径，或把该项留空、将工作簿放进收件箱")
    if ws.inbox.resolve() in path.resolve().parents:
        return []  # already read with the inbox: reading it again would count its targets twice
    base = ws.root if ws.root.resolve() in path.resolve().parents else path.parent
    return [read_submission(path.resolve(), base.resolve(), settings)]


def check_workspace(ws: Workspace, settings: Settings, as_of: date, progress: Progress | None = None) -> Tally:
    """Read and validate the inbox (and the configured plan workbook); nothing is written."""
    ws.check_inbox()
    with without_gc():
        plan = read_plan(ws, settings)
        return tally(read_inbox(ws.inbox, settings, progress) + plan, settings, ws.year, as_of)


def build_workspace(ws: Workspace, settings: Settings, as_of: date, progress: Progress | None = None,
                    pdf: bool = False) -> BuildResult:
    """Check, then write out/ as a whole: tally.json, 汇总表.xlsx, the documents (and their PDF copies), the
    marked-up workbooks and the 发文登记簿."""
    from reportgen.dispatch import write_dispatch
    from reportgen.write.pdf import find_soffice

    ws.check_inbox()
    ws.check_out()
    soffice = find_soffice(settings.pdf.soffice) if pdf else None
    result = check_workspace(ws, settings, as_of, progress)
    from reportgen.documents.registry import document_jobs, plan_documents
    from reportgen.documents.render import Renderer
    from reportgen.write.summary import write_summary
    from reportgen.write.tally_json import write_tally

    docs = plan_documents(result, settings, as_of)
    renderer = Renderer(template_dirs(ws))
    with staged_out(ws.out) as stage:
        jobs = document_jobs(docs, stage / DOCS_DIR)
        # one pool for all: the 汇总表 and tally.json are written while the documents are rendered
        run_all([partial(write_summary, stage / SUMMARY_NAME, result, settings),
                 partial(write_tally, stage / TALLY_NAME, result), *renderer.tasks(jobs)])
        names = [TALLY_NAME, SUMMARY_NAME] + [f"{DOCS_DIR}/{p.name}" for _t, _c, p in jobs]
        names += write_dispatch(stage, result, docs, DOCS_DIR, ws.inbox, settings, as_of, soffice)
    return BuildResult(result, ws.out, tuple(ws.out / n for n in names))


def check_templates(ws: Workspace, settings: Settings, as_of: date) -> list[TemplateReport]:
    """Each template in use, checked: jinja syntax, variables against the context, GB/T 9704 layout rules."""
    from reportgen.documents.registry import template_contexts
    from reportgen.documents.render import Renderer
    from reportgen.gbt9704.conformance import check_template

    dirs = template_dirs(ws)
    renderer = Renderer(dirs)
    subs = read_inbox(ws.inbox, settings) if ws.inbox.is_dir() else []
    contexts = template_contexts(tally(subs, settings, ws.year, as_of), settings, as_of)
    reports = []
    for name in renderer.names():
        path = renderer.path(name)
        found = renderer.check(name, set(contexts[name])) if name in contexts else \
            [f"模板「{path.name}」不对应任何文书（可用的文书：{'、'.join(contexts)}），不会被使用"]
        errors = [f for f in found if not f.startswith("（提示）")]
        notes = [f for f in found if f.startswith("（提示）")]
        for finding in check_template(path):
            line = f"{finding.where}：{finding.message}"
            (errors if finding.severity == "error" else notes).append(line)
        reports.append(TemplateReport(name, path, path.parent == dirs[0], tuple(errors), tuple(notes)))
    return reports
