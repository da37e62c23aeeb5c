"""Comparison keys: the one normalisation behind every "is this the same ...?" of reportgen.

Who an enterprise is, which equipment and which spec a row names: every comparison (duplicates,
resubmissions, yellow and red cases, targets, letters) compares these keys, never raw text.
The lowest layer of the package: it imports nothing of reportgen.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the diameter sign as clerks type it: Greek phi, Cyrillic ef, the empty set, the diameter sign, o-slash
_DIAMETER = str.maketrans({"φ": "Φ", "ϕ": "Φ", "Ф": "Φ", "ф": "Φ", "∅": "Φ", "⌀": "Φ", "Ø": "Φ", "ø": "Φ"})
# the multiplication sign: ×, *, the dingbat and box-drawing crosses, and the letter x (upper-cased first)
_TIMES = str.maketrans({"×": "X", "*": "X", "✕": "X", "✖": "X", "╳": "X", "⨯": "X"})
# unit words -> the letters an engineer writes; longest first so that 毫米 is not read as 毫 + 米
_UNITS = (("立方米", "M3"), ("平方米", "M2"), ("毫米", "MM"), ("厘米", "CM"), ("千伏安", "KVA"), ("千瓦", "KW"),
          ("直径", "Φ"), ("米", "M"), ("吨", "T"), ("/天", "/D"), ("/日", "/D"), ("/年", "/A"))
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# a length unit after every dimension ("2.2m×6.5m") is the same spec as one unit at the end ("2.2×6.5m")
_INNER_UNIT = re.compile(r"(?<=\d)(MM|CM|M)(?=X\d+(?:\.\d+)?(?:X\d+(?:\.\d+)?)*\1(?![A-Z]))")
_PUNCT = re.compile(r"[\"'“”‘’「」『』《》,，、;；:：。]")


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """A comparison key for names: NFKC (full-width folded), no whitespace, upper-case."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).upper()


@lru_cache(maxsize=1 << 18)  # a national roll-up names ~100,000 enterprises: a smaller cache only churns
def enterprise_name_key(name: str) -> str:
    """Who an enterprise is by name: name_key, with 有限责任公司 written as 有限公司.

    Names that differ only in this organisational form are the same name under the registration
    rules (企业名称相同相近比对规则), so the fold cannot merge two enterprises. Nothing else is folded:
    分公司, 股份有限公司 and bracketed parts such as （集团） keep names apart.
    """
    return name_key(name).replace("有限责任公司", "有限公司")


def enterprise_key(uscc: str, name: str) -> str:
    """Who an enterprise is: its 统一社会信用代码 when known, else its normalised name."""
    return uscc or enterprise_name_key(name)


def same_enterprise(uscc_a: str, name_a: str, uscc_b: str, name_b: str) -> bool:
    """Two records name one enterprise: the same credit code, or (one code missing) the same name."""
    if uscc_a and uscc_b:
        return uscc_a == uscc_b
    return enterprise_name_key(name_a) == enterprise_name_key(name_b)


@lru_cache(maxsize=1 << 16)
def thing_key(text: str) -> str:
    """A comparison key for equipment names and specs: Φ2.2×6.5m, φ2.2x6.5米 and Ф2.20m*6.5m are one key.

    Beyond name_key: one diameter sign, one multiplication sign, unit words as letters, a repeated
    length unit written once, thousands separators and insignificant zeros of numbers dropped, and
    quotes and list punctuation removed.
    """
    key = name_key(text).translate(_DIAMETER).translate(_TIMES)
    for word, letters in _UNITS:
        if word in key:
            key = key.replace(word, letters)
    key = _PUNCT.sub("", _THOUSANDS.sub("", key))
    key = _NUMBER.sub(_plain_number, key)
    return _INNER_UNIT.sub("", key)


def _plain_number(m: re.Match[str]) -> str:
    whole, _, frac = m.group(0).partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole
