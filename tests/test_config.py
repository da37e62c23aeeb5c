"""Settings: shipped defaults, a year's overrides, and configuration errors naming the key."""
from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.config import default_text, load_settings
from reportgen.errors import ConfigError


def write(tmp_path, text):
    path = tmp_path / "reportgen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_yinchuan(settings):
    assert settings.county_names() == ("兴庆区", "西夏区", "金凤区", "永宁县", "贺兰县", "灵武市")
    assert settings.report_deadline == (11, 30) and settings.plan_deadline == (5, 31)
    assert settings.industry("水泥熟料").name == "水泥"
    assert settings.industry("活性炭").factor("万吨") == Decimal("10000")
    assert settings.find_submitter("市生态环境局").name == "银川市生态环境局"
    assert settings.find_submitter("贺兰县工业和信息化局").name == "贺兰县"
    assert settings.find_submitter("银川市综合执法局").short == "市综合执法局"


def test_init_file_equals_defaults(tmp_path):
    assert load_settings(write(tmp_path, default_text())) == load_settings(None).__class__(
        **{**load_settings(None).__dict__, "source": str(tmp_path / "reportgen.toml")})


def test_override_scalar_and_list(tmp_path):
    s = load_settings(write(tmp_path, 'region = "石嘴山市"\n[deadlines]\nreport = "12-15"\n'
                                      '[[counties]]\nname = "大武口区"\ncode = "640202"\n'))
    assert s.region == "石嘴山市" and s.report_deadline == (12, 15)
    assert s.county_names() == ("大武口区",)
    assert len(s.industries) == 12  # untouched lists keep the defaults


@pytest.mark.parametrize("text,key", [
    ('regoin = "x"\n', "regoin"),
    ('[deadlines]\nreprot = "11-30"\n', "deadlines.reprot"),
    ('[deadlines]\nreport = "11-31"\n', "deadlines.report"),
    ('[limits]\nblank_run = "many"\n', "limits.blank_run"),
    ('[limits]\nblank_run = 0\n', "limits.blank_run"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\ncolour = "red"\n', "colour"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\nunits = { "吨" = "abc" }\n', "industries[1].units"),
    ('[[counties]]\nname = "甲"\n[[counties]]\nname = "甲"\n', "甲"),
])
def test_bad_configuration_names_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, text))
    assert key in str(exc.value)


def test_syntax_error_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="格式错误"):
        load_settings(write(tmp_path, 'region = "unterminated\n'))
    with pytest.raises(ConfigError, match="不存在"):
        load_settings(tmp_path / "nope.toml")


def _linear_find(candidates, text):
    """The plain rule the index must agree with: exact, then tail, then the longest contained name."""
    from reportgen.models import normalise_name

    key = normalise_name(text)
    if not key:
        return None
    for sub in candidates:
        if key in (normalise_name(n) for n in sub.names()):
            return sub
    best = None
    for sub in candidates:
        for n in sub.names():
            nk = normalise_name(n)
            if len(nk) >= 2 and nk in key and (best is None or len(nk) > best[0]):
                best = (len(nk), sub)
            elif len(key) >= 4 and nk.endswith(key) and (best is None or len(key) > best[0]):
                best = (len(key), sub)
    return best[1] if best else None


from hypothesis import given, strategies as st  # noqa: E402

_PIECES = ["贺兰县", "工业和信息化局", "银川市", "市", "生态环境局", "市场监管局", "2021年", "落后产能", "兴庆区", "情况",
           "发展改革委", "应急管理局", "综合执法局", "（更正）", " ", "人社局", "财政局", "灵武市", "西夏"]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5))
def test_name_index_agrees_with_the_plain_rule(pieces):
    settings = load_settings()
    text = "".join(pieces)
    assert settings.find_submitter(text) == _linear_find(settings.submitters, text)
    assert settings.find_county(text) == _linear_find(settings.counties, text)
