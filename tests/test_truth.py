"""Every document, read as its recipient would (issue 9): tool words, empty sections, lists of one, and every
stated figure against the one computation (tally.figures, 汇总表)."""
from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from reportgen.api import read_inbox
from reportgen.config import load_settings
from reportgen.documents.registry import plan_documents
from reportgen.documents.render import Renderer
from reportgen.tally.aggregate import tally
from reportgen.tally.figures import figures_of, rate_text
from reportgen.write.summary import write_summary
from tests.conftest import ROOT, SAMPLES, write_xlsx
from tests.test_documents import docx_text
from tests.test_intake import HEADER, row, top

TEMPLATES = ROOT / "templates"

# what a recipient must never read (the hook's words, and more)
TOOL_WORDS = re.compile(
    r"收件箱|重新生成|生成|重新运行|reportgen|README|expected\.json|tally\.json|问题清单|汇总表\.xlsx|按\s*0\s*计|候选|"
    r"[「」]|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{4}/\d{1,2}/\d{1,2}\b|[\w（）]+/[\w（）.]+\.(?:xlsx?|docx?|json|md)|"
    r"完成率按|计入汇总|数据行|非数据行|读取数据\d+行")
CELL = re.compile(r"(?<![A-Za-z0-9Φφ._-])[A-Z]{1,2}[1-9]\d{0,5}(?![A-Za-z0-9.])")
FILE = re.compile(r"[^\s，。；：、（）“”《》|]+\.(?:xlsx|xls|docx|doc|json|md|csv|wps|et)\b")
ZERO = re.compile(r"(?<![\d.])0(?:\.0+)?(?:家|户|项|个|台|万吨|吨|条|人|起|万元|万标张)")
EMPTY = re.compile(r"^(无|暂无|（无）|无。|暂无。)$")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
FIRST = re.compile(r"^(1[.．、]|（1）|\(1\)|①)")
SECOND = re.compile(r"^(2[.．、]|（2）|\(2\)|②)")


def _sparse_inbox(root: Path) -> Path:
    """One county, early in the year: two items, nothing else."""
    inbox = root / "inbox"
    write_xlsx(inbox / "贺兰县2021年落后产能退出情况.xlsx",
               {"退出明细": top(when="填报日期：2021年6月20日") + [
                   HEADER, row(1, done="2021-05-30"),
                   row(2, name="宁夏贺兰鑫源铸造有限公司", uscc="", industry="钢铁", equip="中频炉", spec="5t",
                       qty=2, cap="3", done="2021-06-10")]})
    return inbox


@cache
def _built(case: str):
    """(tally, settings, [(Document, text)], 汇总 rows) for a case: the samples or the sparse inbox."""
    import tempfile

    settings = load_settings()
    tmp = Path(tempfile.mkdtemp(prefix="truth-"))
    if case == "samples":
        inbox, as_of = SAMPLES, date(2021, 12, 6)
    else:
        inbox, as_of = _sparse_inbox(tmp), date(2021, 6, 30)
    t = tally(read_inbox(inbox, settings), settings, 2021, as_of)
    renderer = Renderer([TEMPLATES])
    docs = [(doc, docx_text(renderer.render(doc.template, doc.context))) for doc in plan_documents(t, settings, as_of)]
    write_summary(tmp / "汇总表.xlsx", t, settings)
    from openpyxl import load_workbook

    rows = [tuple(r) for r in load_workbook(tmp / "汇总表.xlsx")["汇总"].iter_rows(values_only=True)]
    shutil.rmtree(tmp, ignore_errors=True)
    return t, settings, docs, rows


CASES = ("samples", "sparse")


def _own_files(doc, t) -> set[str]:
    """The file names a letter may name: the recipient's own files (a 核对函 or 催报函 answers them)."""
    if doc.template not in ("核对函", "催报函"):
        return set()
    names = set(doc.context.get("recipient_names", ())) or {doc.filename.split("-", 1)[-1].rsplit(".", 1)[0]}
    return {Path(s.file).name for s in t.submissions if s.file and s.submitter in names}


