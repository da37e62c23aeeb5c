"""A year's workspace: its paths, `init`, and the atomic replacement of out/."""
from __future__ import annotations

import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportgen.config import CONFIG_NAME, Settings, default_text
from reportgen.errors import UsageError, os_reason

MARKER = ".reportgen"  # in out/: this folder is reportgen's output and may be replaced whole
STALE_AFTER = 6 * 3600  # seconds: a staging folder this old is stale even if its process id is in use again


@dataclass(frozen=True)
class Workspace:
    """Where a year's configuration, inbox and outputs are."""

    year: int
    root: Path
    inbox: Path
    out: Path
    config: Path | None  # None: the shipped defaults

    @classmethod
    def resolve(cls, year: int, base: Path | None = None, inbox: Path | None = None, out: Path | None = None,
                config: Path | None = None) -> Workspace:
        root = (base or Path.cwd()) / str(year)
        if config is None and (root / CONFIG_NAME).is_file():
            config = root / CONFIG_NAME
        return cls(year, root, Path(inbox) if inbox else root / "inbox", Path(out) if out else root / "out", config)

    def check_inbox(self) -> None:
        if not self.inbox.is_dir():
            raise UsageError(f"收件箱文件夹不存在：{self.inbox}。请先运行 reportgen init {self.year}，"
                             f"或用 --inbox 指定存放报送表的文件夹")

    def check_out(self) -> None:
        """out/ may be replaced only when it is absent, empty, or a previous reportgen output (it holds MARKER)."""
        inbox, out = self.inbox.resolve(), self.out.resolve()
        if out == inbox or inbox in out.parents:
            raise UsageError(f"输出文件夹 {self.out} 在收件箱之内：reportgen 从不向收件箱写文件，请用 --out 指定其他文件夹")
        if out in inbox.parents:
            raise UsageError(f"输出文件夹 {self.out} 包含收件箱：整体替换输出文件夹会删除收件箱，请用 --out 指定其他文件夹")
        if out.exists() and not out.is_dir():
            raise UsageError(f"输出位置 {self.out} 是一个文件，不是文件夹：请用 --out 指定一个文件夹")
        foreign = _foreign_entries(self.out)
        if foreign:
            shown = "、".join(foreign[:3]) + ("等" if len(foreign) > 3 else "")
            raise UsageError(f"输出文件夹 {self.out} 中已有其他文件（{shown}），不是 reportgen 生成的：生成时会整体替换"
                             f"该文件夹，这些文件将被删除。请用 --out 指定一个新的或空的文件夹，或先把其中的文件移走"
                             f"（若它是旧版 reportgen 生成的输出文件夹，确认无用后删除即可）")


def _foreign_entries(out: Path) -> list[str]:
    """The names in an existing out/ that is not a previous reportgen output ([] when it may be replaced)."""
    try:
        if not out.is_dir() or (out / MARKER).is_file():
            return []
        return sorted(p.name for p in out.iterdir())
    except PermissionError:
        raise UsageError(f"没有权限读取输出文件夹 {out}：请检查该文件夹的权限，或用 --out 指定其他文件夹") from None
    except OSError as exc:
        raise UsageError(f"无法读取输出文件夹 {out}（{reason(exc)}）：请用 --out 指定其他文件夹") from None


def shipped_templates() -> Path:
    """The shipped .docx templates: package data (setup.cfg maps the top-level templates/ to it)."""
    return Path(str(resources.files("reportgen.templates")))


def template_dirs(ws: Workspace) -> list[Path]:
    """Where templates are looked up, first match wins: the year's templates/, then the shipped ones."""
    return [ws.root / "templates", shipped_templates()]


