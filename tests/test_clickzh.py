"""click in Chinese: every usage mistake exits 2 with a Chinese message; help reads 用法／选项／命令."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from reportgen.cli import main

ENGLISH = re.compile(r"Usage|Error|Invalid|Missing|No such|Try '|Options|Commands|Show this|not a valid|Aborted|"
                     r"Got unexpected|requires an argument|Traceback")


@pytest.mark.parametrize("args, message", [
    (["build", "abc"], "错误：「abc」不是年度：应写四位数字，如 2021"),
    (["build", "２０２１"], "不是年度"),
    (["build", "1999"], "错误：1999 不在 2000～2100 年之间"),
    (["build", "99999"], "错误：99999 不在 2000～2100 年之间"),
    (["build"], "错误：缺少参数「年度」：请写出年度，如 2021"),
    (["check"], "错误：缺少参数「年度」"),
    (["init"], "错误：缺少参数「年度」"),
    (["build", "2021", "--date", "9999-12-31"], "错误：--date：9999-12-31 不在 2000～2100 年之间"),
    (["build", "2021", "--date", "1900-01-01"], "错误：--date：1900-01-01 不在 2000～2100 年之间"),
    (["check", "2021", "--date", "2021-13-01"], "错误：--date：「2021-13-01」不是日期：应写成 YYYY-MM-DD"),
    (["check", "2021", "--date", "明天"], "「明天」不是日期"),
    (["check", "2021", "--date"], "错误：选项「--date」后面要写一个值"),
    (["build", "2021", "--bogus"], "错误：没有选项「--bogus」"),
    (["build", "2021", "--ot", "x"], "错误：没有选项「--ot」。是否要写：--out"),
    (["buil", "2021"], "错误：没有「buil」这个命令。是否要写：build"),
    (["build", "2021", "2022"], "错误：多余的参数：2022"),
    (["build", "2021", "--pdf=yes"], "错误：选项「--pdf」不带值"),
])
def test_usage_mistakes_exit_2_in_chinese(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args, prog_name="reportgen")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert message in result.output
    assert not ENGLISH.search(result.output), result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_usage_mistake_shows_chinese_usage_and_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "abc"], prog_name="reportgen")
    assert result.output.startswith("用法：reportgen build [选项] 年度\n请运行 reportgen build --help 查看说明。")


@pytest.mark.parametrize("command", [[], ["init"], ["check"], ["build"], ["templates"]])
def test_help_is_chinese(command):
    result = CliRunner().invoke(main, [*command, "--help"], prog_name="reportgen")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("用法：reportgen") and "选项：" in out and "--help" in out and "显示本说明并退出" in out
    assert ("命令：" in out) == (command == [])
    assert not ENGLISH.search(out) and "PATH" not in out, out


def test_help_columns_line_up_by_display_width():
    lines = [line for line in CliRunner().invoke(main, ["build", "--help"], prog_name="reportgen").output.splitlines()
             if line.startswith("  --")]
    import unicodedata

    def width(text):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    starts = {width(re.match(r"(\s+--\S+(?: \S+)?\s+)", line).group(1)) for line in lines}
    assert len(lines) >= 5 and len(starts) == 1


def test_no_command_prints_the_help(tmp_path):
    result = CliRunner().invoke(main, [], prog_name="reportgen")
    assert result.exit_code == 2 and "用法：reportgen" in result.output and "命令：" in result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"], prog_name="reportgen")
    assert result.exit_code == 0 and result.output.startswith("reportgen ")
