"""`reportgen send` against a real SMTP server on 127.0.0.1 (aiosmtpd): one message per recipient with exactly
its documents, Chinese names that decode, no resend of unchanged files, 更正 for changed ones, a refused
recipient that leaves the others sent and the log true, and a password that is never written anywhere."""
from __future__ import annotations

import base64
import csv
import email
import socket
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email import policy
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from reportgen.config import load_settings
from reportgen.dispatch import register_entries
from reportgen.documents.common import Document
from reportgen.send.log import LOG_NAME, sha256
from reportgen.send.run import DRAFTED, SEND_FAILED, SENT_OK, deliver, password, prepare
from reportgen.workspace import Workspace
from reportgen.write.register import REGISTER_NAME, write_register

PASSWORD = "S3cr3t-口令-7f3a"
ENV = "REPORTGEN_TEST_SMTP_PASSWORD"
ADDRESSES = (("西夏区人民政府", "xixia@example.org"), ("银川市发展和改革委员会", "fgw@example.org"),
             ("贺兰县人民政府", "helan@example.org"))


@dataclass
class Handler:
    """Accepts everything except the addresses in `refuse`; keeps each accepted envelope."""

    refuse: set[str] = field(default_factory=set)
    received: list = field(default_factory=list)
    logins: list = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((tuple(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 Message accepted"

    def __call__(self, server, session, envelope, mechanism, auth_data):  # the authenticator
        self.logins.append((auth_data.login, auth_data.password))
        ok = auth_data.login == b"clerk" and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd itself answers 535


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server():
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), authenticator=handler,
                            auth_require_tls=False)
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


DOCS = [
    Document("核对函", "核对函-西夏区.docx", {}, genre="函", title="关于核对西夏区2021年落后产能退出情况的函",
             docno="银工信函〔2021〕3号", issuers=("银川市工业和信息化局",), to=("西夏区人民政府",),
             cc=("银川市发展和改革委员会",), date=date(2021, 12, 1)),
    Document("差别价格函", "差别价格函-2021年.docx", {}, genre="函", title="关于执行差别化电价的函",
             to=("银川市发展和改革委员会",), date=date(2021, 12, 1)),
    Document("约谈通知", "约谈通知-贺兰县.docx", {}, genre="通知", title="关于约谈贺兰县人民政府的通知",
             to=("贺兰县人民政府",), date=date(2021, 12, 1)),
    Document("公告", "公告-2021年.docx", {}, genre="公告", title="2021年落后产能退出企业名单公告"),
]
ENCLOSED = {"核对函-西夏区.docx": ("批注/西夏区落后产能退出情况统计表（批注）.xlsx",)}


@pytest.fixture
def year(tmp_path):
    """A year folder whose out/ holds four documents, a marked-up workbook and the register."""
    ws = Workspace(2021, tmp_path / "2021", tmp_path / "2021" / "inbox", tmp_path / "2021" / "out", None)
    for doc in DOCS:
        path = ws.out / "文书" / doc.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"PK-docx-{doc.filename}".encode())
    marked = ws.out / ENCLOSED["核对函-西夏区.docx"][0]
    marked.parent.mkdir(parents=True)
    marked.write_bytes(b"PK-xlsx-marked")
    write_register(ws.out / REGISTER_NAME, register_entries(DOCS, "文书", ENCLOSED), datetime(2021, 12, 1))
    return ws


def mail_for(port: int, **over):
    """The shipped [mail] settings pointed at the test server."""
    base = dict(smtp_host="127.0.0.1", smtp_port=port, security="none", user="clerk", password_env=ENV,
                sender="gxj@example.org", addresses=dict(ADDRESSES), retries=1, retry_wait=0, timeout=10)
    return replace(load_settings().mail, **{**base, **over})


def run(ws, settings, mail, **kw):
    prepared = prepare(ws, settings, mail, **kw)
    secret = password(mail, {ENV: PASSWORD}) if prepared.sending else ""
    return deliver(prepared, settings, mail, ws.year, secret=secret)


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def attachment_names(msg) -> list[str]:
    """Each attachment's name, read both ways; the two must agree."""
    names = []
    for part in msg.iter_attachments():
        by_2231 = part.get_filename()
        by_2047 = str(make_header(decode_header(part.get("Content-Type").params["name"])))
        raw_ct = part.get("Content-Type").as_raw if hasattr(part.get("Content-Type"), "as_raw") else ""
        assert by_2231 == by_2047, (by_2231, by_2047, raw_ct)
        names.append(by_2231)
    return names


