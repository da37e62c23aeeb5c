"""`reportgen send`: the register's documents to each recipient organ, as .eml drafts and (when a server is set)
by SMTP, with the send log kept true whatever happens."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from reportgen.config import Settings
from reportgen.errors import UsageError
from reportgen.send.log import FAILED, LOG_NAME, SENT, LogRow, SendLog, now_text
from reportgen.send.mail import compose, write_draft
from reportgen.send.plan import Outgoing, SendPlan, plan_sending
from reportgen.send.register import read_register
from reportgen.config.sections import MailSection
from reportgen.workspace import Workspace

if TYPE_CHECKING:
    from reportgen.send.smtp import Transport

DRAFTS_DIR = "邮件"
NO_ADDRESS = "没有配置邮箱地址，只生成了草稿"
DRAFTED, SENT_OK, SEND_FAILED = "drafted", "sent", "failed"
Progress = Callable[[int, int, Outgoing, "Result | None"], None]  # before (None) and after each message


@dataclass(frozen=True)
class Prepared:
    """What a send would do, before anything is sent: shown to the clerk, then delivered."""

    out: Path
    log: SendLog
    plan: SendPlan
    sending: bool  # an SMTP server is set and this is not a dry run
    documents: int  # rows of the register


@dataclass(frozen=True)
class Result:
    organ: str
    address: str
    files: tuple[str, ...]
    status: str  # DRAFTED | SENT_OK | SEND_FAILED
    draft: Path
    note: str = ""
    correction: bool = False


@dataclass(frozen=True)
class SendReport:
    prepared: Prepared
    results: tuple[Result, ...]

    @property
    def failed(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.status == SEND_FAILED)


def prepare(ws: Workspace, settings: Settings, mail: MailSection, dry_run: bool = False,
            resend: bool = False) -> Prepared:
    """Read the register and the log and plan the messages; UsageError when out/ or the settings cannot work."""
    entries = read_register(ws.out, settings.limits)
    log = SendLog(ws.root / LOG_NAME)
    sending = bool(mail.smtp_host) and not dry_run
    if sending and not mail.sender:
        raise UsageError("要发送邮件，须在 reportgen.toml 的 [mail] 中填写发件邮箱 from（或加 --dry-run 只生成邮件草稿）")
    plan = plan_sending(entries, ws.out, mail, log, resend, collectives(settings))
    return Prepared(ws.out, log, plan, sending, len(entries))


def collectives(settings: Settings) -> dict[str, tuple[str, ...]]:
    """Collective addressees and their members: 各县（市）区人民政府 is each county's government, as the letters to
    one county address it ([documents] county_addressee)."""
    pattern = settings.documents.county_addressee
    members = tuple(pattern.replace("{name}", c.name) for c in settings.counties)
    suffix = pattern.replace("{name}", "")
    return {f"各县（市）区{suffix}": members, "各县（市）区": members}


def password(mail: MailSection, env: Mapping[str, str] | None = None) -> str:
    """The SMTP password from the environment variable named in [mail] password_env ("" when no login)."""
    if not mail.user:
        return ""
    values = os.environ if env is None else env
    if not mail.password_env:
        raise UsageError("[mail] 填了 user，但没有填 password_env：请填写保存密码（或授权码）的环境变量名称，"
                         "如 password_env = \"REPORTGEN_SMTP_PASSWORD\"，再在命令行设置该环境变量；密码不要写进配置文件")
    value = values.get(mail.password_env, "")
    if not value:
        raise UsageError(f"环境变量 {mail.password_env} 没有设置，无法登录邮件服务器：请先设置"
                         f"（Windows：set {mail.password_env}=密码；Linux/macOS：export {mail.password_env}=密码），"
                         "或加 --dry-run 只生成邮件草稿")
    return value


def deliver(prepared: Prepared, settings: Settings, mail: MailSection, year: int,
            progress: Progress | None = None, secret: str = "") -> SendReport:
    """Write every message as a draft under out/邮件/ and, when sending, send it and log the result."""
    from reportgen.send.smtp import Transport

    if prepared.sending and prepared.plan.messages:
        prepared.log.check_writable()
    drafts = prepared.out / DRAFTS_DIR
    _clear_drafts(drafts)
    transport = Transport(mail, secret) if prepared.sending else None
    broken = [""]  # a connection that could not be made: the rest fail with the same reason, without retrying
    results: list[Result] = []
    total = len(prepared.plan.messages)
    taken: set[str] = set()
    try:
        for n, msg in enumerate(prepared.plan.messages, 1):
            if progress:
                progress(n, total, msg, None)
            draft = drafts / _draft_name(msg.organ, taken)
            write_draft(compose(msg, prepared.out, mail, settings.lead.name, year, draft=True), draft)
            results.append(_send_one(msg, draft, prepared, mail, settings.lead.name, year, transport, broken))
            if progress:
                progress(n, total, msg, results[-1])
    finally:
        if transport is not None:
            transport.close()
    return SendReport(prepared, tuple(results))


def _send_one(msg: Outgoing, draft: Path, prepared: Prepared, mail: MailSection, issuer: str, year: int,
              transport: Transport | None, broken: list[str]) -> Result:
    from reportgen.send.smtp import ConnectFailed, SendFailed

    files = tuple(a.file for a in msg.attachments)
    if transport is None:
        return Result(msg.organ, msg.address, files, DRAFTED, draft, correction=msg.correction)
    if not msg.address:  # listed for the clerk; not a failure of the server, not logged as sent
        return Result(msg.organ, "", files, DRAFTED, draft, NO_ADDRESS, msg.correction)
    note = broken[0]
    if not note:
        try:
            transport.send(compose(msg, prepared.out, mail, issuer, year, draft=False))
        except ConnectFailed as exc:
            note = broken[0] = str(exc)
        except SendFailed as exc:
            note = str(exc)
    prepared.log.append([LogRow(now_text(), msg.organ, msg.address, a.file, a.sha256, FAILED if note else SENT, note)
                         for a in msg.attachments])
    return Result(msg.organ, msg.address, files, SEND_FAILED if note else SENT_OK, draft, note, msg.correction)


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _draft_name(organ: str, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", organ).strip(" .")[:60] or "收件单位"
    name, n = f"{stem}.eml", 2
    while name.casefold() in taken:
        name, n = f"{stem}-{n}.eml", n + 1
    taken.add(name.casefold())
    return name


def _clear_drafts(drafts: Path) -> None:
    """Drafts of an earlier run would be mistaken for this one's: only this run's are left."""
    if drafts.is_dir():
        for old in drafts.glob("*.eml"):
            old.unlink()
