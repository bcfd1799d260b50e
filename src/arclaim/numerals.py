"""Finds numerals in normalized text: digits in any script, Latin suffixes, number words, scales.

Works on the output of `normalize(..., MATCH_OPTIONS)`, where every digit is
ASCII and alef/ya/teh marbuta are folded. Each `Numeral` carries its span in
that normalized text; `quantities` attaches units and bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicon import Lexicon, lexicon
from .normalize import fold

# Digits with thousands groups or a decimal part, and an optional Latin scale suffix.
DIGITS_RE = regex.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?)"
    r"(?:(?P<suffix>mln|bln|trn|mn|bn|tn|Bn|BN|Tn|TN|MM|[kKmMbBT]|[ \t](?:billion|million|thousand|trillion|bn|mn|mln|bln))(?![\p{L}\p{N}]))?"
)
PHONE_RE = regex.compile(
    r"(?<![\d.,])(?:(?:\+|00)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}"
    r"|0\d{8,11}|0\d{1,3}[\s-]\d{3,4}[\s-]\d{3,4})(?![\d.,])"
)
LIST_MARKER_RE = regex.compile(r"(?m)^[ \t]*(?:[-•*▪►✅🔹]\s*)?\(?(?P<n>\d{1,2})\s*[.)\-–:/]\s")
VERSION_RE = regex.compile(r"\d+\.\d+\.\d+|(?<![\p{L}])(?:v|V)\d+(?:\.\d+)*")
SLASH_RE = regex.compile(r"\d+(?:/\d+)+")
LATIN = regex.compile(r"[A-Za-z]")
THOUSANDS_RE = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
AND_RE = regex.compile(r"و\s*")
PERCENT_AFTER_RE = regex.compile(r"\s*(?:[%٪]|بال(?:مئه|مائه|ميه)|في ال(?:مئه|مائه|ميه))")


@dataclass
class Numeral:
    """A number found in normalized text."""

    start: int
    end: int
    value: float
    scaled: bool = False  # a scale word or Latin suffix multiplied it
    words_only: bool = False  # written with words, no digits
    dual_word: str | None = None  # a dual noun alone ("ملياري", "اسبوعين"): its folded form
    integer_text: bool = False  # plain digits without separators or decimals
    sign: int = 0  # +1 or -1 when written with an explicit sign
    needs_unit: bool = False  # ambiguous word (ست، سبع) that is only a number before a unit
    scale_value: float = 1.0
    conj_prefix: bool = False  # a word numeral written with a leading و (والمليار)
    unit_first: int | None = None  # "درهم واحد": the unit ends here and واحد follows
    noise: bool = False  # a digit run too long to be an amount: skipped with its scale words


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans that never contain claim numbers: phones, list markers, versions, page counters."""
    spans = [m.span() for m in PHONE_RE.finditer(text)]
    spans += [m.span("n") for m in LIST_MARKER_RE.finditer(text)]
    spans += [m.span() for m in VERSION_RE.finditer(text)]
    for m in SLASH_RE.finditer(text):
        parts = m.group().split("/")
        if len(parts) == 3 or (len(parts) == 2 and len(parts[1]) == 4 and 1 <= int(parts[0]) <= 12):
            continue  # a date: handled as a date, not blocked
        spans.append(m.span())
    return sorted(spans)


def _in_token_with(text: str, start: int, end: int) -> bool:
    """True when the numeral sits inside a hashtag, handle, URL, or a Latin word like H100."""
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 60:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 60:
        right += 1
    token = text[left:right]
    if "#" in token or "@" in token or "://" in token or "www." in token or "_" in token:
        return True
    before = text[start - 1] if start > 0 else ""
    if before and (LATIN.match(before) or before in ".,"):
        return True
    if before in "-+" and start >= 2 and LATIN.match(text[start - 2]):
        return True  # GPT-5, a ticker widget NVDA+2.1%
    if before == "/":
        return True  # bit.ly/3xYz9
    return False


