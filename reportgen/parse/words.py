"""Cells that name something: a credit code (统一社会信用代码), an exit method, grounds, 是/否, and the words of
a header (its comparison key and its unit). Like values.py, pure: a value that cannot be read becomes a Bad."""
from __future__ import annotations

import re
from decimal import Decimal
from operator import mul

from reportgen.parse.values import Bad, _bad, _empty, _memo, _norm, _show, normalise_unit

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_PLAIN = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{18}")
_HEADER_UNIT = re.compile(r"(?:万|亿|千|百)?(?:吨|标张|张|重量箱|米|千伏安时|套|台|条|座|个|元|人|户|家|件|千克|公斤|"
                          r"立方米|平方米|千瓦时|千瓦|兆瓦|KW|MW|MG/M3|MG/NM3|MG/L)\Z", re.IGNORECASE)


def uscc_check_char(first17: str) -> str:
    """The 18th (check) character of a USCC whose first 17 characters are given (GB 32100-2015)."""
    if not _USCC_PLAIN.fullmatch(first17 + "0"):
        raise ValueError(f"not 17 USCC characters: {first17!r}")
    total = sum(map(mul, map(_USCC_VALUE.__getitem__, first17), USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(value: object) -> tuple[str, Bad | None]:
    """The normalised 统一社会信用代码 and the problem with it (None when valid); a number cell is never repaired."""
    if isinstance(value, str) and _USCC_PLAIN.fullmatch(value):  # fast path: already normalised
        return value, (None if uscc_check_char(value[:17]) == value[17] else _uscc_bad(value))
    shown = _show(value)
    number_text = isinstance(value, str) and re.fullmatch(r"\d(?:\.\d+)?E\+?\d+", _norm(value).upper())
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) or number_text:
        return "", _bad("uscc-number", shown=shown)
    code = re.sub(r"[\s\-]", "", _norm(value)).upper()
    if not code:
        return "", _empty("统一社会信用代码（18位）")
    if len(code) != 18:
        extra = "（15位的是旧的工商注册号）" if len(code) == 15 else ""
        return code, _bad("uscc-length", shown=shown, length=len(code), extra=extra)
    wrong = [c for c in code if c not in USCC_ALPHABET]
    if wrong:
        return code, _bad("uscc-char", shown=shown, chars="、".join(dict.fromkeys(wrong)))
    if uscc_check_char(code[:17]) != code[17]:
        return code, _uscc_bad(shown)
    return code, None


def _uscc_bad(shown: str) -> Bad:
    return _bad("uscc-check", shown=shown)


def _aliases(table: dict[str, str]) -> dict[str, str]:
    return {alias: name for name, words in table.items() for alias in (name, *words.split())}


_METHOD_ALIASES = _aliases({
    "拆除": "全部拆除 整体拆除 拆除主体设备 拆除设备 拆除生产线",
    "封存": "拆除动力装置封存主体设备 封存主体设备 断电封存 拆除动力装置",
    "关停": "关闭 停产 取缔 依法关闭 关停取缔 关闭取缔", "其他": "其它"})


@_memo
def parse_method(value: object) -> str | Bad:
    """The 退出方式 as one of 拆除, 封存, 关停, 其他 (common wordings such as 已拆除 accepted)."""
    text = re.sub(r"[\s、，,；;。./]", "", _norm(value))
    if not text:
        return _empty("退出方式：拆除、封存、关停或其他")
    key = text.removeprefix("已")
    if key in _METHOD_ALIASES:
        return _METHOD_ALIASES[key]
    return _bad("method-unknown", shown=_show(value))


_GROUND_ALIASES = _aliases({
    "能耗": "节能 能源消耗", "环保": "环境 排放 环境保护", "质量": "产品质量", "安全": "安全生产",
    "技术": "工艺 装备 淘汰类 工艺技术 技术装备 淘汰"})


@_memo
def parse_grounds(value: object) -> tuple[tuple[str, ...], Bad | None]:
    """The ordered unique 依据类别 in a cell ("能耗、环保"); unknown words give a Bad, the known ones are kept."""
    text = _norm(value)
    found: list[str] = []
    unknown: list[str] = []
    for token in re.split(r"[\s、,;/|+&和及与]+", text):
        token = re.sub(r"(?:不达标|不合格|超标|标准|类别)\Z", "", token)
        if token:
            for word in _segment(token):
                hit = _GROUND_ALIASES.get(word)
                (found if hit else unknown).append(hit or word)
    grounds = tuple(dict.fromkeys(found))
    if unknown:
        return grounds, _bad("grounds-unknown", shown=_show(value), unknown="、".join(unknown))
    return grounds, None


def _segment(token: str) -> list[str]:
    """Split a run of known words written together ("能耗环保"); an unknown token stays whole."""
    words, rest = [], token
    while rest:
        word = next((a for a in sorted(_GROUND_ALIASES, key=len, reverse=True) if rest.startswith(a)), None)
        if word is None:
            return [token]
        words.append(word)
        rest = rest[len(word):]
    return words


_TRUE = {"是", "Y", "YES", "TRUE", "1", "√", "✓", "✔", "对", "真"}
_FALSE = {"否", "N", "NO", "FALSE", "0", "×", "✗", "✘", "不是", "错", "假"}


@_memo
def parse_bool_cn(value: object) -> bool | Bad:
    """是/否 and its usual spellings (Y/N, √/×, 1/0, TRUE/FALSE) as a bool."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _norm(value).upper()
    if not text:
        return _empty("是 或 否")
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    return _bad("bool-unreadable", shown=_show(value))


@_memo
def header_key(text: str) -> str:
    """The comparison form of a header.

    NFKC; every kind of bracket folded to (); whitespace, line breaks and * marks dropped. Each
    bracketed part is dropped ("退出产能（万吨）" -> "退出产能", "企业名称（全称）" -> "企业名称"), except
    a one-character part inside a word, whose content is kept: "县（市）区" -> "县市区". An unclosed
    trailing bracket is dropped to the end; stray closing brackets are removed.
    """
    key = re.sub(r"[\s*]", "", _norm(text))
    while m := re.search(r"\(([^()]*)\)", key):
        before, inner, after = key[:m.start()], m.group(1), key[m.end():]
        key = before + (inner if len(inner) == 1 and before and after else "") + after
    return key.split("(", 1)[0].replace(")", "")


@_memo
def header_unit(text: str, extra_units: tuple[str, ...] = ()) -> str:
    """The unit in a header's trailing bracket ("退出产能（万吨/年）" -> "万吨"), "" when it holds no unit."""
    compact = re.sub(r"\s+", "", _norm(text))
    m = re.search(r"\(([^()]*)\)\Z", compact)
    if not m:
        return ""
    unit = normalise_unit(m.group(1))
    if _HEADER_UNIT.match(unit) or unit in {normalise_unit(u) for u in extra_units}:
        return unit
    return ""