def log_rows(ws) -> list[dict]:
    with (ws.root / LOG_NAME).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_each_recipient_gets_one_message_with_exactly_its_documents(server, year, settings):
    handler, port = server
    report = run(year, settings, mail_for(port))
    assert [r.status for r in report.results] == [SENT_OK] * 3
    got = {rcpt: parse(raw) for rcpt, raw in handler.received}
    assert set(got) == {("xixia@example.org",), ("fgw@example.org",), ("helan@example.org",)}
    assert sorted(attachment_names(got[("xixia@example.org",)])) == sorted(
        ["核对函-西夏区.docx", "西夏区落后产能退出情况统计表（批注）.xlsx"])
    assert sorted(attachment_names(got[("fgw@example.org",)])) == sorted(
        ["核对函-西夏区.docx", "西夏区落后产能退出情况统计表（批注）.xlsx", "差别价格函-2021年.docx"])
    assert attachment_names(got[("helan@example.org",)]) == ["约谈通知-贺兰县.docx"]
    helan = got[("helan@example.org",)]
    assert str(helan["Subject"]) == "银川市工业和信息化局发文：《关于约谈贺兰县人民政府的通知》"
    assert all(raw.split(b"\r\n\r\n", 1)[0].isascii() for _, raw in handler.received)  # RFC 2047 words
    assert str(helan["To"]) == "贺兰县人民政府 <helan@example.org>"
    assert "贺兰县人民政府：" in helan.get_body().get_content()
    for part in got[("xixia@example.org",)].iter_attachments():
        assert part.get_content() == (year.out / ("文书/" if part.get_filename().endswith(".docx") else "批注/")
                                      / part.get_filename()).read_bytes()
    rows = log_rows(year)
    assert {(r["收件单位"], r["文件"], r["sha256"], r["结果"]) for r in rows} == {
        (organ, f, sha256(year.out / f), "已发送") for organ, files in (
            ("西夏区人民政府", ["文书/核对函-西夏区.docx", "批注/西夏区落后产能退出情况统计表（批注）.xlsx"]),
            ("银川市发展和改革委员会", ["文书/核对函-西夏区.docx", "批注/西夏区落后产能退出情况统计表（批注）.xlsx",
                                      "文书/差别价格函-2021年.docx"]),
            ("贺兰县人民政府", ["文书/约谈通知-贺兰县.docx"])) for f in files}
    assert report.prepared.plan.no_recipient == ("文书/公告-2021年.docx",)
    drafts = sorted(p.name for p in (year.out / "邮件").iterdir())
    assert drafts == sorted(["西夏区人民政府.eml", "银川市发展和改革委员会.eml", "贺兰县人民政府.eml"])
    assert parse((year.out / "邮件" / "贺兰县人民政府.eml").read_bytes())["X-Unsent"] == "1"


def test_second_send_sends_nothing_and_a_changed_document_goes_again_as_correction(server, year, settings):
    handler, port = server
    run(year, settings, mail_for(port))
    assert len(handler.received) == 3
    again = run(year, settings, mail_for(port))
    assert len(handler.received) == 3 and again.results == ()
    assert set(again.prepared.plan.up_to_date) == {o for o, _ in ADDRESSES}

    (year.out / "文书" / "差别价格函-2021年.docx").write_bytes(b"PK-docx-corrected")
    corrected = run(year, settings, mail_for(port))
    assert [(r.organ, r.files, r.correction) for r in corrected.results] == [
        ("银川市发展和改革委员会", ("文书/差别价格函-2021年.docx",), True)]
    rcpt, raw = handler.received[-1]
    msg = parse(raw)
    assert rcpt == ("fgw@example.org",) and attachment_names(msg) == ["差别价格函-2021年.docx"]
    assert str(msg["Subject"]).endswith("（更正）")
    assert "《关于执行差别化电价的函》（更正）" in msg.get_body().get_content()

    forced = run(year, settings, mail_for(port), resend=True)
    assert len(forced.results) == 3 and len(handler.received) == 7


