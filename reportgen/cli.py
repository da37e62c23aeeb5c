"""The reportgen command line; the only module that imports click."""
from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reportgen import __version__, api
from reportgen.api import load_settings, workspace
from reportgen.clickzh import ChineseGroup, DateType, YearType
from reportgen.errors import ReportgenError
from reportgen.parse.values import plain_text
from reportgen.workspace import Workspace

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from reportgen.api import BuildResult, Progress
    from reportgen.config import Settings
    from reportgen.models import Tally
    from reportgen.send.plan import Outgoing
    from reportgen.send.run import Progress as SendProgress
    from reportgen.send.run import Result, SendReport

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
STATUS_CN = {"used": "已采用", "superseded": "已被替代", "unreadable": "无法读取", "unrecognised": "非报送表",
             "missing": "未报送"}


def _as_of(ctx: click.Context, param: click.Parameter, value: date | None) -> date:
    return date.today() if value is None else value


YEAR = click.argument("year", type=YearType(), metavar="年度")
INBOX = click.option("--inbox", type=click.Path(path_type=Path), help="存放报送表的文件夹（默认 ./年度/inbox）")
CONFIG = click.option("--config", type=click.Path(path_type=Path), help="配置文件（默认 ./年度/reportgen.toml）")
DATE = click.option("--date", "as_of", type=DateType(), callback=_as_of, metavar="YYYY-MM-DD", help="截止日期与成文日期（默认今天）")


@click.group(cls=ChineseGroup, help="落后产能退出情况汇总与公文生成。先运行 reportgen init 年度，再把报送表放进 年度/inbox/，然后运行 reportgen build 年度。")
@click.version_option(__version__, message="reportgen %(version)s", help="显示版本号并退出")
def main() -> None:
    pass


def _fail(exc: ReportgenError) -> None:
    click.echo(f"错误：{exc}", err=True)
    sys.exit(EXIT_USAGE)


@main.command(help="创建年度工作目录：配置文件 reportgen.toml、收件箱 inbox/ 和各单位空白报送表 forms/。")
@YEAR
@click.option("--dir", "base", type=click.Path(path_type=Path), help="在此文件夹下创建（默认当前文件夹）")
def init(year: int, base: Path | None) -> None:
    try:
        ws, written = api.init(year, base)
    except ReportgenError as exc:
        _fail(exc)
    click.echo(f"已创建年度工作目录：{ws.root}")
    for path in written:
        click.echo(f"  {path.relative_to(ws.root).as_posix()}")
    if not written:
        click.echo("  （所有文件均已存在，未改动）")
    click.echo(f"下一步：把 forms/ 中的报送表发给各单位，收回后放进 {ws.inbox}，再运行 reportgen build {year}")


def _progress() -> tuple[Progress | None, Callable[[], None]]:
    """A progress line on a terminal for runs that take more than a moment; silent otherwise."""
    if not sys.stderr.isatty():
        return None, lambda: None
    bars: list[ProgressBar[int]] = []

    def update(done: int, total: int, name: str) -> None:
        if total < 20:
            return
        if not bars:
            bars.append(click.progressbar(length=total, label="正在读取报送表", file=sys.stderr))
            bars[0].__enter__()
        bars[0].update(1)

    def close() -> None:
        if bars:
            bars[0].__exit__(None, None, None)

    return update, close


def _run(year: int, inbox: Path | None, out: Path | None, config: Path | None, as_of: date, build: bool,
         pdf: bool = False, as_json: bool = False) -> None:
    update, close = _progress()
    try:
        ws = workspace(year, None, inbox, out, config)
        settings = load_settings(ws.config)
        if build:
            result = api.build(ws.inbox, ws.out, year=year, settings=settings, as_of=as_of, root=ws.root, pdf=pdf,
                               progress=update)
            tally = result.tally
        else:
            result = None
            tally = api.check(ws.inbox, year=year, settings=settings, as_of=as_of, root=ws.root, progress=update)
    except ReportgenError as exc:
        close()
        _fail(exc)
    close()
    if as_json:
        click.echo(api.tally_json(tally), nl=False)
    else:
        _print_problems(tally)
        _summary(tally, ws, settings, result)
    sys.exit(EXIT_PROBLEMS if tally.errors else EXIT_OK)


def _print_problems(tally: Tally) -> None:
    if not tally.problems:
        return
    click.echo("问题清单：")
    for p in tally.problems:
        tag = "错误" if p.is_error else "警告"
        line = f"  [{tag}] {p.message}"
        if p.hint:
            line += f"（{p.hint}）"
        click.echo(line)


