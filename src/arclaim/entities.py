"""Entity gazetteer and matcher: a spaCy PhraseMatcher over folded, clitic-aware token norms.

Aliases are folded like the text (alef, ya, teh marbuta, case). A token's NORM
is its folded form, or that form without a leading clitic (و ف ب ل ك ال لل)
when the stripped form begins a known alias: `وOpenAI`, `لـNvidia`, `بأرامكو`
and `للراجحي` all match without listing every clitic variant.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import regex
from spacy.matcher import PhraseMatcher
import numpy
from spacy.attrs import NORM, ORTH
from spacy.tokens import Doc

from .lexicon import TOKEN_RE, clitic_variants, load_json, strip_clitics
from .normalize import fold

ENTITY_TYPES = ("ORG", "TICKER", "GPE", "CENTRAL_BANK", "EXCHANGE", "INDEX", "COMMODITY", "CRYPTO")


class GazetteerError(ValueError):
    """A user entity file that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class EntityInfo:
    name: str
    type: str
    country: str | None = None


@dataclass(frozen=True)
class EntityMatch:
    """An entity found in normalized text (normalized offsets)."""

    info: EntityInfo
    start: int
    end: int
    token_start: int
    token_end: int


class Gazetteer:
    """Canonical entities and their aliases, from the bundled JSON plus user files."""

    def __init__(self, extra_files: list[str | Path] | None = None, include_weak: bool = False):
        self.entities: dict[str, EntityInfo] = {}
        self.aliases: dict[str, str] = {}  # folded alias -> canonical name
        self.weak_aliases: dict[str, str] = {}  # ordinary words that are also names (فوري, مصدر)
        self.exchange_of: dict[str, str] = {}  # index -> the exchange whose market it measures
        for entry in load_json("entities.json"):
            if entry.get("exchange"):
                self.exchange_of[entry["name"]] = entry["exchange"]
            self.add(entry["name"], entry["type"], entry.get("aliases", []) + entry.get("tickers", []),
                     entry.get("country"))
            if include_weak:
                self.add(entry["name"], entry["type"], entry.get("weak_aliases", []), entry.get("country"))
            else:
                for alias in entry.get("weak_aliases", []):
                    self.weak_aliases.setdefault(alias_key(alias), entry["name"])
        for path in extra_files or []:
            self.load_user_file(Path(path))

    def add(self, name: str, type_: str, aliases: list[str], country: str | None = None) -> None:
        if type_ not in ENTITY_TYPES:
            raise GazetteerError(f"unknown entity type {type_!r} for {name!r}")
        self.entities.setdefault(name, EntityInfo(name, type_, country))
        for alias in [name, *aliases]:
            key = alias_key(alias)
            if key:
                self.aliases.setdefault(key, name)

    def resolve(self, text: str) -> str | None:
        """The canonical name for an alias, a ticker or a canonical name, any script or case."""
        for _, key in clitic_variants(alias_key(text)):
            if key in self.aliases:
                return self.aliases[key]
        return None

    def load_user_file(self, path: Path) -> None:
        """YAML/JSON (a list of {name, type, aliases}) or CSV (name,type,aliases with | between aliases)."""
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"{path}: cannot read entity file: {exc}") from exc
        suffix = path.suffix.lower()
        if suffix == ".csv":
            reader = csv.reader(io.StringIO(raw, newline=""), strict=True, skipinitialspace=True)
            try:
                rows = list(reader)
            except csv.Error as exc:  # an unclosed quote swallows the rest of the file
                raise GazetteerError(f"{path}: line {reader.line_num}: bad CSV: {exc}") from None
            header = [h.strip() for h in (rows[0] if rows else [])]
            if not {"name", "type"} <= set(header):
                raise GazetteerError(f"{path}: line 1: CSV header needs columns name,type,aliases")
            for i, values in enumerate(rows[1:], start=2):
                if not any(v.strip() for v in values):
                    continue
                row = dict(zip(header, (v.strip() for v in values)))
                self._add_user(path, i, row.get("name"), row.get("type"),
                               [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()])
            return
        if suffix in (".yaml", ".yml"):
            import yaml

            try:
                data = yaml.safe_load(raw)
            except yaml.YAMLError as exc:
                raise GazetteerError(f"{path}: invalid YAML: {exc}") from exc
        else:
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{path}: line {exc.lineno}: invalid JSON: {exc.msg}") from exc
        if not isinstance(data, list):
            raise GazetteerError(f"{path}: expected a list of entities")
        for i, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise GazetteerError(f"{path}: entry {i}: expected a mapping with name, type, aliases")
            aliases = item.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [aliases]  # `aliases: أكمي`: one alias, not a list of its letters
            self._add_user(path, i, item.get("name"), item.get("type"), aliases)

    def _add_user(self, path: Path, line: int, name, type_, aliases) -> None:
        if not name or not type_:
            raise GazetteerError(f"{path}: entry {line}: needs a name and a type")
        if not _has_letter(name):
            raise GazetteerError(f"{path}: entry {line}: the name {name!r} has no letters")
        if not isinstance(aliases, list) or not all(_has_letter(a) for a in aliases):
            # a number as an alias (2024) would make every such number a name
            raise GazetteerError(f"{path}: entry {line}: aliases must be a list of names with letters, got {aliases!r}")
        if type_ not in ENTITY_TYPES:
            raise GazetteerError(f"{path}: entry {line}: type {type_!r} is not one of {', '.join(ENTITY_TYPES)}")
        self.add(str(name), str(type_), [str(a) for a in aliases])


