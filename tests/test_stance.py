"""Stance lexicon behaviour on small hand-written sentences (not taken from the corpus)."""

from __future__ import annotations

import pytest

from arclaim.lexicon import fold
from arclaim.stance import StanceLexicon, evidence_tags, model_input


@pytest.fixture(scope="module")
def lex():
    return StanceLexicon()


def negated(lex, text: str) -> bool:
    t = fold(text)
    return lex.negated_claim(t, 0, len(t))


def test_real_negators_still_negate(lex):
    assert negated(lex, "ليس صحيحاً أن أرباح المصنع هبطت")
    assert negated(lex, "الطلب مش ضعيف زي ما بيقولوا")


def test_words_that_only_look_like_negators(lex):
    assert not negated(lex, "كما صعدت مبيعات المتجر إلى")
    assert not negated(lex, "لا يزال سعر القهوة عند")
    assert not negated(lex, "قد يبلغ الإنفاق ما يصل إلى")
    # the MSA consequence clause: ، ما يعني / ما يجعل ("which means", "which makes")
    assert not negated(lex, "يتداول السهم عند 40 ريالاً، ما يعني انخفاضاً محتملاً يقارب")
    assert not negated(lex, "ارتفعت التكاليف، ما يضغط على هامش الربح الذي بلغ")
    assert negated(lex, "السهم ما نزل تحت")  # dialect ما before a verb still negates


def test_movement_cue_follows_the_metric(lex):
    t = fold("تراجع المؤشر هذا الشهر")
    assert lex.cue_score(t, 0, len(t), "revenue") < 0
    assert lex.cue_score(t, 0, len(t), "inflation") > 0  # a fall in inflation is good news


def test_sentiment_cue_ignores_the_metric(lex):
    t = fold("المستثمرون في حالة ذعر")
    assert lex.cue_score(t, 0, len(t), "inflation") < 0
    assert lex.cue_score(t, 0, len(t), "revenue") < 0


def test_frame_only_at_a_sentence_opening(lex):
    heading = fold("المخاطر:\nارتفعت الديون إلى رقم كبير.")
    assert [side for _, side in lex.frames(heading)] == [-1]
    inside = fold("وقال البنك إن تكلفة المخاطر في محفظته انخفضت كثيرا.")
    assert lex.frames(inside) == []


def test_evidence_tags_give_the_sign_of_each_feature():
    tags = evidence_tags({"cues": 2.0, "clause": 0.0, "direction": -1.0, "frame": 1, "document": -0.5, "post": 1.0})
    assert tags.split() == ["CUE_pos", "CLAUSE_none", "SIG_neg", "FRAME_pos", "DOC_none", "POST_pos"]


def test_model_input_marks_the_figure_and_carries_the_tags():
    text = "ربح المصنع 5 ملايين"
    out = model_input(text, 0, len(text), 11, 19, "", "up", "net_income", {"cues": 1.0})
    assert out.startswith("DIR_up MET_net_income CUE_pos ")
    assert "QTY" in out and "5 ملايين" not in out


def test_inflation_falling_is_bull_end_to_end(extractor):
    claims = extractor.extract("تراجع التضخم في البلاد إلى 3% الشهر الماضي.", "t")
    assert [c.stance for c in claims] == ["bull"]


def test_contrast_clause_scored_on_its_own(extractor):
    text = "ارتفعت الإيرادات إلى 4 مليارات دولار، لكن الخسائر الصافية بلغت 900 مليون دولار."
    analysis = extractor.analyze(text, "t")
    clauses = [f["clause"] for f in analysis.stance_features]
    assert clauses[0] > 0 and clauses[1] < 0


def test_frame_anywhere_in_a_heading_line(lex):
    text = fold("2. الديون الكبيرة خارج دفاتر الشركات (الحجة مع الفقاعة)\nاقترضت الشركة مبلغا كبيرا.")
    assert [side for _, side in lex.frames(text, [0])] == [-1]
    assert lex.frames(text) == []  # not a heading: deep in the line the words only report


def test_post_headline_gives_the_side_of_a_post(lex):
    assert lex.post_side(fold("الذهب رايح لفوق 🚀\nالسعر اليوم 80 دولار")) == 1
    assert lex.post_side(fold("السوق في ورطة 📉\nخسر المؤشر 5%")) == -1
    # a headline without an emoji is news or a note: it announces, it does not argue
    assert lex.post_side(fold("ارتفاع أرباح المصنع\nبلغت الأرباح 5 ملايين")) == 0
    assert lex.post_side(fold("شاي الصباح ☕\nالسعر 80 دولار")) == 0