def _summary(tally: Tally, ws: Workspace, settings: Settings, result: BuildResult | None) -> None:
    status = Counter(s.status for s in tally.submissions)
    acc = tally.accounting
    click.echo("—— 汇总 ——")
    click.echo(f"配置：{settings.source}；收件箱：{ws.inbox}")
    click.echo(f"文件：共{sum(v for k, v in status.items() if k != 'missing')}个，已采用{status['used']}个，"
               f"被新版本替代{status['superseded']}个，无法读取{status['unreadable']}个，非报送表{status['unrecognised']}个")
    late = f"，完成时间晚于截止日期{acc.not_yet}行" if acc.not_yet else ""
    above = f"，表头及其上方{acc.above_header + acc.header_rows}行" if acc.above_header + acc.header_rows else ""
    unread = f"，未读取的工作表中{acc.unread_rows}行" if acc.unread_rows else ""
    click.echo(f"数据行：共读取{acc.rows_read}行，计入{acc.counted}行，退回{acc.rejected}行，重复{acc.duplicate}行，"
               f"非本年度{acc.other_year}行{late}（另有非数据行{acc.skipped}行{above}{unread}，"
               f"被替代文件中的{acc.superseded_rows}行未计入）")
    click.echo(f"全市：退出企业{tally.enterprises}家，项目（设备）{len(tally.items)}项")
    for industry, total in tally.by_industry:
        click.echo(f"  {industry}：{plain_text(total.capacity)}{total.unit}，企业{total.enterprises}家，项目{total.items}项")
    if tally.missing:
        click.echo(f"未报送：{'、'.join(tally.missing)}")
    click.echo(f"问题：错误{tally.errors}个，警告{tally.warnings}个")
    if result is not None:
        click.echo(f"已写入：{result.out}")
        for path in result.written:
            click.echo(f"  {path.relative_to(result.out).as_posix()}")
    else:
        click.echo("只做了检查，没有写任何文件；写出汇总表和公文请运行 reportgen build。")
        if tally.errors:
            click.echo("有错误的行或文件未计入：请按问题清单修改后重新放入收件箱。")


@main.command(help="只读取和检查收件箱中的报送表，列出问题，不写任何文件。")
@YEAR
@INBOX
@CONFIG
@DATE
@click.option("--json", "as_json", is_flag=True, help="只输出汇总结果的JSON（与 tally.json 相同），不输出问题清单和汇总")
def check(year: int, inbox: Path | None, config: Path | None, as_of: date, as_json: bool) -> None:
    _run(year, inbox, None, config, as_of, build=False, as_json=as_json)


@main.command(help="读取、检查并汇总，写出 out/：tally.json、汇总表.xlsx、全部公文、发文登记簿和各单位的批注版报送表。")
@YEAR
@INBOX
@click.option("--out", type=click.Path(path_type=Path), help="输出文件夹（默认 ./年度/out，整体替换）")
@CONFIG
@DATE
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 把每份公文转为PDF（写入 out/PDF/）")
def build(year: int, inbox: Path | None, out: Path | None, config: Path | None, as_of: date, pdf: bool) -> None:
    _run(year, inbox, out, config, as_of, build=True, pdf=pdf)


@main.command(help="列出本年度使用的公文模板，并检查每个模板：标签语法、用到的变量、GB/T 9704 版式。")
@YEAR
@CONFIG
@DATE
def templates(year: int, config: Path | None, as_of: date) -> None:
    try:
        ws = workspace(year, None, None, None, config)
        reports = api.check_templates(ws, load_settings(ws.config), as_of)
    except ReportgenError as exc:
        _fail(exc)
    bad = 0
    click.echo(f"模板（年度目录 {ws.root / 'templates'} 中的同名文件优先于内置模板）：")
    for r in reports:
        where = "年度目录" if r.own else "内置"
        state = "有问题" if r.errors else "正常"
        click.echo(f"  {r.name}（{where}：{r.path}）—— {state}")
        for line in r.errors:
            click.echo(f"    [错误] {line}")
        for line in r.notes:
            click.echo(f"    [提示] {line}")
        bad += bool(r.errors)
    click.echo(f"共{len(reports)}个模板，{bad}个有问题。")
    sys.exit(EXIT_PROBLEMS if bad else EXIT_OK)


