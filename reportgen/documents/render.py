"""Rendering .docx templates: the only module importing docxtpl and jinja2.

A template is parsed once per `Renderer`: its XML parts (document, headers, footers, footnotes)
are patched the docxtpl way and compiled by a sandboxed jinja environment (StrictUndefined,
autoescape); parts without any tag, and every other member, are compressed once. Each render
runs the compiled templates as generators and writes their output to the package (package.py)
in segments cut after a paragraph: a table of 100,000 rows is written row by row, its XML
checked as it goes by a streaming parser, and never held whole. Fixed timestamps and core
properties: the same context gives the same bytes.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from xml.parsers import expat

from reportgen.errors import TemplateError
from reportgen.parallel import run_all
from reportgen.documents.package import FIXED_ZIP_TIME, PackageWriter, Stored, compress  # noqa: F401 (FIXED_ZIP_TIME: re-exported)
from reportgen.documents.text import FILTERS, SUFFIX

_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CORE_XML = (
    _XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:creator>reportgen</dc:creator><cp:lastModifiedBy>reportgen</cp:lastModifiedBy>'
    '<cp:revision>1</cp:revision>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:modified>'
    '</cp:coreProperties>').encode("utf-8")
_TEMPLATED_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
# characters XML 1.0 forbids, plus the C0/C1 controls docxtpl would turn into layout (\a, \f, \v)
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_TAGS = ("{{", "{%", "{#", "{_", "_}", "%_")  # a part with none of these renders to itself
SEGMENT = 1 << 16  # characters of rendered XML gathered before a cut after a paragraph


# --- the renderer --------------------------------------------------------------------------------

def _clean(value: Any) -> Any:
    """Jinja finalize: drop characters that make invalid XML or that docxtpl turns into layout."""
    if type(value) is str or (isinstance(value, str) and not hasattr(value, "__html__")):
        return _BAD_CHARS.sub("", value)
    return value


_R = TypeVar("_R")


def _strict(fn: Callable[..., _R]) -> Callable[..., _R]:
    """A filter that fails on a missing variable instead of formatting an Undefined."""
    def wrapper(*args: Any, **kwargs: Any) -> _R:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, jinja2.Undefined):
                arg._fail_with_undefined_error()
        return fn(*args, **kwargs)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


class _Environment(SandboxedEnvironment):
    """The sandbox, with `row.name` on a plain dict read as the key straight away (the sandbox would first
    look for a dict attribute of that name and fail, which costs more than the rest of a table cell); a
    key that is not there, and everything else, takes the sandbox's own way."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def _environment() -> SandboxedEnvironment:
    env = _Environment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_clean)
    env.filters.update({name: _strict(fn) for name, fn in FILTERS.items()})
    return env


_PATCHER = DocxTemplate.__new__(DocxTemplate)  # patch_xml / resolve_listing use no instance state


@dataclass(frozen=True)
class _Part:
    name: str  # zip member name
    source: str  # patched XML, the jinja source
    template: jinja2.Template | None  # None: a syntax error (kept for check())
    error: TemplateError | None


@dataclass(frozen=True)
class _Compiled:
    path: Path
    members: tuple[tuple[str, Stored | _Part], ...]  # zip order: [Content_Types].xml first, rest sorted


def _text_near(source: str, lineno: int | None) -> str:
    if not lineno:
        return ""
    lines = source.splitlines()
    text = re.sub(r"<[^>]+>", "", "".join(lines[max(lineno - 1, 0):lineno]))
    text = " ".join(text.split())
    return text[:60] + ("…" if len(text) > 60 else "")


def _where(path: Path, part: str, source: str, lineno: int | None) -> str:
    place = {"word/document.xml": "正文"}.get(part, "页眉页脚" if "header" in part or "footer" in part else part)
    where = f"模板「{path.name}」{place}"
    if lineno:
        where += f"第{max(lineno - 1, 1)}段附近"
        near = _text_near(source, lineno)
        if near:
            where += f"（「{near}」）"
    return where