def test_a_refused_recipient_leaves_the_others_sent_and_the_log_true(server, year, settings):
    handler, port = server
    handler.refuse = {"helan@example.org"}
    report = run(year, settings, mail_for(port))
    status = {r.organ: r.status for r in report.results}
    assert status == {"西夏区人民政府": SENT_OK, "银川市发展和改革委员会": SENT_OK, "贺兰县人民政府": SEND_FAILED}
    assert "550" in report.failed[0].note
    assert {rcpt for rcpt, _ in handler.received} == {("xixia@example.org",), ("fgw@example.org",)}
    rows = log_rows(year)
    assert [(r["结果"], r["说明"][:12]) for r in rows if r["收件单位"] == "贺兰县人民政府"] == [
        ("发送失败", report.failed[0].note[:12])]
    assert all(r["结果"] == "已发送" for r in rows if r["收件单位"] != "贺兰县人民政府")

    handler.refuse = set()
    retry = run(year, settings, mail_for(port))
    assert [(r.organ, r.status) for r in retry.results] == [("贺兰县人民政府", SENT_OK)]
    assert len(log_rows(year)) == len(rows) + 1  # appended, never rewritten


def test_the_password_never_appears_in_any_file(server, year, settings, tmp_path):
    handler, port = server
    run(year, settings, mail_for(port))
    assert handler.logins == [(b"clerk", PASSWORD.encode())]
    secrets = [PASSWORD.encode(), PASSWORD.encode("gb18030"), base64.b64encode(PASSWORD.encode()),
               base64.b64encode(b"\0clerk\0" + PASSWORD.encode())]
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 10
    for path in files:
        data = path.read_bytes()
        assert not any(s in data for s in secrets), path


def test_a_wrong_password_fails_every_message_once_without_retrying_and_logs_it(server, year, settings):
    handler, port = server
    mail = mail_for(port, retries=3)
    prepared = prepare(year, settings, mail)
    report = deliver(prepared, settings, mail, 2021, secret="wrong")
    assert len(handler.logins) == 1 and not handler.received
    assert {r.status for r in report.results} == {SEND_FAILED}
    assert all("拒绝登录" in r.note for r in report.results)
    assert {r["结果"] for r in log_rows(year)} == {"发送失败"}


def test_a_server_that_cannot_be_reached_is_retried_then_every_message_fails(year, settings):
    mail = mail_for(free_port(), retries=2)
    waits = []
    from reportgen.send import smtp
    smtp.Transport.sleep = staticmethod(waits.append)
    try:
        report = run(year, settings, mail)
    finally:
        smtp.Transport.sleep = staticmethod(__import__("time").sleep)
    assert waits == [0, 0]  # two retries after the first attempt
    assert [r.status for r in report.results] == [SEND_FAILED] * 3
    assert "无法连接邮件服务器" in report.results[0].note and "已尝试3次" in report.results[0].note


def test_no_server_or_dry_run_writes_drafts_only_and_logs_nothing(server, year, settings):
    handler, port = server
    report = run(year, settings, mail_for(port), dry_run=True)
    assert {r.status for r in report.results} == {DRAFTED} and not handler.received
    assert not (year.root / LOG_NAME).exists()
    no_server = run(year, settings, replace(settings.mail, addresses=dict(ADDRESSES[:2])))
    assert [r.address for r in no_server.results] == ["xixia@example.org", "fgw@example.org", ""]
    draft = parse((year.out / "邮件" / "贺兰县人民政府.eml").read_bytes())
    assert draft["To"] is None and draft["From"] is None
    assert attachment_names(draft) == ["约谈通知-贺兰县.docx"]


def test_attachment_headers_are_short_lines_that_old_clients_read(year, settings):
    from reportgen.send.mail import attachment_part

    name = "核对函-宁夏回族自治区银川市西夏区落后产能退出情况统计表（批注）（第二次更正）.xlsx"
    raw = attachment_part(b"data", name).as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    lines = head.split(b"\r\n")
    assert lines[0].startswith(b"Content-Type:")  # the only longer line: a MIME type is never folded
    assert max(len(line) for line in lines[1:]) <= 78
    assert b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;" in head  # never encoded
    assert head.isascii() and b"filename*0*=UTF-8''" in head and b'name="=?UTF-8?B?' in head
    part = parse(raw)
    assert part.get_filename() == name
    assert str(make_header(decode_header(part.get("Content-Type").params["name"]))) == name


