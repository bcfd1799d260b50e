"""Turns numerals into quantities: unit, kind, bound, range, counted noun.

Input is the folded normalized text and its numerals; output `RawQuantity`
objects with spans still in normalized coordinates. Years, dates and durations
are recognized here too, so later stages never take them for claims.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon, fold, lexicon, load_json, word_in
from .models import CLAIM_KINDS
from .numerals import DIGITS_RE, Numeral, _squash
from .sentences import SENTENCE_END_RE

DATE_RE = regex.compile(
    r"(?<![\d.,/])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}/(?:19|20)\d{2})(?![\d/])"
)
# A fiscal year written as two years (2024/2025, 2024/25): its numerals are blocked as a slash
# token; it names the year it ends in.
FISCAL_YEAR_RE = regex.compile(r"(?<![\d.,/])((?:19|20)\d{2})/((?:19|20)?\d{2})(?![\d/])")
# A fiscal or calendar year written the Latin way (FY25, FY2026, CY24): its digits sit inside a
# Latin token, so no numeral is found there.
LATIN_YEAR_RE = regex.compile(r"(?<![A-Za-z])(?:FY|CY)'?((?:19|20)?\d{2})(?!\d)", regex.IGNORECASE)
ARABIC_WORD_RE = regex.compile(r"[ \t]*(?P<w>[\p{Arabic}&&\p{L}]+(?:\p{M}+[\p{Arabic}&&\p{L}]+)*)")
LATIN_WORD_RE = regex.compile(r"[ \t]*(?P<w>[A-Za-z]+)")
YEAR_SUFFIX_RE = regex.compile(r"\s?(?:م|هـ|ه)(?![\p{L}])")
# Joiners are written folded (ى -> ي), as the text they run on.
CLAUSE_BREAK_RE = regex.compile(r"[.؛;:\n]")
MOVE_VERB_WORDS = 15  # words before من X إلى Y within which its movement verb may stand
SCALE_REACH = 10  # a scale written after the second number reaches the first only if the first then stays within 10x of it
JOIN_RE = regex.compile(r"[ \t]*(?P<j>و|الي|ل|حتي|لحد|لغايه|-|–|—|to)[ \t]*")
ONE_AFTER_RE = regex.compile(r"\s+(?:واحده|واحد)")
LAST_WORD_RE = regex.compile(r"(?:^|(?<=\s))(?P<w>\p{L}+)[ \t]?\Z")  # \Z: `$` would also match before a final newline
OF_RE = regex.compile(r"[ \t]+من[ \t]+")
YEAR_AFTER_RE = regex.compile(r"[ \t,]*((?:19|20)\d{2})(?!\d)")
LATIN_BEFORE_RE = regex.compile(r"[A-Za-z][A-Za-z0-9]*[ \t]*\Z")
PREV_WORD_RE = regex.compile(r"([\p{L}]+)[^\p{L}\p{N}\n]{0,3}\Z")
PERCENT_BEFORE_RE = regex.compile(r"(?<![\d.])%[ \t]?\Z")


RATIO_AFTER_RE = regex.compile(r"\s*(?:الي|:)\s*\d+(?![\d.,٫٬]*\s*%)(?![\d.,٫٬]*\s*(?:في الم|بالم))")  # 1 الي 10, no percent after
DECADES_MAX = 100  # from this many, عقد after a number is a contract, not a decade


@dataclass
class RawQuantity:
    """A quantity in normalized-text coordinates, before it becomes a record."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    bound: str = "exact"
    upper: float | None = None
    counted: tuple[int, int] | None = None  # span of the counted noun in normalized text
    raw_unit: str | None = None
    scaled: bool = False
    scale_value: float = 1.0
    inherited_unit: bool = False
    currency_word: str | None = None
    qualified: bool = False  # the currency word had a nationality after it
    sign: int = 0
    identifier: bool = False  # عيار 24, رقم 5, لكل مليون: the number names or divides something, it is no amount
    numeral: Numeral | None = field(default=None, repr=False)

    @property
    def is_claim_kind(self) -> bool:
        return self.kind in CLAIM_KINDS


