"""Recognising an organ from how someone wrote it: exact, tail, or a whole name contained in the text."""
from __future__ import annotations

from reportgen.config.sections import Submitter
from reportgen.models import normalise_name

MEMO_SIZE = 4096


class NameIndex:
    """Submitters by every normalised way of writing them, for exact, tail and contained look-ups."""

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
        self.memo: dict[str, Submitter | None] = {}  # a column repeats the same few texts row after row


    def named(self, text: str) -> Submitter | None:
        """The submitter whose name, short name or alias is exactly `text` (after normalising), else None."""
        hit = self.exact.get(normalise_name(text))
        return hit[1] if hit else None

    def find(self, text: str) -> Submitter | None:
        """Exact, else `text` is the tail of a name (市生态环境局), else the longest whole name inside it.

        A name found inside the text counts only when it is not cut out of another organ's name: in
        灵武市工业和信息化局 the alias 市工业和信息化局 begins inside 灵武市, so the text names 灵武市's
        bureau (灵武市), never the city's 市工业和信息化局.
        """
        key = normalise_name(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key][1]
        if key not in self.memo:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = self._find(key)
        return self.memo[key]

    def _find(self, key: str) -> Submitter | None:
        if len(key) >= 4 and key in self.tails:
            return self.tails[key]
        hits = self._contained(key)
        whole = [h for h in hits if not any(o[0] < h[0] < o[1] < h[1] for o in hits)]
        if not whole:
            return None
        longest = max(h[1] - h[0] for h in whole)
        return min((h for h in whole if h[1] - h[0] == longest), key=lambda h: h[2])[3]

    def _contained(self, key: str) -> list[tuple[int, int, int, Submitter]]:
        """(start, end, configured order, submitter) of every configured name inside `key`."""
        hits = []
        for length in self.lengths:
            for i in range(len(key) - length + 1):
                found = self.exact.get(key[i:i + length])
                if found:
                    hits.append((i, i + length, *found))
        return hits
