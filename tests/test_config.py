"""Settings: shipped defaults, a year's overrides, and configuration errors naming the key."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

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


# (text of reportgen.toml, the key as the message names it, a piece of the reason)
BAD = [
    ('regoin = "x"\n', "「regoin」", "不认识"),
    ('[deadlines]\nreprot = "11-30"\n', "「deadlines.reprot」", "不认识"),
    ('[deadlines]\nreport = "11-31"\n', "「deadlines.report」", '"11-30"'),
    ('[deadlines]\nreport = "02-29"\n', "「deadlines.report」", "2月29日不是每年都有"),
    ('[deadlines]\nreport = 1130\n', "「deadlines.report」", "月-日"),
    ('[deadlines]\nplan = "12-01"\n', "「deadlines.plan」", "应早于「deadlines.report」"),
    ('[deadlines]\nreply_days = 99999999\n', "「deadlines.reply_days」", "应在 1 到 90 之间，现为 99999999"),
    ('[deadlines]\nremind_days = 0\n', "「deadlines.remind_days」", "应在 1 到 90 之间"),
    ('[deadlines]\nremind_days = 7.5\n', "「deadlines.remind_days」", "应为整数"),
    ('[deadlines]\nremind_days = "7"\n', "「deadlines.remind_days」", '现为 "7"'),
    ('[limits]\nblank_run = "many"\n', "「limits.blank_run」", "应为整数"),
    ('[limits]\nblank_run = 0\n', "「limits.blank_run」", "应在 1 到"),
    ('[limits]\nmax_rows = true\n', "「limits.max_rows」", "应为整数"),
    ("limits = 5\n", "「limits」", "应为一个表"),
    ('region = 1\n', "「region」", "应为带英文双引号的文字"),
    ('region = " "\n', "「region」", "不能为空"),
    ('[organs.lead]\nname = ""\n', "「organs.lead.name」", "不能为空"),
    ('[organs]\nlead = "工信局"\n', "「organs.lead」", "应为一个表"),
    ('[organs.categories."质量"]\nowner = "市质监局"\n', "「organs.categories.质量.owner」", "不是牵头单位"),
    ('[organs.categories."安全"]\narticle = "×××"\n', "「organs.categories.安全.article」", "不合规"),
    ('[organs.categories."外观"]\nowner = "银川市应急管理局"\n', "「organs.categories.外观」", "不认识"),
    ('[organs.office]\nname = "银川市落后产能退出工作领导小组办公室"\n', "「organs.office.short」", "不能为空"),
    ('[organs.lead]\nsigners = "张三"\n', "「organs.lead.signers」", "应为列表"),
    ('[[counties]]\nname = "兴庆区"\naddress = "贵区"\n', "「counties」第1项的「address」", "不合规"),
    ("counties = []\n", "「counties」", "至少要有一项"),
    ('counties = "兴庆区"\n', "「counties」", "[[counties]]"),
    ('[[counties]]\nname = "甲区"\n[[counties]]\nname = "甲区"\n', "「counties」第2项的「name」", "「甲区」重复"),
    ('[[counties]]\nname = "甲区"\ncode = "6401"\n', "「counties」第1项的「code」", "六位行政区划代码"),
    ('[[counties]]\ncode = "640104"\n', "「counties」第1项的「name」", "缺少"),
    ('[[counties]]\nname = "甲区"\naliases = "甲"\n', "「counties」第1项的「aliases」", "应为列表"),
    ('[[counties]]\nname = "甲区"\naliases = ["甲", 2]\n', "「counties」第1项的「aliases」第2项", "文字"),
    ('[[departments]]\nname = "银川市应急管理局"\nexpected = "false"\n', "「departments」第1项的「expected」",
     "加了引号就是文字"),
    ('[[departments]]\nname = "银川市应急管理局"\nexpected = 0\n', "「departments」第1项的「expected」",
     "应为 true 或 false"),
    ('[[departments]]\nname = "银川市应急管理局"\ncode = "1"\n', "「departments」第1项的「code」", "不认识"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\ncolour = "red"\n', "「industries」第1项的「colour」", "不认识"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\nunits = { "吨" = "abc" }\n', "「industries」第1项的「units.吨」",
     "应为数字"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\nunits = { "吨" = 0 }\n', "「industries」第1项的「units.吨」",
     "应大于 0"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\nunits = "吨"\n', "「industries」第1项的「units」", "应写成"),
    ('[[industries]]\nname = "水泥"\nunit = "万吨"\n[[industries]]\nname = "水泥"\nunit = "吨"\n',
     "「industries」第2项的「name」", "重复"),
    ("industries = []\n", "「industries」", "至少要有一项"),
    ("[progress]\nsummon_below = 70\n", "「progress.summon_below」", "应小于「progress.notify_below」"),
    ('[progress]\nnotify_below = "sixty"\n', "「progress.notify_below」", "应为数字"),
    ("[progress]\nnotify_below = nan\n", "「progress.notify_below」", "应为数字"),
    ("[progress]\nnotify_below = 101\n", "「progress.notify_below」", "不大于 100"),
    ("[documents]\nreport_cc = [1, 2]\n", "「documents.report_cc」第1项", '应为带英文双引号的文字，如 "自治区工业和信息化厅"，现为 1'),
    ('[documents]\nreport_cc = "自治区工业和信息化厅"\n', "「documents.report_cc」", "应为列表"),
    ('[documents]\nreport_cc = ["甲", "甲"]\n', "「documents.report_cc」", '"甲" 重复'),
    ("[documents]\nnotice_days = -3\n", "「documents.notice_days」", "应在 1 到 90 之间，现为 -3"),
    ('[documents]\nreport_to = ""\n', "「documents.report_to」", "不能为空"),
    ('[documents]\ncounty_addressee = "人民政府"\n', "「documents.county_addressee」", "应含 {name}"),
    ('[documents]\nphone = "call me"\n', "「documents.phone」", "不合规"),
    ('[documents]\nnext_steps = "抓落实"\n', "「documents.next_steps」", "应为列表"),
    ('[documents.numbers]\n"通知" = "银工信发"\n', "「documents.numbers.通知」", "不认识"),
    ('[documents.numbers]\n"公告" = 5\n', "「documents.numbers.公告」", "文字"),
    ('[documents.first_number]\n"公告" = -1\n', "「documents.first_number.公告」", "应在 0 到 99999 之间"),
    ('[documents]\nnumbers = "银工信发"\n', "「documents.numbers」", "应为一个表"),
    ('[summon]\nplace = 3\n', "「summon.place」", "文字"),
    ('[plan]\nfile = false\n', "「plan.file」", "文字"),
    # an alias that is another organ's name, short name or alias
    ('[[counties]]\nname = "兴庆区"\naliases = ["西夏区"]\n[[counties]]\nname = "西夏区"\n',
     "「counties」第2项的「name」", "已是「counties」第1项「兴庆区」的名称或写法"),
    ('[[counties]]\nname = "兴庆区"\naliases = ["市应急局"]\n', "「departments」第4项的「aliases」",
     "「市应急局」已是「counties」第1项「兴庆区」"),
    ('[[departments]]\nname = "银川市财政局"\naliases = ["贺兰"]\n', "「departments」第1项的「aliases」",
     "「贺兰」已是「counties」第5项「贺兰县」"),
    ('[[counties]]\nname = "兴庆区"\naliases = ["兴"]\n', "「counties」第1项的「aliases」", "「兴」太短"),
    ('[[departments]]\nname = "银川市财政局"\nshort = "财"\n', "「departments」第1项的「short」", "「财」太短"),
]


@pytest.mark.parametrize("text,key,reason", BAD)
def test_bad_setting_names_the_file_and_the_key(tmp_path, text, key, reason):
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, text))
    message = str(exc.value)
    assert f"配置文件 {tmp_path / 'reportgen.toml'} 中的配置项{key}" in message
    assert reason in message


def test_typed_sections_reach_their_readers(tmp_path):
    s = load_settings(write(tmp_path, '[documents]\nreport_cc = [" 甲 ", ""]\nnotice_days = 10\n'
                                      '[progress]\nnotify_below = 55.5\nsummon_below = 20\n'
                                      '[[departments]]\nname = "银川市应急管理局"\nexpected = false\n'
                                      '[organs.categories."质量"]\nowner = "银川市应急管理局"\n'  # owners must exist
                                      '[organs.categories."环保"]\nowner = "银川市应急管理局"\n'))
    assert s.documents.report_cc == ("甲",) and s.documents.notice_days == 10
    assert s.progress.notify_below == Decimal("55.5") and s.progress.summon_below == Decimal(20)
    assert s.departments[0].expected is False and s.departments[0].short == "银川市应急管理局"
    assert s.documents.numbers["核对函"] == "银工信函"  # untouched keys of a merged table keep the defaults
    assert s.deadline(2021) == date(2021, 11, 30) and s.reply_days == 5
    assert s.organs.categories.质量.owner == "银川市应急管理局" and s.organs.categories.质量.law  # merged key by key


def test_every_setting_in_the_schema_has_a_shipped_default():
    """Adding a field to a section without its value in data/defaults.toml fails loudly, naming the key."""
    import tomllib

    from reportgen.config import Settings
    from reportgen.config.schema import SettingError, build, merge

    defaults = tomllib.loads(default_text())
    del defaults["documents"]["notice_days"]
    with pytest.raises(SettingError, match="「documents.notice_days」缺少"):
        build(Settings, merge(Settings, defaults, {}))


def test_county_aliases_are_shipped_and_exact(settings):
    """兴庆 -> 兴庆区 (the intake's recognition of 县（市）区 calls these)."""
    for short, full in [("兴庆", "兴庆区"), ("西夏", "西夏区"), ("金凤", "金凤区"), ("永宁", "永宁县"), ("贺兰", "贺兰县"),
                        ("灵武", "灵武市"), ("贺兰县", "贺兰县"), (" 贺 兰 ", "贺兰县"), ("ＸＸ", None), ("贺兰县局", None)]:
        found = settings.county_named(short)
        assert (found.name if found else None) == full, short
    assert settings.find_county("兴庆").name == "兴庆区"
    assert settings.submitter_named("市应急局").name == "银川市应急管理局"
    assert settings.submitter_named("应急局") is None


def test_an_organ_is_recognised_by_its_whole_name(settings):
    """灵武市工业和信息化局 is 灵武市's bureau, not the city's 市工业和信息化局 (whose alias begins inside 灵武市)."""
    assert settings.find_submitter("灵武市工业和信息化局").name == "灵武市"
    assert settings.find_submitter("灵武市工信局2021年退出情况").name == "灵武市"
    assert settings.find_submitter("灵武市生态环境局").name == "灵武市"
    assert settings.find_submitter("市工业和信息化局").name == "银川市工业和信息化局"
    assert settings.find_submitter("银川市工业和信息化局2021").name == "银川市工业和信息化局"
    assert settings.find_submitter("2021年贺兰县工业和信息化局（更正）").name == "贺兰县"


def test_syntax_error_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="格式错误"):
        load_settings(write(tmp_path, 'region = "unterminated\n'))
    with pytest.raises(ConfigError, match="不存在"):
        load_settings(tmp_path / "nope.toml")


