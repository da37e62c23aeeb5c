"""The schema machinery: a TOML table becomes a typed, frozen dataclass, checked on the way in.

A section is a frozen dataclass. Each field's annotation is its type, and ``Annotated[T, Rule(...)]`` adds its
range and rules (``Days = Annotated[int, Rule(minimum=1, maximum=90)]``). A field of a section has no default
here: its value comes from the shipped ``data/defaults.toml`` (the one place of defaults, with its Chinese
comments, copied by ``reportgen init``). Only the items of an array of tables ([[counties]] ...) give defaults
for their optional keys, as ordinary dataclass defaults.

Types understood (anything else is a programming error, caught by the test that loads the defaults):

- ``str`` (stripped), ``int``, ``bool``, ``Decimal`` (a TOML number or a quoted number);
- a class with a ``from_setting(raw)`` classmethod (e.g. ``MonthDay``) raising ValueError with a Chinese reason;
- ``tuple[T, ...]``: a TOML array (blank strings are dropped);
- ``tuple[tuple[str, T], ...]``: an inline table kept in order, e.g. ``units = { "吨" = "0.0001" }``;
- ``dict[str, T]``: a table merged key by key over the defaults; its keys are the defaults' keys (a typo is an
  unknown key) unless ``Rule(open_keys=True)``;
- a nested dataclass (a ``[table]``, merged key by key) and ``tuple[Dataclass, ...]`` (an ``[[array]]``,
  replaced whole).

Rules across fields: a section may define ``check(self)`` yielding ``(key, Chinese message)`` pairs.
A field with ``metadata={"internal": True}`` is not read from TOML (e.g. Settings.source).
"""
from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, fields, is_dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, get_args, get_origin, get_type_hints
from collections.abc import Mapping

Path = tuple[str | int, ...]  # where in the TOML: ("counties", 3, "aliases")
_LIST, _TEXT = '["甲", "乙"]', '"银川市"'


class SettingError(Exception):
    """One bad setting: where (a path into the TOML) and what is wrong (Chinese, without the key)."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{render(path)}{message}")
        self.path, self.message = path, message

    @property
    def key(self) -> str:
        """The key as the clerk finds it in the file: documents.report_cc, counties[3].aliases."""
        return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path).lstrip(".")


def render(path: Path) -> str:
    """「documents.report_cc」第1项, 「counties」第3项的「aliases」: the key in words."""
    out, keys = "", []  # type: tuple[str, list[str]]
    for part in path:
        if isinstance(part, int):
            out += ("的" if out and keys else "") + (f"「{'.'.join(keys)}」" if keys else "") + f"第{part}项"
            keys = []
        else:
            keys.append(part)
    if keys:
        out += ("的" if out else "") + f"「{'.'.join(keys)}」"
    return out


@dataclass(frozen=True)
class Rule:
    """What a field's value must satisfy besides its type."""

    minimum: Any = None  # inclusive
    above: Any = None  # exclusive lower bound
    maximum: Any = None  # inclusive
    nonempty: bool = False  # a str not blank; a tuple with at least one item
    unique: bool = False  # a tuple without repeats
    pattern: str = ""  # a str must match whole (regex); "" also allowed unless nonempty
    example: str = ""  # shown in messages: 如 "11-30"
    toml: str = ""  # the TOML key when it differs from the attribute name
    open_keys: bool = False  # dict: keys beyond the defaults' are allowed


