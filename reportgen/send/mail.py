"""A message as bytes: Chinese subject and body from the settings' texts, the files attached under names that
Outlook, Foxmail and webmail all show in Chinese, and the .eml draft the clerk can open and send by hand.

Attachment names follow what Thunderbird writes: the Content-Type `name` as RFC 2047 encoded words (what older
Outlook and Foxmail read) and the Content-Disposition `filename*` as RFC 2231 (what the standard says and
webmail reads), each split into short lines on character boundaries. The parts are built as text and parsed,
because the generator would otherwise refold a long Content-Type into encoded words that no client reads.
"""
from __future__ import annotations

import base64
import re
from datetime import date, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import quote

from reportgen.send.plan import Outgoing
from reportgen.config.sections import MailSection
from reportgen.write.register import RegisterEntry

POLICY = policy.SMTP.clone(refold_source="none")
TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".pdf": "application/pdf", ".doc": "application/msword", ".xls": "application/vnd.ms-excel",
         ".ofd": "application/ofd", ".csv": "text/csv"}
_WORD_BYTES = 42  # 42 bytes -> 56 base64 characters: an encoded word of 68 (RFC 2047: <= 75), a line <= 78
_UNNUMBERED = re.compile(r"〔\d{4}〕\s*号")  # a 发文字号 whose number the office has yet to fill in
_SEGMENT = 60  # characters of a percent-encoded RFC 2231 segment


def document_name(entry: RegisterEntry) -> str:
    """How a document is called in a subject or body: its title, else its file name without suffix."""
    return entry.title or Path(entry.file).stem


def compose(msg: Outgoing, out: Path, mail: MailSection, issuer: str, year: int, draft: bool,
            when: datetime | None = None) -> EmailMessage:
    """The message for `msg`; `draft` adds X-Unsent so Outlook opens the .eml ready to send."""
    when = when or datetime.now().astimezone()
    fields = _fields(msg, issuer, year, when.date())
    subject = mail.subject.format_map(fields)
    if msg.correction:
        subject = f"{subject}{mail.correction}"
    m = EmailMessage(policy=POLICY)
    m["Subject"] = subject
    if mail.sender:
        m["From"] = Address(mail.sender_name or issuer, addr_spec=mail.sender)
    if msg.address:
        m["To"] = Address(msg.organ, addr_spec=msg.address)
    m["Date"] = format_datetime(when)
    m["Message-ID"] = make_msgid(domain=mail.sender.rsplit("@", 1)[-1] if mail.sender else None)
    if draft:
        m["X-Unsent"] = "1"
    m.set_content(mail.body.format_map(fields), cte="base64")
    m.make_mixed()
    for attachment in msg.attachments:
        m.attach(attachment_part((out / attachment.file).read_bytes(), attachment.name))
    return m


def _fields(msg: Outgoing, issuer: str, year: int, today: date) -> dict[str, object]:
    names = list(dict.fromkeys(document_name(d) for d in msg.documents))  # one title for seven 分工通知
    titles = "、".join(f"《{n}》" for n in names[:3])
    if len(msg.documents) > min(len(names), 3):
        titles += f"等{len(msg.documents)}件文件"
    lines = []
    changed = {a.file for a in msg.attachments if a.changed}
    for n, doc in enumerate(msg.documents, 1):
        docno = f"（{doc.docno}）" if doc.docno and not _UNNUMBERED.search(doc.docno) else ""
        copy = f"（抄送；主送{'、'.join(doc.to)}）" if msg.organ in doc.cc and msg.organ not in doc.to else ""
        fixed = "（更正）" if changed & {doc.file, *doc.enclosures} else ""
        lines.append(f"{n}. 《{document_name(doc)}》{docno}{copy}{fixed}")
    stems = {Path(d.file).stem for d in msg.documents}
    pdfs = [a for a in msg.attachments if a.name.lower().endswith(".pdf") and Path(a.name).stem in stems]
    extra = [a.name for a in msg.attachments if a.file not in {d.file for d in msg.documents} and a not in pdfs]
    if extra:
        lines.append("随文附送：" + "、".join(extra))
    if pdfs:
        lines.append("以上文书另附PDF版本。")
    if changed:
        lines.append("标注“（更正）”的文件是此前发送文件的更正版本，请以本次为准。")
    return {"issuer": issuer, "titles": titles, "count": len(msg.documents), "recipient": msg.organ, "year": year,
            "list": "\n".join(lines), "date": f"{today.year}年{today.month}月{today.day}日"}


def attachment_part(data: bytes, name: str) -> EmailMessage:
    """A base64 attachment part named `name` in both encodings (see the module docstring)."""
    ctype = TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    words = "\r\n ".join(_encoded_words(name))
    segments = _segments(name)
    disposition = ";\r\n ".join(f"filename*{n}*={s}" for n, s in enumerate(segments)) if len(segments) > 1 \
        else f"filename*={segments[0]}"
    body = base64.encodebytes(data).decode("ascii").replace("\n", "\r\n")
    head = (f'Content-Type: {ctype};\r\n name="{words}"\r\n'
            f"Content-Disposition: attachment;\r\n {disposition}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n")
    return BytesParser(policy=POLICY).parsebytes((head + body).encode("ascii"))


def _encoded_words(text: str) -> list[str]:
    chunks, current = [], b""
    for ch in text:
        raw = ch.encode("utf-8")
        if current and len(current) + len(raw) > _WORD_BYTES:
            chunks.append(current)
            current = b""
        current += raw
    chunks.append(current)
    return [f"=?UTF-8?B?{base64.b64encode(c).decode('ascii')}?=" for c in chunks]


def _segments(text: str) -> list[str]:
    """RFC 2231 segments, the first with the charset, never splitting a character."""
    out, current = [], "UTF-8''"
    for ch in text:
        enc = quote(ch.encode("utf-8"), safe="")
        if len(current) + len(enc) > _SEGMENT:
            out.append(current)
            current = ""
        current += enc
    out.append(current)
    return out


def write_draft(message: EmailMessage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(message.as_bytes(policy=POLICY))