@main.command(help="把 out/ 中的文书按发文登记簿的主送、抄送分发：每个收件单位一封邮件，附上发给它的文书"
                   "（和批注版报送表）；总是在 out/邮件/ 中写出草稿(.eml)，配置了 [mail] smtp_host 时通过邮件服务器发送，"
                   "并记入 年度/发送记录.csv。已发送且未改动的文书不再重发。")
@YEAR
@click.option("--out", type=click.Path(path_type=Path), help="输出文件夹（默认 ./年度/out）")
@CONFIG
@click.option("--dry-run", is_flag=True, help="只生成邮件草稿，不发送")
@click.option("--resend", is_flag=True, help="已发送过且未改动的文书也重新发送")
@click.option("--yes", is_flag=True, help="发送前不再询问")
def send(year: int, out: Path | None, config: Path | None, dry_run: bool, resend: bool, yes: bool) -> None:
    from dataclasses import replace

    from reportgen.send.run import deliver, password, prepare

    try:
        ws = workspace(year, None, None, out, config)
        settings = load_settings(ws.config)
        mail = settings.mail
        prepared = prepare(ws, settings, mail, dry_run, resend)
        secret = password(mail) if prepared.sending and prepared.plan.messages else ""
    except ReportgenError as exc:
        _fail(exc)
    plan = prepared.plan
    click.echo(f"发文登记簿：文书{prepared.documents}件；本次待发：{len(plan.messages)}个收件单位")
    if prepared.sending and plan.messages and _interactive() and not yes and \
            not click.confirm(f"将通过 {mail.smtp_host} 发送{len(plan.messages)}封邮件，是否继续？", default=False):
        prepared = replace(prepared, sending=False)
        click.echo("已取消发送，只生成邮件草稿。")
    try:
        report = deliver(prepared, settings, mail, year, _send_progress(prepared.sending), secret)
    except ReportgenError as exc:
        _fail(exc)
    _send_summary(report, ws)
    sys.exit(EXIT_PROBLEMS if report.failed else EXIT_OK)


def _interactive() -> bool:
    """Whether a person is at the terminal to answer a question."""
    return sys.stdin.isatty()


def _send_progress(sending: bool) -> SendProgress:
    def show(n: int, total: int, msg: Outgoing, result: Result | None) -> None:
        if result is None:
            to = f" <{msg.address}>" if msg.address else "（无邮箱）"
            more = "（更正）" if msg.correction else ""
            click.echo(f"  [{n}/{total}] {msg.organ}{to}：{len(msg.attachments)}个附件{more} …… ", nl=False)
            return
        from reportgen.send.run import DRAFTED, SENT_OK

        word = {SENT_OK: "已发送", DRAFTED: "已写草稿"}.get(result.status, "发送失败")
        click.echo(word + (f"（{result.note}）" if result.note else ""))

    return show


def _send_summary(report: SendReport, ws: Workspace) -> None:
    from reportgen.send.run import DRAFTED, DRAFTS_DIR, SENT_OK

    plan, prepared = report.prepared.plan, report.prepared
    sent = [r for r in report.results if r.status == SENT_OK]
    click.echo("—— 发送结果 ——" if prepared.sending else "—— 邮件草稿 ——")
    for r in report.failed:
        click.echo(f"  {r.organ}：发送失败：{r.note}")
    if plan.up_to_date:
        click.echo(f"已发送过且无改动（未重发，需要时加 --resend）：{'、'.join(plan.up_to_date)}")
    if plan.published:
        click.echo(f"主送为社会公众的公告（公开发布，不发邮件）：{'、'.join(plan.published)}")
    if plan.no_recipient:
        click.echo(f"没有主送、抄送机关的文书（未分发，请在发文登记簿中填写主送后再运行）：{'、'.join(plan.no_recipient)}")
    no_address = [r.organ for r in report.results if not r.address and r.status == DRAFTED]
    if no_address:
        click.echo(f"没有邮箱地址（草稿无收件人，可在 reportgen.toml 的 [mail.addresses] 中补充）：{'、'.join(no_address)}")
    if report.results:
        click.echo(f"邮件草稿：{prepared.out / DRAFTS_DIR}（{len(report.results)}封，可用Outlook、Foxmail打开后手工发送）")
    if prepared.sending:
        click.echo(f"已发送{len(sent)}封，失败{len(report.failed)}封；发送记录：{prepared.log.path}")
    elif not report.results:
        click.echo("没有需要发送的邮件。")
