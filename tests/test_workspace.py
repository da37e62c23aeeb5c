"""Output safety: out/ replaced only when it is reportgen's, staging folders of killed builds cleaned, permission
and path errors exit 2 naming the path (never a traceback). Works as root: no test relies on chmod."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import workspace
from reportgen.cli import main
from reportgen.workspace import MARKER, STALE_AFTER, clean_stale, marker_text, staged_out
from tests.conftest import write_xlsx
from tests.test_intake import HEADER, row, top


def run(args, cwd: Path):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, prog_name="reportgen")
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def year(tmp_path) -> Path:
    """A year folder with a one-file inbox that builds with exit 0."""
    write_xlsx(tmp_path / "2021" / "inbox" / "贺兰县.xlsx", {"S": top() + [HEADER, row(1)]})
    return tmp_path / "2021"


def build(year: Path, *extra: str):
    return run(["build", "2021", "--date", "2021-12-01", *extra], year.parent)


def test_out_is_marked_and_rebuilt(year):
    first = build(year)
    assert first.exit_code == 0, first.output
    assert (year / "out" / MARKER).read_text(encoding="utf-8") == marker_text()
    assert build(year).exit_code == 0  # a previous reportgen output is replaced
    assert (year / "out" / "tally.json").is_file()


def test_an_empty_out_folder_is_used(year):
    (year / "mine").mkdir()
    assert build(year, "--out", str(year / "mine")).exit_code == 0
    assert (year / "mine" / MARKER).is_file()


def test_an_ordinary_folder_is_refused_and_kept(year):
    mine = year / "我的文件"
    mine.mkdir()
    (mine / "预算.xlsx").write_bytes(b"the clerk's own file")
    (mine / "照片").mkdir()
    result = build(year, "--out", str(mine))
    assert result.exit_code == 2
    assert f"错误：输出文件夹 {mine} 中已有其他文件（照片、预算.xlsx），不是 reportgen 生成的" in result.output
    assert "请用 --out 指定一个新的或空的文件夹" in result.output
    assert (mine / "预算.xlsx").read_bytes() == b"the clerk's own file" and sorted(os.listdir(mine)) == ["照片", "预算.xlsx"]
    assert not [p for p in year.iterdir() if p.name.startswith(".")]  # no staging folder either


def test_out_that_is_a_file_is_refused(year):
    (year / "out.txt").write_text("x", encoding="utf-8")
    result = build(year, "--out", str(year / "out.txt"))
    assert result.exit_code == 2 and f"输出位置 {year / 'out.txt'} 是一个文件" in result.output


def test_out_under_a_regular_file_is_exit_2_naming_the_path(year):
    (year / "note.txt").write_text("x", encoding="utf-8")
    result = build(year, "--out", str(year / "note.txt" / "out"))
    assert result.exit_code == 2
    assert f"错误：无法在此创建输出文件夹：{year / 'note.txt'}（已有同名的文件）" in result.output


def test_unwritable_out_folder_is_exit_2_naming_the_path(year, monkeypatch):
    """Root ignores permissions, so the refusal the system would give is raised where the stage is made."""
    real = Path.mkdir

    def refuse(self, *args, **kwargs):
        if self.name.startswith(".out.new-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = build(year)
    assert result.exit_code == 2
    assert f"无法在此创建输出文件夹：{year}{os.sep}.out.new-" in result.output and "（没有权限）" in result.output


def test_a_failed_write_keeps_the_previous_out_and_leaves_no_stage(year, monkeypatch):
    assert build(year).exit_code == 0
    before = (year / "out" / "tally.json").read_bytes()
    import reportgen.write.summary as summary

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "汇总表.xlsx")

    monkeypatch.setattr(summary, "write_summary", full)
    result = build(year)
    assert result.exit_code == 2 and "写入输出文件时出错：汇总表.xlsx（磁盘空间不足）" in result.output
    assert (year / "out" / "tally.json").read_bytes() == before
    assert not [p for p in year.iterdir() if p.name.startswith(".out.")]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_staging_folders_are_cleaned(tmp_path):
    out = tmp_path / "out"
    dead = tmp_path / f".out.new-{_dead_pid()}-0123abcd"
    legacy = tmp_path / ".out.new-89abcdef"  # named before stages carried their process id
    running = tmp_path / f".out.new-{os.getpid()}-fedcba98"
    aged = tmp_path / f".out.new-{os.getppid()}-00000000"  # a live process id, but far too old
    other = tmp_path / f".other.new-{_dead_pid()}-11111111"  # another output's stage is not ours
    for path in (dead, legacy, running, aged, other):
        path.mkdir()
        (path / "tally.json").write_text("{}", encoding="utf-8")
    old = time.time() - STALE_AFTER - 60
    os.utime(aged, (old, old))
    assert sorted(clean_stale(out)) == sorted([dead, legacy, aged])
    assert running.is_dir() and other.is_dir() and not dead.exists() and not legacy.exists() and not aged.exists()


def test_a_build_killed_between_the_renames_gets_its_output_back(tmp_path):
    out = tmp_path / "out"
    left = tmp_path / f".out.old-{_dead_pid()}-0123abcd"
    left.mkdir()
    (left / "tally.json").write_text('{"kept": true}', encoding="utf-8")
    with staged_out(out) as stage:  # the next build first restores, then replaces as usual
        assert (out / "tally.json").read_text(encoding="utf-8") == '{"kept": true}'
        (stage / "tally.json").write_text("{}", encoding="utf-8")
    assert (out / "tally.json").read_text(encoding="utf-8") == "{}" and not left.exists()


def test_a_build_cleans_what_a_killed_build_left(year):
    stale = year / f".out.new-{_dead_pid()}-0123abcd"
    stale.mkdir()
    assert build(year).exit_code == 0 and not stale.exists()


def test_init_where_it_cannot_create_is_exit_2(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run(["init", "2021", "--dir", str(tmp_path / "file")], tmp_path)
    assert result.exit_code == 2
    assert f"无法创建年度工作目录：{tmp_path / 'file' / '2021'}（路径中有一段是文件，不是文件夹）" in result.output


def test_unreadable_config_is_exit_2_naming_it(year, monkeypatch):
    config = year / "reportgen.toml"
    config.write_text('region = "银川市"\n', encoding="utf-8")
    real = Path.read_text

    def refuse(self, *args, **kwargs):
        if self == config:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    result = build(year)
    assert result.exit_code == 2 and f"错误：没有权限读取配置文件 {config}" in result.output
    assert not (year / "out").exists()


def test_reason_names_the_usual_causes_in_chinese():
    assert workspace.reason(OSError(errno.EROFS, "Read-only file system")) == "该位置只读"
    assert workspace.reason(OSError(errno.ENOTEMPTY, "Directory not empty")) == "Directory not empty"


# ---------------------------------------------------------------- what the inbox walk cannot reach

def test_dangling_link_and_link_to_a_folder_are_warnings(year):
    inbox = year / "inbox"
    os.symlink(year / "gone.xlsx", inbox / "西夏区.xlsx")
    (year / "elsewhere").mkdir()
    os.symlink(year / "elsewhere", inbox / "部门", target_is_directory=True)
    result = build(year)
    assert result.exit_code == 0, result.output  # warnings only: the good file is still used
    assert "[警告] 收件箱中的「西夏区.xlsx」是快捷方式（链接），指向的位置已不存在，没有读取" in result.output
    assert "[警告] 收件箱中的「部门」是指向文件夹的快捷方式（链接），其中的文件没有读取" in result.output
    assert "无法读取2个" in result.output and "已采用1个" in result.output


def test_unreadable_subfolder_is_a_warning_and_the_rest_is_read(year, monkeypatch):
    """Root reads every folder, so the refusal the system gives a clerk is raised where the walk opens it."""
    locked = year / "inbox" / "永宁县"
    locked.mkdir()
    write_xlsx(locked / "永宁县.xlsx", {"S": top() + [HEADER, row(1)]})
    real = os.scandir

    def refuse(path="."):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = build(year)
    assert result.exit_code == 0, result.output
    assert "[警告] 收件箱中的文件夹「永宁县」打不开（没有权限），其中的文件都没有读取" in result.output
    assert "已采用1个" in result.output


def test_an_inbox_that_cannot_be_opened_is_exit_2(year, monkeypatch):
    inbox = year / "inbox"
    real = os.scandir

    def refuse(path="."):
        if Path(path) == inbox:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = build(year)
    assert result.exit_code == 2 and f"错误：收件箱文件夹 {inbox} 打不开（没有权限）" in result.output
    assert not (year / "out").exists()
