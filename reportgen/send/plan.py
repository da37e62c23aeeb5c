"""Who gets what: the register's documents grouped by recipient organ, minus what the log says they have."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.send.log import SendLog, sha256
from reportgen.config.sections import MailSection
from reportgen.write.register import RegisterEntry


@dataclass(frozen=True)
class Attachment:
    """A file to send: path relative to out/, its digest, and whether the recipient had an older version."""

    file: str
    sha256: str
    changed: bool = False

    @property
    def name(self) -> str:
        return self.file.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Outgoing:
    """One message: to one organ, with the documents addressed to it (主送 or 抄送) and their enclosures."""

    organ: str
    address: str  # "" when [mail.addresses] has none: drafted without To
    documents: tuple[RegisterEntry, ...]
    attachments: tuple[Attachment, ...]

    @property
    def correction(self) -> bool:
        return any(a.changed for a in self.attachments)


PUBLIC = frozenset({"社会公众"})  # a 公告 is published, not mailed


@dataclass(frozen=True)
class SendPlan:
    messages: tuple[Outgoing, ...]
    up_to_date: tuple[str, ...]  # organs that already have every file unchanged
    no_recipient: tuple[str, ...]  # documents (files) with neither 主送 nor 抄送
    published: tuple[str, ...] = ()  # documents addressed to the public only (公告): not mailed


def plan_sending(entries: list[RegisterEntry], out: Path, mail: MailSection, log: SendLog,
                 resend: bool = False, groups: dict[str, tuple[str, ...]] | None = None) -> SendPlan:
    """One message per organ named in 主送/抄送, in order of first appearance; files already sent unchanged
    are left out unless `resend`. `groups` expands a collective addressee (各县（市）区人民政府) into its
    members unless [mail.addresses] has an address for the collective itself."""
    digests: dict[str, str] = {}
    by_organ: dict[str, list[RegisterEntry]] = {}
    no_recipient, published = [], []
    for entry in entries:
        for rel in (entry.file, *entry.enclosures):
            if rel not in digests:
                digests[rel] = _digest(out, rel)
        organs = _expand(entry.recipients, groups or {}, mail)
        if not entry.recipients:
            no_recipient.append(entry.file)
        elif not organs:
            published.append(entry.file)
        for organ in organs:
            by_organ.setdefault(organ, []).append(entry)
    messages, up_to_date = [], []
    for organ, docs in by_organ.items():
        files = list(dict.fromkeys(f for d in docs for f in (d.file, *d.enclosures)))
        pending = []
        for rel in files:
            before = log.last_sent(organ, rel)
            if resend or before != digests[rel]:
                pending.append(Attachment(rel, digests[rel], changed=before is not None and before != digests[rel]))
        if not pending:
            up_to_date.append(organ)
            continue
        keep = {a.file for a in pending}
        sent_docs = tuple(d for d in docs if keep & {d.file, *d.enclosures})
        messages.append(Outgoing(organ, mail.address(organ), sent_docs, tuple(pending)))
    return SendPlan(tuple(messages), tuple(up_to_date), tuple(no_recipient), tuple(published))


def _expand(organs: tuple[str, ...], groups: dict[str, tuple[str, ...]], mail: MailSection) -> tuple[str, ...]:
    out: list[str] = []
    for organ in organs:
        if organ in PUBLIC:
            continue
        out += groups[organ] if organ in groups and not mail.address(organ) else [organ]
    return tuple(dict.fromkeys(out))


def _digest(out: Path, rel: str) -> str:
    path = (out / rel).resolve()
    if out.resolve() not in path.parents or not path.is_file():
        raise UsageError(f"发文登记簿中的文件「{rel}」在输出文件夹 {out} 中不存在：请核对登记簿的「文件」「随文发送」列，"
                         "或重新运行 reportgen build")
    return sha256(path)