@pytest.mark.parametrize("case", CASES)
def test_no_tool_words_in_any_document(case):
    t, _settings, docs, _ = _built(case)
    assert docs
    found = []
    for doc, text in docs:
        own = _own_files(doc, t)
        for m in TOOL_WORDS.finditer(text):
            found.append(f"{doc.filename}: …{text[max(0, m.start() - 15):m.end() + 10]}…")
        prose = "\n".join(line for line in text.splitlines() if "|" not in line)  # a table cell may hold a model (JN43)
        for m in CELL.finditer(prose):
            found.append(f"{doc.filename}: cell address …{prose[max(0, m.start() - 15):m.end() + 10]}…")
        for m in FILE.finditer(text):
            if m.group(0) not in own:
                found.append(f"{doc.filename}: a file not the recipient's own: {m.group(0)}")
    assert found == []


@pytest.mark.parametrize("case", CASES)
def test_no_empty_section_no_list_of_one_no_zero_sentence(case):
    _t, _settings, docs, _ = _built(case)
    found = []
    for doc, text in docs:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for k, line in enumerate(lines):
            body = [c.strip() for c in line.split("|")] if "|" in line else [line]
            if any(EMPTY.match(c) for c in body if "|" not in line):
                found.append(f"{doc.filename}: empty section after “{lines[k - 1][:20]}”")
            if HEADING.match(line) and k + 1 < len(lines) and HEADING.match(lines[k + 1]):
                found.append(f"{doc.filename}: heading with nothing under it: {line[:20]}")
            if FIRST.match(line) and not any(SECOND.match(x) for x in lines[k + 1:k + 40]):
                found.append(f"{doc.filename}: a list of one: {line[:30]}")
            if "|" not in line:
                for m in ZERO.finditer(line):
                    found.append(f"{doc.filename}: a sentence about zero: …{line[max(0, m.start() - 15):m.end() + 5]}…")
    assert found == []


PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
FIRMS = re.compile(r"企业(?:共)?(\d+)(?:家|户)")


@pytest.mark.parametrize("case", CASES)
def test_every_rate_is_one_the_tally_computed(case):
    t, settings, docs, _ = _built(case)
    fig = figures_of(t, settings)
    rates = {rate_text(p.ratio) for p in t.progress} | {rate_text(c.ratio) for c in fig.by_county.values()}
    rates |= {rate_text(i.ratio) for i in fig.industries}
    from reportgen.tally.progress import thresholds

    limits = {f"{(v * 100).normalize():f}%" for v in thresholds(settings)}
    for doc, text in docs:
        for m in PERCENT.finditer(text):
            assert m.group(0) in rates | limits, f"{doc.filename}: {m.group(0)} is not a computed rate ({sorted(rates)})"


@pytest.mark.parametrize("case", CASES)
def test_every_enterprise_count_is_one_the_tally_computed(case):
    t, settings, docs, _ = _built(case)
    fig = figures_of(t, settings)
    counts = {fig.city.enterprises, fig.yellow.enterprises, fig.red.enterprises, fig.exceedances.enterprises,
              fig.exceedance_serious, fig.red_reported}
    counts |= {c.enterprises for c in fig.by_county.values()}
    counts |= {tot.enterprises for _, tot in t.by_industry} | {tot.enterprises for *_, tot in t.by_county}
    counts |= {tot.enterprises for *_, tot in t.by_method} | {tot.enterprises for *_, tot in t.by_ground}
    counts |= {n for _, n in fig.yellow.by_status}
    for doc, text in docs:
        for m in FIRMS.finditer(text):
            assert int(m.group(1)) in counts, f"{doc.filename}: 企业{m.group(1)}家 is no computed count"