def test_cli_send_dry_run_after_build_and_usage_errors(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from reportgen.cli import main
    from tests.conftest import SAMPLES

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(main, ["send", "2021", "--dry-run"])
    assert missing.exit_code == 2 and "没有找到发文登记簿" in missing.output and "reportgen build" in missing.output
    built = runner.invoke(main, ["build", "2021", "--inbox", str(SAMPLES), "--date", "2021-12-01"])
    assert built.exit_code in (0, 1), built.output
    result = runner.invoke(main, ["send", "2021", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "发文登记簿：文书" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "2021" / LOG_NAME).exists()


def write_toml(ws, port: int, **extra) -> None:
    lines = ["[mail]", 'smtp_host = "127.0.0.1"', f"smtp_port = {port}", 'security = "none"', 'user = "clerk"',
             f'password_env = "{ENV}"', 'from = "gxj@example.org"', "retries = 0", "retry_wait = 0",
             *(f"{k} = {v}" for k, v in extra.items()), "[mail.addresses]",
             *(f'"{organ}" = "{address}"' for organ, address in ADDRESSES)]
    (ws.root / "reportgen.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_sends_with_the_password_from_the_environment_and_exit_codes(server, year, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from reportgen.cli import main

    handler, port = server
    write_toml(year, port)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    no_password = runner.invoke(main, ["send", "2021", "--yes"], env={ENV: ""})
    assert no_password.exit_code == 2 and ENV in no_password.output and not handler.received

    handler.refuse = {"helan@example.org"}
    first = runner.invoke(main, ["send", "2021", "--yes"], env={ENV: PASSWORD})
    assert first.exit_code == 1, first.output
    assert "西夏区人民政府 <xixia@example.org>：2个附件 …… 已发送\n" in first.output
    assert "贺兰县人民政府：发送失败：邮件服务器拒收该收件地址（550" in first.output
    assert "已发送2封，失败1封" in first.output
    assert "没有主送、抄送机关的文书" in first.output and "公告-2021年.docx" in first.output
    handler.refuse = set()
    second = runner.invoke(main, ["send", "2021", "--yes"], env={ENV: PASSWORD})
    assert second.exit_code == 0 and len(handler.received) == 3, second.output
    third = runner.invoke(main, ["send", "2021", "--yes"], env={ENV: PASSWORD})
    assert third.exit_code == 0 and "已发送过且无改动" in third.output and len(handler.received) == 3
    for path in tmp_path.rglob("*"):
        assert not path.is_file() or PASSWORD.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("extra, key", [({"security": '"tls"'}, "mail.security"),
                                        ({"subject": '"{标题}"'}, "mail.subject"),
                                        ({"password_env": '"S3cret!"'}, "mail.password_env"),
                                        ({"from": '"not an address"'}, "mail.from")])
def test_bad_mail_settings_name_the_key(tmp_path, extra, key):
    from reportgen.errors import ConfigError

    body = "[mail]\n" + "".join(f"{k} = {v}\n" for k, v in extra.items())
    path = tmp_path / "reportgen.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_settings(path)


def test_an_address_that_is_not_one_names_the_organ(tmp_path):
    from reportgen.errors import ConfigError

    path = tmp_path / "reportgen.toml"
    path.write_text('[mail.addresses]\n"银川市发展和改革委员会" = "fgw at example"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="银川市发展和改革委员会"):
        load_settings(path)
    path.write_text('[mail.addresses]\n"银川市发展和改革委员会" = "fgw@example.org"\n', encoding="utf-8")
    assert load_settings(path).mail.address("银川市发展和改革委员会") == "fgw@example.org"


def test_a_collective_addressee_reaches_each_county_and_the_public_gets_no_mail(year, settings):
    docs = [Document("进度通报", "进度通报-2021年.docx", {}, title="关于2021年落后产能退出进展情况的通报",
                     docno="银工信发〔2021〕  号", to=("各县（市）区人民政府",), cc=("银川市发展和改革委员会",)),
            Document("公告", "公告-2021年.docx", {}, title="2021年落后产能退出企业名单公告", to=("社会公众",))]
    for doc in docs:
        (year.out / "文书" / doc.filename).write_bytes(b"PK-" + doc.filename.encode())
    write_register(year.out / REGISTER_NAME, register_entries(docs, "文书", {}), datetime(2021, 12, 1))
    report = run(year, settings, replace(settings.mail, addresses=dict(ADDRESSES)))
    counties = [f"{c.name}人民政府" for c in settings.counties]
    assert [r.organ for r in report.results] == counties + ["银川市发展和改革委员会"]
    assert report.prepared.plan.published == ("文书/公告-2021年.docx",)
    body = parse((year.out / "邮件" / "银川市发展和改革委员会.eml").read_bytes()).get_body().get_content()
    assert "（抄送；主送各县（市）区人民政府）" in body and "〔2021〕" not in body  # no unnumbered 发文字号
    county = parse((year.out / "邮件" / "西夏区人民政府.eml").read_bytes()).get_body().get_content()
    assert county.startswith("西夏区人民政府：") and "抄送" not in county


FIXTURES = Path(__file__).parent / "fixtures"  # a self-signed certificate for 127.0.0.1, valid to 2126, tests only


@pytest.fixture
def trust_test_certificate(monkeypatch):
    """The client trusts the test certificate (and nothing else) as it would a real server's CA."""
    import ssl

    real = ssl.create_default_context

    def context(*args, **kwargs):
        return real(cafile=str(FIXTURES / "smtp-localhost.crt"))

    monkeypatch.setattr(ssl, "create_default_context", context)


def server_context():
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(FIXTURES / "smtp-localhost.crt", FIXTURES / "smtp-localhost.key")
    return ctx


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_starttls_and_ssl_log_in_over_tls_only(year, settings, trust_test_certificate, security):
    handler = Handler()
    port = free_port()
    # aiosmtpd counts only STARTTLS as TLS for auth_require_tls; with ssl the whole session is TLS anyway
    tls = {"tls_context": server_context(), "require_starttls": True, "auth_require_tls": True} \
        if security == "starttls" else {"ssl_context": server_context(), "auth_require_tls": False}
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=handler, **tls)
    controller.start()
    try:
        report = run(year, settings, mail_for(port, security=security))
    finally:
        controller.stop()
    assert [r.status for r in report.results] == [SENT_OK] * 3, report.results
    assert handler.logins == [(b"clerk", PASSWORD.encode())] and len(handler.received) == 3


def test_a_server_with_an_untrusted_certificate_is_refused_before_login(year, settings):
    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=handler, auth_require_tls=True,
                            tls_context=server_context(), require_starttls=True)
    controller.start()
    try:
        report = run(year, settings, mail_for(port, security="starttls"))
    finally:
        controller.stop()
    assert {r.status for r in report.results} == {SEND_FAILED} and not handler.logins
    assert "加密连接失败" in report.results[0].note


def test_on_a_terminal_send_asks_first_and_no_sends_nothing(server, year, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from reportgen import cli

    handler, port = server
    write_toml(year, port)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    runner = CliRunner()
    declined = runner.invoke(cli.main, ["send", "2021"], input="n\n", env={ENV: PASSWORD})
    assert declined.exit_code == 0 and "是否继续" in declined.output and "已取消发送" in declined.output
    assert not handler.received and not (year.root / LOG_NAME).exists()
    assert len(list((year.out / "邮件").glob("*.eml"))) == 3
    accepted = runner.invoke(cli.main, ["send", "2021"], input="y\n", env={ENV: PASSWORD})
    assert accepted.exit_code == 0 and len(handler.received) == 3, accepted.output


def test_a_log_that_cannot_be_written_stops_before_anything_is_sent(server, year, settings):
    from reportgen.errors import UsageError

    handler, port = server
    (year.root / LOG_NAME).mkdir(parents=True)  # as unwritable as a log held open by Excel on Windows
    with pytest.raises(UsageError, match="无法写入发送记录.*未发送任何邮件"):
        run(year, settings, mail_for(port))
    assert not handler.received


def test_the_register_as_the_clerk_edited_it_is_what_goes_out(year, settings):
    from openpyxl import load_workbook

    from reportgen.errors import UsageError

    path = year.out / REGISTER_NAME
    wb = load_workbook(path)
    sheet = wb.active
    head = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[head.index("文件")].value == "文书/公告-2021年.docx":
            row[head.index("主送")].value = "银川市发展和改革委员会"
            row[head.index("发文字号")].value = "银工信发〔2021〕9号"
    wb.save(path)
    report = run(year, settings, replace(settings.mail, addresses=dict(ADDRESSES)))
    fgw = next(r for r in report.results if r.organ == "银川市发展和改革委员会")
    assert "文书/公告-2021年.docx" in fgw.files and report.prepared.plan.no_recipient == ()
    body = parse(fgw.draft.read_bytes()).get_body().get_content()
    assert "《2021年落后产能退出企业名单公告》（银工信发〔2021〕9号）" in body

    (year.out / "文书" / "约谈通知-贺兰县.docx").unlink()
    with pytest.raises(UsageError, match="约谈通知-贺兰县.docx.*不存在"):
        prepare(year, settings, settings.mail)