class NumeralFinder:
    """Finds every `Numeral` in a normalized text."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or lexicon()

    def find(self, text: str) -> list[Numeral]:
        blocked = _blocked_spans(text)
        found: list[Numeral] = []
        consumed_until = -1
        candidates = [(m.start(), "d", m) for m in DIGITS_RE.finditer(text)]
        candidates += [(m.start(), "w", m) for m in self.lex.word_anchor_re.finditer(text)
                       if fold(m.group()) not in self.lex.number_look_alikes]
        candidates += [(m.start(), "1", m) for m in self.lex.one_unit_re.finditer(text)]
        candidates.sort(key=lambda c: c[0])
        bi = 0
        for start, kind, m in candidates:
            if start < consumed_until:
                continue
            while bi < len(blocked) and blocked[bi][1] <= start:
                bi += 1
            if bi < len(blocked) and blocked[bi][0] <= start < blocked[bi][1]:
                continue
            if kind == "1":
                # "نقطة مئوية واحدة", "درهم واحد": one of the unit, the unit written first
                num = Numeral(m.start(), m.start(), 1.0, words_only=True, unit_first=m.end("w"))
                num.end = m.start()
            else:
                num = self._digits(text, m) if kind == "d" else self._words(text, m)
            if num is None:
                continue
            if num.noise:
                consumed_until = num.end
                continue
            found.append(num)
            consumed_until = num.end
        return found

    # -- digits -------------------------------------------------------------

    def _digits(self, text: str, m: regex.Match) -> Numeral | None:
        start, end = m.span()
        if _in_token_with(text, start, end):
            return None
        if end < len(text) and LATIN.match(text[end]) and not self.lex.symbol_after_re.match(text, end):
            return None  # 5G, 3xYz: digits glued to letters that are no unit
        raw = m.group("num")
        if len(raw) > 24:  # a run of digits that long is an id or noise, not an amount; its scale
            noise = self._continue(text, Numeral(start, end, 0.0))  # words go with it (no bare مليار)
            noise.noise = True
            return noise
        integer_text = raw.isdigit()
        if "," in raw and not THOUSANDS_RE.fullmatch(raw):
            raw = raw.replace(",", ".")  # decimal comma: 1,5 مليون
        else:
            raw = raw.replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            return None
        scaled = False
        scale_value = 1.0
        suffix = m.group("suffix")
        if suffix:
            scale_value = self.lex.latin_suffixes[suffix.strip()]
            value *= scale_value
            scaled = True
        sign = 0
        # after a letter, a digit or % the dash joins a range (4.00%-4.25%), it is not a sign
        if start > 0 and text[start - 1] in "+-" and (start < 2 or not (text[start - 2].isalnum() or text[start - 2] == "%")):
            sign = 1 if text[start - 1] == "+" else -1
            start -= 1  # the sign is part of the figure: -120 مليون دولار
            value *= sign
        num = Numeral(start, end, value, scaled=scaled, integer_text=integer_text, sign=sign, scale_value=scale_value)
        return self._continue(text, num)

    # -- words --------------------------------------------------------------

    def _words(self, text: str, m: regex.Match) -> Numeral | None:
        word = _squash(m.group("w"))
        lex = self.lex
        if word in lex.currency_duals or word in lex.unit_duals or word in lex.duration_duals:
            return Numeral(m.start(), m.end(), 2.0, words_only=True, dual_word=word)
        info = lex.number_words.get(word)
        if info is None:
            return None
        kind = info["kind"]
        if kind != "scale" and "ال" in (m.group("cl") or ""):
            return None  # التسعة الاولي: a definite numeral refers back, it states no figure
        num = Numeral(m.start(), m.end(), 0.0, words_only=True, needs_unit=bool(info.get("needs_unit")),
                      conj_prefix=(m.group("cl") or "").startswith("و"))
        if kind == "scale":
            if info.get("plural"):
                return None  # ملايين alone is vague
            num.value = info["value"] * (2 if info.get("dual") else 1)
            num.scaled = True
            num.scale_value = info["value"]
            if info.get("dual"):
                num.dual_word = word
            num.conj_prefix = (m.group("cl") or "").startswith("و")
        elif kind == "fraction":
            nxt = self._next_number_word(text, m.end())
            unit_next = lex.unit_word_re.match(text, m.end())
            if (nxt is None or nxt[1]["kind"] != "scale") and not (unit_next and unit_next.group("w") in lex.unit_words):
                return None  # نصف alone is not a quantity (and الربع is a quarter)
            num.value = info["value"]
        else:
            num.value = float(info["value"])
        return self._continue(text, num)

    def _next_number_word(self, text: str, pos: int):
        m = self.lex.word_anchor_re.match(text, pos + _spaces(text, pos))
        if not m:
            return None
        info = self.lex.number_words.get(_squash(m.group("w")))
        return (m, info) if info else None

    def _continue(self, text: str, num: Numeral) -> Numeral:
        """Extends a numeral over following scale words, و-joined parts and fractions."""
        lex = self.lex
        total = 0.0
        group = num.value if not num.scaled else 0.0
        if num.scaled:
            total = num.value
        last_scale = num.scale_value if num.scaled else None
        pos = num.end
        while True:
            gap = _spaces(text, pos)
            if gap > 3:
                break
            m = lex.word_anchor_re.match(text, pos + gap)
            if not m:
                # "3 مليارات و500 مليون": و then digits then a smaller scale
                dm = AND_RE.match(text, pos + gap) if last_scale else None
                if dm:
                    d = DIGITS_RE.match(text, dm.end())
                    if d and not d.group("suffix"):
                        sm = lex.word_anchor_re.match(text, d.end() + _spaces(text, d.end()))
                        sinfo = lex.number_words.get(_squash(sm.group("w"))) if sm else None
                        if sinfo and sinfo["kind"] == "scale" and sinfo["value"] < last_scale and not sm.group("cl"):
                            total += float(d.group("num").replace(",", "")) * sinfo["value"]
                            last_scale = sinfo["value"]
                            pos = sm.end()
                            continue
                        # "89 الف و500 ليرة": a smaller whole number with no scale of its own completes it,
                        # if it is of the next order (not "2 مليون و3 سيارات", a year or a percent)
                        part = d.group("num").replace(",", "")
                        if (sinfo is None or sinfo["kind"] != "scale") and part.isdigit() and group == 0 \
                                and last_scale / 1000 <= float(part) < last_scale \
                                and not (last_scale > 1000 and 1900 <= float(part) <= 2100) \
                                and not PERCENT_AFTER_RE.match(text, d.end()):
                            total += float(part)
                            pos = d.end()
                            break
                break
            clitic = m.group("cl") or ""
            word = _squash(m.group("w"))
            info = lex.number_words.get(word)
            if info is None:
                break
            kind = info["kind"]
            conj = clitic.startswith("و")
            rest = clitic[1:] if conj else clitic
            if kind == "scale" and not conj and rest in ("", "ال") and not info.get("dual"):
                if rest == "ال":
                    break  # "5 المليار" is not a scale continuation
                if last_scale == 1000 and info["value"] > 1000 and group == 0:
                    total *= info["value"]  # "7 الاف مليار": a thousand billions
                    last_scale = num.scale_value = 1000 * info["value"]
                    pos = m.end()
                    continue
                if last_scale is not None and info["value"] >= last_scale and group == 0:
                    break
                group = group or 1.0
                total += group * info["value"]
                group = 0.0
                last_scale = info["value"]
                num.scaled = True
                num.scale_value = info["value"]
                pos = m.end()
                continue
            if kind == "fraction" and conj and rest == "":
                if last_scale is not None and group == 0:
                    total += info["value"] * last_scale
                else:
                    group += info["value"]
                pos = m.end()
                # "ونصف المليار": the scale repeated with the article
                am = lex.word_anchor_re.match(text, pos + _spaces(text, pos))
                if am and (am.group("cl") or "") == "ال" and last_scale is not None:
                    ainfo = lex.number_words.get(_squash(am.group("w")))
                    if ainfo and ainfo["kind"] == "scale" and ainfo["value"] == last_scale:
                        pos = am.end()
                continue
            if kind in ("digit", "teen", "ten", "hundred") and conj and rest == "" and num.words_only:
                group += float(info["value"])
                pos = m.end()
                continue
            break
        num.value = total + group
        num.end = pos
        return num


def _spaces(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n] in " \t":
        n += 1
    return n


def _squash(word: str) -> str:
    """A matched multi-word entry with its inner whitespace reduced to one space."""
    return " ".join(word.split())