def init_workspace(year: int, root: Path, settings: Settings) -> list[Path]:
    """Create reportgen.toml, inbox/ and forms/ (one blank form per expected submitter); never overwrite."""
    from reportgen.write.forms import form_filename, write_form

    written: list[Path] = []
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / "inbox").mkdir(exist_ok=True)
        forms = root / "forms"
        forms.mkdir(exist_ok=True)
        config = root / CONFIG_NAME
        if not config.exists():
            config.write_text(default_text().replace("\r\n", "\n"), encoding="utf-8", newline="\n")
            written.append(config)
        for sub in settings.submitters:
            if not sub.expected:
                continue
            path = forms / form_filename(sub, year)
            if not path.exists():
                write_form(path, settings, sub, year)
                written.append(path)
    except OSError as exc:
        raise _write_error(exc, root, "无法创建年度工作目录") from None
    return written


def marker_text() -> str:
    """What out/.reportgen says: the same bytes for every build of one version."""
    from reportgen import __version__  # at call time: the package's __init__ may import this module
    return (f"reportgen {__version__}\n此文件夹由 reportgen build 生成，每次生成时整体替换，"
            f"请勿在其中存放其他文件。\n")


@contextmanager
def staged_out(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside out/ (holding MARKER); on success it replaces out/ whole, on failure it is
    removed. Staging folders left by killed builds are cleaned first. OSError becomes a UsageError naming the path."""
    out = Path(out)
    tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    stage = out.parent / f".{out.name}.new-{tag}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(out)
        stage.mkdir()
        (stage / MARKER).write_text(marker_text(), encoding="utf-8", newline="\n")
    except OSError as exc:
        raise _write_error(exc, out.parent, "无法在此创建输出文件夹") from None
    try:
        yield stage
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise _write_error(exc, out, "写入输出文件时出错") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _swap(stage, out, out.parent / f".{out.name}.old-{tag}")


def _swap(stage: Path, out: Path, old: Path) -> None:
    try:
        if out.exists():
            os.replace(out, old)
        os.replace(stage, out)
    except OSError as exc:
        if old.exists() and not out.exists():
            os.replace(old, out)
        shutil.rmtree(stage, ignore_errors=True)
        raise UsageError(f"无法替换输出文件夹 {out}（{reason(exc)}）。请关闭正在打开的输出文件（如在Excel或WPS中打开的汇总表）后重试") from None
    shutil.rmtree(old, ignore_errors=True)


def reason(exc: OSError) -> str:
    """An OSError's cause in Chinese (see errors.os_reason)."""
    return os_reason(exc)


def _write_error(exc: OSError, where: Path, what: str) -> UsageError:
    path = exc.filename or where
    return UsageError(f"{what}：{path}（{reason(exc)}）。请检查该位置的权限、磁盘空间和路径，或换一个文件夹")


_STAGING = re.compile(r"\.(?P<name>.+)\.(?P<kind>new|old)-(?:(?P<pid>\d+)-)?[0-9a-f]{8}")


def clean_stale(out: Path) -> list[Path]:
    """Remove the staging folders of builds into `out` that were killed (.out.new-*, .out.old-*); a left-over
    previous output (.out.old-*) comes back as out/ when out/ is gone. Returns what was removed or restored."""
    cleaned = []
    try:
        siblings = list(out.parent.iterdir())
    except OSError:
        return []
    for path in sorted(siblings):
        found = _STAGING.fullmatch(path.name)
        if not found or found["name"] != out.name or not path.is_dir() or _running(found["pid"], path):
            continue
        if found["kind"] == "old" and not out.exists():  # killed between the two renames: the output comes back
            os.replace(path, out)
        else:
            shutil.rmtree(path, ignore_errors=True)
        cleaned.append(path)
    return cleaned


def _running(pid: str | None, path: Path) -> bool:
    """Whether the build that made a staging folder may still be running (then it is not ours to remove)."""
    if pid is None:
        return False  # named by a version that did not record its process: long finished
    try:
        if time.time() - path.stat().st_mtime > STALE_AFTER:
            return False
    except OSError:
        return False
    if int(pid) == os.getpid():
        return True
    if os.name == "nt":  # no portable probe of another process without a dependency: trust the age alone
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