def test_a_question_or_thread_headline_argues_no_side(lex):
    assert lex.post_side(fold("هل الذهب في فقاعة؟ 🤔\nالسعر 80 دولار")) == 0
    assert lex.post_side(fold("🧵 الذهب رايح لفوق\nالسعر 80 دولار")) == 0


def test_an_entity_name_is_not_a_cue(lex):
    t = fold("أعلنت مجموعة طلعت مصطفى أرباحها")  # طلعت (rose) inside a company's name
    assert lex.cue_score(t, 0, len(t)) == 0
    t = fold("طلعت الأسهم اليوم")
    assert lex.cue_score(t, 0, len(t)) > 0


@pytest.mark.parametrize("text,stance", [
    # a clause measuring something whose rise is bad news turns the side of its move
    ("أعلن جهاز الإحصاء تراجع معدل البطالة إلى 5.9% في الربع الثاني", "bull"),
    ("وارتفعت نسبة القروض المتعثرة إلى 7.2% من 6.5%", "bear"),
    ("ارتفعت تكاليف التشغيل 11% خلال العام", "bear"),
    ("ارتفعت مبيعات المصنع 11% خلال العام", "bull"),
    ("وصعد مؤشر الدولار 0.7% خلال الأسبوع", "bear"),
    ("تراجعت مخزونات النفط الأمريكية 3% الأسبوع الماضي", "bull"),
    ("انخفضت تكلفة إنتاج الكيلوواط ساعة من الطاقة الشمسية 14% خلال عامين", "bull"),
    ("واتسع عجز الميزان التجاري إلى 6.2 مليار دولار", "bear"),
    # an insurer's combined or claims ratio and a company's expenses: lower is better
    ("وانخفضت النسبة المجمعة لفرع المركبات إلى 96.2% خلال العام", "bull"),
    ("وارتفعت المصاريف العمومية والإدارية 21% في تسعة أشهر", "bear"),
    # a shopper's price: bread or tomatoes costing more is bad news, costing less good news
    ("وارتفع سعر كيلو الطماطم في الأسواق 22% خلال أسبوعين", "bear"),
    ("ونزل سعر كرتونة البيض 15% في محلات القاهرة", "bull"),
])
def test_what_the_clause_measures_turns_the_side_of_its_move(text, stance):
    from arclaim.pipeline import Extractor, ExtractorConfig

    claims = Extractor(ExtractorConfig(stance_model=None)).extract(text)
    assert claims[0].stance == stance


def test_a_negator_in_an_earlier_clause_does_not_turn_the_move(lex):
    from arclaim.pipeline import Extractor, ExtractorConfig

    text = "والذهب مش أحسن حال، نزل تحت 3900 دولار"
    assert Extractor(ExtractorConfig(stance_model=None)).extract(text)[0].stance == "bear"


def test_a_claim_leans_toward_the_side_its_paragraph_argues():
    from arclaim.stance import smooth_by_paragraph

    bull = {"bull": 0.7, "bear": 0.1, "neutral": 0.2}
    unsure = {"bull": 0.40, "bear": 0.10, "neutral": 0.50}
    smoothed = smooth_by_paragraph([bull, bull, unsure], [0, 0, 0], 0.35)
    assert max(smoothed[2], key=smoothed[2].get) == "bull"
    assert smoothed[0] == pytest.approx({"bull": 0.7 * 0.65 + 0.35 * 0.55, "bear": 0.1 * 0.65 + 0.35 * 0.10,
                                         "neutral": 0.2 * 0.65 + 0.35 * 0.35})


def test_a_claim_alone_in_its_paragraph_or_with_no_share_keeps_its_own_probabilities():
    from arclaim.stance import smooth_by_paragraph

    bull = {"bull": 0.7, "bear": 0.1, "neutral": 0.2}
    unsure = {"bull": 0.30, "bear": 0.05, "neutral": 0.65}
    assert smooth_by_paragraph([bull, unsure], [0, 1], 0.35) == [bull, unsure]
    assert smooth_by_paragraph([bull, unsure], [0, 0], 0.0) == [bull, unsure]


def test_the_blend_without_a_model_is_the_lexicon_side():
    from arclaim.stance import blend, combine

    assert combine(1.2, None).label == "bull" and combine(-1.2, None).label == "bear" and combine(0.1, None).label == "neutral"
    probs = blend(1.2, {"bull": 0.1, "bear": 0.8, "neutral": 0.1}, weight=1.0)
    assert max(probs, key=probs.get) == "bear"  # at weight 1 the model decides
