"""The SMTP connection: none / starttls / ssl, login with the password from the environment, a retried connect.

The only module that imports smtplib. A refused recipient or message is that message's failure; a lost
connection is reopened (with retries) for the next message.
"""
from __future__ import annotations

import base64
import contextlib
import smtplib
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage

from reportgen.config.sections import MailSection

_CONNECT_ERRORS = (OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected, socket.timeout)


class SendFailed(Exception):
    """This message was not accepted; the text says why, in Chinese."""


class ConnectFailed(SendFailed):
    """No session could be opened (after the retries) or the server refused the login: no message can go."""


@dataclass
class Transport:
    """An SMTP session opened on first use and reopened after a lost connection."""

    mail: MailSection
    password: str = ""
    _smtp: smtplib.SMTP | None = None
    sleep = staticmethod(time.sleep)

    def send(self, message: EmailMessage) -> None:
        """Deliver `message` to its To address; SendFailed with the reason when it is not accepted."""
        for attempt in (1, 2):
            smtp = self._connect()
            try:
                smtp.send_message(message)
                return
            except smtplib.SMTPRecipientsRefused as exc:
                codes = "；".join(f"{code} {_text(reply)}" for code, reply in exc.recipients.values())
                raise SendFailed(f"邮件服务器拒收该收件地址（{codes}）") from None
            except smtplib.SMTPSenderRefused as exc:
                raise SendFailed(f"邮件服务器拒绝发件地址（{exc.smtp_code} {_text(exc.smtp_error)}）") from None
            except smtplib.SMTPDataError as exc:
                raise SendFailed(f"邮件服务器拒收该邮件（{exc.smtp_code} {_text(exc.smtp_error)}），"
                                 "可能是附件过大或被判为垃圾邮件") from None
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                self.close()
                if attempt == 2:
                    raise SendFailed(f"发送中与邮件服务器断开（{exc}）") from None

    def _connect(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        wait, last = self.mail.retry_wait, None
        for attempt in range(self.mail.retries + 1):
            if attempt:
                self.sleep(wait)
                wait *= 2
            try:
                self._smtp = self._open()
                return self._smtp
            except smtplib.SMTPAuthenticationError as exc:
                raise ConnectFailed(f"邮件服务器拒绝登录（{exc.smtp_code} {_text(exc.smtp_error)}）：请核对 [mail] user "
                                 f"和环境变量 {self.mail.password_env} 中的密码（或授权码）") from None
            except ssl.SSLError as exc:
                raise ConnectFailed(f"与邮件服务器建立加密连接失败（{exc.reason or exc}）：请核对 [mail] security "
                                 f"和 smtp_port（ssl 一般为465，starttls 一般为587）") from None
            except smtplib.SMTPNotSupportedError as exc:
                raise ConnectFailed(f"邮件服务器不支持所需的功能（{exc}）：请核对 [mail] security") from None
            except _CONNECT_ERRORS as exc:
                last = exc
        raise ConnectFailed(f"无法连接邮件服务器 {self.mail.smtp_host}:{self.mail.port}（已尝试{self.mail.retries + 1}次：{last}）"
                         "：请检查网络和 [mail] smtp_host、smtp_port")

    def _open(self) -> smtplib.SMTP:
        mail = self.mail
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if mail.security == "ssl":
            smtp = smtplib.SMTP_SSL(mail.smtp_host, mail.port, timeout=mail.timeout, context=context)
        else:
            smtp = smtplib.SMTP(mail.smtp_host, mail.port, timeout=mail.timeout)
        try:
            smtp.ehlo()
            if mail.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if mail.user:
                _login(smtp, mail.user, self.password)
        except BaseException:
            _quietly_close(smtp)
            raise
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                _quietly_close(self._smtp)
            self._smtp = None


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """One AUTH PLAIN in UTF-8 (RFC 4616) when the server offers it: a single attempt, and a user or password
    with non-ASCII characters works (smtplib's login cannot encode them); else smtplib's own choice."""
    if "PLAIN" in smtp.esmtp_features.get("auth", "").upper().split():
        token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")).decode("ascii")
        code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply)
        return
    if not (user + password).isascii():
        raise smtplib.SMTPAuthenticationError(0, "服务器不支持 AUTH PLAIN，含中文等字符的用户名或密码无法登录".encode())
    smtp.login(user, password)


def _quietly_close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        smtp.close()


def _text(reply: object) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