class Renderer:
    """Renders named .docx templates found in an ordered list of folders (earlier folders win)."""

    def __init__(self, template_dirs: Sequence[Path]) -> None:
        self.template_dirs = tuple(Path(d) for d in template_dirs)
        self._env = _environment()
        self._cache: dict[str, _Compiled] = {}

    def names(self) -> list[str]:
        """The template stems available, e.g. ["公告", "催报函"]."""
        found: set[str] = set()
        for folder in self.template_dirs:
            if folder.is_dir():
                found.update(p.stem for p in folder.glob(f"*{SUFFIX}")
                             if p.is_file() and not p.name.startswith("~$"))
        return sorted(found)

    def path(self, name: str) -> Path:
        """The file in use for template `name` (the first folder that has it)."""
        for folder in self.template_dirs:
            candidate = folder / f"{name}{SUFFIX}"
            if candidate.is_file():
                return candidate
        dirs = "、".join(str(d) for d in self.template_dirs)
        have = "、".join(self.names()) or "无"
        raise TemplateError(f"找不到模板「{name}{SUFFIX}」（查找位置：{dirs}）。可用的模板：{have}")

    def _compiled(self, name: str) -> _Compiled:
        if name not in self._cache:
            self._cache[name] = self._compile(self.path(name))
        return self._cache[name]

    def _compile(self, path: Path) -> _Compiled:
        try:
            src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
            names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
            members: list[tuple[str, Stored | _Part]] = []
            for member in names:
                data = src.read(member)
                if member == "docProps/core.xml":
                    data = _CORE_XML
                item: Stored | _Part = compress(member, data)
                if _TEMPLATED_PART.match(member):
                    item = self._compile_part(path, member, data)
                    if item.template is not None and not any(tag in item.source for tag in _TAGS):
                        item = compress(member, b"".join(self._part_chunks(path, item, {})))
                members.append((member, item))
        except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
            raise TemplateError(f"模板「{path}」不是有效的 Word 文档（.docx）：{exc}。"
                                "请用 Word 或 WPS 打开后另存为 .docx 再试") from None
        return _Compiled(path, tuple(members))

    def _compile_part(self, path: Path, member: str, data: bytes) -> _Part:
        xml = etree.tostring(etree.fromstring(data), encoding="unicode")
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", _PATCHER.patch_xml(xml))
        try:
            code = self._env.compile(source, name=path.name, filename=f"{path.name}:{member}")
            template = self._env.template_class.from_code(self._env, code, self._env.make_globals(None))
            return _Part(member, source, template, None)
        except jinja2.TemplateSyntaxError as exc:
            error = TemplateError(
                f"{_where(path, member, source, exc.lineno)}有模板语法错误：{exc.message}。"
                "请在 Word 中打开模板检查该处的 {{ }} 与 {% %} 标签是否成对、拼写是否正确")
            return _Part(member, source, None, error)

    def render(self, name: str, context: dict[str, Any]) -> bytes:
        """The rendered .docx bytes; the same context gives the same bytes."""
        out = io.BytesIO()
        self.write_to(name, context, out)
        return out.getvalue()

    def write(self, name: str, context: dict[str, Any], path: Path) -> None:
        """The rendered .docx written to `path` as it is rendered (no partial file is left on an error)."""
        try:
            with open(path, "wb") as fh:
                self.write_to(name, context, fh)
        except BaseException:
            Path(path).unlink(missing_ok=True)
            raise

    def write_to(self, name: str, context: dict[str, Any], fh: BinaryIO) -> None:
        """The rendered .docx written to a seekable binary file."""
        compiled = self._compiled(name)
        package = PackageWriter(fh)
        for member, item in compiled.members:
            if isinstance(item, _Part):
                package.add_chunks(member, self._part_chunks(compiled.path, item, context))
            else:
                package.add(item)
        package.close()

    def write_all(self, jobs: Sequence[tuple[str, dict[str, Any], Path]]) -> None:
        """Every (template, context, path) written; many documents are spread over worker processes."""
        run_all(self.tasks(jobs))

    def tasks(self, jobs: Sequence[tuple[str, dict[str, Any], Path]]) -> list[Callable[[], None]]:
        """One task per (template, context, path), for parallel.run_all; the templates are compiled here
        first, so that forked workers inherit them instead of each compiling its own."""
        for name in {name for name, _c, _p in jobs}:
            self._compiled(name)
        return [partial(self.write, name, context, path) for name, context, path in jobs]

    def _part_chunks(self, path: Path, part: _Part, context: dict[str, Any]) -> Iterator[bytes]:
        """The rendered part as UTF-8 chunks, checked to be well-formed XML as they pass."""
        if part.template is None:
            raise part.error or TemplateError(f"模板「{path.name}」无法编译")
        parser = expat.ParserCreate(namespace_separator=" ")
        ids = iter(range(1, 1 << 30))
        first = True
        try:
            for segment in _segments(self._generate(path, part, context)):
                data = ((_XML_DECL if first else "") + _fix(segment, ids)).encode("utf-8")
                first = False
                parser.Parse(data, False)
                yield data
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise TemplateError(f"模板「{path.name}」生成的内容不是有效的 XML（{expat.errors.messages[exc.code]}）："
                                "请检查模板中是否有跨段落的 {% %} 标签未使用 {%p %} / {%tr %} 形式") from None

    def _generate(self, path: Path, part: _Part, context: dict[str, Any]) -> Iterator[str]:
        try:
            assert part.template is not None  # _part_chunks raised the syntax error
            yield from part.template.generate(context)
        except jinja2.UndefinedError as exc:
            match = _UNDEFINED_NAME.search(str(exc))
            var = next((g for g in match.groups() if g), str(exc)) if match else str(exc)
            raise TemplateError(
                f"{_where(path, part.name, part.source, _lineno(exc, path))}用到的变量「{var}」没有提供。"
                "请检查变量名拼写（reportgen templates 年份 可列出可用的变量），或删去该标签") from None
        except SecurityError as exc:
            raise TemplateError(
                f"{_where(path, part.name, part.source, _lineno(exc, path))}使用了不允许的操作（{exc}）。"
                "模板只能引用提供的数据和过滤器，不能访问程序内部属性") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"{_where(path, part.name, part.source, _lineno(exc, path))}无法生成：{exc}") from None
        except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            raise TemplateError(
                f"{_where(path, part.name, part.source, _lineno(exc, path))}的数据或过滤器出错：{exc}") from None

    def variables(self, name: str) -> set[str]:
        """The undeclared top-level variables the template uses (all parts)."""
        compiled = self._compiled(name)
        used: set[str] = set()
        for _member, item in compiled.members:
            if isinstance(item, _Part):
                if item.error is not None:
                    raise item.error
                used |= meta.find_undeclared_variables(self._env.parse(item.source))
        return used

    def check(self, name: str, provided: set[str]) -> list[str]:
        """Chinese findings: syntax errors, variables used but not provided, provided but unused."""
        try:
            compiled = self._compiled(name)
        except TemplateError as exc:
            return [str(exc)]
        findings = [str(item.error) for _m, item in compiled.members
                    if isinstance(item, _Part) and item.error is not None]
        if findings:
            return findings
        used = self.variables(name)
        file = compiled.path.name
        for var in sorted(used - set(provided)):
            findings.append(f"模板「{file}」用到了变量「{var}」，但生成该文书时不提供它，渲染会失败："
                            "请检查拼写或删去该标签")
        for var in sorted(set(provided) - used):
            findings.append(f"（提示）模板「{file}」没有使用提供的变量「{var}」：如需要可在模板中加入 {{{{ {var} }}}}")
        return findings


