"""The [mail] settings of `reportgen send`: server, sender, texts and the organs' addresses.

The password is never a setting: `password_env` names the environment variable that holds it.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass

from reportgen.errors import ConfigError

SECURITY = {"none": 25, "starttls": 587, "ssl": 465}
SUBJECT_FIELDS = {"issuer", "titles", "count", "recipient", "year"}
BODY_FIELDS = SUBJECT_FIELDS | {"list", "date"}
DEFAULT_SUBJECT = "{issuer}发文：{titles}"
DEFAULT_BODY = ("{recipient}：\n\n现将{titles}发给你们（共{count}件，见附件），请查收。\n\n{list}\n\n"
                "如附件无法打开，请与我们联系。\n\n{issuer}\n{date}\n")
_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


@dataclass(frozen=True)
class MailSettings:
    """How and from whom messages go; `addresses` maps an organ's full name to its mailbox."""

    smtp_host: str = ""
    smtp_port: int = 0  # 0: the usual port of `security`
    security: str = "starttls"  # none | starttls | ssl
    user: str = ""
    password_env: str = ""
    sender: str = ""  # the From address ([mail] from)
    sender_name: str = ""  # the From display name; "" -> the lead organ's name
    subject: str = DEFAULT_SUBJECT
    body: str = DEFAULT_BODY
    correction: str = "（更正）"
    retries: int = 3  # further attempts at a connection that failed
    retry_wait: float = 5.0  # seconds before the first retry, doubled each time
    timeout: float = 60.0
    addresses: tuple[tuple[str, str], ...] = ()

    @property
    def port(self) -> int:
        return self.smtp_port or SECURITY[self.security]

    def address(self, organ: str) -> str:
        """The organ's configured mailbox, "" when it has none."""
        return dict(self.addresses).get(organ, "")


def settings_mail(settings) -> MailSettings:
    """The run's [mail] settings."""
    return mail_settings(settings.section("mail"))


def mail_settings(section: dict) -> MailSettings:
    """[mail] (with [mail.addresses]) checked and typed; ConfigError names the key and the fix."""
    section = dict(section or {})
    addresses = section.pop("addresses", {}) or {}
    if "from" in section:
        section["sender"] = section.pop("from")
    known = set(MailSettings.__dataclass_fields__) - {"addresses"}
    for key in section:
        if key not in known:
            raise ConfigError(f"配置项「mail.{key}」不认识：可用的有 {'、'.join(sorted(k if k != 'sender' else 'from' for k in known))}")
    mail = MailSettings(**{k: v for k, v in section.items()},
                        addresses=tuple((str(k).strip(), str(v).strip()) for k, v in addresses.items()))
    _check(mail)
    return mail


def _check(mail: MailSettings) -> None:
    if mail.security not in SECURITY:
        raise ConfigError(f"配置项「mail.security」的值「{mail.security}」不对：应为 none、starttls 或 ssl")
    if not isinstance(mail.smtp_port, int) or not 0 <= mail.smtp_port <= 65535:
        raise ConfigError(f"配置项「mail.smtp_port」的值「{mail.smtp_port}」不是端口号（1–65535，不填按 security 取默认）")
    if mail.password_env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", mail.password_env):
        raise ConfigError(f"配置项「mail.password_env」应为环境变量的名称（如 REPORTGEN_SMTP_PASSWORD），"
                          f"不是密码本身：请把密码放进该环境变量，不要写在配置文件里")
    if mail.sender and not _ADDRESS.match(mail.sender):
        raise ConfigError(f"配置项「mail.from」的值「{mail.sender}」不是邮箱地址")
    for organ, address in mail.addresses:
        if not _ADDRESS.match(address):
            raise ConfigError(f"配置项「mail.addresses」中「{organ}」的邮箱「{address}」不是邮箱地址")
    for key, allowed in (("subject", SUBJECT_FIELDS), ("body", BODY_FIELDS)):
        _check_fields(key, getattr(mail, key), allowed)
    if mail.retries < 0 or mail.retry_wait < 0 or mail.timeout <= 0:
        raise ConfigError("配置项「mail.retries」「mail.retry_wait」「mail.timeout」应为不小于0的数（timeout 大于0）")


def _check_fields(key: str, text: str, allowed: set[str]) -> None:
    try:
        fields = [f for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
    except ValueError:
        raise ConfigError(f"配置项「mail.{key}」中的花括号不成对：文字中的花括号请写成 {{{{ 和 }}}}") from None
    for f in fields:
        if f not in allowed:
            raise ConfigError(f"配置项「mail.{key}」中的「{{{f}}}」不认识：可用的有 "
                              + "、".join("{" + a + "}" for a in sorted(allowed)))
