"""Settings: the shipped defaults (data/defaults.toml) merged with a year's reportgen.toml.

The defaults file is also the schema: a key it does not have is unknown, and a value
must have the type of the default it replaces. Lists of tables ([[counties]], ...)
are replaced whole, never merged item by item.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError
from reportgen.models import normalise_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

CONFIG_NAME = "reportgen.toml"


@dataclass(frozen=True)
class Submitter:
    """A county or department that is expected to (or may) send a workbook."""

    name: str  # full name; for a county the county itself (贺兰县)
    short: str
    kind: str  # "county" | "department"
    code: str = ""
    aliases: tuple[str, ...] = ()
    expected: bool = True

    def names(self) -> tuple[str, ...]:
        """Every way of writing this submitter, longest first."""
        return tuple(sorted({self.name, self.short, *self.aliases}, key=len, reverse=True))


@dataclass(frozen=True)
class Industry:
    """An industry with its canonical capacity unit and conversion factors."""

    name: str
    unit: str
    aliases: tuple[str, ...] = ()
    factors: tuple[tuple[str, Decimal], ...] = ()  # other unit -> factor to `unit`

    def factor(self, unit: str) -> Decimal | None:
        """The factor from `unit` to the canonical unit, None when unknown."""
        if unit == self.unit:
            return Decimal(1)
        return dict(self.factors).get(unit)

    def units(self) -> tuple[str, ...]:
        return (self.unit, *(u for u, _ in self.factors))


@dataclass(frozen=True)
class Organ:
    """An issuing organ (发文机关)."""

    name: str
    short: str
    mark: str


@dataclass(frozen=True)
class Limits:
    max_file_mb: int
    max_unpacked_mb: int
    blank_run: int
    max_rows: int


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about the city and the year, frozen."""

    region: str
    plan_deadline: tuple[int, int]  # (month, day)
    report_deadline: tuple[int, int]
    remind_days: int
    reply_days: int
    limits: Limits
    lead: Organ
    partner: Organ
    counties: tuple[Submitter, ...]
    departments: tuple[Submitter, ...]
    industries: tuple[Industry, ...]
    source: str = "内置默认配置"  # where the settings came from, for messages
    raw: tuple = ()  # the merged mapping as sorted items, for later stages' own keys

    METHODS = ("拆除", "封存", "关停", "其他")
    GROUNDS = ("能耗", "环保", "质量", "安全", "技术")

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

    def find_county(self, text: str) -> Submitter | None:
        """The county named in `text` (exact or contained), else None."""
        return self._lookup("county", text)

    def find_submitter(self, text: str) -> Submitter | None:
        """The submitter named in `text`: exact name, short name, alias, or containment."""
        return self._lookup("submitter", text)

    @cached_property
    def _indexes(self) -> dict:
        return {"county": _NameIndex(self.counties), "submitter": _NameIndex(self.submitters)}

    def _lookup(self, what: str, text: str) -> Submitter | None:
        return self._indexes[what].find(text)

    def deadline(self, year: int, which: str = "report") -> date:
        month, day = self.report_deadline if which == "report" else self.plan_deadline
        return date(year, month, day)

    def section(self, name: str) -> dict:
        """A top-level table of the merged configuration (for stages that own their keys)."""
        return dict(self.raw).get(name, {})


class _NameIndex:
    """Submitters by every normalised way of writing them, for exact, contained and tail look-ups."""

    def __init__(self, candidates: tuple[Submitter, ...]):
        self.exact: dict[str, tuple[int, Submitter]] = {}
        self.tails: dict[str, Submitter] = {}
        for order, sub in enumerate(candidates):
            for n in sub.names():
                nk = normalise_name(n)
                if len(nk) < 2:
                    continue
                self.exact.setdefault(nk, (order, sub))
                for i in range(1, len(nk) - 3):  # proper tails of at least four characters
                    self.tails.setdefault(nk[i:], sub)
        self.lengths = sorted({len(k) for k in self.exact}, reverse=True)

    def find(self, text: str) -> Submitter | None:
        key = normalise_name(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key][1]
        # 市生态环境局 -> 银川市生态环境局: the text is the tail of a configured name (longer than any contained one)
        if len(key) >= 4 and key in self.tails:
            return self.tails[key]
        # containment: the longest configured name found inside the text wins; ties go to the first configured
        for length in self.lengths:
            hits = [self.exact[key[i:i + length]] for i in range(len(key) - length + 1)
                    if key[i:i + length] in self.exact]
            if hits:
                return min(hits, key=lambda h: h[0])[1]
        return None


def default_text() -> str:
    """The shipped defaults file, with its Chinese comments (init copies it)."""
    return resources.files("reportgen").joinpath("data/defaults.toml").read_text(encoding="utf-8")


def load_settings(path: Path | None = None) -> Settings:
    """The defaults merged with the file at `path` (when given and present)."""
    defaults = tomllib.loads(default_text())
    if path is None:
        return _build(defaults, "内置默认配置")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{path}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码：请用记事本或WPS另存为UTF-8后重试") from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror}") from None
    try:
        user = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 格式错误：{exc}。请检查引号、等号和方括号") from None
    merged = _merge(defaults, user, "")
    return _build(merged, str(path))