def _segments(pieces: Iterable[str], size: int | None = None) -> Iterator[str]:
    """The rendered text regrouped into pieces of about `size` characters, each cut just after a `</w:p>`
    (so that a paragraph, the unit of the fixes below, is never split); the last piece is the rest."""
    size = size or SEGMENT
    buf: list[str] = []
    held = 0
    want = size
    for piece in pieces:
        buf.append(piece)
        held += len(piece)
        if held < want:
            continue
        text = "".join(buf)
        cut = text.rfind("</w:p>")
        if cut < 0:
            buf, held, want = [text], len(text), 2 * len(text)  # one long paragraph: wait for its end
            continue
        cut += len("</w:p>")
        yield text[:cut]
        buf, held, want = [text[cut:]], len(text) - cut, size
    yield "".join(buf)


def _fix(xml: str, ids: Iterator[int]) -> str:
    """What docxtpl does after rendering, on whole paragraphs: literal braces, tabs and line breaks in
    values, and unique drawing ids (counted across the segments of one part by `ids`)."""
    # data is escaped, so "\n<w:p" can only be the line breaks _compile_part inserted
    xml = xml.replace("\n<w:p", "<w:p")
    if "_" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if "\n" in xml or "\t" in xml:  # docxtpl's listing: tabs and line breaks in values (slow, so only then)
        xml = _PATCHER.resolve_listing(xml)
    if "docPr" in xml:
        xml = re.sub(r'(<wp:docPr\b[^>]*?\bid=")\d+', lambda m: f"{m.group(1)}{next(ids)}", xml)
    return xml


def _lineno(exc: BaseException, path: Path) -> int | None:
    """The template line of the innermost jinja frame in the traceback (jinja rewrites them)."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    prefix = f"{path.name}:"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.startswith(prefix):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