def _linear_find(candidates, text):
    """The plain rule the index must agree with: exact, then tail, then the longest whole contained name."""
    from reportgen.models import normalise_name

    key = normalise_name(text)
    if not key:
        return None
    for sub in candidates:
        if key in (normalise_name(n) for n in sub.names()):
            return sub
    for sub in candidates:
        for n in sub.names():
            nk = normalise_name(n)
            if len(key) >= 4 and len(nk) > len(key) and nk.endswith(key):
                return sub
    spans = [(i, i + len(nk), sub) for sub in candidates for n in sub.names() for nk in [normalise_name(n)]
             if len(nk) >= 2 for i in range(len(key)) if key.startswith(nk, i)]
    # a name that begins inside another found name and runs past it is cut out of that name: not a whole name
    whole = [s for s in spans if not any(o[0] < s[0] < o[1] < s[1] for o in spans)]
    best = None
    for start, end, sub in whole:  # the longest; between equals, the first configured
        if best is None or end - start > best[0]:
            best = (end - start, sub)
    return best[1] if best else None


_PIECES = ["贺兰县", "工业和信息化局", "银川市", "市", "生态环境局", "市场监管局", "2021年", "落后产能", "兴庆区", "情况",
           "发展改革委", "应急管理局", "综合执法局", "（更正）", " ", "人社局", "财政局", "灵武市", "西夏", "市工信局",
           "灵武", "工业和信息化局", "兴庆"]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5))
