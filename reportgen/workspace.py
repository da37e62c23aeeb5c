"""A year's workspace: its paths, `init`, and the atomic replacement of out/."""
from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportgen.config import CONFIG_NAME, Settings, default_text
from reportgen.errors import UsageError


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
                config: Path | None = None) -> "Workspace":
        root = (base or Path.cwd()) / str(year)
        if config is None and (root / CONFIG_NAME).is_file():
            config = root / CONFIG_NAME
        return cls(year, root, Path(inbox) if inbox else root / "inbox", Path(out) if out else root / "out", config)

    def check_inbox(self) -> None:
        if not self.inbox.is_dir():
            raise UsageError(f"收件箱文件夹不存在：{self.inbox}。请先运行 reportgen init {self.year}，"
                             f"或用 --inbox 指定存放报送表的文件夹")

    def check_out(self) -> None:
        inbox, out = self.inbox.resolve(), self.out.resolve()
        if out == inbox or inbox in out.parents:
            raise UsageError(f"输出文件夹 {self.out} 在收件箱之内：reportgen 从不向收件箱写文件，请用 --out 指定其他文件夹")
        if out in inbox.parents:
            raise UsageError(f"输出文件夹 {self.out} 包含收件箱：整体替换输出文件夹会删除收件箱，请用 --out 指定其他文件夹")
        if out.exists() and not out.is_dir():
            raise UsageError(f"输出位置 {self.out} 是一个文件，不是文件夹")


def shipped_templates() -> Path:
    """The shipped .docx templates: package data (setup.cfg maps the top-level templates/ to it)."""
    return Path(str(resources.files("reportgen.templates")))


def template_dirs(ws: "Workspace") -> list[Path]:
    """Where templates are looked up, first match wins: the year's templates/, then the shipped ones."""
    return [ws.root / "templates", shipped_templates()]


def init_workspace(year: int, root: Path, settings: Settings) -> list[Path]:
    """Create reportgen.toml, inbox/ and forms/ (one blank form per expected submitter); never overwrite."""
    from reportgen.write.forms import form_filename, write_form

    written: list[Path] = []
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
    return written


@contextmanager
def staged_out(out: Path):
    """A fresh temporary folder beside out/; on success it replaces out/ whole, on failure it is removed."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.parent / f".{out.name}.new-{uuid.uuid4().hex[:8]}"
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
    try:
        if out.exists():
            os.replace(out, old)
        os.replace(stage, out)
    except OSError as exc:
        if old.exists() and not out.exists():
            os.replace(old, out)
        shutil.rmtree(stage, ignore_errors=True)
        raise UsageError(f"无法替换输出文件夹 {out}：{exc.strerror}。请关闭正在打开的输出文件（如在Excel或WPS中打开的汇总表）后重试") from None
    shutil.rmtree(old, ignore_errors=True)