LINES = re.compile(r"生产线（设备）(\d+)台（套）")
AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万吨|吨|万标张|万重量箱|万千伏安时)")


@pytest.mark.parametrize("case", CASES)
def test_every_line_count_and_capacity_in_prose_is_one_the_tally_computed(case):
    from collections import defaultdict

    from reportgen.tally.figures import line_count

    t, settings, docs, _ = _built(case)
    fig = figures_of(t, settings)
    by_county, by_sender = defaultdict(list), defaultdict(list)
    for i in t.items:
        by_county[i.county].append(i)
        by_sender[i.submitter].append(i)
    pending = [i for i in t.items if i.method in ("关停", "封存")]
    lines = {line_count(t.items), line_count(pending)} | {line_count(x) for x in (*by_county.values(),
                                                                                  *by_sender.values())}
    amounts = {(i.capacity, i.unit) for i in t.items}
    amounts |= {(tot.capacity, tot.unit) for *_k, tot in (*t.by_county, *t.by_industry, *t.by_method, *t.by_ground)}
    for p in t.progress:
        amounts |= {(p.done, p.unit)} | ({(p.target, p.unit)} if p.target is not None else set())
    amounts |= {(i.target, i.unit) for i in fig.industries} | {(i.done, i.unit) for i in fig.industries}
    for sender in by_sender.values():  # a department's own reports, by industry
        per = defaultdict(Decimal)
        for i in sender:
            per[(i.industry, i.unit)] += i.capacity
        amounts |= {(v, u) for (_ind, u), v in per.items()}
    per = defaultdict(Decimal)
    for i in pending:
        per[(i.industry, i.unit)] += i.capacity
    amounts |= {(v, u) for (_ind, u), v in per.items()}
    amounts |= {(x.capacity, x.unit) for x in t.targets}
    for doc, text in docs:
        prose = "\n".join(line for line in text.splitlines() if "|" not in line)
        for m in LINES.finditer(prose):
            assert int(m.group(1)) in lines, f"{doc.filename}: {m.group(0)} is no computed line count"
        for m in AMOUNT.finditer(prose):
            assert (Decimal(m.group(1)), m.group(2)) in amounts, f"{doc.filename}: {m.group(0)} is no computed figure"


def _county_row(rows, county):
    head = next(r for r in rows if r and r[0] == "县（市）区")
    found = next(r for r in rows if r and r[0] == county)
    return dict(zip(head, found, strict=False))


@pytest.mark.parametrize("case", CASES)
def test_check_letter_of_a_county_states_its_row_of_the_summary(case):
    t, settings, docs, rows = _built(case)
    fig = figures_of(t, settings)
    letters = [(doc, text) for doc, text in docs if doc.template == "核对函"]
    counties = set(settings.county_names())
    checked = 0
    for doc, text in letters:
        county = next((c for c in counties if doc.filename == f"核对函-{c}.docx"), None)
        if county is None:
            continue
        mine = fig.by_county[county]
        row = _county_row(rows, county)
        assert row["企业数（家）"] == mine.enterprises and row["项目数（个）"] == mine.items
        assert f"企业{mine.enterprises}家" in text, f"{doc.filename}: not 企业{mine.enterprises}家"
        for industry, total in mine.industries:
            stated = f"{industry}{_plain(total.capacity)}{total.unit}"
            assert stated in text.replace("、", ""), f"{doc.filename}: {stated} missing"
            assert Decimal(str(row[f"{industry}（{total.unit}）"])) == total.capacity
        checked += 1
    assert checked >= 1


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def test_samples_show_a_department_item_credited_to_a_county():
    t, settings, docs, _ = _built("samples")
    fig = figures_of(t, settings)
    credited = {c.county: c.others for c in fig.by_county.values() if c.others}
    assert "兴庆区" in credited  # 市综合执法局 reported an item in 兴庆区
    text = dict((d.filename, x) for d, x in docs)["核对函-兴庆区.docx"]
    assert "市综合执法局" in text  # the county sees who reported it


