"""Arabic text normalization that never loses track of the original offsets.

`normalize(text)` returns the normalized string and an `OffsetMap`; any span of
the normalized string maps back to the exact span of the original it came from.
Most characters map one-to-one (done by `str.translate`, at C speed); only the
few places where the length changes (deleted marks, ligatures, composed
hamzas) are recorded, so the map stays small and lookups are a bisection.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache


# Marks that belong to the letter before them: a span ending on that letter
# takes them along, so "دولاراً" keeps its tanween.
ATTACHED_MARKS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0640"  # tatweel
)
# Invisible formatting: bidi controls, zero-width characters, soft hyphen, BOM.
INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad"
SPACES = "\u00a0\u2002-\u200a\u202f\u205f\u3000"

# A letter followed by a combining hamza/madda is one letter in NFC.
_COMPOSABLE = {
    "\u0627\u0653": "\u0622",
    "\u0627\u0654": "\u0623",
    "\u0627\u0655": "\u0625",
    "\u0648\u0654": "\u0624",
    "\u064a\u0654": "\u0626",
    "\u06c1\u0654": "\u06c2",
    "\u06d2\u0654": "\u06d3",
    "\u06d5\u0654": "\u06c0",
}


@dataclass(frozen=True)
class Options:
    """Which foldings to apply. Digits, separators, marks and spacing are always folded."""

    alef: bool = True  # أ إ آ ٱ -> ا
    alef_maksura: bool = True  # ى -> ي
    teh_marbuta: bool = False  # ة -> ه
    diacritics: bool = True  # drop harakat, tanween, shadda, sukun, superscript alef, tatweel


def _one_to_one(options: Options) -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(10):
        table[0x0660 + i] = str(i)  # Arabic-Indic
        table[0x06F0 + i] = str(i)  # Persian / Urdu
    table.update({0x066B: ".", 0x066C: ",", 0x066A: "%", 0x0609: "‰", 0x060A: "‱", 0x2212: "-"})
    # superscript digits as NFKC folds them: م³ is م3
    table.update({0x00B9: "1", 0x00B2: "2", 0x00B3: "3", 0x2070: "0"})
    table.update({0x2074 + i: str(4 + i) for i in range(6)})
    for ch in _expand_ranges(SPACES):
        table[ord(ch)] = " "
    # Unicode line and paragraph separators and NEL end lines as \n does (sentences end there).
    table.update({0x2028: "\n", 0x2029: "\n", 0x0085: "\n"})
    # Persian letters that Arabic writers type by keyboard accident.
    table.update({0x06CC: "\u064a", 0x06A9: "\u0643", 0x06C1: "\u0647", 0x06D5: "\u0647"})
    if options.alef:
        for ch in "\u0623\u0625\u0622\u0671\u0672\u0673":
            table[ord(ch)] = "\u0627"
    if options.alef_maksura:
        table[0x0649] = "\u064a"
    if options.teh_marbuta:
        table[0x0629] = "\u0647"
    return table


def _expand_ranges(spec: str) -> list[str]:
    """Characters of a regex-style class body such as 'a-cx'."""
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return out


class _Tables:
    """Everything `normalize` needs for one set of options, built once."""

    def __init__(self, options: Options):
        self.table = _one_to_one(options)
        deleted = set(_expand_ranges(INVISIBLE))
        attached = set(_expand_ranges(ATTACHED_MARKS)) if options.diacritics else set()
        if options.diacritics:
            deleted |= attached
        self.deleted = deleted
        self.attached = attached

        def fold(s: str) -> str:
            return "".join("" if c in deleted else self.table.get(ord(c), c) for c in s)

        # Presentation forms: NFKC gives the base letters; ﷼ is the word ريال.
        expanders: dict[str, str] = {}
        for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
            ch = chr(cp)
            if unicodedata.category(ch) == "Cn":
                continue
            base = "\u0631\u064a\u0627\u0644" if cp == 0xFDFC else unicodedata.normalize("NFKC", ch)
            folded = fold(base)
            if folded == ch:
                continue
            if len(folded) == 1:
                self.table[cp] = folded
            else:
                expanders[ch] = folded
        expanders["\u2026"] = "..."  # the ellipsis as NFKC (and camel-tools' normalize_unicode) writes it
        self.expanders = expanders
        self.composed = {pair: fold(c) for pair, c in _COMPOSABLE.items()}
        parts = ["(?P<pair>" + "|".join(map(re.escape, self.composed)) + ")"]
        if attached:
            parts.append("(?P<attached>[" + ATTACHED_MARKS + "]+)")
        parts.append("(?P<deleted>[" + INVISIBLE + "]+)")
        if options.diacritics:
            parts.append("(?P<loose>[\u0653-\u0655]+)")
        if expanders:
            parts.append("(?P<expand>[" + "".join(re.escape(c) for c in expanders) + "])")
        # stdlib `re`: on this alternation of character classes it scans six times faster than `regex`
        self.sites = re.compile("|".join(parts))


@lru_cache(maxsize=8)
def _tables(options: Options) -> _Tables:
    return _Tables(options)


class OffsetMap:
    """Maps positions in a normalized string back to the original string.

    Between recorded sites the map is the identity plus a constant shift. A site
    is a stretch of the original whose normalized length differs (a deleted
    mark, a ligature that became two letters, a composed hamza).
    """

    __slots__ = ("norm_starts", "norm_ends", "orig_starts", "orig_ends", "attached", "norm_len", "orig_len")

    def __init__(self, norm_len: int, orig_len: int):
        self.norm_starts: list[int] = []
        self.norm_ends: list[int] = []
        self.orig_starts: list[int] = []
        self.orig_ends: list[int] = []
        self.attached: list[bool] = []
        self.norm_len = norm_len
        self.orig_len = orig_len

    def _add(self, ns: int, ne: int, os_: int, oe: int, attached: bool) -> None:
        self.norm_starts.append(ns)
        self.norm_ends.append(ne)
        self.orig_starts.append(os_)
        self.orig_ends.append(oe)
        self.attached.append(attached)

    def __len__(self) -> int:
        return self.norm_len

    def __getitem__(self, index: int) -> int:
        """Original index of the normalized character at `index`."""
        if index < 0:
            index += self.norm_len
        if not 0 <= index < self.norm_len:
            raise IndexError(index)
        return self.start(index)

    def start(self, pos: int) -> int:
        """Original position for a span starting at normalized `pos` (skips deleted marks before it)."""
        idx = bisect_right(self.norm_ends, pos) - 1
        nxt = idx + 1
        if nxt < len(self.norm_starts) and self.norm_starts[nxt] < pos:
            return self.orig_starts[nxt]  # inside an expansion: the whole source character
        if idx < 0:
            return pos
        return self.orig_ends[idx] + (pos - self.norm_ends[idx])

    def end(self, pos: int) -> int:
        """Original position for a span ending at normalized `pos` (keeps marks attached to the last letter)."""
        hi = bisect_right(self.norm_ends, pos) - 1
        nxt = hi + 1
        if nxt < len(self.norm_starts) and self.norm_starts[nxt] < pos:
            return self.orig_ends[nxt]
        lo = bisect_left(self.norm_ends, pos)
        base, k = lo - 1, lo
        if k <= hi and self.norm_starts[k] < self.norm_ends[k]:
            base, k = k, k + 1
        while k <= hi and self.norm_starts[k] == self.norm_ends[k] and self.attached[k]:
            base, k = k, k + 1
        if base < 0:
            return pos
        return self.orig_ends[base] + (pos - self.norm_ends[base])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if start >= end:
            s = self.start(start)
            return s, s
        return self.start(start), self.end(end)


@dataclass(frozen=True)
class Normalized:
    """A normalized text, the original it came from, and the map between them."""

    text: str
    original: str
    offsets: OffsetMap

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)

    def __iter__(self):  # allows `normalized, offsets = normalize(text)`
        yield self.text
        yield self.offsets


def normalize(text: str, options: Options | None = None, **flags: bool) -> Normalized:
    """Normalize Arabic `text`; returns `Normalized(text, original, offsets)`.

    Unpacks as `(normalized, offsets)`. Flags override `Options` fields, e.g.
    `normalize(s, teh_marbuta=True)`.
    """
    if options is None:
        options = Options(**flags) if flags else Options()
    tables = _tables(options)
    table = tables.table
    pieces: list[str] = []
    offsets = OffsetMap(0, len(text))
    norm_pos = 0
    last = 0
    for m in tables.sites.finditer(text):
        if m.start() > last:
            chunk = text[last : m.start()].translate(table)
            pieces.append(chunk)
            norm_pos += len(chunk)
        kind = m.lastgroup
        if kind == "pair":
            repl = tables.composed[m.group()]
        elif kind == "expand":
            repl = tables.expanders[m.group()]
        else:
            repl = ""
        pieces.append(repl)
        offsets._add(norm_pos, norm_pos + len(repl), m.start(), m.end(), kind == "attached")
        norm_pos += len(repl)
        last = m.end()
    if last < len(text):
        chunk = text[last:].translate(table)
        pieces.append(chunk)
        norm_pos += len(chunk)
    offsets.norm_len = norm_pos
    return Normalized("".join(pieces), text, offsets)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The matching key used for lexicons: normalized with teh marbuta folded, lower-cased."""
    return normalize(text, MATCH_OPTIONS).text.lower()


MATCH_OPTIONS = Options(teh_marbuta=True)
