"""PDF copies of the documents through LibreOffice (soffice --headless --convert-to pdf), in parallel.

One soffice process converts many files; a process per core, each with its own throw-away profile
(two processes sharing a profile wait on its lock or fail).
"""
from __future__ import annotations

import hashlib
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from reportgen.errors import UsageError

TIMEOUT = 600  # seconds for one soffice process
# documents per process before another is started (measured on 2 cores: 30 documents in 3.2 s with one
# process, 3.8 s with two)
PER_PROCESS = 40
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


def find_soffice(configured: str = "") -> Path:
    """The soffice to use: `[pdf] soffice` when set, else soffice/libreoffice on PATH; UsageError when none."""
    if configured:
        path = Path(configured).expanduser()
        if path.is_file():
            return path
        raise UsageError(f"配置项「pdf.soffice」指定的 LibreOffice 程序不存在：{configured}。"
                         "请写明 soffice 的完整路径（Windows 上一般为 C:\\Program Files\\LibreOffice\\program\\soffice.exe）")
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for place in _WINDOWS_PLACES if os.name == "nt" else ():
        if Path(place).is_file():
            return Path(place)
    raise UsageError("生成PDF需要 LibreOffice，但没有找到 soffice 程序。请安装 LibreOffice（免费，libreoffice.org），"
                     "或在 reportgen.toml 的 [pdf] soffice 中写明 soffice 的完整路径；不加 --pdf 则只生成 .docx 文书")


def convert_to_pdf(docs: list[Path], out_dir: Path, soffice: Path, workers: int | None = None,
                   stamp: date | None = None) -> list[Path]:
    """Convert each .docx to out_dir/<stem>.pdf; the PDFs in order. A document that fails raises UsageError.

    The same .docx gives the same PDF bytes (see same_bytes), so `send` does not take a rebuilt PDF for a changed one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not docs:
        return []
    if workers is None:  # a process starts in ~2 s and then converts ~12 documents a second: split only big sets
        workers = min(os.cpu_count() or 1, 4, -(-len(docs) // PER_PROCESS))
    workers = max(1, min(workers, len(docs)))
    chunks = [docs[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        failures = [f for found in pool.map(lambda c: _convert(c, out_dir, soffice), chunks) for f in found]
    if failures:
        raise UsageError(f"LibreOffice 未能把以下文书转换为PDF：{'、'.join(failures)}。"
                         "请确认 LibreOffice 能正常打开它们，或不加 --pdf 重新生成")
    pdfs = [out_dir / f"{d.stem}.pdf" for d in docs]
    for doc, pdf in zip(docs, pdfs, strict=False):
        same_bytes(pdf, doc.read_bytes(), stamp or date(2000, 1, 1))
    return pdfs


_DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_IDS = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")


def same_bytes(pdf: Path, source: bytes, stamp: date) -> None:
    """Replace what LibreOffice makes up per run (creation time, file ID, checksum) by values of the source and
    the build date, each of the same length, so the cross-reference offsets stay right."""
    data = pdf.read_bytes()
    digest = hashlib.md5(source, usedforsecurity=False).hexdigest().upper().encode("ascii")
    data = _DATES.sub(lambda m: m[1] + stamp.strftime("%Y%m%d").encode("ascii") + b"000000", data)
    data = _IDS.sub(lambda m: m[1] + digest + m[3] + digest + m[5], data)
    data = _CHECKSUM.sub(lambda m: m[1] + digest, data)
    pdf.write_bytes(data)


def _convert(docs: list[Path], out_dir: Path, soffice: Path) -> list[str]:
    """Run one soffice over `docs`; the names of those that gave no PDF."""
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as profile:
        cmd = [str(soffice), "--headless", "--norestore", "--nologo", "--nodefault",
               f"-env:UserInstallation={Path(profile).as_uri()}",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docs)]
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):  # judged below by the files that are there
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=dict(os.environ, HOME=profile),
                           stdin=subprocess.DEVNULL)
    return [d.name for d in docs if not (out_dir / f"{d.stem}.pdf").is_file()]
