"""Finding the inbox's files: every file under the inbox in a stable order, and what could not be looked at.

Lock files (~$...), hidden and system files are left out by design. An unreadable folder, a link to nothing and
a link to a folder are not silent: each is an ``Unreached`` entry that becomes a warning (a Submission of status
"unreadable"), so that nothing the clerk put in the inbox goes unmentioned.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import UsageError, os_reason
from reportgen.models import Submission
from reportgen.problems import make as make_problem

SKIP_NAMES = {"thumbs.db", "desktop.ini"}
FOLDER_UNREADABLE = "inbox-folder-unreadable"
LINK_DANGLING = "inbox-link-dangling"
LINK_TO_FOLDER = "inbox-link-folder"

@dataclass(frozen=True)
class Unreached:
    """Something in the inbox that could not be looked at."""

    file: str  # inbox-relative, "/" separators
    code: str  # FOLDER_UNREADABLE | LINK_DANGLING | LINK_TO_FOLDER
    reason: str = ""  # Chinese, for an unreadable folder

    def submission(self) -> Submission:
        """The entry as a Submission the tally lists (status unreadable) with its warning."""
        problem = make_problem(self.code, file=self.file, where="", path=self.file, reason=self.reason)
        return Submission(self.file, "unreadable", problems=(problem,))


@dataclass(frozen=True)
class InboxListing:
    files: tuple[Path, ...] = ()  # sorted by posix relative path
    unreached: tuple[Unreached, ...] = field(default=())  # sorted likewise


def list_inbox(inbox: Path) -> InboxListing:
    """Every file under `inbox` (sorted), minus lock, hidden and system files, and what could not be looked at.
    An inbox that exists but cannot be opened at all is a UsageError naming it."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        return InboxListing()
    found: list[tuple[str, Path]] = []
    unreached: list[Unreached] = []

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename or inbox)
        reason = os_reason(exc)
        if folder == inbox:
            raise UsageError(f"收件箱文件夹 {inbox} 打不开（{reason}）：请检查该文件夹的权限，或用 --inbox 指定其他文件夹")
        unreached.append(Unreached(_relative(folder, inbox), FOLDER_UNREADABLE, reason))

    for root, dirs, files in os.walk(inbox, onerror=unreadable):
        base = Path(root)
        dirs[:] = [d for d in dirs if not _hidden(base / d, d) and not _linked_folder(base / d, inbox, unreached)]
        for name in files:
            path = base / name
            if _hidden(path, name) or name.startswith("~$") or name.lower() in SKIP_NAMES:
                continue
            if path.is_file():
                found.append((_relative(path, inbox), path))
            elif path.is_symlink() and not path.exists():
                unreached.append(Unreached(_relative(path, inbox), LINK_DANGLING))
    return InboxListing(tuple(p for _, p in sorted(found)), tuple(sorted(unreached, key=lambda u: u.file)))


def _relative(path: Path, inbox: Path) -> str:
    return path.relative_to(inbox).as_posix()


def _linked_folder(path: Path, inbox: Path, unreached: list[Unreached]) -> bool:
    """A link to a folder is not followed (it could lead back into the inbox): reported, not walked."""
    if path.is_symlink():
        unreached.append(Unreached(_relative(path, inbox), LINK_TO_FOLDER))
        return True
    return False


def _hidden(path: Path, name: str) -> bool:
    if name.startswith("."):
        return True
    attrs = getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0)
    if attrs:  # Windows only
        try:
            return bool(os.stat(path).st_file_attributes & attrs)  # type: ignore[attr-defined]
        except (OSError, AttributeError):
            return False
    return False