def _merge(default: dict, user: dict, prefix: str) -> dict:
    out = dict(default)
    for key, value in user.items():
        where = f"{prefix}{key}"
        if key not in default:
            raise ConfigError(f"配置项「{where}」不认识：请检查拼写，或删去该项（可用的项见 reportgen init 生成的说明）")
        base = default[key]
        if isinstance(base, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"配置项「{where}」应为一个表（[{where}]）")
            out[key] = _merge(base, value, f"{where}.")
        elif isinstance(base, list) and base and isinstance(base[0], dict):
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(f"配置项「{where}」应写成 [[{where}]] 表格列表")
            allowed = set().union(*(d.keys() for d in base))
            for i, entry in enumerate(value, 1):
                for k in entry:
                    if k not in allowed:
                        raise ConfigError(f"配置项「{where}」第{i}项的「{k}」不认识：可用的有 {'、'.join(sorted(allowed))}")
            out[key] = value
        else:
            if type(value) is not type(base) and not (isinstance(base, list) and isinstance(value, list)):
                raise ConfigError(f"配置项「{where}」的值 {value!r} 类型不对：应为{_kind(base)}")
            out[key] = value
    return out


def _kind(value: Any) -> str:
    return {bool: "true 或 false", int: "整数", str: "带引号的文字", list: "列表 [...]",
            float: "数字"}.get(type(value), type(value).__name__)


def _month_day(value: str, where: str) -> tuple[int, int]:
    try:
        month, day = (int(p) for p in value.split("-"))
        date(2024, month, day)  # a leap year accepts 02-29
    except (ValueError, TypeError):
        raise ConfigError(f"配置项「{where}」的值「{value}」不是月-日：应写成如 \"11-30\"") from None
    return month, day


def _positive(value: int, where: str) -> int:
    if value <= 0:
        raise ConfigError(f"配置项「{where}」应为正整数，现为 {value}")
    return value


def _text(entry: dict, key: str, where: str, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(f"配置项「{where}」缺少「{key}」或不是文字")
    return value.strip()


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"配置项「{where}.{key}」应为文字列表，如 [\"甲\", \"乙\"]")
    return tuple(v.strip() for v in value if v.strip())


def _build(m: dict, source: str) -> Settings:
    counties = tuple(
        Submitter(name=_text(c, "name", f"counties[{i}]"), short=_text(c, "name", f"counties[{i}]"),
                  kind="county", code=str(c.get("code", "")), aliases=_strings(c, "aliases", f"counties[{i}]"),
                  expected=bool(c.get("expected", True)))
        for i, c in enumerate(m["counties"], 1))
    departments = tuple(
        Submitter(name=_text(d, "name", f"departments[{i}]"),
                  short=_text(d, "short", f"departments[{i}]", required=False) or d["name"],
                  kind="department", aliases=_strings(d, "aliases", f"departments[{i}]"),
                  expected=bool(d.get("expected", True)))
        for i, d in enumerate(m["departments"], 1))
    industries = tuple(_industry(ind, f"industries[{i}]") for i, ind in enumerate(m["industries"], 1))
    _unique([s.name for s in counties + departments], "counties/departments 的 name")
    _unique([i.name for i in industries], "industries 的 name")
    lim = m["limits"]
    organs = m["organs"]
    return Settings(
        region=m["region"],
        plan_deadline=_month_day(m["deadlines"]["plan"], "deadlines.plan"),
        report_deadline=_month_day(m["deadlines"]["report"], "deadlines.report"),
        remind_days=_positive(m["deadlines"]["remind_days"], "deadlines.remind_days"),
        reply_days=_positive(m["deadlines"]["reply_days"], "deadlines.reply_days"),
        limits=Limits(**{k: _positive(lim[k], f"limits.{k}") for k in
                         ("max_file_mb", "max_unpacked_mb", "blank_run", "max_rows")}),
        lead=Organ(**organs["lead"]),
        partner=Organ(**organs["partner"]),
        counties=counties,
        departments=departments,
        industries=industries,
        source=source,
        raw=tuple(sorted((k, v) for k, v in m.items())),
    )


def _industry(entry: dict, where: str) -> Industry:
    units = entry.get("units", {})
    if not isinstance(units, dict):
        raise ConfigError(f"配置项「{where}.units」应写成 {{ \"吨\" = \"0.0001\" }}")
    factors = []
    for unit, factor in units.items():
        try:
            value = Decimal(str(factor))
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            raise ConfigError(f"配置项「{where}.units」中「{unit}」的换算系数「{factor}」不是正数")
        factors.append((unit, value))
    return Industry(name=_text(entry, "name", where), unit=_text(entry, "unit", where),
                    aliases=_strings(entry, "aliases", where), factors=tuple(factors))


def _unique(names: list[str], what: str) -> None:
    seen = set()
    for n in names:
        if n in seen:
            raise ConfigError(f"配置中 {what}「{n}」重复")
        seen.add(n)
