"""Whole-pipeline properties: any text gives no exception and only exact spans; hostile input stays linear."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import corpus_documents

PIECES = st.sampled_from([
    "ملياري", "مليار", "مليون", "ألف", "آلاف", "دولار", "ريال قطري", "جنيه", "٪", "%", "بالمئة", "نقطة أساس",
    "جيجاوات", "ميغاواط ساعة", "طن", "بين", "و", "من", "إلى", "نحو", "أكثر من", "لا يتجاوز", "ونصف", "نصف",
    "خمسة", "وعشرين", "مئة", "٢٧٫٥", "١٬٢٠٠", "۱۲۳", "2,650", "87.20", "$", "US$", "€", "$NVDA", "وOpenAI",
    "لـNvidia", "إنفيديا", "أرامكو", "#رؤية_2030", "0/400", "1. ", "\n", " ", "ـ", "\u200f", "\u2066", "\u00a0",
    "ً", "ّ", "ﷲ", "﷼", "ﻻ", "-", "+", "~", "2030", "الربع الثالث", "ارتفع", "تراجع", "فقاعة", "ليس صحيحاً أن",
    "BTC0.18%", "5bn", "40k", "3.5T", "0501234567", "v2.1.3", "GPT-5", ":",
])


def assert_exact(text, claims):
    for c in claims:
        q = c.quantity
        assert text[q.start : q.end] == q.surface
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text
        assert c.sentence.start <= q.start and q.end <= c.sentence.end
        for e in c.entities:
            assert text[e.start : e.end] == e.surface


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=40).map(" ".join))
def test_assembled_fragments_give_exact_spans(all_extractor, text):
    assert_exact(text, all_extractor.extract(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(all_extractor, text):
    assert_exact(text, all_extractor.extract(text))


def test_corpus_documents_give_exact_spans(all_extractor):
    docs = corpus_documents()
    assert len(docs) >= 150
    for path in docs:
        text = path.read_text(encoding="utf-8")
        assert_exact(text, all_extractor.extract(text, str(path)))


HOSTILE = [
    "1" * 5000 + " ",
    "مليار " * 300,
    "١٬٢٣٤٫٥٦٬٧٨٫" * 200,
    "1,2.3,4.5," * 300,
    "$$$ 5bn 5bn % ٪ " * 200,
    "بين 5 و 6 و 7 و " * 200,
    "ونصف ونصف " * 300,
    "ـًـًـً" * 500,
    "\u200f\u2066" * 1000,
]


def _seconds(extractor, text):
    start = time.perf_counter()
    claims = extractor.extract(text)
    assert_exact(text, claims)
    return time.perf_counter() - start


def test_hostile_megabyte_scales_linearly(all_extractor):
    """1 MB of hostile text takes about ten times 100 KB: a ratio, not a speed target."""
    block = "\n".join(HOSTILE)
    small = (block * (100_000 // len(block) + 1))[:100_000]
    large = (block * (1_000_000 // len(block) + 1))[:1_000_000]
    _seconds(all_extractor, small)  # warm caches
    t_small = min(_seconds(all_extractor, small) for _ in range(3))
    t_large = _seconds(all_extractor, large)
    assert t_large / t_small < 30, (t_small, t_large)


def test_a_long_document_read_in_pieces_keeps_whole_text_offsets(all_extractor, monkeypatch):
    """A document over CHUNK_CHARS is read in pieces cut at paragraph breaks: every span still indexes
    the whole text, ids are unique, and each paragraph yields what it yields alone."""
    import arclaim.pipeline as pipeline

    paragraph = "قفز سهم أرامكو 3% إلى 28 ريالاً.\nوضخت إنفيديا ملياري دولار في كورويف عام 2025."
    alone = [(c.quantity.surface, c.subject, c.metric) for c in all_extractor.extract(paragraph)]
    text = "\n\n".join([paragraph] * 40)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 400)
    assert len(pipeline.chunk_bounds(text, 400)) > 5
    claims = all_extractor.extract(text, "long")
    assert_exact(text, claims)
    assert [(c.quantity.surface, c.subject, c.metric) for c in claims] == alone * 40
    assert len({c.claim_id for c in claims}) == len(claims)


def test_chunk_bounds_cover_the_text_and_prefer_paragraph_breaks():
    from arclaim.pipeline import chunk_bounds

    text = ("سطر أول. " * 30 + "\n\n") * 20
    bounds = chunk_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])
    assert chunk_bounds("x" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]  # no break at all


def test_every_piece_of_a_long_document_keeps_the_topic_of_its_opening_lines(all_extractor, monkeypatch):
    import arclaim.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    text = "أرامكو السعودية تعلن نتائجها السنوية\n\n" + "وارتفعت الإيرادات 5% خلال الربع.\n\n" * 40
    claims = all_extractor.extract(text, "long")
    assert len(claims) == 40 and {c.subject for c in claims} == {"Saudi Aramco"}


def test_a_text_without_stops_keeps_its_sentences_short():
    from arclaim.sentences import MAX_SENTENCE_CHARS, SentenceIndex

    text = "اغلق السهم عند 5 ريال مرتفعا 2% بينما " * 500
    index = SentenceIndex(text)
    assert len(index.sentences) > 5 and all(s.end - s.start <= MAX_SENTENCE_CHARS for s in index.sentences)
    assert all(index.at(pos) is not None for pos in (0, len(text) // 2, len(text.rstrip()) - 1))
