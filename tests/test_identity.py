"""identity.py: one spelling-blind key per enterprise, equipment and spec; different things stay apart."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings as hsettings, strategies as st

from reportgen.identity import enterprise_key, enterprise_name_key, name_key, same_enterprise, thing_key

_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
PHI = st.sampled_from(["Φ", "φ", "Ф", "ф", "∅", "⌀", "Ø", "ø", "直径"])
TIMES = st.sampled_from(["×", "x", "X", "*", "＊", "✕", "ｘ"])
METRE = st.sampled_from(["m", "M", "米", "ｍ"])
SIZE = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1)


def spelled(d: Decimal, length: Decimal, phi: str, times: str, unit: str, per_dim: bool, zeros: int,
            spaces: bool, full: bool) -> str:
    def num(x: Decimal) -> str:
        text = format(x.normalize(), "f") + ("0" * zeros if "." in format(x.normalize(), "f") else "")
        return text.translate(_FULL) if full else text
    sep = f" {times} " if spaces else times
    first = num(d) + (unit if per_dim else "")
    return f"{phi}{' ' if spaces else ''}{first}{sep}{num(length)}{unit}"


@hsettings(max_examples=300, deadline=None)
@given(d=SIZE, length=SIZE, a=st.tuples(PHI, TIMES, METRE, st.booleans(), st.integers(0, 2), st.booleans(),
                                         st.booleans()),
       b=st.tuples(PHI, TIMES, METRE, st.booleans(), st.integers(0, 2), st.booleans(), st.booleans()))
def test_two_spellings_of_one_spec_are_one_key(d, length, a, b):
    assert thing_key(spelled(d, length, *a)) == thing_key(spelled(d, length, *b))


@hsettings(max_examples=300, deadline=None)
@given(one=st.tuples(SIZE, SIZE), other=st.tuples(SIZE, SIZE),
       a=st.tuples(PHI, TIMES, METRE, st.booleans(), st.integers(0, 2), st.booleans(), st.booleans()),
       b=st.tuples(PHI, TIMES, METRE, st.booleans(), st.integers(0, 2), st.booleans(), st.booleans()))
def test_different_specs_are_different_keys(one, other, a, b):
    if one[0] == other[0] and one[1] == other[1]:
        return
    assert thing_key(spelled(*one, *a)) != thing_key(spelled(*other, *b))


def test_spec_spellings_seen_in_county_forms():
    assert len({thing_key(s) for s in ("Φ2.2×6.5m", "φ2.2x6.5m", "Φ 2.2 X 6.5 M", "Ф2.2*6.5米", "直径2.2米×6.5米",
                                        "Φ2.2m×6.5m", "Φ２．２×６．５ｍ", "Φ2.20×6.50m")}) == 1
    assert thing_key("2500t/d") == thing_key("2,500吨/日") == thing_key("2500 T/天")
    assert thing_key("12500kVA") == thing_key("12500千伏安")
    # kept apart: other numbers, other units, another dimension
    keys = [thing_key(s) for s in ("Φ2.2×6.5m", "Φ2.2×7.5m", "Φ2.2×6.5mm", "Φ2.2×6.5×3m", "Φ22×6.5m", "2.2×6.5m")]
    assert len(set(keys)) == len(keys)


def test_enterprise_names_fold_only_the_organisational_form():
    assert enterprise_name_key("宁夏甲水泥有限责任公司") == enterprise_name_key("宁夏 甲水泥有限公司")
    assert enterprise_name_key("宁夏（甲）水泥有限公司") == enterprise_name_key("宁夏(甲)水泥有限公司")
    apart = ["宁夏甲水泥有限公司", "宁夏甲水泥股份有限公司", "宁夏甲水泥有限公司贺兰分公司", "宁夏乙水泥有限公司"]
    assert len({enterprise_name_key(n) for n in apart}) == len(apart)


def test_enterprise_key_and_same_enterprise():
    code = "91640122MA76AB7Q8X"
    assert enterprise_key(code, "甲") == code and enterprise_key("", "甲有限责任公司") == "甲有限公司"
    assert same_enterprise(code, "甲公司", code, "甲厂")  # the code is who it is
    assert same_enterprise("", "甲有限公司", code, "甲有限责任公司")  # one code missing: the name decides
    assert not same_enterprise(code, "甲公司", code[:-1] + "Y", "甲公司")
    assert name_key(" ａｂ　c ") == "ABC"
