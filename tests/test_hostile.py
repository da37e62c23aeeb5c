"""Hostile headers are refused before the parser allocates; a file that kills its reader is named; the CLI
never ends in a traceback or a signal, over every hostile and odd inbox the sample tools build."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hostile_samples as hs
from reportgen.api import PARALLEL_FROM, read_inbox
from reportgen.read import ole
from tests.conftest import ROOT, SAMPLES

INBOX = SAMPLES
GOOD = INBOX / "贺兰县2021年落后产能退出情况.xlsx"


def read_in_child(path: Path) -> tuple[int, str]:
    """(exit code, output) of read_workbook in a fresh interpreter: a failed guard must not kill pytest."""
    code = ("import sys\nfrom pathlib import Path\nfrom reportgen.config import load_settings\n"
            "from reportgen.read.workbook import read_workbook, Unreadable\n"
            "try:\n    read_workbook(Path(sys.argv[1]), load_settings().limits)\n    print('READ')\n"
            "except Unreadable as exc:\n    print(exc.code, exc.message)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize("build, code, words", [
    (lambda p: hs.xlsx_with_shared_strings(p / "a.xlsx", 10 ** 12), "declared-size", "1000000000000个字符串"),
    (lambda p: hs.xlsx_with_shared_strings(p / "a.xlsx", 2 ** 31), "declared-size", "2147483648个字符串"),
    (lambda p: hs.xls_claiming_rows(p / "a.xls"), "declared-size", "DIMENSIONS"),
    (lambda p: hs.xls_with_header_counts(p / "a.xls", 0xFFFFFFFF), "corrupt", "分配表扇区"),
    (lambda p: hs.zip_encrypted_xlsx(p / "a.xlsx"), "encrypted", "设置了密码"),
])
def test_hostile_header_is_refused_with_a_message(tmp_path, build, code, words):
    rc, out = read_in_child(build(tmp_path))
    assert rc == 0 and out.startswith(code) and words in out, out


def test_honest_counts_still_read(tmp_path):
    assert read_in_child(hs.xlsx_with_shared_strings(tmp_path / "a.xlsx", 2))[1].strip() == "READ"
    assert read_in_child(hs.xlsx_with_shared_strings(tmp_path / "b.xlsx", 5000))[1].strip() == "READ"  # miscounted
    path = tmp_path / "c.xls"
    path.write_bytes(hs.biff_workbook(hs.biff_dimensions(0, 60000, 0, 26), hs.biff_number(0, 0)))
    assert read_in_child(path)[1].strip() == "READ"


def test_dimensions_area_follows_calamines_arithmetic():
    import struct

    assert ole.dimensions_area(struct.pack("<IIHHH", 0, 10, 0, 3, 0)) == 30
    assert ole.dimensions_area(struct.pack("<IIHHH", 5, 2, 0, 3, 0)) == (2 - 5 + 2 ** 32) * 3  # wraps, as in Rust
    assert ole.dimensions_area(struct.pack("<HHHHH", 0, 100, 0, 4, 0)) == 400  # BIFF5
    assert ole.dimensions_area(struct.pack("<IIHHH", 0, 0, 0, 0, 0)) == 1


def test_a_file_that_kills_its_reader_is_named_and_the_run_goes_on(tmp_path, settings, monkeypatch):
    """Beyond PARALLEL_FROM files the children read; with the guard switched off the bomb really aborts one."""
    assert multiprocessing.get_start_method() == "fork"  # the children inherit the switched-off guard
    from reportgen.read import scan

    monkeypatch.setattr(scan, "_check_sst", lambda head, info: None)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(PARALLEL_FROM + 2):
        shutil.copyfile(GOOD, inbox / f"贺兰县-{n:03d}.xlsx")
    hs.xlsx_with_shared_strings(inbox / "贺兰县-030-炸弹.xlsx", 10 ** 12)
    import faulthandler

    was = faulthandler.is_enabled()
    faulthandler.disable()  # the aborting child would print pytest's crash dump: expected here
    try:
        subs = read_inbox(inbox, settings)
    finally:
        if was:
            faulthandler.enable()
    assert len(subs) == PARALLEL_FROM + 3 and [s.file for s in subs] == sorted(s.file for s in subs)
    crashed = [s for s in subs if s.status == "unreadable"]
    assert [s.file for s in crashed] == ["贺兰县-030-炸弹.xlsx"]
    (problem,) = crashed[0].problems
    assert problem.code == "reader-crashed" and "SIGABRT" in problem.message and problem.file == crashed[0].file
    assert all(s.status == "read" and s.items for s in subs if s is not crashed[0])


def run_cli(inbox: Path, tmp_path: Path, command: str = "check") -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "reportgen", command, "2021", "--inbox", str(inbox), "--date", "2021-12-01"]
    if command == "build":
        args += ["--out", str(tmp_path / "out")]
    return subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_cli_over_hostile_inboxes_never_ends_in_a_traceback_or_a_signal(tmp_path):
    small = tmp_path / "small"
    files = hs.hostile_inbox(small)
    shutil.copyfile(GOOD, small / GOOD.name)
    large = tmp_path / "large"  # the same files among enough others to take the children's path
    shutil.copytree(small, large)
    for n in range(PARALLEL_FROM):
        shutil.copyfile(GOOD, large / f"贺兰县-副本{n:03d}.xlsx")
    for inbox in (small, large):
        done = run_cli(inbox, tmp_path)
        assert done.returncode in (0, 1, 2), done.stderr[-3000:]
        assert "Traceback" not in done.stdout + done.stderr
        for path in files:
            assert path.name in done.stdout, path.name
    build = run_cli(small, tmp_path, "build")
    assert build.returncode in (0, 1, 2) and "Traceback" not in build.stdout + build.stderr, build.stderr[-3000:]
    assert (tmp_path / "out" / "汇总表.xlsx").is_file()


def test_cli_over_the_odd_inbox_names_each_oddity_and_builds(tmp_path):
    odd = tmp_path / "odd"
    hs.odd_inbox(odd)
    done = run_cli(odd, tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]
    for words in ("报送单位不一致", "reportgen生成的汇总表", "没有数据行", "另一张表", "错误值「#DIV/0!」",
                  "没有计算结果的公式", "筛选（A3:O7）", "晚于本次统计的截止日期", "完全相同", "隐藏的列"):
        assert words in done.stdout, words
    assert "灵武市" not in done.stdout.split("未报送：")[1].splitlines()[0]
    build = run_cli(odd, tmp_path, "build")
    assert build.returncode == 1 and "Traceback" not in build.stdout + build.stderr, build.stderr[-3000:]
