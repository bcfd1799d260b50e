"""Normalization: what each folding does, and that every span maps back to the original exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arclaim.normalize import MATCH_OPTIONS, normalize

CASES = [
    ("٢٧٫٥", "27.5"),
    ("١٬٢٠٠", "1,200"),
    ("۱۲۳", "123"),
    ("١٢٪", "12%"),
    ("٥؉", "5‰"),
    ("مِلْيَارَيْ", "ملياري"),
    ("دولاراً", "دولارا"),
    ("الــسهم", "السهم"),
    ("أإآٱ", "اااا"),
    ("على", "علي"),
    ("ﻻ", "لا"),
    ("﷼", "ريال"),
    ("\u200f12\u200e%", "12%"),
    ("\u2067NVDA\u2069", "NVDA"),
    ("قفز\u00a0بنسبة\u202f5", "قفز بنسبة 5"),
    ("ا\u0654", "ا"),  # decomposed hamza on alef composes, then folds
    ("ی ک", "ي ك"),  # Persian yeh and keheh
    ("هٰذا", "هذا"),  # superscript alef
    ("\ufeffنص", "نص"),
    ("−5", "-5"),
    ("سطر\u2029سطر\u2028سطر\u0085سطر", "سطر\nسطر\nسطر\nسطر"),  # Unicode line ends end lines
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_folds(raw, expected):
    assert normalize(raw).text == expected


def test_teh_marbuta_is_optional():
    assert normalize("شركة").text == "شركة"
    assert normalize("شركة", teh_marbuta=True).text == "شركه"


def test_unpacks_as_text_and_offsets():
    normalized, offsets = normalize("مِلْيَار")
    assert normalized == "مليار"
    assert len(offsets) == len(normalized)


def test_span_keeps_attached_marks_and_drops_bidi_marks():
    text = "\u200fدُولَاراً\u200f"
    norm = normalize(text)
    start, end = norm.original_span(0, len(norm.text))
    assert text[start:end] == "دُولَاراً"


def test_expansion_maps_to_whole_source_character():
    text = "500 ﷼ فقط"
    norm = normalize(text)
    i = norm.text.index("ريال")
    assert norm.original_span(i, i + 4) == (4, 5)
    assert norm.original_span(i + 1, i + 3) == (4, 5)


def test_offsets_index_original_characters():
    text = "أَحْمَد ٢٠٢٥"
    norm = normalize(text)
    for i, ch in enumerate(norm.text):
        if ch.isdigit():
            assert text[norm.offsets[i]] == "٠١٢٣٤٥٦٧٨٩"[int(ch)]


ARABIC_SAMPLE = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئءـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩۰۱۲۳٫٬٪؉ ﻻ﷼\u200f\u200e\u202a\u202c\u2066\u2069\u200b\u00a0\u202f\n.,%$0123456789abcXYZ"))


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_SAMPLE, max_size=80).map("".join), st.data())
def test_every_span_maps_inside_the_original(text, data):
    for options in (None, MATCH_OPTIONS):
        norm = normalize(text, options)
        n = len(norm.text)
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(start, n))
        s, e = norm.original_span(start, end)
        assert 0 <= s <= e <= len(text)
        if start < end:
            # the original span normalizes back to a text that contains the normalized span
            assert norm.text[start:end] in normalize(text[s:e], options).text


def test_the_ellipsis_becomes_three_full_stops_with_its_span():
    text = "أرباح قوية… لكن الديون 5 مليارات"
    norm = normalize(text)
    assert "قويه..." in norm.text or "قوية..." in norm.text
    i = norm.text.index("...")
    assert norm.original_span(i, i + 3) == (text.index("…"), text.index("…") + 1)