def test_samples_show_a_county_slow_in_one_industry_but_not_overall():
    t, settings, _docs, _ = _built("samples")
    fig = figures_of(t, settings)
    xixia = fig.by_county["西夏区"]
    assert xixia.ratio is not None and xixia.ratio >= Decimal("0.6") and xixia.slow


def test_seed_typos_corrected_in_letters_are_the_ones_the_sample_readme_lists():
    import sys

    from reportgen.documents.text import SEED_CORRECTIONS, seed_text

    sys.path.insert(0, str(ROOT / "tools"))
    import sample_tasks

    listed = {(a, b) for a, b, _why in sample_tasks.TYPOS if " " not in a}  # spaces: dropped by cjk_text
    assert listed == set(SEED_CORRECTIONS)
    readme = (ROOT / "samples" / "2021" / "README.md").read_text(encoding="utf-8")
    assert all(f"| {a} | {b} |" in readme for a, b in SEED_CORRECTIONS)
    _t, _s, docs, _ = _built("samples")
    text = "".join(x for _d, x in docs)
    assert all(a not in text for a, _b in SEED_CORRECTIONS) and seed_text("银川市场监管局") == "银川市市场监管局"


def test_samples_exited_line_gets_no_price():
    t, _settings, docs, _ = _built("samples")
    huading = [i for i in t.items if i.enterprise == "宁夏华鼎铝业有限公司"]
    assert huading and huading[0].method == "关停"  # exited (关停) on 淘汰类 grounds: once on the list, now not
    text = dict((d.filename, x) for d, x in docs)["差别价格函-2021年.docx"]
    assert "华鼎铝业" not in text and {r["enterprise"] for r in t.price_list} == {
        "宁夏永宁县瑞鑫铁合金有限公司", "宁夏西夏区鑫达电石有限公司", "宁夏永宁县恒达硅业有限公司"}  # 能耗, open
    assert "阶梯电价" in text and "2022年1月1日" in text and "91640121MA7TR53572" in text


def test_rectification_notices_tell_the_remedies_and_carry_a_service_receipt():
    _t, _s, docs, _ = _built("samples")
    notices = [x for d, x in docs if d.template == "限期整改通知书"]
    assert notices
    for text in notices:
        assert "六十日内向银川市人民政府申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
        assert "送达回证" in text and "受送达人签名或盖章" in text


def test_one_rule_for_who_an_enterprise_is():
    from reportgen.models import Source, YellowCase
    from reportgen.tally.figures import count_enterprises

    def case(name, code=""):
        return YellowCase(name, code, "贺兰县", "水泥", "能耗", "", None, None, None, "", "", Source("a.xlsx", "s", 3), "x")

    code = "91640122MA7A000010"
    assert count_enterprises([case("甲公司", code), case("甲 公司")]) == 1  # no code: the enterprise of that name
    assert count_enterprises([case("甲公司", code), case("甲公司", "91640122MA7A000029")]) == 2  # two codes, two
    assert count_enterprises([case("甲有限责任公司"), case("甲有限公司")]) == 1
    t, settings, _docs, _ = _built("samples")
    assert t.enterprises == figures_of(t, settings).city.enterprises == 29


def test_only_the_recipients_sentence_reaches_a_letter():
    t, _s, docs, _ = _built("samples")
    hidden = [p for p in t.problems if p.code == "sheet-hidden"]
    assert hidden  # 贺兰县's hidden sheet: a clerk's matter
    text = dict((d.filename, x) for d, x in docs)["核对函-贺兰县.docx"]
    assert "隐藏" not in text and "该行未能计入" in text  # its rejected row is said in its terms
    for p in t.problems:  # no clerk's message, whole or in part, is in any letter
        body = p.message.split("：", 1)[-1]
        assert all(body not in x for _d, x in docs), p.code
