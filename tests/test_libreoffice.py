"""The real-client check: LibreOffice opens every document type, and the PDF shows the tally's figures."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.documents.registry import KINDS
from tests.docs_helpers import pdf_pages, pdf_text, pdf_to_png, pdf_words, render_sample_documents, to_pdf

PAGES = {"年度情况报告": (2, 14), "报自治区": (2, 14), "公示": (2, 10), "公告": (2, 12), "核对函": (1, 6), "催报函": (1, 3), "提醒函": (1, 2),
         "限期整改通知书": (2, 4), "整改督办函": (1, 2), "提请关停函": (1, 2), "销号通知": (1, 2),
         "黄牌名单公告": (2, 6), "红牌名单公告": (2, 6), "超标排放名单公告": (2, 8),
         "差别价格函": (1, 4), "商请公布函": (3, 8), "拆除督办函": (1, 4), "资金与安置函": (1, 3), "进度通报": (2, 8), "约谈函": (1, 3), "任务落实函": (1, 4),
         "工作方案请示": (2, 6), "报送通知": (1, 3)}


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("documents")
    docs = render_sample_documents(out)
    pdfs = to_pdf([path for path, _, _ in docs.values()], out / "pdf")  # one soffice call for all
    return {name: (pdf, doc, result) for (name, (_, doc, result)), pdf in zip(docs.items(), pdfs, strict=False)}


def flat(pdf: Path) -> str:
    return re.sub(r"\s+", "", pdf_text(pdf, "-raw"))


def plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def test_every_document_type_converts_with_sane_page_counts(converted):
    assert set(converted) == set(KINDS)
    for name, (pdf, _, _) in converted.items():
        low, high = PAGES[name]
        assert low <= pdf_pages(pdf) <= high, f"{name}: {pdf_pages(pdf)} pages"


def test_report_shows_the_totals(converted):
    pdf, _, result = converted["年度情况报告"]
    text = flat(pdf)
    assert f"企业{result.enterprises}家" in text
    for industry, total in result.by_industry:
        assert f"{industry}{plain(total.capacity)}{total.unit}" in text
    for county, _industry, _total in result.by_county:
        assert county in text
    assert "银川市工业和信息化局文件" in text and "2021年12月1日" in text


def test_notice_lists_every_counted_enterprise(converted):
    pdf, _, result = converted["公示"]
    text = flat(pdf)
    for item in result.items:
        assert re.sub(r"\s+", "", item.enterprise) in text
    assert f"{len(result.items)}" in text


def test_letters_name_their_addressee_figures_and_dates(converted):
    pdf, doc, result = converted["核对函"]
    text = flat(pdf)
    who = doc.filename.removeprefix("核对函-").removesuffix(".docx")
    mine = [i for i in result.items if i.submitter == who]
    assert mine and who in text
    for item in mine:
        assert re.sub(r"\s+", "", item.enterprise) in text and f"{plain(item.capacity)}{item.unit}" in text
    pdf, doc, _ = converted["催报函"]
    text = flat(pdf)
    assert doc.filename.removeprefix("催报函-").removesuffix(".docx") in text
    assert "2021年11月30日" in text  # the configured deadline


def _number_x(pdf: Path, page: int) -> tuple[float, float] | None:
    """The horizontal centre of the page number "— N —" on a page, and the page width (None: no number)."""
    width, words = pdf_words(pdf, page)
    low = [w for w in words if w[0] in ("—", str(page), f"—{page}—") and w[2] > 700]
    if not low:
        return None
    return (min(w[1] for w in low) + max(w[3] for w in low)) / 2, width


def test_page_numbers_odd_right_even_left_and_none_on_a_letters_first_page(converted):
    pdf = converted["年度情况报告"][0]
    x1, width = _number_x(pdf, 1)
    x2, _ = _number_x(pdf, 2)
    assert x1 > width * 0.7 and x2 < width * 0.3
    letter = converted["核对函"][0]
    assert _number_x(letter, 1) is None
    if pdf_pages(letter) >= 2:
        assert _number_x(letter, 2)[0] < width * 0.3


def test_pages_render_to_images(converted, tmp_path):
    for name, (pdf, _, _) in converted.items():
        pngs = pdf_to_png(pdf, tmp_path / name)
        assert len(pngs) == pdf_pages(pdf) and all(p.stat().st_size > 1000 for p in pngs)


def _names(value, keys=("enterprise", "county", "addressee")) -> set[str]:
    """Every enterprise and county name a context holds, however deep."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k in keys and isinstance(v, str) and v:
                found.add(v)
            else:
                found |= _names(v, keys)
    elif isinstance(value, (list, tuple)):
        for v in value:
            found |= _names(v, keys)
    return found


@pytest.mark.parametrize("name", ["限期整改通知书", "黄牌名单公告", "红牌名单公告", "超标排放名单公告", "差别价格函",
                                  "进度通报", "约谈函"])
def test_enforcement_and_progress_documents_print_their_names(converted, name):
    pdf, doc, _ = converted[name]
    names = _names(doc.context)
    assert names, name
    text = flat(pdf)
    assert [n for n in names if re.sub(r"\s+", "", n) not in text] == [], name


def test_division_letter_lists_its_tasks(converted):
    pdf, doc, result = converted["任务落实函"]
    text = flat(pdf)
    titles = [t.title for t in result.tasks if t.title and re.sub(r"\s+", "", t.title) in text]
    assert len(titles) >= 2


def test_a_full_body_line_holds_28_characters(converted):
    """GB/T 9704 §5.2.3: 28 字 a line. A line of Chinese text only (no digits, which are narrower) counts 28."""
    pdf, _, _ = converted["催报函"]
    lines = [line.strip() for line in pdf_text(pdf).splitlines()]
    cjk = [line for line in lines if line and re.fullmatch(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+", line)]
    assert cjk and max(len(line) for line in cjk) == 28, cjk
