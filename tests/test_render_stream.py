"""Rendering at scale: the package writer, segmented rendering, parallel writing, bounded memory."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from reportgen.documents import package as P
from reportgen import parallel
from reportgen.documents import render as R
from reportgen.errors import TemplateError
from reportgen.gbt9704 import layout as L
from tests.test_render import BASE, _template, _texts

ROOT = Path(__file__).resolve().parent.parent


@hsettings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["[Content_Types].xml", "word/document.xml", "docProps/核.xml", "a/b"]),
                          st.binary(max_size=5000), st.integers(1, 9000)), min_size=1, max_size=4,
                unique_by=lambda m: m[0]))
def test_package_bytes_are_zipfiles_own(members):
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, _step in members:
            info = zipfile.ZipInfo(name, P.FIXED_ZIP_TIME)
            info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 0
            z.writestr(info, data * 3)
    out = io.BytesIO()
    writer = P.PackageWriter(out)
    for k, (name, data, step) in enumerate(members):
        data = data * 3
        if k % 2:
            writer.add(P.compress(name, data))
        else:
            writer.add_chunks(name, (data[i:i + step] for i in range(0, len(data), step)))
    writer.close()
    assert out.getvalue() == expected.getvalue()


def test_segments_cut_only_after_a_paragraph():
    pieces = ["<w:body>", *("<w:p><w:r><w:t>行</w:t></w:r></w:p>" for _ in range(50)), "<w:p>尾", "</w:p></w:body>"]
    segments = list(R._segments(pieces, size=40))
    assert "".join(segments) == "".join(pieces) and len(segments) > 10
    assert all(s.endswith("</w:p>") for s in segments[:-1])


def _rows(n: int) -> list[dict]:
    return [{"name": f"宁夏第{i}号有限公司\n二车间" if i % 7 == 0 else f"宁夏第{i}号有限公司", "cap": Decimal(i) / 100,
             "unit": "万吨"} for i in range(n)]


def test_small_segments_give_the_same_bytes(tmp_path, monkeypatch):
    _template(tmp_path, "t", "共{{ rows|length }}项", table=True)
    ctx = BASE | {"rows": _rows(300)}
    whole = R.Renderer([tmp_path]).render("t", ctx)
    monkeypatch.setattr(R, "SEGMENT", 50)
    assert R.Renderer([tmp_path]).render("t", ctx) == whole
    texts = _texts(whole)
    assert "宁夏第299号有限公司" in texts and "共300项" in texts


def test_invalid_xml_is_found_in_any_segment_and_no_file_is_left(tmp_path, monkeypatch):
    # a plain {% if %} opened in a paragraph and closed in a table's header cell: when false, the table's
    # opening tags go and its closing ones stay
    doc = L.new_document("信函")
    L.add_masthead(doc, "信函", "{{ organ_mark }}", "{{ docno }}")
    L.add_paragraph(doc, "甲{% if show %}乙")
    L.add_table(doc, ["{% endif %}序号", "企业"], ["{{ loop.index }}", "{{ row.name }}"], "rows", [20, 96])
    L.save(doc, tmp_path / "t.docx")
    monkeypatch.setattr(R, "SEGMENT", 50)
    renderer = R.Renderer([tmp_path])
    renderer.render("t", BASE | {"rows": _rows(40), "show": True})
    target = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match="不是有效的 XML"):
        renderer.write("t", BASE | {"rows": _rows(40), "show": False}, target)
    assert not target.exists()


def test_parallel_writing_gives_the_serial_bytes(tmp_path, monkeypatch):
    _template(tmp_path, "t", "致{{ who }}", table=True)
    jobs = [("t", BASE | {"who": f"县{i}", "rows": _rows(i)}, tmp_path / f"{i}.docx") for i in range(6)]
    R.Renderer([tmp_path]).write_all(jobs)
    serial = [p.read_bytes() for _n, _c, p in jobs]
    for _n, _c, p in jobs:
        p.unlink()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    R.Renderer([tmp_path]).write_all(jobs)
    assert [p.read_bytes() for _n, _c, p in jobs] == serial
    assert "致县5" in _texts(serial[5])


def test_an_error_in_a_worker_stops_the_run(tmp_path, monkeypatch):
    _template(tmp_path, "t", "致{{ who }}", table=True)
    jobs = [("t", BASE | {"who": "县", "rows": []}, tmp_path / f"{i}.docx") for i in range(4)]
    jobs.append(("t", BASE | {"rows": []}, tmp_path / "坏.docx"))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    with pytest.raises(TemplateError, match="who"):
        R.Renderer([tmp_path]).write_all(jobs)


def test_memory_does_not_grow_with_the_rows_rendered(tmp_path):
    """8,000 table rows of long names (over 70 MB of XML) rendered in a fresh interpreter: its peak stays far below."""
    _template(tmp_path, "t", "共{{ n }}项", table=True)
    code = (
        "import json, sys\n"
        "from decimal import Decimal\n"
        "from pathlib import Path\n"
        "from reportgen.documents.render import Renderer\n"
        "def hwm():\n"
        "    for line in Path('/proc/self/status').read_text().splitlines():\n"
        "        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1]) / 1024\n"
        "folder = Path(sys.argv[1])\n"
        "r = Renderer([folder])\n"
        "row = {'name': '宁夏' * 1500, 'cap': Decimal('1.5'), 'unit': '万吨'}\n"
        "ctx = {'organ_mark': '局', 'docno': '号', 'n': 1, 'rows': [row] * 8000}\n"
        "r.write('t', dict(ctx, rows=[row]), folder / 'small.docx')\n"
        "before = hwm()\n"
        "r.write('t', ctx, folder / 'big.docx')\n"
        "import zipfile\n"
        "size = zipfile.ZipFile(folder / 'big.docx').getinfo('word/document.xml').file_size\n"
        "print(json.dumps({'before': before, 'after': hwm(), 'xml_mb': size / 2**20}))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["xml_mb"] > 70
    assert out["after"] - out["before"] < 20, out
