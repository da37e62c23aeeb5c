"""Tally: resubmissions, other-year rows, duplicates across submitters, totals, accounting."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings as hsettings, strategies as st

from reportgen.models import ExitItem, Source, Submission
from reportgen.tally.aggregate import resolve_resubmissions, tally

AS_OF = date(2021, 12, 1)


def item(file="a.xlsx", row=2, county="贺兰县", enterprise="甲公司", industry="水泥", cap="1", unit="万吨",
         method="拆除", done=date(2021, 6, 1), submitter="贺兰县", uscc="", equipment="磨机", grounds=("技术",)):
    return ExitItem(county=county, enterprise=enterprise, uscc=uscc, industry=industry, equipment=equipment,
                    spec="", quantity=1, quantity_unit="台", capacity=Decimal(cap), unit=unit, method=method,
                    grounds=grounds, completed=done, source=Source(file, "S", row), submitter=submitter)


def sub(file, submitter, items=(), fill=None, mtime=0.0, rejected=0):
    return Submission(file=file, status="read", submitter=submitter, fill_date=fill, mtime=mtime, items=tuple(items),
                      rows_read=len(items) + rejected, rejected=rejected)


def test_resubmission_latest_fill_date_wins(settings):
    old = sub("贺兰县-旧.xlsx", "贺兰县", [item("贺兰县-旧.xlsx", cap="5")], fill=date(2021, 11, 1), mtime=9)
    new = sub("贺兰县-新.xlsx", "贺兰县", [item("贺兰县-新.xlsx", cap="6")], fill=date(2021, 11, 20), mtime=1)
    t = tally([old, new], settings, 2021, AS_OF)
    assert [i.capacity for i in t.items] == [Decimal("6")]
    status = {s.file: s.status for s in t.submissions}
    assert status == {"贺兰县-旧.xlsx": "superseded", "贺兰县-新.xlsx": "used"} | {"": "missing"}
    assert t.accounting.superseded_rows == 1 and t.accounting.rows_read == 1
    assert any(p.code == "file-superseded" and p.file == "贺兰县-旧.xlsx" for p in t.problems)


def test_resubmission_without_dates_uses_modification_time(settings):
    a = sub("a.xlsx", "西夏区", [item("a.xlsx", county="西夏区", submitter="西夏区")], mtime=5)
    b = sub("b.xlsx", "西夏区", [item("b.xlsx", county="西夏区", submitter="西夏区")], mtime=7)
    used, superseded = resolve_resubmissions([a, b])
    assert [s.file for s in used] == ["b.xlsx"] and superseded == {"a.xlsx": "b.xlsx"}
    empty = sub("c.xlsx", "西夏区", [], mtime=9)  # an empty form sent later replaces nothing
    used, superseded = resolve_resubmissions([a, b, empty])
    assert [s.file for s in used] == ["b.xlsx", "c.xlsx"] and superseded == {"a.xlsx": "b.xlsx"}


def test_other_year_rows_do_not_count(settings):
    s = sub("a.xlsx", "贺兰县", [item(done=date(2020, 12, 31)), item(row=3, equipment="窑")])
    t = tally([s], settings, 2021, AS_OF)
    assert len(t.items) == 1 and len(t.other_year) == 1
    assert t.accounting.other_year == 1 and t.accounting.counted == 1
    assert any(p.code == "other-year" and p.row == 2 for p in t.problems)


def test_duplicate_between_county_and_department_keeps_county_row(settings):
    dept = sub("工信局.xlsx", "市工信局", [item("工信局.xlsx", submitter="市工信局")])
    county = sub("贺兰县.xlsx", "贺兰县", [item("贺兰县.xlsx", row=9)])
    t = tally([dept, county], settings, 2021, AS_OF)
    assert len(t.items) == 1 and t.items[0].source.file == "贺兰县.xlsx"
    assert t.duplicates[0][0].source.file == "工信局.xlsx"
    p = [p for p in t.problems if p.code == "duplicate"]
    assert len(p) == 1 and "贺兰县.xlsx" in p[0].message and p[0].file == "工信局.xlsx"


def test_same_item_twice_in_one_file_counts_twice(settings):
    s = sub("a.xlsx", "贺兰县", [item(row=2), item(row=3)])
    t = tally([s], settings, 2021, AS_OF)
    assert len(t.items) == 2 and t.accounting.duplicate == 0


def test_totals_never_add_across_units(settings):
    s = sub("a.xlsx", "贺兰县", [item(industry="铅蓄电池", cap="5", unit="万千伏安时"),
                                 item(row=3, industry="铅蓄电池", cap="2", unit="万套", enterprise="乙")])
    t = tally([s], settings, 2021, AS_OF)
    assert [(ind, tot.unit, tot.capacity) for ind, tot in t.by_industry] == \
        [("铅蓄电池", "万千伏安时", Decimal("5")), ("铅蓄电池", "万套", Decimal("2"))]


def test_totals_and_counts(settings):
    items = [item(cap="0.1"), item(row=3, cap="0.2", equipment="窑"),
             item(row=4, county="贺兰县", enterprise="乙", cap="3", method="封存", grounds=("能耗", "技术"))]
    t = tally([sub("a.xlsx", "贺兰县", items)], settings, 2021, AS_OF)
    (county, industry, total), = t.by_county
    assert (county, industry, total.capacity, total.enterprises, total.items) == ("贺兰县", "水泥", Decimal("3.3"), 2, 3)
    grounds = {(g, tot.capacity) for g, _, tot in t.by_ground}
    assert grounds == {("技术", Decimal("3.3")), ("能耗", Decimal("3"))}
    methods = {(m, tot.items) for m, _, tot in t.by_method}
    assert methods == {("拆除", 2), ("封存", 1)}


def test_missing_expected_submitters(settings):
    t = tally([sub("a.xlsx", "贺兰县", [item()])], settings, 2021, AS_OF)
    expected = [s.short for s in settings.submitters if s.expected]
    assert "贺兰县" not in t.missing and set(t.missing) == set(expected) - {"贺兰县"}
    assert all(p.code == "submitter-missing" for p in t.problems if not p.file)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["贺兰县", "西夏区", "市工信局"]),
                          st.sampled_from(["甲", "乙"]),
                          st.sampled_from(["0.1", "0.2", "12.35"]),
                          st.sampled_from([2020, 2021]),
                          st.integers(0, 2)), max_size=25))
def test_accounting_invariant_and_exact_sum(rows):
    from reportgen.config import load_settings

    settings = load_settings()
    subs = {}
    for n, (who, ent, cap, year, rej) in enumerate(rows):
        county = who if who != "市工信局" else "贺兰县"
        it = item(f"{who}.xlsx", row=n + 2, county=county, enterprise=ent, cap=cap, done=date(year, 5, 1),
                  submitter=who)
        items, rejected = subs.get(who, ([], 0))
        subs[who] = (items + [it], rejected + rej)
    submissions = [sub(f"{w}.xlsx", w, its, rejected=rej) for w, (its, rej) in subs.items()]
    t = tally(submissions, settings, 2021, AS_OF)
    acc = t.accounting
    assert acc.rows_read == acc.counted + acc.rejected + acc.duplicate + acc.other_year + acc.not_yet
    assert sum((tot.capacity for _, tot in t.by_industry), Decimal(0)) == sum((i.capacity for i in t.items), Decimal(0))


def spec_item(file, row, spec, submitter="贺兰县", **kw):
    from dataclasses import replace

    return replace(item(file, row=row, submitter=submitter, **kw), spec=spec)


def test_two_spellings_of_one_spec_across_submitters_count_once(settings):
    county = sub("贺兰县.xlsx", "贺兰县", [spec_item("贺兰县.xlsx", 3, "Φ2.2×6.5m", enterprise="甲水泥有限责任公司")])
    dept = sub("工信局.xlsx", "市工信局", [spec_item("工信局.xlsx", 4, "φ2.2x6.5米", submitter="市工信局",
                                                  enterprise="甲水泥 有限公司")])
    t = tally([dept, county], settings, 2021, AS_OF)
    assert [i.source.file for i in t.items] == ["贺兰县.xlsx"] and t.accounting.duplicate == 1
    assert [p.file for p in t.problems if p.code == "duplicate"] == ["工信局.xlsx"]


def test_probable_duplicate_is_a_warning_on_both_rows_and_both_count(settings):
    county = sub("贺兰县.xlsx", "贺兰县", [spec_item("贺兰县.xlsx", 3, "Φ2.2×6.5m")])
    dept = sub("工信局.xlsx", "市工信局", [spec_item("工信局.xlsx", 4, "", submitter="市工信局"),
                                        spec_item("工信局.xlsx", 5, "Φ3.0×11m", submitter="市工信局",
                                                  equipment="窑")])
    t = tally([dept, county], settings, 2021, AS_OF)
    assert len(t.items) == 3 and t.accounting.duplicate == 0
    probable = sorted((p.file, p.row) for p in t.problems if p.code == "duplicate-probable")
    assert probable == [("工信局.xlsx", 4), ("贺兰县.xlsx", 3)]
    msg = next(p.message for p in t.problems if p.code == "duplicate-probable" and p.row == 3)
    assert "工信局.xlsx「S」第4行" in msg and "未填" in msg


def test_probable_duplicate_by_credit_code_with_different_names(settings):
    code = "91640122MA76AB7Q8X"
    a = sub("贺兰县.xlsx", "贺兰县", [spec_item("贺兰县.xlsx", 3, "Φ2.2×6.5m", uscc=code, enterprise="甲厂")])
    b = sub("工信局.xlsx", "市工信局", [spec_item("工信局.xlsx", 4, "Φ2.4×6.5m", submitter="市工信局", uscc=code,
                                                  enterprise="甲水泥公司")])
    t = tally([a, b], settings, 2021, AS_OF)
    assert len(t.items) == 2 and sum(p.code == "duplicate-probable" for p in t.problems) == 2


def test_row_repeated_in_one_file_is_a_warning_on_each_row(settings):
    s = sub("a.xlsx", "贺兰县", [item(row=2), item(row=3), item(row=4, equipment="窑")])
    t = tally([s], settings, 2021, AS_OF)
    assert len(t.items) == 3 and t.accounting.duplicate == 0
    rep = sorted((p.row, p.message) for p in t.problems if p.code == "row-repeated")
    assert [r for r, _ in rep] == [2, 3] and "第3行" in rep[0][1] and "第2行" in rep[1][1]


def test_same_yellow_and_red_case_from_two_departments_is_one_case(settings):
    from reportgen.models import RedCase, Source, YellowCase

    def yellow(file, row, name, uscc=""):
        return YellowCase(enterprise=name, uscc=uscc, county="贺兰县", industry="水泥", category="能耗", issue="",
                          notice_date=date(2021, 3, 1), deadline=None, extended_to=None, review="", publisher="",
                          source=Source(file, "黄牌", row), submitter="")

    def red(file, row, name):
        return RedCase(enterprise=name, uscc="", county="贺兰县", industry="水泥", category="能耗",
                       closed_on=date(2021, 9, 1), basis="", publisher="", source=Source(file, "红牌", row),
                       submitter="")

    a = Submission(file="工信局.xlsx", status="read", submitter="市工信局", rows_read=3,
                   yellow=(yellow("工信局.xlsx", 3, "甲水泥有限责任公司"), yellow("工信局.xlsx", 4, "乙公司")),
                   red=(red("工信局.xlsx", 3, "丙公司"),))
    b = Submission(file="市场监管局.xlsx", status="read", submitter="市市场监管局", rows_read=2,
                   yellow=(yellow("市场监管局.xlsx", 3, "甲水泥有限公司"),), red=(red("市场监管局.xlsx", 5, "丙 公司"),))
    t = tally([a, b], settings, 2021, AS_OF)
    assert [y.enterprise for y in t.yellow] == ["甲水泥有限责任公司", "乙公司"] and len(t.red) == 1
    assert len(t.yellow_status) == 2 and len(t.red_status) == 1
    assert t.accounting.duplicate == 2 and t.accounting.balanced()
    assert sorted(p.file for p in t.problems if p.code == "case-duplicate") == ["市场监管局.xlsx"] * 2
    assert [(d.source.file, k.source.file) for d, k in t.duplicate_cases] == [("市场监管局.xlsx", "工信局.xlsx")] * 2


def test_completion_after_the_run_date_is_a_warning_and_not_done(settings):
    s = sub("a.xlsx", "贺兰县", [item(row=2, done=date(2021, 12, 20)), item(row=3, equipment="窑")])
    t = tally([s], settings, 2021, AS_OF)
    assert len(t.items) == 1 and [i.source.row for i in t.not_yet] == [2]
    assert t.accounting.not_yet == 1 and t.accounting.balanced()
    (p,) = [p for p in t.problems if p.code == "completed-after-date"]
    assert p.row == 2 and "2021-12-20" in p.message and "尚未完成" in p.message
    assert sum(tot.capacity for _, tot in t.by_industry) == Decimal("1")


CAPACITY = st.builds(lambda digits, exp: Decimal(digits).scaleb(exp),
                     st.integers(1, 10 ** 15 - 1), st.integers(-14, 12))  # what a cell can hold: 15 digits


@hsettings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(CAPACITY, st.sampled_from(["贺兰县", "西夏区"]), st.sampled_from(["水泥", "钢铁"])),
                min_size=1, max_size=30))
def test_a_total_always_equals_the_sum_of_its_items(rows):
    from fractions import Fraction

    from reportgen.config import load_settings

    settings = load_settings()
    items = [item("a.xlsx", row=n + 2, county=county, industry=ind, cap=str(cap), equipment=f"设备{n}")
             for n, (cap, county, ind) in enumerate(rows)]
    t = tally([sub("a.xlsx", "贺兰县", items)], settings, 2021, AS_OF)
    for ind, total in t.by_industry:
        exact = sum(Fraction(c) for c, _, i in rows if i == ind)
        assert Fraction(total.capacity) == exact
    for county, ind, total in t.by_county:
        assert Fraction(total.capacity) == sum(Fraction(c) for c, k, i in rows if i == ind and k == county)


def test_every_comparison_uses_the_identity_keys(settings):
    """A named plan item and a yellow case match the exit item however the name and equipment are spelled."""
    from dataclasses import replace

    from reportgen.models import Target, YellowCase

    done = replace(item(enterprise="甲水泥有限公司", equipment="φ2.2x6.5米水泥磨"), spec="")
    plan = Target("贺兰县", "水泥", Decimal("1"), "万吨", "甲水泥有限责任公司", "Φ2.2×6.5m水泥磨", Source("plan.xlsx", "S", 3))
    case = YellowCase(enterprise="甲水泥 有限责任公司", uscc="", county="贺兰县", industry="水泥", category="能耗", issue="",
                      notice_date=date(2021, 3, 1), deadline=None, extended_to=None, review="", publisher="",
                      source=Source("工信局.xlsx", "黄牌", 3), submitter="市工信局")
    s = Submission(file="a.xlsx", status="read", submitter="贺兰县", items=(done,), targets=(plan,), yellow=(case,),
                   rows_read=3)
    t = tally([s], settings, 2021, AS_OF)
    (progress,) = [p for p in t.progress if p.county == "贺兰县"]
    assert progress.named_planned == 1 and progress.named_done == 1
    (status,) = t.yellow_status
    assert status.exit_items == (done,)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 90), st.booleans()), min_size=1, max_size=8,
                unique_by=lambda t: t[:2]),
       st.sampled_from(["Φ{d}×{l}m", "φ{d}x{l}米", "Ф{d}*{l}M", "直径{d}米×{l}米", "Φ {d} X {l} m"]),
       st.sampled_from(["Φ{d}×{l}m", "φ{d}x{l}米", "Ф{dz}m*{l}m", "∅{d}×{lz}m"]))
def test_a_department_repeating_county_items_in_other_spellings_adds_nothing(specs, county_style, dept_style):
    from dataclasses import replace

    from reportgen.config import load_settings

    settings = load_settings()
    county, dept = [], []
    for n, (d, length, also) in enumerate(specs):
        size = {"d": f"{d / 10:g}", "l": f"{length / 10:g}", "dz": f"{d / 10:.2f}", "lz": f"{length / 10:.3f}"}
        county.append(replace(item("贺兰县.xlsx", row=n + 2, equipment="磨机"), spec=county_style.format(**size)))
        if also:
            dept.append(replace(item("工信局.xlsx", row=n + 2, equipment="磨 机", submitter="市工信局",
                                     enterprise="甲公司 "), spec=dept_style.format(**size)))
    t = tally([sub("贺兰县.xlsx", "贺兰县", county), sub("工信局.xlsx", "市工信局", dept)], settings, 2021, AS_OF)
    assert [i.source.file for i in t.items] == ["贺兰县.xlsx"] * len(county)
    assert t.accounting.duplicate == len(dept) and not [p for p in t.problems if p.code == "duplicate-probable"]
