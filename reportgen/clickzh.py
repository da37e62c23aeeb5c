"""click in Chinese: help headings, the help option, usage errors, and the YEAR and --date parameters.

cli.py builds its commands with ``ChineseGroup`` (its subcommands become ``ChineseCommand``); click's own English
("Usage:", "Missing argument", "No such option", "'abc' is not a valid integer") never reaches the clerk.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date
from typing import Any, NoReturn

import click
from click import exceptions as ce

FIRST_YEAR, LAST_YEAR = 2000, 2100
HELP = "显示本说明并退出"


class YearType(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.4
    """A four-digit year from FIRST_YEAR to LAST_YEAR."""

    name = "年度"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            year = value
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            year = int(value.strip())
        else:
            self.fail(f"「{value}」不是年度：应写四位数字，如 2021", param, ctx)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.fail(f"{year} 不在 {FIRST_YEAR}～{LAST_YEAR} 年之间：应写四位数字的年度，如 2021", param, ctx)
        return year


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A date written YYYY-MM-DD, from FIRST_YEAR-01-01 to LAST_YEAR-12-31 (later dates overflow the letters)."""

    name = "日期"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value).strip())
            except ValueError:
                self.fail(f"「{value}」不是日期：应写成 YYYY-MM-DD，如 2021-11-30", param, ctx)
        if not date(FIRST_YEAR, 1, 1) <= day <= date(LAST_YEAR, 12, 31):
            self.fail(f"{day.isoformat()} 不在 {FIRST_YEAR}～{LAST_YEAR} 年之间：请写本年度工作的实际日期，如 2021-11-30",
                      param, ctx)
        return day


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class ChineseFormatter(click.HelpFormatter):
    """Headings with a Chinese colon; option lists aligned by display width (a Chinese character is two columns)."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((_width(r[0]) for r in rows), default=0), col_max)
        for term, text in rows:
            pad = " " * (max(first - _width(term), 0) + col_spacing)
            self.write(f"{'':>{self.current_indent}}{term}{pad}{text}\n")


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


_METAVARS = {"path": "路径", "integer": "整数", "text": "文字", "float": "数字"}


class ChineseCommand(click.Command):
    """A command whose help reads 用法／选项 and whose --help says so in Chinese."""

    context_class = ChineseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Option) and param.metavar is None and param.type.name in _METAVARS:
                param.metavar = _METAVARS[param.type.name]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for r in (p.get_help_record(ctx) for p in self.get_params(ctx)) if r is not None]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option


class ChineseGroup(ChineseCommand, click.Group):
    """The top command: Chinese help and headings, and every click error turned into a Chinese message."""

    command_class = ChineseCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        ChineseCommand.format_options(self, ctx, formatter)
        rows = [(name, cmd.get_short_help_str(formatter.width - 6 - len(name)))
                for name in self.list_commands(ctx) for cmd in [self.get_command(ctx, name)] if cmd and not cmd.hidden]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except ce.ClickException as exc:
            _show(exc)
        except ce.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _show(exc: ce.ClickException) -> NoReturn:
    """Print a click error in Chinese (usage and a hint first for usage errors) and exit with its code."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, ce.NoArgsIsHelpError):
        click.echo(exc.format_message(), err=True)
        sys.exit(exc.exit_code)
    if isinstance(exc, ce.UsageError) and ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        click.echo(f"请运行 {ctx.command_path} --help 查看说明。\n", err=True)
    click.echo(f"错误：{chinese(exc)}", err=True)
    sys.exit(exc.exit_code)


def _name(param: click.Parameter | None) -> str:
    if param is None:
        return ""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def _suggest(possibilities: Any) -> str:
    return f"。是否要写：{'、'.join(possibilities)}" if possibilities else ""


_GENERIC = [  # click's own English sentences that carry no structured fields
    (r"Got unexpected extra arguments? \((.*)\)", "多余的参数：{0}（每个命令只接受一个年度；带空格的路径请加引号）"),
    (r"Missing command\.?", "缺少命令：请写 init、check、build 或 templates"),
    (r"Option '(.+)' requires an argument\.?", "选项「{0}」后面要写一个值"),
    (r"Option '(.+)' requires (\d+) arguments\.?", "选项「{0}」后面要写 {1} 个值"),
    (r"Option '(.+)' does not take a value\.?", "选项「{0}」不带值"),
]


def chinese(exc: ce.ClickException) -> str:
    """The Chinese sentence for one of click's errors."""
    if isinstance(exc, ce.NoSuchCommand):
        return f"没有「{exc.command_name}」这个命令{_suggest(exc.possibilities)}"
    if isinstance(exc, ce.NoSuchOption):
        return f"没有选项「{exc.option_name}」{_suggest(exc.possibilities)}"
    if isinstance(exc, ce.MissingParameter):
        kind = "选项" if isinstance(exc.param, click.Option) else "参数"
        return f"缺少{kind}「{_name(exc.param)}」" + ("：请写出年度，如 2021" if _name(exc.param) == "年度" else "")
    if isinstance(exc, ce.BadParameter):
        where = f"{_name(exc.param)}：" if isinstance(exc.param, click.Option) else ""
        return where + _generic(exc.message)
    return _generic(exc.format_message())


def _generic(message: str) -> str:
    for pattern, chinese_text in _GENERIC:
        found = re.fullmatch(pattern, message.strip())
        if found:
            return chinese_text.format(*found.groups())
    return message
