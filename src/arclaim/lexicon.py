"""Loads the JSON lexicons under `resources/` and compiles them into matchers.

Every Arabic entry is folded with the same normalization the pipeline applies
to text (`normalize.fold`), so a lexicon needs one spelling per folded form.
Word lists become trie-shaped regexes: one pass over the text, no backtracking
across alternatives.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import regex

from .normalize import fold

# Conjunction, then a preposition with or without the article, or the article alone.
CLITIC = r"(?:[وف])?(?:[بك]?ال|لل|[بلك])?"
WORD_START = r"(?<![\p{L}\p{M}\p{N}_])"
WORD_END = r"(?![\p{L}\p{M}\p{N}_])"


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
        piece = regex.escape(ch) if ch != " " else r"\s+"
        branches.append(piece + sub)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def word_regex(words: Iterable[str], clitics: bool = True, flags: int = 0) -> regex.Pattern:
    """Whole-word matcher for folded `words`; group `w` is the word without its clitics."""
    prefix = f"(?P<cl>{CLITIC})" if clitics else ""
    return regex.compile(f"{WORD_START}{prefix}(?P<w>{trie_pattern(words)}){WORD_END}", flags)


class Lexicon:
    """All static language knowledge, folded and indexed for lookup."""

    def __init__(self) -> None:
        numbers = load_json("numbers.json")
        self.number_words: dict[str, dict] = {fold(k): v for k, v in numbers["words"].items()}
        self.latin_suffixes: dict[str, float] = numbers["latin_suffixes"]

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
        self.currency_symbols: dict[str, str] = {}
        for sym, code in currencies["symbols"].items():
            self.currency_symbols[fold(sym) if _is_arabic(sym) else sym] = code

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
        for bound in ("approx", "at_least", "at_most"):
            for cue in bounds[bound]["before"]:
                self.bound_before[fold(cue)] = bound
            for cue in bounds[bound]["after"]:
                self.bound_after[fold(cue)] = bound
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
        self.unit_word_re = regex.compile(
            r"\s*(?P<cl>(?:[وف]?(?:ب|ل|في\s+)?(?:ال)?)?)(?P<w>"
            + trie_pattern(set(self.unit_words) | set(self.currency_words) | set(self.duration_words))
            + ")" + WORD_END
        )
        self.scale_re = word_regex(w for w, v in self.number_words.items() if v["kind"] == "scale")
        before = sorted(self.bound_before, key=len, reverse=True)
        self.bound_before_re = regex.compile(
            r"(?:^|(?<=[\s(،,:؛]))(?:[وف]?[بل]?)(?P<cue>"
            + "|".join(regex.escape(c) for c in before)
            + r")(?:\s*ال)?\s*$",
            regex.IGNORECASE,
        )
        after = sorted(self.bound_after, key=len, reverse=True)
        self.bound_after_re = regex.compile(
            r"\s*(?P<cue>" + "|".join(regex.escape(c) for c in after) + r")(?![\p{L}\p{N}])", regex.IGNORECASE
        )
        symbols = sorted(set(self.currency_symbols) | set(self.unit_symbols), key=len, reverse=True)
        sym_alt = "|".join(regex.escape(s) for s in symbols)
        self.symbol_after_re = regex.compile(r"[ \t]?(?P<sym>" + sym_alt + r")(?![\p{L}\p{N}])")
        cur_syms = sorted(self.currency_symbols, key=len, reverse=True)
        self.symbol_before_re = regex.compile(
            r"(?:^|(?<=[^\p{L}\p{N}]))(?P<sym>" + "|".join(regex.escape(s) for s in cur_syms) + r")[ \t]?$"
        )


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in s)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared, lazily built lexicon."""
    return Lexicon()
