"""Settings: the shipped defaults (data/defaults.toml) merged with a year's reportgen.toml, typed and checked once.

``load_settings(path)`` reads the file, lays it over the defaults and builds one frozen ``Settings``; every type,
range and rule is checked there, so a bad setting stops the run (ConfigError naming the file and the key, exit 2)
before any inbox file is opened. Later stages read typed fields (``settings.documents.notice_days``), never dicts.

Adding a section, e.g. [mail]:
1. in sections.py, a frozen dataclass whose fields carry their types and rules::

       @dataclass(frozen=True)
       class MailSection:
           \"\"\"[mail]: ...\"\"\"
           host: Annotated[str, Rule(nonempty=True, example='"smtp.example.cn"')]
           port: Annotated[int, Rule(minimum=1, maximum=65535, example=465)]

           def check(self):  # optional rules across fields: yield (key, Chinese message)
               ...
2. one line in ``Settings`` below: ``mail: MailSection``;
3. the section's values, with Chinese comments, in data/defaults.toml (the one place of defaults; init copies it).
The test that loads the defaults fails until 1-3 agree. Types and rule keywords: see schema.py.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from collections.abc import Iterator

from reportgen.config.names import NameIndex
from reportgen.config.schema import Rule, SettingError, build, merge, render
from reportgen.config.sections import (County, Deadlines, Department, DocumentsSection, Industry, Limits, MonthDay,
                                       MailSection, Organ, Organs, PdfSection, PlanSection, ProgressSection, Submitter,
                                       SummonSection)
from reportgen.errors import ConfigError, os_reason
from reportgen.models import normalise_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

__all__ = ["CONFIG_NAME", "County", "Department", "Industry", "Limits", "MonthDay", "Organ", "Settings",
           "Submitter", "default_text", "load_settings"]

CONFIG_NAME = "reportgen.toml"
DEFAULT_SOURCE = "内置默认配置"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about the city and the year, frozen; one field per top-level key."""

    region: Annotated[str, Rule(nonempty=True, example='"银川市"')]
    deadlines: Deadlines
    limits: Limits
    organs: Organs
    counties: Annotated[tuple[County, ...], Rule(nonempty=True)]
    departments: tuple[Department, ...]
    industries: Annotated[tuple[Industry, ...], Rule(nonempty=True)]
    plan: PlanSection
    progress: ProgressSection
    summon: SummonSection
    documents: DocumentsSection
    pdf: PdfSection
    mail: MailSection
    source: str = field(default=DEFAULT_SOURCE, metadata={"internal": True})  # where they came from, for messages

    METHODS = ("拆除", "封存", "关停", "其他")
    GROUNDS = ("能耗", "环保", "质量", "安全", "技术")

    def check(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Rules across sections: unique names; no way of writing one organ is another organ's."""
        yield from _unique_names("industries", [i.name for i in self.industries])
        owner: dict[str, tuple[tuple[str | int, ...], Submitter]] = {}
        for group, subs in (("counties", self.counties), ("departments", self.departments)):
            for n, sub in enumerate(subs, 1):
                for name in sub.names():
                    if len(normalise_name(name)) < 2:
                        key = "name" if name == sub.name else "short" if name == sub.short else "aliases"
                        yield (group, n, key), (f"中的「{name}」太短：名称和别名至少要两个字，"
                                                f"否则无法与其他文字区分（会被忽略）")
                        continue
                    seen = owner.setdefault(normalise_name(name), ((group, n), sub))
                    if seen[1] is sub:
                        continue
                    key = "name" if name == sub.name else "short" if name == sub.short else "aliases"
                    if key == "name" and name == seen[1].name:
                        yield (group, n, "name"), f"「{name}」重复：同一单位只写一次"
                    else:
                        yield (group, n, key), (f"中的「{name}」已是{render(seen[0])}「{seen[1].name}」的名称或写法："
                                                f"一个写法只能指一个单位，请删去或改正其中一处")
        yield from self._check_organs()

    def _check_organs(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every category owner must be the lead, the partner or a configured department (letters resolve it)."""
        departments = NameIndex(self.departments)
        own = {normalise_name(n) for o in (self.organs.lead, self.organs.partner) for n in (o.name, o.short)}
        for category in self.GROUNDS:
            found = self.organs.categories.of(category)
            owner = found.owner if found else ""
            if normalise_name(owner) not in own and departments.named(owner) is None:
                yield ("organs", "categories", category, "owner"), (
                    f"（{owner}）不是牵头单位，也不是 [[departments]] 中的部门：请填写市直部门的全称或简称")

    # ---- older names of fields, kept for callers
    @property
    def plan_deadline(self) -> tuple[int, int]:
        return self.deadlines.plan.pair()

    @property
    def report_deadline(self) -> tuple[int, int]:
        return self.deadlines.report.pair()

    @property
    def remind_days(self) -> int:
        return self.deadlines.remind_days

    @property
    def reply_days(self) -> int:
        return self.deadlines.reply_days

    @property
    def lead(self) -> Organ:
        return self.organs.lead

    @property
    def partner(self) -> Organ:
        return self.organs.partner

    # ---- look-ups
    @property
    def submitters(self) -> tuple[Submitter, ...]:
        return self.counties + self.departments

    def county_names(self) -> tuple[str, ...]:
        return self._county_names

    @cached_property
    def _county_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.counties)

    @cached_property
    def county_rank(self) -> dict[str, int]:
        """County name -> its position in the configuration (for sorting)."""
        return {c: i for i, c in enumerate(self._county_names)}

    @cached_property
    def industry_rank(self) -> dict[str, int]:
        """Industry name -> its position in the configuration (for sorting)."""
        return {ind.name: i for i, ind in enumerate(self.industries)}

    def industry(self, name: str) -> Industry | None:
        """The configured industry for a name or alias (exact after normalising), else None."""
        return self._industry_index.get(normalise_name(name))

    @cached_property
    def _industry_index(self) -> dict[str, Industry]:
        index: dict[str, Industry] = {}
        for ind in reversed(self.industries):  # the first configured industry wins a shared alias
            for n in (*ind.aliases, ind.name):
                index[normalise_name(n)] = ind
        return index

    def county_named(self, text: str) -> Submitter | None:
        """The county written exactly as `text`: its name or a configured alias (兴庆 -> 兴庆区), else None.

        Case, width and spaces do not matter (normalise_name); nothing is guessed from containment.
        Use ``county_named(x).name`` for the county's full name.
        """
        return self._indexes["county"].named(text)

    def submitter_named(self, text: str) -> Submitter | None:
        """The county or department written exactly as `text`: full name, short name or alias, else None."""
        return self._indexes["submitter"].named(text)

    def find_county(self, text: str) -> Submitter | None:
        """The county named in `text`: exact name or alias, else a whole county name or alias inside it."""
        return self._indexes["county"].find(text)

    def find_submitter(self, text: str) -> Submitter | None:
        """The submitter named in `text`: exact, tail of a name, or a whole name inside it (see NameIndex.find)."""
        return self._indexes["submitter"].find(text)

    @cached_property
    def _indexes(self) -> dict[str, NameIndex]:
        return {"county": NameIndex(self.counties), "submitter": NameIndex(self.submitters)}

    def deadline(self, year: int, which: str = "report") -> date:
        return (self.deadlines.report if which == "report" else self.deadlines.plan).on(year)


def _unique_names(group: str, names: list[str]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    seen: set[str] = set()
    for n, name in enumerate(names, 1):
        if name in seen:
            yield (group, n, "name"), f"「{name}」重复：同一名称只写一次"
        seen.add(name)


def default_text() -> str:
    """The shipped defaults file, with its Chinese comments (init copies it)."""
    return resources.files("reportgen").joinpath("data/defaults.toml").read_text(encoding="utf-8")


def load_settings(path: Path | None = None) -> Settings:
    """The defaults merged with the file at `path` (when given), typed and checked; ConfigError naming the key."""
    defaults = tomllib.loads(default_text())
    if path is None:
        return _checked(defaults, {}, DEFAULT_SOURCE)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{path}") from None
    except IsADirectoryError:
        raise ConfigError(f"配置文件 {path} 是一个文件夹，不是文件：请用 --config 指定 reportgen.toml 文件") from None
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码：请用记事本或WPS另存为UTF-8后重试") from None
    except PermissionError:
        raise ConfigError(f"没有权限读取配置文件 {path}：请检查该文件的权限，或复制一份到可读的位置后用 --config 指定") from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}（{os_reason(exc)}）：请检查该文件，或用 --config 指定其他文件") from None
    try:
        user = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 格式错误：{exc}。请检查引号、等号和方括号") from None
    return _checked(defaults, user, str(path))


def _checked(defaults: dict[str, Any], user: dict[str, Any], source: str) -> Settings:
    try:
        settings: Settings = build(Settings, merge(Settings, defaults, user), source=source)
        return settings
    except SettingError as exc:
        where = "内置默认配置中" if source == DEFAULT_SOURCE else f"配置文件 {source} 中"
        raise ConfigError(f"{where}的配置项{exc}。未读取任何报送表，也未写出任何文件") from None
