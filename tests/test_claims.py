"""Claim fields decided by the assembler (direction, year, subject, metric), one hand-written
sentence per rule. Each case names the figure's surface and the fields expected for it."""

from __future__ import annotations

import pytest


def claim_for(extractor, text: str, surface: str):
    claims = [c for c in extractor.extract(text) if c.quantity.surface == surface]
    assert claims, f"no claim {surface!r} in {[c.quantity.surface for c in extractor.extract(text)]}"
    return claims[0]


@pytest.mark.parametrize("text,surface,direction", [
    # the noun ربح (صافي الربح، هامش الربح) is not a move
    ("سجلت الشركة صافي الربح 3 مليارات ريال في الربع", "3 مليارات ريال", None),
    # a cue inside a name is no cue: طلعت in طلعت مصطفى
    ("لو طلعت مصطفى وصل سهمها 50 جنيه أكون مبسوط", "50 جنيه", None),
    # accusative participles after the figure's verb
    ("أغلق المؤشر عند 9,500 نقطة مرتفعاً بنسبة 1.5%", "1.5%", "up"),
    ("أنهى السهم الجلسة متراجعاً 2%", "2%", "down"),
    # the end point of a move takes the move's direction, even after a comma
    ("خفض البنك المركزي سعر الفائدة الرئيسي بمقدار 100 نقطة أساس، ليصل سعر الإقراض إلى 18%", "18%", "down"),
    ("تراجعت مبيعات الشركة في الربع الأخير بنسبة 10% إلى 4 مليارات دولار", "4 مليارات دولار", "down"),
    # a level with a move far before it and no end-point word stays without direction
    ("ارتفعت أسهم البنوك في جلسة اليوم بقوة، وبلغت قيمة التداولات في السوق كلها 3 مليارات ريال", "3 مليارات ريال", None),
    # a cut in points is a move even when the verb stands far before it
    ("قرر البنك المركزي في اجتماعه الأخير للجنة السياسة النقدية خفض سعر الفائدة على الودائع بمقدار 50 نقطة أساس", "50 نقطة أساس", "down"),
    ("نتوقع خفضاً إضافياً بنحو 25 نقطة أساس", "25 نقطة أساس", "down"),
])
def test_direction(extractor, text, surface, direction):
    assert claim_for(extractor, text, surface).direction == direction