def test_name_index_agrees_with_the_plain_rule(pieces):
    settings = load_settings()
    text = "".join(pieces)
    assert settings.find_submitter(text) == _linear_find(settings.submitters, text)
    assert settings.find_county(text) == _linear_find(settings.counties, text)


# ---------------------------------------------------------------- wrong types anywhere, whatever sections exist

def _leaves(cls, path=()):
    """(path, bare type) of every setting under the dataclass `cls`, arrays of tables excluded."""
    from dataclasses import is_dataclass

    from reportgen.config.schema import _typed_fields

    for key, (_f, tp, _rule) in _typed_fields(cls).items():
        yield (*path, key), tp
        if isinstance(tp, type) and is_dataclass(tp) and not hasattr(tp, "from_setting"):
            yield from _leaves(tp, (*path, key))


def _wrong(tp):
    """A TOML value of the wrong type for `tp`."""
    if tp is str:
        return "1"
    return "{}" if getattr(tp, "from_setting", None) else '"x"'


def _toml_key(key):
    return '"' + key + '"'


def _every_leaf():
    from reportgen.config import Settings

    return [(path, tp) for path, tp in _leaves(Settings)]


@pytest.mark.parametrize("path,tp", _every_leaf(), ids=lambda v: ".".join(v) if isinstance(v, tuple) else "")
def test_a_wrong_type_anywhere_names_its_key(tmp_path, path, tp):
    *tables, key = path
    head = f"[{'.'.join(_toml_key(t) for t in tables)}]\n" if tables else ""
    with pytest.raises(ConfigError) as exc:
        load_settings(write(tmp_path, f"{head}{_toml_key(key)} = {_wrong(tp)}\n"))
    assert f"中的配置项「{'.'.join(path)}」" in str(exc.value)


@pytest.mark.parametrize("group", ["counties", "departments", "industries"])
def test_a_wrong_type_in_an_array_item_names_its_key(tmp_path, group):
    import tomllib

    from reportgen.config import Settings
    from reportgen.config.schema import _typed_fields

    item_type = _typed_fields(Settings)[group][1].__args__[0]
    first = tomllib.loads(default_text())[group][0]
    for key, (_f, tp, _rule) in _typed_fields(item_type).items():
        bad = {**{k: v for k, v in first.items() if k in ("name", "unit", "short")}}
        lines = [f"[[{group}]]"] + [f'{_toml_key(k)} = "{v}"' for k, v in bad.items() if k != key]
        wrong = "1" if tp is str else '"x"' if tp in (int, bool) else "5"
        lines.append(f"{_toml_key(key)} = {wrong}")
        with pytest.raises(ConfigError) as exc:
            load_settings(write(tmp_path, "\n".join(lines) + "\n"))
        assert f"「{group}」第1项的「{key}」" in str(exc.value), (key, str(exc.value))


def test_mail_security_cannot_be_blank(tmp_path):
    with pytest.raises(ConfigError, match="「mail.security」不能为空"):
        load_settings(write(tmp_path, '[mail]\nsecurity = ""\n'))