def shown(value: Any) -> str:
    """A TOML value as the clerk wrote it: "7" with quotes, true, [1, 2]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {shown(v)}" for k, v in value.items()) + " }"
    return str(value)


def _typed_fields(cls: type) -> dict[str, tuple[Any, Any, Rule]]:
    """TOML key -> (dataclass field, bare type, rule), for the fields read from TOML."""
    hints = get_type_hints(cls, include_extras=True)
    out = {}
    for f in fields(cls):
        if not f.init or f.metadata.get("internal"):
            continue
        tp, rule = hints[f.name], Rule()
        if get_origin(tp) is Annotated:
            tp, *extras = get_args(tp)
            rule = next((x for x in extras if isinstance(x, Rule)), rule)
        out[rule.toml or f.name] = (f, tp, rule)
    return out


def merge(cls: type, base: Mapping[str, Any], over: Mapping[str, Any], path: Path = ()) -> dict[str, Any]:
    """``over`` laid on ``base`` following ``cls``: tables merge key by key, arrays are replaced whole."""
    out = dict(base)
    by_key = _typed_fields(cls)
    for key, value in over.items():
        old = base.get(key)
        if key not in by_key or not isinstance(value, dict) or not isinstance(old, dict):
            out[key] = value  # unknown keys and wrong types are reported by build()
            continue
        _f, tp, rule = by_key[key]
        if isinstance(tp, type) and is_dataclass(tp):
            out[key] = merge(tp, old, value, (*path, key))
        elif get_origin(tp) is dict:
            if not rule.open_keys:
                for k in value:
                    if k not in old:
                        raise SettingError((*path, key, k), f"不认识：可用的有 {'、'.join(old)}")
            out[key] = {**old, **value}
        else:
            out[key] = value
    return out


def build(cls: type, table: Any, path: Path = (), **internal: Any) -> Any:
    """An instance of the dataclass ``cls`` from a TOML table; SettingError naming the first bad key."""
    if not isinstance(table, dict):
        raise SettingError(path, f"应为一个表（[{_dotted(path)}]），现为 {shown(table)}")
    by_key = _typed_fields(cls)
    for key in table:
        if key not in by_key:
            raise SettingError((*path, key), f"不认识：请检查拼写，或删去该项（此处可用的有 {'、'.join(by_key)}）")
    values = dict(internal)
    for key, (f, tp, rule) in by_key.items():
        if key in table:
            values[f.name] = _value(tp, table[key], (*path, key), rule)
        elif f.default is MISSING and f.default_factory is MISSING:
            raise SettingError((*path, key), "缺少：请补上该项（可参照 reportgen init 生成的配置文件）")
    obj = cls(**values)
    check = getattr(obj, "check", None)
    for key, message in (check() if check else ()):  # key: "a.b" or a path tuple, relative to this table
        raise SettingError((*path, *(key if isinstance(key, tuple) else key.split("."))), message)
    return obj


def _dotted(path: Path) -> str:
    return ".".join(p for p in path if isinstance(p, str))


def _value(tp: Any, raw: Any, path: Path, rule: Rule) -> Any:
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple:
        return _sequence(args[0], raw, path, rule)
    if origin is dict:
        if not isinstance(raw, dict):
            raise SettingError(path, f"应为一个表，现为 {shown(raw)}")
        return {k: _value(args[1], v, (*path, k), rule) for k, v in raw.items()}
    if hasattr(tp, "from_setting"):
        try:
            return tp.from_setting(raw)
        except ValueError as exc:
            raise SettingError(path, f"的值 {shown(raw)} 不对：{exc}") from None
    if isinstance(tp, type) and is_dataclass(tp):
        return build(tp, raw, path)
    return _scalar(tp, raw, path, rule)


def _sequence(item: Any, raw: Any, path: Path, rule: Rule) -> tuple[Any, ...]:
    if get_origin(item) is tuple:  # tuple[tuple[str, T], ...]: an inline table kept in order
        if not isinstance(raw, dict):
            raise SettingError(path, f"应写成 {rule.example or '{ 键 = 值 }'}，现为 {shown(raw)}")
        return tuple((k, _value(get_args(item)[1], v, (*path, k), rule)) for k, v in raw.items())
    if is_dataclass(item):
        if not isinstance(raw, list) or not all(isinstance(v, dict) for v in raw):
            raise SettingError(path, f"应写成 [[{_dotted(path)}]] 表格列表，每项一个 [[{_dotted(path)}]]")
    elif not isinstance(raw, list):
        raise SettingError(path, f"应为列表，如 {rule.example or _LIST}，现为 {shown(raw)}")
    items = []
    each = Rule(**{**rule.__dict__, "nonempty": False, "unique": False,
                   "example": _item_example(rule.example)})
    for n, v in enumerate(raw, 1):
        if item is str and isinstance(v, str) and not v.strip():
            continue
        items.append(_value(item, v, (*path, n), each))
    if rule.nonempty and not items:
        raise SettingError(path, "至少要有一项，不能为空列表")
    if rule.unique:
        seen: set[Any] = set()
        for v in items:
            if v in seen:
                raise SettingError(path, f"中 {shown(v)} 重复")
            seen.add(v)
    return tuple(items)


def _item_example(example: str) -> str:
    """The example of one item: '["甲", "乙"]' -> '"甲"'; a scalar example stays."""
    if not example.startswith("["):
        return example
    first = re.match(r'\[\s*("[^"]*")', example)
    return first.group(1) if first else ""


def _scalar(tp: Any, raw: Any, path: Path, rule: Rule) -> Any:
    if tp is bool:
        if not isinstance(raw, bool):
            quoted = "（加了引号就是文字，不是真假值，请去掉引号）" if isinstance(raw, str) else ""
            raise SettingError(path, f"应为 true 或 false（不加引号），现为 {shown(raw)}{quoted}")
        return raw
    if tp is str:
        if not isinstance(raw, str):
            raise SettingError(path, f"应为带英文双引号的文字，如 {rule.example or _TEXT}，现为 {shown(raw)}")
        value = raw.strip()
        if rule.nonempty and not value:
            raise SettingError(path, f"不能为空，应填写如 {rule.example}" if rule.example else "不能为空")
        if value and rule.pattern and not re.fullmatch(rule.pattern, value):
            raise SettingError(path, f"的值 {shown(raw)} 不合规：应写成如 {rule.example}")
        return value
    if tp is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise SettingError(path, f"应为整数（不加引号），如 {rule.example or 7}，现为 {shown(raw)}")
        return _in_range(raw, raw, path, rule)
    if tp is Decimal:
        return _decimal(raw, path, rule)
    raise TypeError(f"unsupported setting type {tp!r} at {path}")


def _decimal(raw: Any, path: Path, rule: Rule) -> Decimal:
    value: Decimal | None = None
    if not isinstance(raw, bool) and isinstance(raw, (int, float, str)):
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            value = None
    if value is None or not value.is_finite():
        raise SettingError(path, f"应为数字，如 {rule.example or 60}，现为 {shown(raw)}")
    checked: Decimal = _in_range(value, raw, path, rule)
    return checked


def _in_range(value: Any, raw: Any, path: Path, rule: Rule) -> Any:
    low, high = rule.minimum, rule.maximum
    if (low is not None and value < low) or (high is not None and value > high) or \
            (rule.above is not None and value <= rule.above):
        if rule.above is not None:
            bound = f"应大于 {rule.above}" + (f"、不大于 {high}" if high is not None else "")
        elif high is not None and low is not None:
            bound = f"应在 {low} 到 {high} 之间"
        else:
            bound = f"应不小于 {low}" if low is not None else f"应不大于 {high}"
        raise SettingError(path, f"{bound}，现为 {shown(raw)}")
    return value
