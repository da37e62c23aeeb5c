"""Writing a .docx package (a zip) the way the standard library's zipfile does, byte for byte, but faster.

A template's unchanging parts (styles, theme, fonts, settings, …) are compressed once per process and
copied into every document as they are; a rendered part is compressed while it is rendered, in chunks,
so a document of 100,000 table rows never holds its whole XML, nor its whole zip, in memory. Entries have
fixed timestamps: the same parts give the same bytes. No zip64 (a document part over 4 GiB is refused).
"""
from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from reportgen.errors import ReportgenError

FIXED_ZIP_TIME = (2021, 1, 1, 0, 0, 0)
LEVEL = zlib.Z_DEFAULT_COMPRESSION  # zipfile's default: the same bytes as zipfile.ZIP_DEFLATED writes
_DOS_TIME = FIXED_ZIP_TIME[3] << 11 | FIXED_ZIP_TIME[4] << 5 | FIXED_ZIP_TIME[5] // 2
_DOS_DATE = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_VERSION = 20  # deflate
_LIMIT = 0xFFFFFFFF
_EXTERNAL = 0o600 << 16  # what zipfile records for a file written by writestr


@dataclass(frozen=True)
class Stored:
    """A member compressed once: its deflated bytes, CRC and size."""

    name: str
    deflated: bytes
    crc: int
    size: int


def compress(name: str, data: bytes) -> Stored:
    comp = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Stored(name, comp.compress(data) + comp.flush(), zlib.crc32(data), len(data))


def _flags(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800  # zipfile: the UTF-8 name flag


class PackageWriter:
    """Members appended in order to a seekable binary file; close() writes the central directory."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._start = fh.tell()
        self._entries: list[tuple[bytes, int, int, int, int, int]] = []  # name, flags, crc, csize, size, offset

    def _header(self, name: bytes, flags: int, crc: int, csize: int, size: int) -> bytes:
        return _LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, zlib.DEFLATED, _DOS_TIME, _DOS_DATE,
                           crc, csize, size, len(name), 0) + name

    def add(self, member: Stored) -> None:
        name, flags = _flags(member.name)
        offset = self._fh.tell() - self._start
        self._fh.write(self._header(name, flags, member.crc, len(member.deflated), member.size))
        self._fh.write(member.deflated)
        self._entries.append((name, flags, member.crc, len(member.deflated), member.size, offset))

    def add_chunks(self, member: str, chunks: Iterable[bytes]) -> None:
        """A member compressed as its chunks arrive; its header is completed afterwards (seek back)."""
        name, flags = _flags(member)
        offset = self._fh.tell() - self._start
        self._fh.write(self._header(name, flags, 0, 0, 0))
        comp = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        crc = size = csize = 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            out = comp.compress(chunk)
            csize += len(out)
            self._fh.write(out)
        out = comp.flush()
        csize += len(out)
        self._fh.write(out)
        if size > _LIMIT or csize > _LIMIT:
            raise ReportgenError(f"文书的「{member}」部分超过 4 GiB，无法写成 Word 文档：请减少一份文书中的数据行")
        end = self._fh.tell()
        self._fh.seek(self._start + offset)
        self._fh.write(self._header(name, flags, crc, csize, size))
        self._fh.seek(end)
        self._entries.append((name, flags, crc, csize, size, offset))

    def close(self) -> None:
        directory = self._fh.tell() - self._start
        for name, flags, crc, csize, size, offset in self._entries:
            self._fh.write(_CENTRAL.pack(b"PK\001\002", _VERSION, 0, _VERSION, 0, flags, zlib.DEFLATED, _DOS_TIME,
                                         _DOS_DATE, crc, csize, size, len(name), 0, 0, 0, 0, _EXTERNAL, offset) + name)
        length = self._fh.tell() - self._start - directory
        count = len(self._entries)
        if count > 0xFFFF or directory > _LIMIT:
            raise ReportgenError("文书过大，无法写成 Word 文档：请减少一份文书中的数据行")
        self._fh.write(_END.pack(b"PK\005\006", 0, 0, count, count, length, directory, 0))
