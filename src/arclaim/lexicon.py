"""Loads the JSON lexicons under `resources/` and compiles them into matchers.

Every Arabic entry is folded with the same normalization the pipeline applies
to text (`normalize.fold`), so a lexicon needs one spelling per folded form.
Word lists become trie-shaped regexes: one pass over the text, no backtracking
across alternatives.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from dataclasses import dataclass
from typing import Any, Iterable, Iterator


from .normalize import fold

# Conjunction, then a preposition with or without the article, or the article alone.
CLITIC = r"(?:[وف])?(?:[بك]?ال|لل|[بلك])?"
# Word lists compile with the stdlib `re`: three times faster to compile than `regex`,
# which matters for cold start. Normalized text has no combining marks, so \w is enough.
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"


def load_json(name: str) -> Any:
    """A resource file's parsed content."""
    with resources.files("arclaim.resources").joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words` shaped as a trie (shared prefixes factored out)."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        sub = _emit(node[ch])
        piece = re.escape(ch) if ch != " " else r"\s+"
        branches.append(piece + sub)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def word_regex(words: Iterable[str], clitics: bool = True, flags: int = 0) -> re.Pattern:
    """Whole-word matcher for folded `words`; group `w` is the word without its clitics."""
    prefix = f"(?P<cl>{CLITIC})" if clitics else ""
    return re.compile(f"{WORD_START}{prefix}(?P<w>{trie_pattern(words)}){WORD_END}", flags)


TOKEN_RE = re.compile(r"[^\W\d_]+")
CLITIC_PREFIXES = ("وال", "بال", "فال", "كال", "ولل", "فلل", "لل", "ال", "وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    phrase: str
    value: object


class PhraseIndex:
    """Finds phrases from a dictionary in text, word by word, tolerating clitics on the first word.

    No regex to compile: building is a dict, matching is a few lookups per word,
    so large cue lexicons cost nothing at start-up. The longest phrase wins.
    """

    def __init__(self, phrases: dict[str, object], casefold: bool = False):
        self.casefold = casefold
        self.phrases: dict[str, object] = {}
        self.longest: dict[str, int] = {}  # first word -> most words of a phrase starting with it
        for phrase, value in phrases.items():
            words = phrase.lower().split() if casefold else phrase.split()
            if words:
                self.phrases.setdefault(" ".join(words), value)
                self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))
        self._heads: dict[str, tuple[tuple[int, str, int], ...]] = {}
        self._last_heads: tuple[str, list[int]] | None = None

    def heads(self, word: str) -> tuple[tuple[int, str, int], ...]:
        """(chars of clitic skipped, first word, max phrase length) for each reading of `word`."""
        cached = self._heads.get(word)
        if cached is None:
            cached = tuple((skip, head, self.longest[head]) for skip, head in clitic_variants(word)
                           if head in self.longest)
            if not cached and len(word) >= 5 and word.endswith("ا") and word[-2] != "ا":
                # the accusative's alef (ارباحاً، تقييماً once diacritics are gone): the noun itself
                cached = tuple((skip, head[:-1], self.longest[head[:-1]]) for skip, head in clitic_variants(word)
                               if head[:-1] in self.longest)
            if len(self._heads) < 200_000:
                self._heads[word] = cached
        return cached

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        """Phrases made of the whole words inside text[start:end], left to right, longest first."""
        end = len(text) if end is None else end
        words = text_words(text, self.casefold)
        lo, hi = words.between(start, end)
        heads_at = self._head_positions(text, words)
        starts, ends, tokens = words.starts, words.ends, words.words
        i = lo
        for k in range(bisect_left(heads_at, lo), bisect_left(heads_at, hi)):
            if heads_at[k] < i:
                continue  # inside the previous match
            i = heads_at[k]
            best = None
            for skip, head, most in self.heads(tokens[i]):
                for n in range(min(most, hi - i), 0, -1):
                    if best is not None and n <= best[0]:
                        break
                    phrase = head if n == 1 else head + " " + " ".join(tokens[i + 1 : i + n])
                    if phrase in self.phrases:
                        best = (n, phrase, skip)
                        break
            if best is None:
                continue
            n, phrase, skip = best
            yield PhraseMatch(starts[i] + skip, ends[i + n - 1], phrase, self.phrases[phrase])
            i += n

    def _head_positions(self, text: str, words: "TextWords") -> list[int]:
        """Indices of the words that can begin a phrase; kept for the last text, which callers
        scan many times in overlapping windows."""
        last = self._last_heads
        if last is None or last[0] is not text:
            cached, heads = self._heads, self.heads
            last = self._last_heads = (text, [i for i, w in enumerate(words.words)
                                              if (cached[w] if w in cached else heads(w))])
        return last[1]


@dataclass(frozen=True)
class TextWords:
    """The letter-word tokens of one text, as parallel lists, for repeated range lookups."""

    starts: list[int]
    ends: list[int]
    words: list[str]

    def between(self, start: int, end: int) -> tuple[int, int]:
        """Index range of the words lying wholly inside text[start:end]."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)


@lru_cache(maxsize=8)
def text_words(text: str, casefold: bool = False) -> TextWords:
    """Tokenize a text once: every cue lexicon scans the same sentences of a document."""
    starts, ends, words = [], [], []
    for m in TOKEN_RE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        words.append(m.group())
    if casefold:
        words = [w.lower() for w in words]
    return TextWords(starts, ends, words)


def clitic_variants(word: str):
    """(chars stripped, remaining word): the word itself first, then without each clitic prefix."""
    yield 0, word
    if word[:1] not in "وفبلكا":
        return
    for prefix in CLITIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            yield len(prefix), word[len(prefix) :]
            if prefix.endswith("لل"):
                yield len(prefix) - 2, "ال" + word[len(prefix) :]


_CLITIC_RE = re.compile("^" + CLITIC)


def strip_clitics(word: str) -> str:
    """The word without leading و ف ب ل ك ال, keeping at least two letters."""
    rest = word[_CLITIC_RE.match(word).end() :]
    return rest if len(rest) >= 2 else word


def word_in(word: str, words) -> bool:
    """`word`, or `word` without its clitics, is in `words`."""
    return word in words or strip_clitics(word) in words


class Lexicon:
    """All static language knowledge, folded and indexed for lookup."""

    def __init__(self) -> None:
        numbers = load_json("numbers.json")
        self.number_words: dict[str, dict] = {fold(k): v for k, v in numbers["words"].items()}
        self.latin_suffixes: dict[str, float] = numbers["latin_suffixes"]
        self.number_look_alikes = {fold(w) for w in numbers["look_alikes"]["words"]}

        currencies = load_json("currencies.json")
        self.currency_words: dict[str, dict] = {}
        self.currency_duals: dict[str, dict] = {}
        self.currency_latin: dict[str, dict] = {}
        for entry in currencies["words"]:
            for form in entry["forms"]:
                self.currency_words[fold(form)] = entry
            for form in entry["dual"]:
                self.currency_duals[fold(form)] = entry
            for form in entry.get("latin", []):
                self.currency_latin[form.lower()] = entry
            entry["qualifiers"] = {fold(k): v for k, v in entry["qualifiers"].items()}
        self.currency_entry: dict[str, dict] = {fold(e["word"]): e for e in currencies["words"]}
        self.currency_symbols: dict[str, str] = {}
        for sym, code in currencies["symbols"].items():
            # first wins: د.إ (AED) and د.أ (JOD) fold to the same key; the ISO code JOD stays unambiguous
            self.currency_symbols.setdefault(fold(sym) if _is_arabic(sym) else sym, code)

        self.currency_words_before = {fold(w) for w in currencies.get("words_before_number", [])}
        units = load_json("units.json")
        self.unit_words: dict[str, dict] = {}
        self.unit_duals: dict[str, dict] = {}
        self.unit_symbols: dict[str, dict] = {}
        for entry in units["units"]:
            for w in entry["words"]:
                self.unit_words[fold(w)] = entry
            for w in entry.get("dual", []):
                self.unit_duals[fold(w)] = entry
            for s in entry["symbols"]:
                self.unit_symbols[s] = entry
        self.duration_words: dict[str, str] = {}
        for name, forms in units["durations"].items():
            for w in forms:
                self.duration_words[fold(w)] = name
        self.duration_duals: dict[str, str] = {}
        for name, forms in units["duration_duals"].items():
            for w in forms:
                self.duration_duals[fold(w)] = name

        bounds = load_json("bounds.json")
        self.bound_before: dict[str, str] = {}
        self.bound_after: dict[str, str] = {}
        self.bound_far: dict[str, str] = {}
        for bound in ("approx", "at_least", "at_most"):
            for cue in bounds[bound]["before"]:
                self.bound_before[fold(cue)] = bound
            for cue in bounds[bound]["after"]:
                self.bound_after[fold(cue)] = bound
            for cue in bounds[bound].get("far_before", []):
                self.bound_far[fold(cue)] = bound
        rng = bounds["range"]
        self.range_between = {fold(w) for w in rng["between"]}
        self.range_from = {fold(w) for w in rng["from"]}
        self.range_to = {fold(w) for w in rng["to"]}
        self.movement_verbs = {fold(w) for w in rng["movement_verbs"]}

        time = load_json("time.json")
        self.year_cues = {fold(w) for w in time["year_cues_before"]}
        self.months = {fold(w).lower() for w in time["months"]}
        self.quarter_words = {fold(w) for w in time["quarter_words"]}

        self._compile()

    def _compile(self) -> None:
        anchors = set(self.number_words) | set(self.currency_duals) | set(self.unit_duals) | set(self.duration_duals)
        self.word_anchor_re = word_regex(anchors)
        self.unit_word_re = re.compile(
            r"\s*(?P<cl>(?:[وف]?(?:(?:ب|ل|في\s+)(?:ال)?)?)?)(?P<w>"
            + trie_pattern(set(self.unit_words) | set(self.currency_words) | set(self.duration_words))
            + ")" + WORD_END
        )
        before = sorted(self.bound_before, key=len, reverse=True)
        self.bound_before_re = re.compile(
            r"(?:^|(?<=[\s(،,:؛]))(?:[وف]?[بل]?)(?P<cue>"
            + "|".join(re.escape(c) for c in before)
            + r")(?:\s*ال)?\s*$",
            re.IGNORECASE,
        )
        far = sorted(self.bound_far, key=len, reverse=True)
        self.bound_far_re = re.compile(
            r"(?:^|(?<=\s))(?:[وف]?[بل]?)(?P<cue>" + "|".join(re.escape(c) for c in far)
            + r")(?:\s+[^\s\d،,.:؛؟!]+){1,5}\s*$"
        )
        unit_singulars = set(self.unit_words) | set(self.currency_words)
        self.one_unit_re = re.compile(
            WORD_START + r"(?P<w>" + trie_pattern(unit_singulars) + r")\s+(?:واحد|واحده)" + WORD_END
        )
        after = sorted(self.bound_after, key=len, reverse=True)
        self.bound_after_re = re.compile(
            r"\s*(?P<cue>" + "|".join(re.escape(c) for c in after) + r")(?!\w)", re.IGNORECASE
        )
        symbols = sorted(set(self.currency_symbols) | set(self.unit_symbols), key=len, reverse=True)
        sym_alt = "|".join(re.escape(s) for s in symbols)
        self.symbol_after_re = re.compile(r"[ \t]?(?P<sym>" + sym_alt + r")(?![^\W_])")
        cur_syms = sorted(self.currency_symbols, key=len, reverse=True)
        self.symbol_before_re = re.compile(
            r"(?:^|(?<=[\W_]))(?P<sym>" + "|".join(re.escape(s) for s in cur_syms) + r")[ \t]?\Z"
        )


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in s)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared, lazily built lexicon."""
    return Lexicon()