class QuantityParser:
    """Attaches units, bounds and ranges to numerals. One instance serves many texts."""

    def __init__(self, lex: Lexicon | None = None, currency_defaults: dict[str, str] | None = None):
        self.lex = lex or lexicon()
        self.currency_defaults = {fold(k): v for k, v in (currency_defaults or {}).items()}
        stopwords = load_json("stopwords.json")
        stop = {fold(w) for w in stopwords["words"]}
        self.identifier_words = {fold(w) for w in stopwords["identifier_before"]}
        self.multiple_words = {fold(w) for w in stopwords["multiple_after"]}
        self.measure_words = {fold(w) for w in stopwords["measure_after"]}
        directions = load_json("directions.json")
        stop |= {fold(w) for side in ("up", "down") for w in directions[side]}
        stop |= set(self.lex.year_cues) | set(self.lex.months) | set(self.lex.range_to)
        stop |= set(self.lex.bound_before) | set(self.lex.bound_after)
        self.stopwords = stop
        self.counted_whitelist = {fold(w) for w in stopwords["counted_whitelist"]}
        self.currency_context = self._compile_context()

    # ------------------------------------------------------------------ api

    def parse(self, text: str, numerals: list[Numeral]) -> list[RawQuantity]:
        dates = [m.span() for m in DATE_RE.finditer(text)]
        out: list[RawQuantity] = []
        di = 0
        consumed = -1
        for num in numerals:
            if num.start < consumed:
                continue
            while di < len(dates) and dates[di][1] <= num.start:
                di += 1
            if di < len(dates) and dates[di][0] <= num.start < dates[di][1]:
                s, e = dates[di]
                if not out or out[-1].start != s:
                    out.append(RawQuantity(s, e, 0.0, "date"))
                continue
            q = self._quantity(text, num)
            if q is not None:
                out.append(q)
                consumed = q.end
        out = sorted(out + self._fiscal_years(text), key=lambda q: q.start)
        out = self._pair_ranges(text, out)
        self._document_currencies(text, out)
        for q in out:
            self._bound(text, q)
            if q.sign and q.kind in ("percent", "pp"):
                q.value = abs(q.value)  # -3%: the sign is the change's direction, the value its size
        return out

    @staticmethod
    def _fiscal_years(text: str) -> list[RawQuantity]:
        """Year quantities for fiscal years (العام المالي 2024/2025 is 2025: the second year, when
        it follows the first) and for Latin ones (FY25 is 2025)."""
        out = []
        for m in FISCAL_YEAR_RE.finditer(text):
            first, second = int(m.group(1)), m.group(2)
            end_year = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if end_year == first + 1:
                out.append(RawQuantity(m.start(), m.end(), float(end_year), "year"))
        for m in LATIN_YEAR_RE.finditer(text):
            digits = m.group(1)
            out.append(RawQuantity(m.start(), m.end(), float(digits if len(digits) == 4 else 2000 + int(digits)), "year"))
        return out

    # --------------------------------------------------------- one numeral

    def _quantity(self, text: str, num: Numeral) -> RawQuantity | None:
        q = RawQuantity(num.start, num.end, num.value, "number", scaled=num.scaled,
                        scale_value=num.scale_value, sign=num.sign, numeral=num)
        if num.unit_first is not None:
            if not self._unit_after(text, q) or q.kind in ("number", "duration"):
                return None
            one = ONE_AFTER_RE.match(text, q.end)
            q.end = one.end() if one else q.end
            if q.kind == "money":
                self._qualifier(text, q)
            return q
        if num.dual_word:
            if self._dual(num.dual_word, q):
                return self._after_unit(text, q)
        before = self._symbol_before(text, q)
        if not before:
            if num.start > 0 and PERCENT_BEFORE_RE.search(text, max(0, num.start - 2), num.start):
                q.kind, q.unit = "percent", "%"
                q.start = text.rfind("%", 0, num.start)
                return q
        if q.kind == "number" and not self._unit_after(text, q) and not before:
            self._time_or_count(text, q)
        elif q.kind == "money":
            self._qualifier(text, q)
        if num.needs_unit and q.kind in ("number", "count"):
            return None
        if num.words_only and not num.scaled and q.kind == "number":
            return None  # "شركة واحدة": a word, not a figure
        if q.kind != "number" and _prev_word(text, q.start) == "لكل":
            q.kind, q.unit, q.identifier = "number", None, True  # دينار لكل 100 دولار: a rate's denominator
        return q

    def _dual(self, word: str, q: RawQuantity) -> bool:
        lex = self.lex
        if word in lex.number_words:
            return False  # ملياري: a scale dual, value already 2e9
        if word in lex.currency_duals:
            entry = lex.currency_duals[word]
            self._set_currency(q, entry, None)
        elif word in lex.unit_duals:
            self._set_unit(q, lex.unit_duals[word])
        else:
            q.kind, q.unit = "duration", lex.duration_duals[word]
        return True

    def _after_unit(self, text: str, q: RawQuantity) -> RawQuantity:
        if q.kind == "money":
            self._qualifier(text, q)
        return q

    def _symbol_before(self, text: str, q: RawQuantity) -> bool:
        window = text[max(0, q.start - 5) : q.start]
        m = self.lex.symbol_before_re.search(window)
        if not m:
            word = LAST_WORD_RE.search(window)
            if word and word.group("w") in self.lex.currency_words_before:
                entry = self.lex.currency_words[word.group("w")]
                self._set_currency(q, entry, word.group("w"))
                q.start = q.start - len(window) + word.start("w")  # ﷼ 1,200
                return True
            return False
        code = self.lex.currency_symbols.get(m.group("sym"))
        if code is None:
            return False
        q.kind, q.unit = "money", code
        q.start = q.start - len(window) + m.start("sym")
        # "$2B" then also "دولار" after is rare; let a trailing "bn" etc. stand
        self._unit_after(text, q, money_only=True)
        return True

    def _unit_after(self, text: str, q: RawQuantity, money_only: bool = False) -> bool:
        lex = self.lex
        m = lex.symbol_after_re.match(text, q.end)
        if m:
            sym = m.group("sym")
            if sym in lex.currency_symbols and not money_only:
                q.kind, q.unit = "money", lex.currency_symbols[sym]
                q.end = m.end()
                return True
            if sym in lex.unit_symbols and not money_only:
                self._set_unit(q, lex.unit_symbols[sym], raw=sym)
                q.end = m.end()
                return True
        pos = q.end
        of = OF_RE.match(text[pos : pos + 8])
        m = lex.unit_word_re.match(text, pos)
        if not m and of and q.scaled:
            m = lex.unit_word_re.match(text, pos + of.end())
            if m and _squash(m.group("w")) not in lex.currency_words:
                m = None
        if not m or "\n" in text[pos : m.start("w")]:
            return False  # a unit on the next line belongs to that line (بيوم واحد⏎الجنيه الذهب)
        word = _squash(m.group("w"))
        clitic = m.group("cl") or ""
        if word in lex.currency_words:
            if clitic.strip() and clitic.strip() not in ("ال",) and not of:
                return False
            entry = lex.currency_words[word]
            self._set_currency(q, entry, word)
            q.end = m.end()
            return True
        if money_only:
            return False
        if word in lex.unit_words:
            entry = lex.unit_words[word]
            if clitic.strip() and entry["kind"] != "percent":
                return False
            self._set_unit(q, entry, raw=None)
            q.end = m.end()
            return True
        if word in lex.duration_words and not clitic.strip():
            if lex.duration_words[word] == "decade" and q.value >= DECADES_MAX:
                return False  # 118 الف عقد: contracts; no text counts that many decades
            q.kind, q.unit = "duration", lex.duration_words[word]
            q.end = m.end()
            return True
        return False

    def _set_unit(self, q: RawQuantity, entry: dict, raw: str | None = None) -> None:
        factor = entry["factor"]
        q.kind = entry["kind"]
        q.unit = entry["unit"]
        q.value = q.value * factor
        if entry.get("raw_unit"):
            q.raw_unit = entry["raw_unit"]
        elif factor != 1:
            q.raw_unit = raw or None
        q.scale_value *= factor

    def _set_currency(self, q: RawQuantity, entry: dict, word: str | None) -> None:
        code = self.currency_defaults.get(fold(entry["word"]), entry["default"])
        factor = entry.get("factor", 1)
        q.kind, q.unit = "money", code
        q.value *= factor
        q.currency_word = fold(entry["word"])
        if factor != 1:
            q.raw_unit = entry["word"]

    def _compile_context(self) -> dict[str, list[tuple[str, regex.Pattern]]]:
        from .lexicon import word_regex

        out: dict[str, list[tuple[str, regex.Pattern]]] = {}
        for entry in {id(e): e for e in self.lex.currency_words.values()}.values():
            for code, cues in entry.get("context", {}).items():
                out.setdefault(fold(entry["word"]), []).append((code, word_regex({fold(c) for c in cues})))
        return out

    def _document_currencies(self, text: str, qs: list[RawQuantity]) -> None:
        """Bare ريال/دينار/درهم take the currency the document names: a qualifier written elsewhere
        in it (ريال قطري), else the country it talks about. A user's --currency-default wins.
        Words without a country context in currencies.json (دولار) keep their default: a bare
        دولار is the US dollar even in a text that also quotes the Taiwan dollar."""
        bare: dict[str, list[RawQuantity]] = {}
        qualified: dict[str, set[str]] = {}
        for q in qs:
            if (q.kind != "money" or q.currency_word is None or q.currency_word in self.currency_defaults
                    or q.currency_word not in self.currency_context):
                continue
            if q.qualified:
                qualified.setdefault(q.currency_word, set()).add(q.unit)
            else:
                bare.setdefault(q.currency_word, []).append(q)
        boundaries = [m.end() for m in SENTENCE_END_RE.finditer(text)] if bare else []
        for word, items in bare.items():
            doc_code = self._document_code(text, word, qualified.get(word, set()))
            entry = self.lex.currency_entry.get(word, {})
            default_factor = entry.get("factor", 1)
            for q in items:
                code = self._sentence_code(text, word, q, boundaries) or doc_code
                if not code:
                    continue
                factor = entry.get("context_factors", {}).get(code, default_factor)
                q.unit = code
                if factor != default_factor:  # a UAE fils is a hundredth of a dirham, not a thousandth
                    q.value = q.value / default_factor * factor
                    q.scale_value = q.scale_value / default_factor * factor
                    if q.upper is not None:
                        q.upper = q.upper / default_factor * factor

    def _sentence_code(self, text: str, word: str, q: RawQuantity, boundaries: list[int]) -> str | None:
        """The code whose country cues alone stand in the amount's own sentence (العجز الكويتي بنحو
        1.6 مليار دينار in a text that also talks of Bahrain): the sentence's word beats the document's."""
        i = bisect_right(boundaries, q.start)
        start = boundaries[i - 1] if i else 0
        end = boundaries[i] if i < len(boundaries) else len(text)
        named = [c for c, rx in self.currency_context[word] if rx.search(text, start, end)]
        return named[0] if len(named) == 1 else None

    def currency_of_word(self, text: str, word: str, qs: list[RawQuantity]) -> str | None:
        """The code a bare currency word (folded, no article: ليره) stands for in this document, as its
        amounts are resolved (a user's default, a qualifier written elsewhere, the country talked
        about, else the word's default); None for a word that is no currency."""
        if word in self.currency_defaults:
            return self.currency_defaults[word]
        entry = self.lex.currency_entry.get(word)
        if entry is None:
            return None
        qualified = {q.unit for q in qs if q.kind == "money" and q.currency_word == word and q.qualified}
        return self._document_code(text, word, qualified) or entry["default"]

    def _document_code(self, text: str, word: str, qualified: set[str]) -> str | None:
        """The one qualified code of the word in the document, else the code whose country cues the
        text names most (no tie), else None."""
        code = next(iter(qualified)) if len(qualified) == 1 else None
        if code is None and word in self.currency_context:
            hits = {c: len(rx.findall(text)) for c, rx in self.currency_context[word]}
            top = max(hits.values(), default=0)
            winners = [c for c, n in hits.items() if n == top]
            if top > 0 and len(winners) == 1:
                code = winners[0]
        return code

    def _qualifier(self, text: str, q: RawQuantity) -> None:
        """ريال قطري, جنيه إسترليني: a nationality after the currency word picks the code."""
        if q.currency_word is None:
            return
        entry = self.lex.currency_entry.get(q.currency_word)
        if not entry or not entry["qualifiers"]:
            return
        m = ARABIC_WORD_RE.match(text, q.end)
        if not m:
            return
        w = m.group("w")
        # the accusative keeps its alef once the tanween is gone (جنيهاً إسترلينياً); a plural takes the
        # feminine (دنانير كويتية, its ة folded to ه)
        for cand in (w, w[2:] if w.startswith("ال") else None, w[:-1] if w.endswith(("يا", "يه")) else None):
            if cand and cand in entry["qualifiers"]:
                q.unit = entry["qualifiers"][cand]
                q.end = m.end()
                q.qualified = True
                return
        m2 = ARABIC_WORD_RE.match(text, m.end())
        if m2:
            two = w + " " + m2.group("w")
            if two in entry["qualifiers"]:
                q.unit = entry["qualifiers"][two]
                q.end = m2.end()
                q.qualified = True

    # ---------------------------------------------- years, dates, counts

    def _time_or_count(self, text: str, q: RawQuantity) -> None:
        lex = self.lex
        num = q.numeral
        prev = _prev_word(text, q.start)
        if prev and not q.scaled and word_in(prev, self.identifier_words):
            q.identifier = True
            return
        nxt = ARABIC_WORD_RE.match(text, q.end)
        nxt_word = nxt.group("w") if nxt else None
        latin_next = LATIN_WORD_RE.match(text, q.end)
        if latin_next and latin_next.group("w").lower() in lex.months:
            nxt_word = latin_next.group("w").lower()
            nxt = latin_next
        if num and num.integer_text and not q.scaled:
            v = q.value
            if nxt_word in lex.months and 1 <= v <= 31:
                q.kind = "date"
                q.end = nxt.end()
                second = ARABIC_WORD_RE.match(text, q.end)
                if second and f"{nxt_word} {second.group('w')}" in lex.months:
                    q.end = second.end()  # 3 تشرين الثاني, كانون الاول
                y = YEAR_AFTER_RE.match(text[q.end : q.end + 8])
                if y:
                    q.end += y.end()
                return
            if (prev and prev.lower() in lex.months) and (1900 <= v <= 2100 or 1400 <= v <= 1500):
                q.kind = "year"
                return
            if 1900 <= v <= 2100 or (1400 <= v <= 1500 and YEAR_SUFFIX_RE.match(text, q.end)):
                ys = YEAR_SUFFIX_RE.match(text, q.end)
                if ys:
                    q.end = ys.end()
                    q.kind = "year"
                    return
                counted = 1900 <= v <= 2100 and self._bounded_count(text, q, nxt_word)
                if not counted and (prev and word_in(prev, lex.year_cues) or 1900 <= v <= 2100):
                    q.kind = "year"  # a year-like integer with no unit is a year, even before a noun
                    return
        if prev and word_in(prev, {"نسبه"}):
            if RATIO_AFTER_RE.match(text, q.end):
                q.identifier = True  # دمج الاسهم بنسبة 1 الي 10: a ratio, no amount
                return
            q.kind, q.unit = "percent", "%"
            return
        latin_prev = LATIN_BEFORE_RE.search(text[max(0, q.start - 20) : q.start])
        if nxt_word in self.measure_words:
            q.identifier = True  # ٥ آلاف متر مربع: a size we do not claim, and no amount of money
            return
        if nxt_word in self.multiple_words and not q.scaled:
            q.identifier = True  # عند 9 مرات الارباح: a multiple, no amount
            return
        if prev == "لكل":
            q.identifier = True  # دولار لكل مليون وحدة حرارية: the denominator of a rate, no amount
            return
        if num and num.words_only and text.startswith("لل", q.start):
            q.identifier = True  # 11 دولار للمليون وحدة حرارية: a rate's denominator, no amount
            return
        if num and num.words_only and q.value == 1 and not q.scaled:
            return  # واحد صاحبي، لواحد زيي: before a noun the word is dialect for "a, someone", no count
        if nxt_word and self._is_counted(nxt_word) and not latin_prev:
            q.kind, q.unit, q.counted = "count", "count", None
            q.end = nxt.end()
            q.counted = (nxt.start("w"), nxt.end())  # resolved against the original text later
            return

    def _bounded_count(self, text: str, q: RawQuantity, nxt_word: str | None) -> bool:
        """`أكثر من 2000 وظيفة`: a bound cue right before and a counted noun after make a year-like
        integer a count; years take no bound (`بعد 2025` is a year, not a quantity)."""
        if not nxt_word or not self._is_counted(nxt_word):
            return False
        return self.lex.bound_before_re.search(text[max(0, q.start - 40) : q.start]) is not None

    def _is_counted(self, word: str) -> bool:
        if len(word) < 2 or word in self.stopwords:
            return False
        if word in self.lex.number_words or word in self.lex.months:
            return False
        if word[0] in "وف" and not word.startswith(("وحد", "وظيف", "ورق", "وكال", "وجب", "ودائع", "وديع", "وزار", "وثيق", "وكيل", "وكلاء", "فرع", "فروع", "فرص", "فند", "فيل", "فاتور", "فدان")):
            return False
        if word.startswith(("ال", "هال")):
            return False  # a counted noun is indefinite: من اول 2025 المؤشر طلع is a year, then the index;
            # dialect هال is "this" (60 مليون هالشهر)
        if word[0] in "بلك" and word not in self.counted_whitelist \
                and not (word.endswith("ا") and word[:-1] in self.counted_whitelist):  # برجاً: the accusative
            return False  # a preposition clitic: "55 بسهولة", "95 ليصير"
        return True

    # ----------------------------------------------------- ranges & moves

    def _pair_ranges(self, text: str, qs: list[RawQuantity]) -> list[RawQuantity]:
        out: list[RawQuantity] = []
        i = 0
        while i < len(qs):
            a = qs[i]
            b = qs[i + 1] if i + 1 < len(qs) else None
            if b is not None and a.kind in ("number", "money", "percent", "pp", "power", "energy", "mass", "volume", "count") and b.kind not in ("date", "year", "duration"):
                link = JOIN_RE.fullmatch(text, a.end, b.start)
                joiner = link.group("j") if link else None
                if joiner is None and b.numeral is not None and b.numeral.conj_prefix and not text[a.end : b.start].strip():
                    joiner = "و"  # 800 مليون والمليار دولار
                if joiner and self._is_range(text, a, joiner):
                    starts_move = joiner not in ("و", "-", "–", "—") and self._starts_move(text, a)
                    self._inherit(a, b)
                    # a move, after its verb or written downwards (نزلوا المصنعية من 60 الي 40 درهم):
                    # a range runs upwards
                    if starts_move and (self._movement_before(text, a.start)
                                        or (a.kind == b.kind and a.unit == b.unit and a.value > b.value)):
                        out.append(a)
                        i += 1
                        continue
                    if a.unit == b.unit and a.kind == b.kind:
                        merged = RawQuantity(a.start, b.end, a.value, b.kind, unit=b.unit, bound="range",
                                             upper=b.value, counted=b.counted, raw_unit=b.raw_unit or a.raw_unit,
                                             scaled=b.scaled, scale_value=b.scale_value,
                                             inherited_unit=a.inherited_unit, numeral=a.numeral,
                                             currency_word=b.currency_word, qualified=b.qualified)
                        if merged.upper is not None and merged.upper < merged.value:
                            merged.value, merged.upper = merged.upper, merged.value
                        out.append(merged)
                        i += 2
                        continue
            out.append(a)
            i += 1
        return out

    def _is_range(self, text: str, a: RawQuantity, joiner: str) -> bool:
        before = text[max(0, a.start - 25) : a.start]
        words = before.split()
        last = words[-1] if words else ""
        if joiner == "و":
            # بين 5 و7 مليارات; or a bare first number sharing the second's unit: 25 و50 نقطة اساس
            return word_in(last, self.lex.range_between) or (a.kind == "number" and not a.scaled)
        if joiner in ("-", "–", "—"):
            return a.kind != "count" or a.counted is None
        if word_in(last, self.lex.range_from) or word_in(last, {"تتراوح", "يتراوح", "نسبه"}):
            return True  # بنسبة 5 الي 8%: the size of one change, between two bounds
        return a.kind == "number" and not a.scaled  # ٢ إلى ٣ نقاط مئوية: a bare first number shares the unit

    @staticmethod
    def _starts_move(text: str, a: RawQuantity) -> bool:
        """من X إلى Y after a movement verb is a move; without من (يتراجع 10 إلى 15 نقطة اساس) the
        two numbers bound the size of one move, a range."""
        words = text[max(0, a.start - 25) : a.start].split()
        if words and words[-1] in ("نحو", "حوالي", "قرابه"):
            words = words[:-1]  # من نحو 30 الي 32
        if len(words) >= 2 and word_in(words[-2], {"نسب", "نسبه"}):
            return False  # رفعوا الاسعار بنسب من 10% لـ 15%: the sizes of several rises, a range
        return bool(words) and words[-1] in ("من", "ومن")

    def _movement_before(self, text: str, start: int) -> bool:
        """A movement verb stands in the clause before `start` (up to MOVE_VERB_WORDS words back):
        تراجع متوسط سعر طن الاسمنت ... في السوق المصرية من 4,150 الي 3,700 جنيه is a move."""
        window = text[max(0, start - 120) : start]
        words = CLAUSE_BREAK_RE.split(window)[-1].split()[-MOVE_VERB_WORDS:]
        verbs = self.lex.movement_verbs
        # the future prefix too: وسترتفع الطاقة من 77 الي 142 مليون طن (a move, two figures)
        return any(word_in(w, verbs) or (w.lstrip("وف")[:1] == "س" and word_in(w.lstrip("وف")[1:], verbs)) for w in words)

    def _inherit(self, a: RawQuantity, b: RawQuantity) -> None:
        """The first number of a range or move takes the unit and scale written only after the second
        (and a sub-unit's factor: بين 28 و35 سنتاً is 0.28 to 0.35 dollars)."""
        if a.kind == "number" and b.kind == "money" and not a.scaled:
            a.value *= self.lex.currency_entry.get(b.currency_word, {}).get("factor", 1)
        if a.kind != "number":
            return
        # بين 13,500 و16 ألف: a first number already as large as the second stays as written
        fits_scale = b.value is None or abs(a.value * b.scale_value) <= SCALE_REACH * abs(b.value)
        takes_scale = not a.scaled and b.scaled and a.numeral is not None and not a.numeral.words_only and fits_scale
        if takes_scale:
            a.value *= b.scale_value  # بين 1.6 و1.75 مليون، من 3 الي 5 مليارات دولار: the scale reaches both
            a.scaled = True
        if b.kind == "number":
            if takes_scale:
                a.scale_value = b.scale_value  # the unit comes later, from the sentence
            return
        if b.kind != "money" and b.scale_value != 1 and not a.scaled and fits_scale:
            a.value *= b.scale_value
        a.kind, a.unit, a.raw_unit = b.kind, b.unit, b.raw_unit
        a.currency_word, a.qualified = b.currency_word, b.qualified  # the document's currency reaches both
        a.inherited_unit = True
        if b.kind == "count":
            a.counted = b.counted

    # -------------------------------------------------------------- bounds

    def _bound(self, text: str, q: RawQuantity) -> None:
        if q.bound == "range":
            return
        lex = self.lex
        window = text[max(0, q.start - 40) : q.start]
        m = lex.bound_before_re.search(window)
        if m:
            q.bound = lex.bound_before[m.group("cue").lower()]
        else:
            far = lex.bound_far_re.search(text[max(0, q.start - 80) : q.start])
            if far:
                q.bound = lex.bound_far[far.group("cue")]
        if q.sign == 1 and text[q.start : q.start + 1] == "+" and q.kind != "percent":
            q.bound = "at_least"
        m = lex.bound_after_re.match(text, q.end)
        if m and q.bound == "exact":
            cue = m.group("cue").lower()
            if cue == "+" and m.start("cue") != q.end:
                return
            q.bound = lex.bound_after[cue]


def _prev_word(text: str, pos: int) -> str | None:
    m = PREV_WORD_RE.search(text[max(0, pos - 30) : pos])
    return m.group(1) if m else None


__all__ = ["QuantityParser", "RawQuantity", "DIGITS_RE"]
