"""Benchmark: ms per render of a one-page 信函 letter with a 20-row table (parse once, render many).

Run: python benchmarks/render.py [N]
"""
from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.documents.render import Renderer  # noqa: E402
from templates import layout as L  # noqa: E402


def build_template(folder: Path) -> None:
    doc = L.new_document("信函")
    L.add_masthead(doc, "信函", "{{ organ_mark }}", "{{ docno }}")
    L.add_title(doc, "关于核对{{ submitter }}{{ year }}年落后产能退出情况的函")
    L.add_addressee(doc, "{{ submitter }}：")
    L.add_paragraph(doc, "你单位报送的数据经汇总，共计入{{ n|计数('项') }}，合计{{ total|产能('万吨') }}，明细如下。")
    L.add_table(doc, ["序号", "企业名称", "设备", "产能"],
                ["{{ loop.index }}", "{{ row.enterprise }}", "{{ row.equipment }}", "{{ row.cap|产能(row.unit) }}"],
                "rows", [14, 70, 42, 30], font_pt=10.5)
    L.add_paragraph(doc, "请于{{ reply_by|日期 }}前回复。")
    L.add_signature(doc, "{{ organ }}", "{{ date|日期 }}")
    L.save(doc, folder / "核对函.docx")


def main(n: int = 500) -> None:
    from datetime import date
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_template(folder)
        renderer = Renderer([folder])
        rows = [{"enterprise": f"宁夏某某建材有限公司{i}", "equipment": "Φ3.2×13m水泥磨", "cap": Decimal("12.5"),
                 "unit": "万吨"} for i in range(20)]
        ctx = {"organ_mark": "银川市工业和信息化局", "docno": "银工信函〔2021〕12号", "submitter": "西夏区",
               "year": 2021, "n": 20, "total": Decimal("250"), "rows": rows, "reply_by": date(2021, 12, 10),
               "organ": "银川市工业和信息化局", "date": date(2021, 11, 30)}
        t0 = time.perf_counter()
        first = renderer.render("核对函", ctx)
        t1 = time.perf_counter()
        for i in range(n):
            ctx["submitter"] = f"县区{i}"
            renderer.render("核对函", ctx)
        t2 = time.perf_counter()
        print(f"first render (parse + render): {(t1 - t0) * 1000:.1f} ms, {len(first)} bytes")
        print(f"per render over {n}: {(t2 - t1) / n * 1000:.2f} ms")
        print(f"3000 letters (one process): {(t2 - t1) / n * 3000:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
