"""Bad settings through the command line: exit 2, a Chinese message naming the file and the key, no traceback,
and not one inbox file opened (watched with an audit hook, whatever the reading code is called)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import write_xlsx
from tests.test_config import BAD
from tests.test_intake import HEADER, row, top

_WATCHED: list[str] = []  # path prefixes whose opening or listing is recorded
_TOUCHED: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if _WATCHED and event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, Path)):
        path = str(args[0])
        if any(path.startswith(w) for w in _WATCHED):
            _TOUCHED.append(f"{event} {path}")


sys.addaudithook(_audit)


@pytest.fixture
def watched_inbox(tmp_path):
    """A year folder whose inbox holds a real workbook; yields (year folder, the inbox accesses seen)."""
    year = tmp_path / "2021"
    write_xlsx(year / "inbox" / "贺兰县.xlsx", {"S": top() + [HEADER, row(1)]})
    inbox = str((year / "inbox").resolve())
    _WATCHED.append(inbox)
    _TOUCHED.clear()
    yield year, _TOUCHED
    _WATCHED.remove(inbox)


def test_the_watch_sees_a_normal_check(watched_inbox, monkeypatch):
    year, touched = watched_inbox
    monkeypatch.chdir(year.parent)
    result = CliRunner().invoke(main, ["check", "2021", "--date", "2021-12-01"])
    assert result.exit_code == 0, result.output
    assert any("贺兰县.xlsx" in t for t in touched)  # the watch works: a good run does open the inbox


@pytest.mark.parametrize("text,key,reason", BAD)
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_setting_exits_2_before_the_inbox_is_opened(watched_inbox, monkeypatch, command, text, key, reason):
    year, touched = watched_inbox
    (year / "reportgen.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(year.parent)
    result = CliRunner().invoke(main, [command, "2021", "--date", "2021-12-01"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"错误：配置文件 {year / 'reportgen.toml'} 中的配置项{key}" in result.output
    assert reason in result.output
    assert touched == []
    assert not (year / "out").exists()


def test_unreadable_config_is_exit_2_naming_the_path(tmp_path, monkeypatch):
    year = tmp_path / "2021"
    (year / "inbox").mkdir(parents=True)
    (year / "reportgen.toml").mkdir()  # a folder where the file should be: unreadable as a file, even as root
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "2021", "--config", str(year / "reportgen.toml")])
    assert result.exit_code == 2 and (result.exception is None or isinstance(result.exception, SystemExit))
    assert f"配置文件 {year / 'reportgen.toml'} 是一个文件夹" in result.output
