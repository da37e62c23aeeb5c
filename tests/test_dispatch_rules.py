"""The rules of 行文 over every document the samples yield, at every point of the year and in every channel
configuration: no directive 通知/通报 from a department to a government, no 通知 to peers, nothing to its own
issuer, 签发人 on every 报告/请示, 公告/公示 wording matching the title, lists published by their owners."""
from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from reportgen.config import load_settings
from reportgen.documents import organs
from reportgen.documents.registry import plan_documents
from reportgen.documents.render import Renderer
from tests.test_documents import docx_text

ROOT = Path(__file__).resolve().parent.parent
DATES = (date(2021, 5, 20), date(2021, 11, 20), date(2021, 12, 6), date(2021, 12, 20))
CONFIGS = {
    "defaults": "",
    "office": '[organs.office]\nname = "银川市落后产能退出工作领导小组办公室"\nshort = "市领导小组办公室"\n',
    "renamed": '[[counties]]\nname = "兴庆区"\n[[counties]]\nname = "西夏区"\n[[counties]]\nname = "金凤区"\n'
               '[[counties]]\nname = "永宁县"\n[[counties]]\nname = "贺兰县"\ndepartment = "贺兰县经济发展局"\n'
               '[[counties]]\nname = "灵武市"\n',
}


@cache
def _documents(config: str, tmp: Path):
    from reportgen.api import read_inbox
    from reportgen.tally.aggregate import tally

    path = tmp / f"{config}.toml"
    path.write_text(CONFIGS[config], encoding="utf-8")
    settings = load_settings(path)
    subs = read_inbox(ROOT / "samples" / "2021" / "inbox", settings)
    out = []
    for as_of in DATES:
        out += plan_documents(tally(subs, settings, 2021, as_of), settings, as_of)
    return settings, out


@pytest.fixture(scope="module", params=list(CONFIGS))
def planned(request, tmp_path_factory):
    return _documents(request.param, tmp_path_factory.mktemp("cfg"))


def _governments(settings) -> set[str]:
    return {organs.county_government(settings, c).name for c in settings.counties} | \
        {organs.government(settings).name}


def _departments(settings) -> set[str]:
    return {d.name for d in settings.departments} | {settings.lead.name, settings.partner.name}


def test_no_directive_document_from_a_department_to_a_government(planned):
    settings, docs = planned
    departments, governments = _departments(settings), _governments(settings)
    for doc in docs:
        if doc.genre in ("通知", "通报") and set(doc.issuers) <= departments:
            assert not set(doc.to) & governments, (doc.filename, doc.to)


def test_no_notice_to_peer_departments(planned):
    settings, docs = planned
    departments = _departments(settings)
    for doc in docs:
        if doc.genre == "通知":
            assert not set(doc.to) & departments, (doc.filename, doc.to)


def test_nobody_writes_to_itself(planned):
    settings, docs = planned
    for doc in docs:
        assert not set(doc.to) & set(doc.issuers), doc.filename
        assert not set(doc.cc) & set(doc.issuers), doc.filename
        assert settings.lead.name not in doc.to, doc.filename


def test_every_document_has_its_dispatch_data(planned):
    _settings, docs = planned
    assert docs
    for doc in docs:
        assert doc.genre and doc.title and doc.issuers and doc.to and doc.date, doc.filename
        assert doc.title == doc.context["title"], doc.filename


def test_lists_are_issued_by_their_owners(planned):
    settings, docs = planned
    for doc in docs:
        if doc.template in ("黄牌名单公告", "红牌名单公告", "超标排放名单公告"):
            assert doc.issuers == (settings.lead.name,), doc.filename
            for row in doc.context["rows"]:
                for cat in row.get("category", "能耗").replace("，", "、").split("、"):
                    if cat:
                        assert organs.owner(settings, cat).name == settings.lead.name, (doc.filename, row)
        if doc.template == "商请公布函":
            assert doc.to[0] != settings.lead.name and doc.attachments[-1] == "公告代拟稿"


@pytest.fixture(scope="module")
def renderer():
    return Renderer([ROOT / "templates"])


def test_upward_documents_carry_a_signatory_and_notices_say_what_they_are(planned, renderer):
    _settings, docs = planned
    seen = set()
    for doc in docs:
        if doc.genre not in ("报告", "请示", "公告", "公示") or doc.template in seen:
            continue
        seen.add(doc.template)
        text = docx_text(renderer.render(doc.template, doc.context))
        if doc.genre in ("报告", "请示"):
            assert "签发人：" in text, doc.filename
        if doc.genre == "公示":
            assert doc.title.endswith("的公示") and "公示期" in text and "予以公示" in text, doc.filename
        if doc.genre == "公告":
            assert doc.title.endswith("的公告") and "公示" not in text, doc.filename
    assert {"年度情况报告", "公告", "工作方案请示"} <= seen


def test_channels_follow_the_configuration(planned):
    settings, docs = planned
    office = organs.office(settings)
    for doc in docs:
        if doc.template in ("进度通报", "约谈函"):
            if office is None:
                assert doc.issuers == (settings.lead.name,) and all("人民政府" not in x for x in doc.to), doc.filename
                assert any("人民政府" in x for x in doc.cc), doc.filename
            else:
                assert doc.issuers == (office.name,) and all("人民政府" in x for x in doc.to), doc.filename
        if doc.template == "约谈函" and settings.find_county("贺兰县").department:
            assert doc.to == ("贺兰县经济发展局",)