def _has_letter(value) -> bool:
    return isinstance(value, str) and any(ch.isalpha() for ch in value)


def alias_key(text: str) -> str:
    """Folded, lower-cased, tatweel-free alias with single spaces and no leading $ or #."""
    key = fold(text).strip().lstrip("$#").lower()
    return " ".join(key.split())


class EntityMatcher:
    """Finds gazetteer entities in normalized text with a spaCy PhraseMatcher on NORM."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        from .textcat import shared_nlp

        self.gazetteer = gazetteer or Gazetteer()
        self.nlp = shared_nlp()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        # Patterns are added to the matcher the first time a text holds their first word: a single
        # post then builds a few dozen of the ~1,800 patterns, which keeps the cold start short.
        self.pending: dict[str, list[tuple[str, list[str]]]] = {}  # first word -> (name, words)
        for key, name in self.gazetteer.aliases.items():
            # Plain words split on spaces exactly as the tokenizer would split them; only keys
            # with punctuation (S&P 500, e&) need the tokenizer.
            words = key.split() if _PLAIN.fullmatch(key) else [t.text for t in self.nlp.tokenizer(key)]
            if words:
                self.pending.setdefault(words[0], []).append((name, words))
        self.first_tokens: set[str] = set(self.pending)
        # First words that may lose an article in the text: names of things (البيتكوين، الذهب), not of
        # companies, whose bare names are ordinary nouns with it (الإعمار reconstruction, not Emaar).
        self.article_ok: set[str] = {words[0] for words_list in self.pending.values() for name, words in words_list
                                     if self.gazetteer.entities[name].type not in COMPANY_TYPES}
        self.norm_of: dict[int, int] = {}  # ORTH id -> NORM id, filled as words are first seen
        self.not_names = {fold(p) for p in load_json("not_names.json")["phrases"]}

    def _add_patterns(self, first_words: set[str]) -> None:
        for first in first_words:
            for name, words in self.pending.pop(first, ()):
                # keys are lower-cased already, and a token's default NORM is its lower-cased text;
                # later words take the text's norm too, so للطاقة in قطر للطاقة (read as ل + الطاقة
                # when الطاقة begins another alias) still matches
                normed = [words[0]] + [self._norm(w) for w in words[1:]]
                self.matcher.add(name, [Doc(self.nlp.vocab, words=normed)])

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[EntityMatch]:
        """Entities in `text[start:end]`, in text order; where two overlap, the one of more words wins,
        then the earlier one (مجموعة الإمارات دبي الوطني is the bank, not the airline group)."""
        # a hashtag joins its words with _ (#قطر_للطاقة), and a clitic may be glued to a quoted name
        # (لـ"الفوسفات الأردنية"): read them as words, offsets unchanged
        segment = text[start:end].translate(_WORD_JOINERS)
        doc = self.nlp.make_doc(segment)
        self._set_norms(doc)
        found = []
        for match_id, s, e in self.matcher(doc):
            name = self.nlp.vocab.strings[match_id]
            span = doc[s:e]
            cs, ce = span.start_char, span.end_char
            first = doc[s].text.lower()
            stripped = doc[s].norm_
            if first != stripped and first.endswith(stripped):
                cs += len(first) - len(stripped)  # the clitic is not part of the name
            elif first != stripped and stripped.startswith("ال") and first.endswith(stripped[1:]):
                cs += len(first) - len(stripped) + 1  # للراجحي: the article's lam stays with the name
            if s > 0 and doc[s - 1].text == "$" and doc[s - 1].idx + 1 == doc[s].idx:
                cs -= 1
            found.append(EntityMatch(self.gazetteer.entities[name], start + cs, start + ce, s, e))
        found = [m for m in found if not self.in_not_name(text, start, m)]
        found.sort(key=lambda m: (-(m.token_end - m.token_start), m.start, -(m.end - m.start)))
        kept: list[EntityMatch] = []
        taken = bytearray(len(segment) + 1)  # characters of names kept so far: linear, however many overlap
        for m in found:
            a, b = m.start - start, m.end - start
            if any(taken[a:b]):
                continue
            taken[a:b] = b"\x01" * (b - a)
            kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    def in_not_name(self, text: str, start: int, match: EntityMatch) -> bool:
        """The match lies in a phrase of not_names.json (إعادة إعمار، سوق دبي العقاري): the alias is
        an ordinary word there. Up to two words before and one after the name are looked at."""
        before = TOKEN_RE.findall(text, max(start, match.start - 30), match.start)
        after = TOKEN_RE.findall(text, match.end, match.end + 20)[:1]
        name = text[match.start:match.end]
        for n_before in (0, 1, 2):
            if len(before) < n_before:
                break
            words = before[len(before) - n_before:]
            for tail in ([], after):
                if not words and not tail:
                    continue
                phrase = words + [name] + tail
                if " ".join(phrase) in self.not_names or (
                        words and " ".join([strip_clitics(words[0])] + phrase[1:]) in self.not_names):
                    return True
        return False

    def _set_norms(self, doc: Doc) -> None:
        """Set every token's NORM in one array write; a word type's NORM is computed once (and the
        patterns starting with it are added then). Token-level, so matchers with other gazetteers
        sharing the vocab never see each other's norms."""
        orths = doc.to_array(ORTH).tolist()
        norms = self.norm_of
        for orth in set(orths).difference(norms):
            norm = self._norm(self.nlp.vocab.strings[orth])
            norms[orth] = self.nlp.vocab.strings.add(norm)
            if norm in self.pending:
                self._add_patterns({norm})
        doc.from_array([NORM], numpy.array([norms[o] for o in orths], dtype="uint64"))

    def _norm(self, token: str) -> str:
        low = token.lower()
        for skip, word in clitic_variants(low):  # للراجحي reads as ل + الراجحي
            if word not in self.first_tokens:
                continue
            if _strips_article(low[:skip]):
                if "ال" + word in self.first_tokens:
                    return "ال" + word  # للبنك العربي: a name that has the article keeps it
                if word not in self.article_ok:
                    continue
            return word
        return low


def _strips_article(prefix: str) -> bool:
    """The clitics `prefix` end with the article (ال، or لل where ل took its alef)."""
    return prefix.endswith("ال") or prefix.endswith("لل")


COMPANY_TYPES = ("ORG", "TICKER")
_WORD_JOINERS = str.maketrans({"_": " ", '"': " ", "«": " ", "»": " ", "“": " ", "”": " "})


_PLAIN = regex.compile(r"[^\W_]+(?: [^\W_]+)*")
