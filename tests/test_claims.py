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
    # a loss noun carries the sign, it states no move; وقّعت (signed) is no fall
    ("سجلت الشركة خسارة صافية بلغت 800 مليون دولار", "800 مليون دولار", None),
    ("وقّعت الشركة عقداً لتوريد 5 آلاف سيارة", "5 آلاف سيارة", None),
    # a sign moves a change, before a count it is a bound
    ("عدد عملاء المنصة +3 ملايين عميل", "+3 ملايين عميل", None),
    ("السهم +4% اليوم", "+4%", "up"),
    # a cue before a level is taken by a change between them, unless the level is where the move ended
    ("صعد السهم 5% بعد الإعلان وسجلت التداولات 900 مليون ريال", "900 مليون ريال", None),
    ("هبط المؤشر 2% وقفل عند 9,800 نقطة", "9,800 نقطة", "down"),
    ("ارتفع السهم 7% ليصل إلى 64 ريالاً", "64 ريالاً", "up"),
    ("ارتفع المؤشر 1.2% مسجلاً 12,000 نقطة", "12,000 نقطة", "up"),
    # a change in a later clause does not share the cue another change took before it, unless it
    # is where the move ended (and so the next item after such an end point)
    ("نمت الإيرادات 30% على أساس سنوي، وبلغ هامش الربح 45%", "45%", None),
    ("خفض البنك الفائدة 100 نقطة أساس، ليصل سعر الإيداع والإقراض إلى 20% و21%", "21%", "down"),
    ("رفع البنك الفائدة 50 نقطة أساس، فأصبح سعر الإيداع 6%", "6%", "up"),
    # dialect and MSA verbs of decline: بطأ (slowed), يقلل (reduces), طايح (falling), يمحو (wipes out)
    ("نمو المبيعات بطأ لـ 9% هالسنة", "9%", "down"),
    ("ارتفاع الحرارة يقلل كفاءة الألواح بنحو 8%", "8%", "down"),
    ("قد يمحو الانهيار 200 مليار دولار من قيمة السوق", "200 مليار دولار", "down"),
    # a phrase holding a cue word that states no move: a capital increase, to undervalue
    ("تعتزم الشركة زيادة رأس المال بقيمة 3 مليارات ريال", "3 مليارات ريال", None),
    ("السوق يقلل من قيمة الأصول البالغة 20 مليار درهم", "20 مليار درهم", None),
    # a cue right after a count tells what the counted things did
    ("في جلسة اليوم 140 شركة ارتفعت أسهمها", "140 شركة", None),
    # a record is a level, not a move; a verb beside it still gives the side
    ("سجل سعر النحاس مستوى قياسياً عند 12 ألف دولار للطن", "12 ألف دولار", None),
    ("ارتفع سعر النحاس إلى مستوى قياسي عند 12 ألف دولار للطن", "12 ألف دولار", "up"),
    # the من of a bound (أكثر من) does not make a level the end point of a move
    ("قفزت الأسهم 4% وبلغت التداولات أكثر من 2 مليار ريال", "2 مليار ريال", None),
    # nouns with a possessive suffix, plural verbs and the Egyptian future are movement cues too
    ("واصل السهم تراجعه بنسبة 3% اليوم", "3%", "down"),
    ("المستثمرون هبطوا بمراكزهم 12% في أسبوع", "12%", "down"),
    ("السهم هيطلع 20% الشهر الجاي", "20%", "up"),
    # فقد is the particle (so, indeed) before a perfect verb, the verb 'lost' otherwise
    ("أما الشركة فقد بلغت إيراداتها 5 مليارات ريال", "5 مليارات ريال", None),
    ("فقد السهم 5% من قيمته", "5%", "down"),
    # وأضاف ... أن reports speech; مسح as a survey and النامية (developing) state no move
    ("وأضاف الرئيس التنفيذي للشركة أن الإيرادات بلغت 5 مليارات ريال", "5 مليارات ريال", None),
    ("أظهر مسح أن مؤشر مديري المشتريات بلغ 56.2 نقطة", "56.2 نقطة", None),
    ("تستحوذ الأسواق النامية على 40% من الطلب", "40%", None),
    # growth named after a forecast or a slowdown is the thing that moved, not a move up
    ("نخفض توقعاتنا لنمو الاقتصاد المغربي إلى 3.1% من 3.6%", "3.1%", "down"),
    ("وتباطأ نموه السنوي إلى 2.8% في أكتوبر", "2.8%", "down"),
    ("السهم فاقد حوالي 25% من قمته", "25%", "down"),
    # a move after a cause word is the cause's; a share of a whole is no change
    ("تراجعت أرباح قسم الشبكات 15% بسبب ارتفاع التكاليف", "15%", "down"),
    ("ارتفعت تكاليف الوقود 9% لتشكل نحو 32% من الإجمالي", "32%", None),
    # no verb: an arrow beside the figure, a signed change beside a level, the level it was before
    ("- بيتك 772 فلس ⬆️ 1.2%", "772 فلس", "up"),
    ("- المؤشر العام -0.35% عند 10,512 نقطة", "10,512 نقطة", "down"),
    ("- صناعات قطر 13.05 ريال (+0.6%)", "13.05 ريال", "up"),
    ("باقة النت صارت بـ 15 دينار بعد ما كانت 12", "15 دينار", "up"),
    ("استقر سعر الصرف قرب 47.6 جنيه، بعد أن تجاوز 51 جنيهاً في أبريل", "47.6 جنيه", None),
    # closing verbs make a level the end point of the move before it
    ("الإنماء نزل 3.8% وقفل تحت 26 ريال", "26 ريال", "down"),
    # a rating moved, its target price is only stated; a target price raised to a level did move
    ("نرفع توصيتنا لسهم الشركة إلى «شراء» مع سعر مستهدف عند 64 ريالاً", "64 ريالاً", None),
    ("ونخفض بنك الخليج إلى «بيع» بسعر مستهدف 210 فلس", "210 فلس", None),
    ("رفعنا السعر المستهدف للسهم إلى 64 ريالاً", "64 ريالاً", "up"),
    # the level a move closed or settled at, however far its verb (guidelines, hard call 16)
    ("وارتفع سهم الشركة 2.4% في تداولات السوق السعودية عقب الإعلان، ليغلق عند 251 ريالاً", "251 ريالاً", "up"),
    ("الإيثيريوم نزل 11% في كم ساعة ووصل 2,650 دولار", "2,650 دولار", "down"),
    # a closing level takes the move told right after it, not another figure's nor a cause's
    ("وأغلق سهم البنك جلسة الجمعة عند 712 درهماً، مرتفعاً 2.3% على مدى الأسبوع", "712 درهماً", "up"),
    ("السهم قفل امبارح على 16.8 جنيه بعد ما طلع 7% في جلسة واحدة", "16.8 جنيه", "up"),
    ("صعد السهم 2.4% ليغلق عند 16.90 ريال، بينما تراجع المؤشر بشكل طفيف", "16.90 ريال", "up"),
    ("برنت نزل للأسبوع الثاني وسكّر عند 62.8 دولار، والسبب زيادة الإنتاج", "62.8 دولار", "down"),
    ("السهم قفل النهارده على 24.85 جنيه وطلع 6% في جلسة واحدة", "24.85 جنيه", "up"),
    ("أغلق سهم أرامكو عند 32 ريالا وارتفعت أرباح سابك 5%", "32 ريالا", None),  # another figure's move
    # an adjective states a move only right before its own size
    ("بلغت إيرادات الميناء 410 ملايين دولار في مارس، منخفضة بنحو 7% عن فبراير", "7%", "down"),
    ("وأنهى المؤشر تعاملات الأسبوع مرتفعاً بنسبة 1.9%", "1.9%", "up"),
    ("لا يزال عجز الموازنة مرتفعاً عند 6.1% من الناتج المحلي", "6.1%", None),
    ("تشكل الودائع الجارية منخفضة التكلفة نحو 38% من إجمالي الودائع", "38%", None),
    # a widening gap or deficit grows; a potential return is an expected rise
    ("واتسع عجز الحساب الجاري إلى 3.4 مليار دولار في الربع الثاني", "3.4 مليار دولار", "up"),
    ("ضاقت الفجوة بين السعرين إلى 40 نقطة أساس", "40 نقطة أساس", "down"),
    ("نكرر توصية الشراء بسعر مستهدف 88 ريالاً، ما يعني عائداً محتملاً بنحو 16%", "16%", "up"),
    # dialect طلع right before a level reports it; before a change or with لـ it is a rise
    ("صافي الربح طلع 3.2 مليار دولار في الربع الأخير", "3.2 مليار دولار", None),
    ("السهم طلع 8% في جلسة واحدة", "8%", "up"),
    ("السهم طلع لـ 45 جنيه بعد النتايج", "45 جنيه", "up"),
    # a cue before منها acts on what the pronoun names: money that flowed out of the funds
    ("صناديق الذهب طلع منها 900 مليون دولار هالأسبوع", "900 مليون دولار", None),
    # ربحت (earned) before an amount is what was earned; before a change it is a gain
    ("وشركة الأسمنت ربحت 640 مليون ريال السنة الماضية", "640 مليون ريال", None),
    ("الأسهم السعودية ربحت 2% هالأسبوع", "2%", "up"),
    # dialect words that say a move only before their own size
    ("السهم وقع 9% بعد النتايج", "9%", "down"),
    ("وأرباح الربع طلعت 500 مليون درهم، زايدة 8% عن السنة اللي طافت", "8%", "up"),
    ("والإيرادات المتوقعة للربع الجاي 40 مليار دولار (زائد أو ناقص 2%)", "2%", None),
    ("التضخم السنوي يتسارع إلى 14.2% في مارس", "14.2%", "up"),
    # the size of a move after بمقدار takes its verb from afar
    ("خفضت الشركة سعر البيع الرسمي لخامها المتجه إلى الأسواق الآسيوية لشحنات الشهر المقبل بمقدار 60 سنتاً للبرميل", "60 سنتاً", "down"),
    # a level stated against the one it replaced (بدل، وقبل سنة كانت) ends a move
    ("لتر البنزين صار بـ 900 دينار بدل 700", "900 دينار", "up"),
    ("سبيكة الفضة صارت بـ 510 دينار، وقبل سنة كانت 300 دينار", "510 دينار", "up"),
    # a level, then the participle of its move and where it came from: both ends take that side
    ("وبلغ متوسط العائد على السندات 18.4%، منخفضاً من 19.1% في الطرح السابق", "19.1%", "down"),
    # a level it was, then the level it turned into: both ends take the move's side
    ("كيلو البن كان بـ 40 جنيه وبقى بـ 55 جنيه", "40 جنيه", "up"),
    ("كيلو البن كان بـ 40 جنيه وبقى بـ 55 جنيه", "55 جنيه", "up"),
    ("اشتراك الجيم كان 30 دينار والحين صار 25 دينار", "30 دينار", "down"),
    # a level held where it was takes no move, even after another's cut in the sentence
    ("الفيدرالي نزّل ربع نقطة أمس، بس المركزي الكويتي ثبّت سعر الخصم عند 4%", "4%", None),
    # Maghrebi feminine past forms
    ("المبيعات طلعات 18% فالصيف", "18%", "up"),
    ("الأسعار هبطات 6% فهاد الشهر", "6%", "down"),
    # a comparison base is where no move ended; the move before it is the other figure's
    ("وارتفع هامش الربح التشغيلي إلى 21.4% مقابل 18.9% قبل عام", "18.9%", None),
    ("وارتفع هامش الربح التشغيلي إلى 21.4% مقابل 18.9% قبل عام", "21.4%", "up"),
    ("تباطأ نمو الودائع إلى 3.2% في سبتمبر مقارنة بـ 4.1% في أغسطس", "4.1%", None),
    # a closing level may name its level word (ليغلق عند مستوى ...)
    ("وصعد المؤشر بنسبة 0.85% ليغلق عند مستوى 36,212 نقطة", "36,212 نقطة", "up"),
    # a level with the one it replaced right after it (X (من Y)، X من Y) is a move from Y to X, both ends
    ("السعر المستهدف: 64 ريالاً (من 71 ريالاً)", "64 ريالاً", "down"),
    ("السعر المستهدف: 64 ريالاً (من 71 ريالاً)", "71 ريالاً", "down"),
    ("السعر المستهدف: رفعناه إلى 12.40 دولار من 9.80 دولار", "9.80 دولار", "up"),
    ("وتمثل الصادرات 30% من 200 مليون دولار", "200 مليون دولار", None),
    # فقد before a verb is the particle, before its subject or size the verb 'lost'
    ("أما المؤشر فقد لامس 11,400 نقطة يوم الخميس", "11,400 نقطة", None),
    ("وإذا جاءت بيانات الوظائف ضعيفة فقد يعود المؤشر إلى 10,200 نقطة", "10,200 نقطة", None),
    ("وفي تونس، فقد الدينار نحو 7% من قيمته", "7%", "down"),
    ("والسوق فقد تريليون دولار من قيمته في يومين", "تريليون دولار", "down"),
    # 'exceeding' bounds a figure, it moves nothing; an amount withdrawn is no move of it
    ("وتلقى الطرح طلبات بقيمة تزيد على 40 مليار ريال", "40 مليار ريال", None),
    ("تملك أكبر عشر محافظ ما يزيد على 35% من المعروض", "35%", None),
    ("سحب المستثمرون الأجانب قرابة 900 مليون درهم من السوق خلال الأسبوع", "900 مليون درهم", None),
    # تاكل is dialect 'eats', a share of a budget, not the erosion تآكل
    ("الفوايد لوحدها بتاكل 40% من الإيرادات", "40%", None),
    # an overweight or underweight rating (زيادة الوزن) is no move of the target beside it
    ("- السعر المستهدف: 84 ريالاً (زيادة الوزن).", "84 ريالاً", None),
    # a target cut with its object pronoun, Moroccan dialect losses, and a narrowed spread
    ("السعر المستهدف: خفضناه من 610 إلى 540 دولاراً", "540 دولاراً", "down"),
    ("البورصة اليوم دارت واحد الطيحة ديال 1.9% فالمؤشر", "1.9%", "down"),
    ("واتصالات المغرب حتى هي خسرات 2.2%", "2.2%", "down"),
    ("وسمح الطلب القوي للمُصدر بتضييق التسعير بمقدار 35 نقطة أساس", "35 نقطة أساس", "down"),
])
def test_direction(extractor, text, surface, direction):
    assert claim_for(extractor, text, surface).direction == direction


@pytest.mark.parametrize("text,surface,year", [
    # a figure before a comparison base does not take the base's year (the same period of 2023
    # makes it a year on, see below)
    ("بلغت مبيعات الشركة 12 مليار ريال مقارنة مع 10 مليارات ريال في الفترة نفسها من 2023", "12 مليار ريال", 2024),
    ("بلغت مبيعات الشركة 12 مليار ريال مقارنة مع 10 مليارات ريال منذ 2023", "12 مليار ريال", None),
    ("بلغت مبيعات الشركة 12 مليار ريال مقارنة مع 10 مليارات ريال في الفترة نفسها من 2023", "10 مليارات ريال", 2023),
    # a current level takes no year from elsewhere in its sentence
    ("تخطط الشركة للوصول إلى 50 جيجاوات بحلول 2032 مقارنة بنحو 20 جيجاوات حالياً", "20 جيجاوات", None),
    ("تخطط الشركة للوصول إلى 50 جيجاوات بحلول 2032 مقارنة بنحو 20 جيجاوات حالياً", "50 جيجاوات", 2032),
    # a year after another figure is that figure's year
    ("تنتج الشركة 3 ملايين طن سنوياً وتستهدف 5 ملايين طن بحلول 2029", "3 ملايين طن", None),
    # منذ بداية السنة is the year to date, not a starting point
    ("صعد المؤشر 7% منذ بداية 2026", "7%", 2026),
    ("صعد المؤشر 7% منذ 2020", "7%", None),
    # another clause's year is not the figure's, unless the clause goes on describing the figure
    # of the clause before it (، بزيادة ...) or refers back to the period (خلال العام)
    ("وقعت الشركة عقداً بقيمة 4 مليارات دولار، على أن يبدأ التنفيذ في 2028", "4 مليارات دولار", None),
    ("استثمرت المجموعة 6 مليارات دولار في 2023، بينما بلغت ديونها 9 مليارات دولار", "9 مليارات دولار", None),
    ("بلغت أرباح البنك 5 مليارات درهم في 2024، بزيادة 12% على أساس سنوي", "12%", 2024),
    ("حققت الشركة إيرادات 8 مليارات ريال في 2026، وصدرت 40 ألف طن خلال العام", "40 ألف طن", 2026),
    # in a list of figures each with its year, the year before و closes the item before it
    ("نتوقع أرباحاً بقيمة 3 مليارات ريال في 2026 و4 مليارات ريال في 2027", "4 مليارات ريال", 2027),
    ("نتوقع أرباحاً بقيمة 3 مليارات ريال في 2026 و4 مليارات ريال في 2027", "3 مليارات ريال", 2026),
    # a figure compared with the same period of a year is about the year after; a base a year back
    # (قبل عام) is about the year before the sentence's
    ("وبلغت ربحية السهم 2.10 ريال، مقارنة مع 1.80 ريال في الفترة ذاتها من 2025", "2.10 ريال", 2026),
    ("ارتفعت أرباح البنك في 2026 إلى 5 مليارات ريال، مقارنة بـ4 مليارات ريال قبل عام", "4 مليارات ريال", 2025),
    # a change takes the year after the end point of its move; another figure keeps its year
    ("ارتفعت إيرادات الشركة بنسبة 12% إلى 40 مليار ريال في 2026", "12%", 2026),
    ("ارتفعت إيرادات الشركة بنسبة 12% وبلغت الأرباح 3 مليارات ريال في 2026", "12%", None),
    # a fiscal year written as two years names the year it ends in
    ("بلغت صادرات البلاد 40 مليار دولار في العام المالي 2025/2026", "40 مليار دولار", 2026),
    ("بلغت صادرات البلاد 40 مليار دولار في السنة المالية 2023/24", "40 مليار دولار", 2024),
    ("بلغت صادرات الشركة 9 مليارات دولار في 2025، مرتفعة بنسبة 14%", "14%", 2025),
    # a short time phrase opening the sentence sets the year of all its clauses
    ("وفي الربع الثالث من 2025، ارتفعت الإيرادات 10% إلى 5 مليارات ريال", "10%", 2025),
    ("وخلال عام 2024، بلغت أرباح الشركة 3 مليارات ريال", "3 مليارات ريال", 2024),
    ("بلغت إيرادات الشركة في FY25 نحو 5 مليارات دولار", "5 مليارات دولار", 2025),
    # خلال العام المقبل is another period than the post's
    ("بلغت الإيرادات 3 مليارات ريال في 2025.\nوتستحق على الشركة ديون بقيمة 900 مليون دولار خلال العام المقبل", "900 مليون دولار", None),
])
def test_year(extractor, text, surface, year):
    assert claim_for(extractor, text, surface).year == year


def test_year_of_a_sentence_that_refers_back_to_the_period(extractor):
    text = ("ارتفع صافي ربح الشركة في الربع الثالث من 2026 إلى 5 مليارات ريال، مقارنة بالفترة المماثلة من 2025.\n"
            "وبلغت الإيرادات خلال الربع 20 مليار ريال.\n"
            "ويبلغ عدد موظفيها 9 آلاف موظف.")
    assert claim_for(extractor, text, "20 مليار ريال").year == 2026
    assert claim_for(extractor, text, "9 آلاف موظف").year is None


def test_period_referred_back_to_is_not_a_horizon_or_comparison_year(extractor):
    text = ("بلغت مبيعات الشركة 8 مليارات ريال في الربع الثاني من 2026 مقارنة بـ6 مليارات ريال في الفترة نفسها من 2025.\n"
            "وسجلت أرباحاً بقيمة 900 مليون ريال خلال الربع.\n"
            "وتملك الشركة عقوداً بقيمة 40 مليار ريال تمتد حتى 2030.\n"
            "ووظفت خلال الفترة 700 موظف.")
    assert claim_for(extractor, text, "900 مليون ريال").year == 2026
    assert claim_for(extractor, text, "700 موظف").year == 2026


def test_inflation_is_the_countrys_not_its_central_banks(extractor):
    text = "قال البنك المركزي المصري إن التضخم السنوي تباطأ إلى 11% الشهر الماضي."
    assert claim_for(extractor, text, "11%").subject == "Egypt"


@pytest.mark.parametrize("text,surface,subject", [
    ("وثبّتت مصر سعر الفائدة عند 22%", "22%", "Central Bank of Egypt"),  # a policy rate: the bank's
    ("وصعد العائد على سندات الخزانة الأمريكية لأجل عامين إلى 3.6%", "3.6%", "United States"),  # a yield: the issuer's
    ("وطرحت مصر صكوكاً بعائد 8.6%", "8.6%", "Egypt"),
])
def test_a_policy_rate_is_the_central_banks_a_bond_yield_the_countrys(extractor, text, surface, subject):
    assert claim_for(extractor, text, surface).subject == subject


@pytest.fixture(scope="module")
def cue_extractor():
    """The metric cues alone (no metric model), so each case checks a rule."""
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None, metric_model=False))


@pytest.mark.parametrize("text,surface,metric", [
    # a percent is no price level and no user count
    ("تراجع الذهب اليوم 3%", "3%", "price_change"),
    ("نسبة العملاء الراضين عن الخدمة بلغت 65%", "65%", None),
    # an index level counts points, not the companies in it; users and jobs count their own nouns
    ("يضم المؤشر 40 شركة مدرجة", "40 شركة", None),
    ("أغلق المؤشر العام عند 11,200 نقطة", "11,200 نقطة", "price_level"),
    ("تجاوز التطبيق 12 مليون مستخدم", "12 مليون مستخدم", "users"),
    ("يعمل في المصنع نحو 3 آلاف موظف", "3 آلاف موظف", "jobs"),
    # a percent move right after a level figure is that level's growth
    ("حققت الشركة إيرادات بلغت 8 مليارات ريال، بارتفاع 15% عن العام الماضي", "15%", "revenue"),
    ("أغلق سهم الشركة عند 40 ريالاً، مرتفعاً 2%", "2%", "price_change"),
    ("تتجاوز ديون الشركة 9 مليارات ريال، وقد تراجع السهم 12%", "12%", "price_change"),
    # money per unit and the price of another currency are price levels
    ("بلغت تكلفة الشحنة 70 دولاراً للبرميل", "70 دولاراً", "price_level"),
    ("اليورو صار بـ 55 جنيه في السوق", "55 جنيه", "price_level"),
    ("باعت الشركة 3 مليارات جنيه من الوحدات", "3 مليارات جنيه", "revenue"),
    # capacity now or planned
    ("تشغّل الشركة حالياً محطات بقدرة 4 جيجاوات", "4 جيجاوات", "capacity"),
    ("تستهدف الوزارة قدرة 20 جيجاوات بحلول 2035", "20 جيجاوات", "capacity_target"),
    ("سيرفع المشروع الطاقة الإنتاجية من 30 مليون طن سنوياً إلى 45 مليون طن سنوياً بحلول 2029", "30 مليون طن", "capacity"),
    ("تبني الشركة مجمعاً بقدرة 2 جيجاوات", "2 جيجاوات", "capacity_target"),
    # a plant still to be built or deployed is planned; what runs now is installed, a plan named before it
    ("ويتضمن الاتفاق بناء محطة كهرباء بقدرة 700 ميغاواط", "700 ميغاواط", "capacity_target"),
    ("الشركة هتنشر 3 جيجاوات من الرقائق على أربع سنين", "3 جيجاوات", "capacity_target"),
    # a capacity scheduled, tendered or under study is planned
    ("ومن المقرر افتتاح 1,800 غرفة فندقية إضافية العام المقبل", "1,800 غرفة", "capacity_target"),
    ("المحطة الجديدة مفروض 900 ميجاواط، والترسية تأخرت", "900 ميجاواط", "capacity_target"),
    ("الحرم مخطط له 2 جيجاوات، والمشغّل فعلياً أقل من 150 ميغاواط", "150 ميغاواط", "capacity"),
    ("ستمضي الشركة في توسعة سترفع طاقتها إلى 90 مليون طن سنوياً", "90 مليون طن", "capacity_target"),
    ("وصلت القدرة المتعاقد عليها إلى 3 جيجاوات، منها 400 ميغاواط قيد التشغيل", "400 ميغاواط", "capacity"),
    # a trading session is when a price moved, not a trading value; a per-tonne price is no share's
    ("وارتفع سهم الشركة 2.4% في تداولات السوق عقب الإعلان", "2.4%", "price_change"),
    ("والسعر في بورصة المعادن فوق 9 آلاف دولار للطن", "9 آلاف دولار", "price_level"),
    # a loan's rate and a deposit's are interest rates, not debt
    ("يتراوح سعر الفائدة على القروض السكنية بين 7 و8%", "7 و8%", "interest_rate"),
    ("والوديعة عندنا تعطيك 4.5% وانت نايم", "4.5%", "interest_rate"),
    # a bond's yield is a rate, not debt; tonnes sold are delivered, not revenue
    ("وتراجع العائد على سندات الخزانة الأمريكية لأجل 10 سنوات إلى 4.2%", "4.2%", "interest_rate"),
    ("وارتفعت مبيعات الإسمنت في المملكة إلى 4,2 مليون طن", "4,2 مليون طن", "deliveries"),
    # a fiscal breakeven oil price is the budget's; a price raised by an amount per litre is a change
    ("ويحتاج العراق إلى سعر تعادل مالي يتجاوز 84 دولاراً للبرميل", "84 دولاراً", "budget"),
    ("قررت اللجنة رفع سعر لتر البنزين بمقدار 15 فلساً للتر", "15 فلساً", "price_change"),
    # cash, loan books and crude inventories are outside the vocabulary
    ("البنوك مكدّس عندها فوق 9 مليار شيكل كاش", "9 مليار شيكل", None),
    ("وتراجعت المخزونات التجارية من الخام بمقدار 3.2 مليون برميل", "3.2 مليون برميل", None),
    # a counted noun is its own figure's cue even when another figure follows close behind
    ("الشركة عندها فوق 15 مليون مستخدم وأكثر من 40 ألف تاجر", "15 مليون مستخدم", "users"),
    # the nearest cue names something outside the vocabulary
    ("ارتفعت ودائع العملاء 7% خلال الربع", "7%", None),
    ("بلغ التدفق النقدي الحر 4 مليارات دولار", "4 مليارات دولار", None),
    ("وارتفع متوسط إشغال الفنادق إلى 81% في مارس", "81%", None),
    # a word of a company's name is no cue; a central bank's name still says its figure is a rate
    ("تجاوزت الأصول المدارة لصندوق الاستثمارات العامة 3 تريليونات ريال", "3 تريليونات ريال", None),
    ("كما خفض البنك المركزي السعودي سعر اتفاقية إعادة الشراء المعاكس بالمقدار ذاته إلى 4.25%", "4.25%", "interest_rate"),
    # an amount a price moved by, not the level it moved to
    ("الجرام خسر 80 جنيه في يومين", "80 جنيه", "price_change"),
    ("الجرام نزل إلى 3,900 جنيه", "3,900 جنيه", "price_level"),
    # a bare basis-point figure is a rate move; a bond's yield is a rate
    ("يتوقع المتعاملون خفضاً آخر بمقدار 25 نقطة أساس", "25 نقطة أساس", "interest_rate"),
    ("طرحت الشركة سندات بقيمة مليار دولار بعائد 6.5%", "6.5%", "interest_rate"),
    # a share's target price beats a farther "buy"
    ("نوصي بالشراء مع سعر مستهدف عند 30 ريالاً", "30 ريالاً", "share_price"),
    ("الشركة قررت توزيع 1.2 ريال للسهم", "1.2 ريال", "dividend"),
    ("البنك وزّع 45 فلس للسهم عن السنة", "45 فلس", "dividend"),
    # futures and prices per bushel or per MMBtu are price levels, not contracts' values
    ("وتراجعت العقود الآجلة للذرة إلى 4.20 دولار للبوشل", "4.20 دولار", "price_level"),
    # التجمع (a Cairo district) is no verb of raising money
    ("فيلا في التجمع الخامس معروضة بـ 14 مليون جنيه", "14 مليون جنيه", None),
    # a contract with a name between it and its value; a valuation in the accusative
    ("وقّعت الشركة عقد مع أرامكو بقيمة 2.4 مليار ريال", "2.4 مليار ريال", "deal_value"),
    ("ما يعني تقييماً للشركة بنحو 14 مليار درهم", "14 مليار درهم", "valuation"),
    ("تجمع الشركة 2 مليار دولار في جولتها الأخيرة", "2 مليار دولار", "investment"),
    ("خفّض البنك عائد الشهادة الثلاثية إلى 19%", "19%", "interest_rate"),
    # the price of a thing where no share is named is its price level
    ("ارتفع سعر اليوريا تسليم الخليج إلى 410 دولارات للطن", "410 دولارات", "price_level"),
    # a cue in the accusative (أرباحاً once diacritics are gone)
    ("حققت الشركة أرباحاً قياسية بلغت 12 مليار درهم", "12 مليار درهم", "net_income"),
    # passengers are an airline's users
    ("نقلت الشركة 28 مليون مسافر خلال النصف", "28 مليون مسافر", "users"),
    # a bank's net interest margin is a margin, not a rate; its loan book and bad loans have no metric
    ("تراجع هامش صافي الفائدة إلى 3.1% من 3.4%", "3.1%", "profit_margin"),
    ("ونمت القروض الإجمالية 7% منذ بداية العام", "7%", None),
    ("وانخفضت نسبة القروض غير العاملة إلى 2.9%", "2.9%", None),
    # a dividend yield, a consumer price index, a sukuk's final yield, a subsidy bill
    ("العائد النقدي على سعر اليوم حوالي 3.1%", "3.1%", "dividend"),
    ("ارتفع الرقم القياسي لأسعار المستهلك 2.2% على أساس سنوي", "2.2%", "inflation"),
    ("وحُدد العائد النهائي عند 5.2%", "5.2%", "interest_rate"),
    ("وتبلغ فاتورة دعم المواد البترولية نحو 60 مليار جنيه", "60 مليار جنيه", "budget"),
    # contract awards; hotel rooms are a capacity, planned when a campus is being developed
    ("وتراجعت قيمة الترسيات في الكويت إلى 9 مليارات دولار", "9 مليارات دولار", "deal_value"),
    ("ويبلغ المعروض الفندقي في المدينة نحو 40 ألف غرفة", "40 ألف غرفة", "capacity"),
    ("تطور الشركة حرماً لمراكز البيانات بقدرة 1 غيغاواط", "1 غيغاواط", "capacity_target"),
    # يصدر issues a statement as often as it exports: no cue
    ("ولم يصدر تعليق من الشركة، غير أن سهمها أغلق مرتفعاً 1.8%", "1.8%", "price_change"),
    # a debt's yield is a rate, not the debt
    ("وانخفض متوسط العائد على أذون الخزانة لأجل 91 يوماً إلى 21.3% في عطاء الخميس", "21.3%", "interest_rate"),
    ("الصكوك الحكومية لسا تعطي حوالي 5.2% بالسنة", "5.2%", "interest_rate"),
    ("وتشكل السندات نحو 30% من محفظة الدين الحكومي", "30%", "debt"),
    # coins counted are held or moved, not a price; the coin's price in dollars is
    ("الحيتان باعوا قرابة 95 ألف بيتكوين خلال شهر", "95 ألف بيتكوين", None),
    ("البيتكوين وصل 97 ألف دولار اليوم", "97 ألف دولار", "price_level"),
    # millions about a coin are a position or a flow, not its price
    ("وفتح الحوت مركز شورت على البيتكوين بحوالي 120 مليون دولار", "120 مليون دولار", None),
    ("مشتريات الهند من الذهب وصلت 14.7 مليار دولار", "14.7 مليار دولار", None),  # billions are never a price
    # money raised in a share offering is its value; a rights issue is an investment
    ("وجمعت الشركة 950 مليون دولار من الطرح العام الأولي", "950 مليون دولار", "deal_value"),
    ("وجمعت الشركة الناشئة 950 مليون دولار في جولة تمويل جديدة", "950 مليون دولار", "investment"),
    ("أعلن البنك طرح حقوق أولوية بقيمة 3 مليارات ريال", "3 مليارات ريال", "investment"),
    # inventories and bank credit are outside the vocabulary (hard call 17)
    ("وارتفعت المخزونات في مستودعات البورصة إلى 420 ألف طن", "420 ألف طن", None),
    ("وزاد إجمالي الائتمان المصرفي 0.9% على أساس شهري", "0.9%", None),
    # mortgage finance is debt; a price per gram after bare ل is a unit price
    ("وبلغت قيمة عقود التمويل العقاري الجديدة 6.4 مليار ريال في أكتوبر", "6.4 مليار ريال", "debt"),
    ("اللي اشترى امبارح على 5,100 جنيه لجرام 21 خسران", "5,100 جنيه", "price_level"),
    # a bank's net commission or interest income is its revenue, not its profit
    ("وارتفع صافي دخل العمولات الخاصة للبنك 4% إلى 7.9 مليار ريال", "7.9 مليار ريال", "revenue"),
    ("ونما إجمالي الدخل التشغيلي 6% إلى 12.4 مليار درهم", "12.4 مليار درهم", "revenue"),
    # investor codes and active addresses count users
    ("وبلغ عدد أكواد المستثمرين الجديدة نحو 390 ألف كود خلال العام", "390 ألف كود", "users"),
    ("وتراجع عدد العناوين النشطة يومياً إلى 2.7 مليون عنوان", "2.7 مليون عنوان", "users"),
    # a project's investment cost is capex; the quantities a country exported are exports
    ("وتقدر الكلفة الاستثمارية للمحطة بنحو 3.1 مليار ريال", "3.1 مليار ريال", "capex"),
    ("وبلغ إجمالي الكميات المصدرة خلال الشهر 97 مليون برميل", "97 مليون برميل", "exports"),
    # an options expiry's notional value and a coin's dominance measure nothing of the vocabulary
    ("وتنتهي الجمعة عقود خيارات بقيمة اسمية تبلغ 9.4 مليار دولار", "9.4 مليار دولار", None),
    ("وهيمنة البيتكوين ارتفعت إلى 61%", "61%", None),
    # a present word right after another figure dates that one: the later figure is planned
    ("وسيرفع التمويل قدرة الشركة من 380 ميغاواط حالياً إلى 900 ميغاواط بحلول 2028", "900 ميغاواط", "capacity_target"),
    ("وسيرفع التمويل قدرة الشركة من 380 ميغاواط حالياً إلى 900 ميغاواط بحلول 2028", "380 ميغاواط", "capacity"),
    ("وستُقام المنشأة الجديدة بقدرة 250 ميغاواط", "250 ميغاواط", "capacity_target"),
    # workmanship fees and a dealer's buy-sell spread are no metric; remittances are flows
    ("والمصنعية على الطقم بين 40 و80 درهم للغرام", "40 و80 درهم", None),
    ("الفرق بين البيع والشراء عند الصايغ وصل 110 ليرة بالغرام", "110 ليرة", None),
    ("وبلغت حوالات العاملين في الخارج 3.1 مليار دولار في تسعة أشهر", "3.1 مليار دولار", "fund_flows"),
    # dialect جاب: what a business brought in; a fuel subsidy is the budget's
    ("ويوتيوب جاب من الإعلانات 9.8 مليار دولار", "9.8 مليار دولار", "revenue"),
    ("والحكومة بتقول دعم الوقود كلفها 120 مليون دينار", "120 مليون دينار", "budget"),
    # a count outside the vocabulary that moved is no price change
    ("وتراجع عدد زوار المدينة الأثرية 31% خلال العام", "31%", None),
    ("وصعدت نسبة المطالبات إلى 88% في الربع الثاني", "88%", None),  # a ratio, not a price, moved
    ("ونمت القروض في القطاع المصرفي 11% على أساس سنوي", "11%", None),  # banks' lending, no borrower's debt
    ("وارتفع تمويل الأفراد لدى المصرف 5% منذ بداية العام", "5%", None),  # a bank's financing book, no investment
    ("وزادت الأجور في القطاع الخاص 4.2% على أساس سنوي", "4.2%", None),  # wages and pensions are outside the vocabulary
    ("وتحسن هامش الربح قبل الفوائد والضرائب والإهلاك إلى 23% في الربع", "23%", "profit_margin"),  # EBITDA margin, no interest
    ("وارتفع متوسط إنفاق السائح في الرحلة إلى 4,800 ريال", "4,800 ريال", None),  # a visitor's spending, no capex
    # supply (المعروض) is production only for barrels or cubic metres; homes, coins and money on offer are none
    ("ويتجاوز المعروض من الشقق الجديدة في المدينة 18 ألف وحدة", "18 ألف وحدة", None),
    ("ويتوقع أن ينمو المعروض من خارج التحالف 1.1 مليون برميل يومياً", "1.1 مليون برميل", "production"),
    # a fund's assets and a company's cash flow are outside the vocabulary, not flows into funds
    ("وارتفعت أصول صناديق أسواق النقد إلى 140 مليار ريال بنهاية الربع", "140 مليار ريال", None),
    ("وسجلت الشركة تدفقات نقدية حرة بلغت 9.8 مليار دولار في الربع", "9.8 مليار دولار", None),
    # a money figure, then الى and a larger one: the size of the move, then where it ended
    ("وهبط خام برنت 70 سنتاً إلى 63.40 دولار للبرميل في تعاملات الأمس", "70 سنتاً", "price_change"),
    ("وفي المنجم بلغت التكلفة الشاملة نحو 1,350 دولاراً للأوقية", "1,350 دولاراً", None),  # a cost per unit, no price
    ("وتراجع تمويل الشركات الناشئة في المنطقة 19% خلال النصف الأول", "19%", "investment"),  # startups raising money
    ("وتراجعت القروض العقارية الجديدة 8% في الربع", "8%", "debt"),  # home loans stay debt
    ("ويبقى سعر الفائدة المرجعي على القروض لأجل عام عند 3.1%", "3.1%", "interest_rate"),  # what a loan costs
    ("والفائدة على قروض السكن نزلت لـ 5.1%", "5.1%", "interest_rate"),
    # a contract's price per unit is a price level, not the size of a deal
    ("وارتفعت عقود هنري هب 5% إلى 3.85 دولار", "3.85 دولار", "price_level"),
    ("وارتفع سعر العقد الآجل للدولار مقابل الريال إلى 3.7710 ريال", "3.7710 ريال", "price_level"),
    # a cost that moved or a share of a cost is no capital spending; a project's cost still is
    ("ارتفعت تكلفة الأعلاف على الشركة 11% في النصف الأول", "11%", None),
    ("وتبلغ تكلفة المشروع نحو 2.4 مليار دولار", "2.4 مليار دولار", "capex"),
    # a fleet's size is no delivery; the capacity of a fleet is a capacity
    ("وتشغّل الناقلة حالياً أسطولاً من 180 طائرة عريضة البدن", "180 طائرة", None),
    ("رفعت الشركة سعة أسطولها إلى نحو 9 آلاف حاوية", "9 آلاف حاوية", "capacity"),
    # a bank's credit-loss provisions, bad loans and loan book are outside the vocabulary, not its debt
    ("وارتفعت مخصصات خسائر الائتمان إلى 2.4% من المحفظة", "2.4%", None),
    ("وارتفعت القروض والسلف 6% إلى 410 مليارات ريال", "410 مليارات ريال", None),
    # the growth of a level outside the vocabulary is no price change; a level in it lends its metric
    ("وعالج الميناء 7.4 مليون حاوية خلال العام، بزيادة 12.5%", "12.5%", None),
    ("وبلغت إيرادات الشركة 3.2 مليار ريال، بزيادة 12.5%", "12.5%", "revenue"),
    # money raised or financing through a debt instrument is borrowing, not an investment
    ("البنك يجمع 750 مليون دولار من سندات مستدامة لأجل خمس سنوات", "750 مليون دولار", "debt"),
    ("ووقعت الشركة تمويل مرابحة بقيمة 4 مليارات ريال مع ثلاثة بنوك", "4 مليارات ريال", "debt"),
    ("وجمعت الشركة الناشئة 40 مليون دولار في جولة تمويل جديدة", "40 مليون دولار", "investment"),
    # consumer spending and CDS spreads are outside the vocabulary; a company's spending is capex
    ("في المقابل، انخفض الإنفاق في المطاعم والمقاهي 2.4% إلى 1.71 مليار ريال", "1.71 مليار ريال", None),
    ("وبلغت قيمة عمليات نقاط البيع في المملكة 14.2 مليار ريال", "14.2 مليار ريال", None),
    ("وتراجع CDS مصر إلى 380 نقطة أساس", "380 نقطة أساس", None),
    ("وتتداول عقود مقايضة مخاطر الائتمان لمصر قرب 460 نقطة أساس", "460 نقطة أساس", None),
    ("وتخطط الشركة لإنفاق 40 مليار دولار على مراكز البيانات", "40 مليار دولار", "capex"),
    # a trader's support, target, stop or close on a company is its share price
    ("سهم فوري: الدعم بقى 9 جنيه والهدف الجاي 10.5 جنيه", "9 جنيه", "share_price"),
    ("سهم الدار: ووقف الخسارة تحت 7.95 درهم", "7.95 درهم", "share_price"),
    # what a savings account or a time deposit pays is a rate
    ("عندي حساب توفير في البنك يعطيني 1.5% في السنة", "1.5%", "interest_rate"),
    ("الودائع لأجل سنة تعطي بين 3 و4% حسب المبلغ", "3 و4%", "interest_rate"),
    # a yield or a spread that moved is a rate, not a price; a potential return is not
    ("وتراجع العائد على أذون الخزانة لأجل عام إلى 24.1% من 25.3%", "25.3%", "interest_rate"),
    ("وضاق الفارق على السندات الحكومية 40 نقطة أساس منذ بداية العام", "40 نقطة أساس", "interest_rate"),
    ("ويشير السعر المستهدف إلى عائد محتمل بنسبة 18%", "18%", "price_change"),
    # money per share in a sentence about a payout is a dividend, not a share price
    ("وافقت الجمعية العمومية على كوبون قدره 2 جنيه للسهم", "2 جنيه", "dividend"),
    ("ودفع البنك 0.30 دينار للسهم، وهي أعلى توزيعات منذ 2019", "0.30 دينار", "dividend"),
    ("طرحت الشركة أسهمها بسعر 12 ريالاً للسهم", "12 ريالاً", "share_price"),
    # an insurer's written premiums are its revenue
    ("نمت الأقساط المكتتبة لشركة التعاونية 14% في الأشهر التسعة الأولى", "14%", "revenue"),
    ("وسجلت الشركة إجمالي أقساط مكتتبة قدره 4.96 مليار ريال", "4.96 مليار ريال", "revenue"),
    # a company's price of what it sells (a car, a seat, a subscription) is no share price; its close is
    ("ويُتوقع أن يتراوح سعر سيارتها الأولى بين 150 و180 ألف ريال في سوق شركة سير", "150 و180 ألف ريال", "price_level"),
    ("وخفضت تسلا سعر الاشتراك الشهري إلى 99 دولاراً", "99 دولاراً", "price_level"),
    ("وبلغ سعر إغلاق تسلا 412 دولاراً", "412 دولاراً", "share_price"),
    # a company's money figure where a percent move left it, or a trader's entry and exit, is its share price
    ("• الأكثر ارتفاعاً: بنك بوبيان +3.1% لـ 612 فلس", "612 فلس", "share_price"),
    ("1) فوري: دخلت 8.20 وخرجت 8.65 جنيه", "8.65 جنيه", "share_price"),
    # tonnes bought abroad are an import (exports in the vocabulary); a central bank's gold stays reserves
    ("واشترت المؤسسة العامة للحبوب نحو 420 ألف طن من القمح في مناقصة أمس", "420 ألف طن", "exports"),
    # a moving share or ratio outside the vocabulary (foreign ownership, local content, provisions) has no metric
    ("وارتفعت نسبة الملكية الأجنبية في البنك إلى 21.4% من 20.8%", "21.4%", None),
    ("وتراجعت حركة الحاويات في الميناء 6% في أكتوبر", "6%", None),
    ("وارتفعت كميات الحبوب المناولة 11% على أساس سنوي", "11%", None),
    # aircraft or cars ordered are a backlog; those exported or imported are exports
    ("ووقّعت الناقلة طلبية مؤكدة لشراء 24 طائرة عريضة البدن من بوينغ", "24 طائرة", "backlog"),
    ("وبلغت صادرات كوريا الجنوبية من السيارات إلى الخليج 215 ألف سيارة", "215 ألف سيارة", "exports"),
    ("وسلّمت الشركة 38 طائرة خلال الربع الثالث", "38 طائرة", "deliveries"),
    # debt over assets or value is leverage, a debt figure; loans over deposits is a bank's liquidity
    ("وبلغت نسبة القروض إلى إجمالي الأصول 38% بنهاية الربع", "38%", "debt"),
    ("وتجاوزت نسبة القروض إلى الودائع 96% في القطاع", "96%", None),
    # rents that moved are a price change; only the rent item of the consumer price index is inflation
    ("وارتفعت إيجارات المستودعات في جدة 7% خلال العام", "7%", "price_change"),
    ("وصعد بند الإيجارات الفعلية في مؤشر أسعار المستهلك 4.1% على أساس سنوي", "4.1%", "inflation"),
    ("ارتفع معدل التضخم في الكويت إلى 2.6% في سبتمبر.\nويرى اقتصاديون أن الإيجارات في العاصمة قفزت 8% خلال عام.", "8%", "inflation"),
    # an Islamic bank's profit rate is its interest rate; a Kuwaiti قسيمة is a plot of land, no coupon
    ("وخفّض المصرف نسبة الربح السنوية على التمويل العقاري إلى 4.29%", "4.29%", "interest_rate"),
    ("قسيمة في جنوب السرة وصلت 420 ألف دينار", "420 ألف دينار", "price_level"),
    # the backlog in Egyptian English, and Treasury bills by their plural أذونات
    ("والباكلوج عند شركة السويدي إليكتريك زاد لـ 6.1 مليار دولار", "6.1 مليار دولار", "backlog"),
    ("وأصدر مصرف قطر المركزي أذونات خزينة بقيمة 900 مليون ريال", "900 مليون ريال", "debt"),
    # a trader's price points in Egyptian dialect: touched, stop-loss, closed at
    ("فوري للمدفوعات النهارده لمست 13.40 جنيه والاستوب عندي", "13.40 جنيه", "share_price"),
    ("شركة فوري للمدفوعات: الاستوب اتحرك لـ 19.80 جنيه", "19.80 جنيه", "share_price"),
    ("📢 قناة النخبة | توصية مضاربة\n━━━━\nالسهم: شركة معادن (1211)\n🎯 الهدف الأول: 61.30 ريال", "61.30 ريال", "share_price"),
    ("وقفزت المخصصات بنسبة 29% إلى 840 مليون ريال", "29%", None),
    # a company's price of a good or service (a tonne, a litre, a room) is a price level, not its share's
    ("وقالت الشركة إن متوسط سعر الغرفة في فنادقها بلغ 1,260 ريالاً خلال الموسم", "1,260 ريالاً", "price_level"),
    ("عز الدخيلة رفعت سعر الطن في السوق المحلي لـ 41,500 جنيه", "41,500 جنيه", "price_level"),
    # a debt's yield that moved is a rate, not a price change (the yield word names a tenor or a bill)
    ("ونتوقع أن يهبط عائد السنتين إلى 3.4% قبل نهاية العام", "3.4%", "interest_rate"),
    ("العائد على أذون الستة شهور نزل لـ 24.1% في آخر عطاء", "24.1%", "interest_rate"),
    # cash per share is a dividend even where كاش alone would name no metric
    ("• كاش 22 فلس للسهم، نازل من 30 فلس السنة اللي قبل", "22 فلس", "dividend"),
])
def test_metric(cue_extractor, text, surface, metric):
    assert claim_for(cue_extractor, text, surface).metric == metric


def test_a_coins_price_is_its_price_level(cue_extractor):
    # only a share's bare price cue (السعر) and the subject is a coin: its price level
    assert claim_for(cue_extractor, "البيتكوين السعر الحين 88,000 دولار", "88,000 دولار").metric == "price_level"


@pytest.mark.parametrize("text,surface", [
    ("الـ CDS السعودي لأجل 5 سنوات حوالي 62 نقطة أساس، والبحريني فوق 200.", "62 نقطة أساس"),
    ("- استقرت عقود مقايضة مخاطر الائتمان لأجل خمس سنوات عند 245 نقطة أساس.", "245 نقطة أساس"),
    ("- تبلغ كلفة عقود مقايضة مخاطر الائتمان السعودية لأجل خمس سنوات ٦٤ نقطة أساس، وهي من الأدنى في الأسواق الناشئة.", "٦٤ نقطة أساس"),
])
def test_a_cds_price_keeps_no_metric_even_with_the_metric_model(extractor, text, surface):
    """Quoted in basis points like a yield, the price of insuring a debt is no interest rate: the
    metric model, which would read it as one, does not relabel it."""
    assert extractor.metric_model is not None
    assert claim_for(extractor, text, surface).metric is None


def test_a_companys_price_point_is_its_share_price(cue_extractor):
    # no cue but a price-point word before a company's money figure
    assert claim_for(cue_extractor, "أرامكو لو رجعت لـ 30 ريال بشتري", "30 ريال").metric == "share_price"


@pytest.mark.parametrize("text,surface,subject", [
    # --- country or central bank
    # a central bank's inflation or unemployment figure is its country's, for any country in the gazetteer
    ("يرى الاحتياطي الفيدرالي أن البطالة قد ترتفع إلى 4.6% العام المقبل", "4.6%", "United States"),
    # reserves reported by a central bank are the bank's; reserves of a named country are the country's
    ("قال بنك المغرب إن الاحتياطيات بلغت 400 مليار درهم", "400 مليار درهم", "Bank Al-Maghrib"),
    ("صعدت احتياطيات تونس من النقد الأجنبي إلى 26 مليار دينار", "26 مليار دينار", "Tunisia"),
    # the policy rate of a country is its central bank's
    ("في الأردن ارتفعت الفائدة 50 نقطة أساس", "50 نقطة أساس", "CBJ Jordan"),
    # --- name after waw opens a clause
    # a name after و that follows another figure opens a new clause
    ("اقترضت Tesla بـ 8 مليارات دولار وAmazon بـ 12 مليار دولار", "12 مليار دولار", "Amazon"),
    ("الذهب وصل 4,000 دولار والفضة عند 50 دولار", "50 دولار", "Silver"),
    # a list of names before one figure is no new clause
    ("اقترضت Tesla وAmazon بـ 12 مليار دولار", "12 مليار دولار", "Tesla"),
    # --- index or exchange
    # a named index keeps its name for its moves; the trading of its market is its exchange's
    ("صعد مؤشر تاسي بنسبة 1% اليوم", "1%", "TASI"),
    ("صعد مؤشر تاسي بنسبة 1% اليوم، وبلغت قيمة التداول 7 مليارات ريال", "7 مليارات ريال", "Saudi Exchange"),
    # an index named only as its exchange's index is annotated as the exchange
    ("تراجع مؤشر سوق أبوظبي العام 0.5% اليوم", "0.5%", "ADX"),
    # --- collective subjects
    # a plural actor that names no entity: no subject, not the post's topic
    ("أسعار الذهب قياسية.\nواشترت البنوك المركزية 900 طن خلال العام", "900 طن", None),
    # a short gloss in brackets after the plural actor does not hide it
    ("نتائج Microsoft ممتازة.\nالشركات الكبرى (Big Tech) رفعت إنفاقها إلى 400 مليار دولار", "400 مليار دولار", None),
    # ... unless it follows a preposition or a name stands between it and the figure
    ("تراجعت أرباح الشركات الكبرى، وحققت Apple وحدها 20 مليار دولار", "20 مليار دولار", "Apple"),
    # a figure that sums several names is about none of them
    ("تنفق Apple وTesla مجتمعتين 50 مليار دولار على البحث", "50 مليار دولار", None),
    # the price of everyday goods or a person's pay in a local currency is about no named entity
    ("الوضع في سوريا صعب\nالليرة تحسنت، بس الموظف بياخد 750 ألف ليرة، وربطة الخبز بـ 4 آلاف ليرة", "750 ألف ليرة", None),
    ("الوضع في سوريا صعب\nالليرة تحسنت، بس الموظف بياخد 750 ألف ليرة، وربطة الخبز بـ 4 آلاف ليرة", "4 آلاف ليرة", None),
    # a household's instalment and a jeweller's making charge are nobody's figures either
    ("أسعار الشقق في عمّان\nالقسط الشهري بيطلع تقريباً 480 دينار", "480 دينار", None),
    ("الذهب اليوم\nوالمصنعية على الأطقم حوالي 25 درهم للغرام", "25 درهم", None),
    ("التضخم في تونس هبط، أما الكيلو لحم بـ 45 دينار", "45 دينار", None),
    # --- currency word subjects
    # a local currency named as a noun stands for the country the document gives that word
    ("الوضع في بيروت صعب.\nالليرة فقدت 90% من قيمتها خلال سنوات", "90%", "Lebanon"),
    ("البنك المركزي الأردني مرتاح، والدينار = 1.41 دولار منذ سنوات", "1.41 دولار", "Jordan"),
    # a currency word naming a coin of gold is no currency
    ("سعر الجنيه الذهب اليوم 40 ألف جنيه", "40 ألف جنيه", "Gold"),
    # --- place words and settings
    # a word naming the post's country or its capital without the name stands for it
    ("فلل الرياض نار 🔥\nالمعروض قليل، والدولة تبي نسبة التملك توصل 70%", "70%", "Saudi Arabia"),
    ("أسعار الإيجار في مصر.\nالعاصمة شهدت ارتفاع الإيجارات 20% هذا العام", "20%", "Cairo"),
    # ... not where a longer name covers it
    ("المملكة المتحدة رفعت الإنفاق 5% هذا العام", "5%", "United Kingdom"),
    # البورصة is the exchange of the post's country, and the value traded is a market's
    ("البورصة المصرية النهارده 🇪🇬\nالتجاري الدولي طلع 4.5%، وقيمة التداول في البورصة 5.6 مليار جنيه", "5.6 مليار جنيه", "EGX"),
    # المركزي alone is the central bank of the post's country
    ("رأيي في سهم CIB 🇪🇬\nالسهم ممكن يوصل 130 جنيه لو المركزي خفّض الفايدة 300 نقطة أساس", "300 نقطة أساس", "Central Bank of Egypt"),
    # a dialect "ours" (عندنا، تاعنا) is the post's country too
    ("مشاريع Humain في السعودية 🇸🇦\nالكهرباء عندنا تنباع بأقل من 1.3 سنت للكيلوواط ساعة", "1.3 سنت", "Saudi Arabia"),
    # outside (خارج) a group: the group is a setting, not the subject
    ("توقعات النفط للعام المقبل\nينمو المعروض من خارج أوبك+ بنحو 1.2 مليون برميل يومياً", "1.2 مليون برميل", "Oil"),
    # a line ending with a comma goes on on the next line: its subject carries over
    ("أخبار الذكاء الاصطناعي اليوم مع Nvidia\nوقّعت Oracle عقداً بقيمة 3 مليارات دولار مع Meta،\nبالإضافة إلى اتفاقية مع xAI بقيمة 5 مليارات دولار", "5 مليارات دولار", "Oracle"),
    # a news dateline says where the story was filed: the subject is the sentence's, after the dash
    ("نتائج قوية للقطاع\nالدوحة - أعلنت صناعات قطر صافي ربح بلغ 4.1 مليار ريال قطري", "4.1 مليار ريال قطري", "Industries Qatar"),
    ("أسبوع الفائدة\nلندن/طوكيو - ثبّت البنك المركزي الأوروبي الفائدة عند 2.5%", "2.5%", "ECB"),
    ("أرباح التجزئة\nهونغ كونغ - أعلنت مجموعة علي بابا إيرادات بلغت 240 مليار يوان", "240 مليار يوان", "Alibaba"),
    # a short label above a post (ترجمة) is no headline: the next line gives the topic
    ("ترجمة 🔄\nنتفليكس بتكسب 😂\nالشركة أعلنت إيرادات 11 مليار دولار في الربع", "11 مليار دولار", "Netflix"),
    # an owner word with a pronoun opening the clause after a name points back to it
    ("صفقات الذكاء الاصطناعي\nولم يصدر تعليق من إنفيديا، غير أن سهمها أغلق مرتفعاً 2.1%", "2.1%", "Nvidia"),
    # a rating agency reports on its topic: the rated country's figures are the country's
    ("موديز تخفض نظرة الكويت إلى سلبية\nوقدّرت الوكالة عجز الموازنة بنحو 4.1% من الناتج", "4.1%", "Kuwait"),
    # a capital acting for its government: the country's figure; prices in a capital stay the city's
    ("خطط الطاقة النووية\nوتستهدف بكين رفع القدرة النووية إلى 150 جيجاواط بحلول 2035", "150 جيجاواط", "China"),
    ("سوق العقار المصري\nالقاهرة: قفزت أسعار الشقق 15% هذا العام", "15%", "Cairo"),
    # --- relative clause subjects
    # a figure in a relative clause right after a name is about that name
    ("ترى AMD أن كسر هيمنة Nvidia، التي تسيطر على نحو 80% من السوق، ممكن", "80%", "Nvidia"),
    ("تبني Humain مراكز بيانات بدعم من صندوق الاستثمارات العامة الذي يدير أصولاً تفوق 900 مليار دولار", "900 مليار دولار", "Public Investment Fund"),
    # a country's adjective names the country; not when it qualifies a name, a company or a group
    ("أرقام الأسبوع\nوتقدّر مؤسسة دولية أن الاقتصاد الباكستاني نما 9% العام الماضي", "9%", "Pakistan"),
    ("وصعد العائد على السندات اليابانية لأجل 10 سنوات إلى 1.9%", "1.9%", "Japan"),
    ("ويتوقع صندوق النقد الدولي أن ينكمش الاقتصاد السوداني 4% هذا العام", "4%", "Sudan"),
    ("الوظائف الأمريكية الشاغرة طلعت 7.7 مليون وظيفة.", "7.7 مليون وظيفة", "United States"),  # jobs and labour
    ("وأعلنت سامسونج الكورية أرباحاً تشغيلية بلغت 9 مليارات دولار", "9 مليارات دولار", "Samsung"),
    ("وقالت الشركة الأمريكية إن إيراداتها بلغت 3 مليارات دولار", "3 مليارات دولار", None),
    ("أسعار العربيات\nالسوق نار اليومين دول\nوالكاوتش الصيني وصل 4 آلاف جنيه للفردة", "4 آلاف جنيه", None),  # a product's origin
    ("سوق العمل\nوانخفض معدل البطالة بين السعوديين إلى 7.1%", "7.1%", "Saudi Arabia"),  # the people
    ("مذكرة البنوك\nوارتفعت إصدارات الدين للبنوك السعودية إلى نحو 19 مليار دولار", "19 مليار دولار", None),  # a plural actor qualified by its country
    ("البيتكوين يهبط بقوة\nوخلال 24 ساعة انمسح 1.3 مليار دولار من المراكز في تصفيات جماعية", "1.3 مليار دولار", None),  # the whole market's liquidations
    # an author's handle line naming a place is no headline; a short line above bullets is a section title
    ("أبو ناصر | أسهم الكويت @abunasser_kw · ٢٨ أكتوبر\nبنك الخليج طلع نتايجه 👀\nصافي الربح ٩ شهور: ٥٣٫٨ مليون د.ك", "٥٣٫٨ مليون د.ك", "Gulf Bank"),
    ("مذكرة قطاعية | البنوك السعودية\n\nبنك البلاد: لماذا نحن حذرون\n- تراجع هامش صافي دخل التمويل إلى 2.9% في الربع الثالث", "2.9%", "Bank Albilad"),
    # a city of the topic's country, named where the figure is measured, is the subject; not where a speaker sits
    ("قطر: العقار تحت ضغط المعروض\nوتراجعت الإيجارات السكنية في الدوحة 6% خلال العام الماضي", "6%", "Doha"),
    ("السعودية: السيولة تتحسن\nوقال مصرفي في الرياض إن الودائع تحت الطلب نمت 4% في الربع الثالث", "4%", "Saudi Arabia"),
    # a dateline naming a bureau the gazetteer lacks before a known city (زيورخ/الكويت) is still a dateline
    ("المركزي السويسري يثبت الفائدة\n\nزيورخ/الكويت - أبقى البنك الوطني السويسري سعر الفائدة الرئيسي عند 0.25% في اجتماعه يوم الخميس.",
     "0.25%", "Swiss National Bank"),
    # the gap between two prices is the first one's: the second is what it is measured against
    ("وقال تجار إن الفارق بين سعر البولي إيثيلين وسعر النافثا انكمش إلى 215 دولاراً للطن", "215 دولاراً", "Polyethylene"),
    ("الفرق بين برنت وغرب تكساس صار 2.9 دولار بس", "2.9 دولار", "Brent"),
    # a bank's weak alias after a definite noun is an adjective, no section heading's name (the bright side)
    ("السينما في مصر: موسم صعب\n\n١- الأرقام\nالإيرادات نزلت 9% عن السنة اللي فاتت.\n\n٢- الجانب المشرق\nحصة الأفلام المحلية طلعت من 30% لـ 45% خلال سنتين.", "45%", "Egypt"),
    # a local currency names its country only for a figure that measures something
    ("مصاريف المدرسة الخاصة بقت 48 ألف جنيه السنة دي", "48 ألف جنيه", None),
    ("وبلغ عجز الموازنة 1.2 تريليون جنيه في العام المالي الماضي", "1.2 تريليون جنيه", "Egypt"),
    # whose data reports a figure is its source, not its subject
    ("التمويل العقاري في مصر يتسارع\nأظهرت بيانات الهيئة العامة للرقابة المالية أن رصيد القروض العقارية بلغ 23 مليار جنيه بنهاية سبتمبر", "23 مليار جنيه", "Egypt"),
    # the main market is the country's exchange
    ("تاسي يتراجع\nوتضم السوق الرئيسية أكثر من 240 شركة مدرجة", "240 شركة", "Saudi Exchange"),
    # a karat or an ounce measures a precious metal: the price is the metal's, not the currency's country
    ("أسعار الصاغة في مصر\nجرام عيار 21 عندنا النهارده بـ 5,300 جنيه", "5,300 جنيه", "Gold"),
    ("الذهب ارتاح شوية والفضة طايرة\nوالأوقية برا عدت 49 دولار", "49 دولار", "Silver"),
    # the site a filing was published on is its source
    ("نتائج مصرف الراجحي\nوأظهرت القوائم المنشورة على موقع تداول السعودية أن صافي الربح بلغ 5.9 مليار ريال", "5.9 مليار ريال", "Al Rajhi Bank"),
    # miners as a group, and the writer's own money, are no entity's
    ("البيتكوين والتعدين\nإيرادات المعدنين كلهم باليوم حوالي 41 مليون دولار", "41 مليون دولار", None),
    ("البورصة المصرية والمارجن\nكان معايا 150 ألف جنيه وفتحت تمويل بنفس المبلغ", "150 ألف جنيه", None),
    ("الدهب ولا الأسهم؟ تجربتي\nالمجموع اللي حطيته لين الحين تقريباً 96 ألف ريال", "96 ألف ريال", None),
    # the government is the document's country's, unless an adjective names another
    ("🧵 موازنة لبنان الجديدة\nالحكومة حاطة نفقات بحدود 480 ألف مليار ليرة", "480 ألف مليار ليرة", "Lebanon"),
    ("الفوسفاط فالمغرب\nالحكومة التونسية كتخطط ترجع الإنتاج لـ 12 مليون طن", "12 مليون طن", "Tunisia"),
    # an exchange feed's header and the author's handle or byline are no headline: the line after them is
    ("Rami Khoury · ١٢ تشرين الثاني\nترجمة المنشور\n\nيا جماعة خلّينا نحكي أرقام ميتا بهدوء قبل ما نصرّخ:\nالإيرادات طلعت 48.3 مليار دولار.\nوالسهم نزل 9% بعد الإغلاق.", "9%", "Meta"),
    ("OKX Square · منشور\n@crypto_abu · 3 سبتمبر\nOKB بعد الحرق الكبير\nالسعر طار من 45 دولار إلى 140 دولار", "140 دولار", "OKB"),
    # a weak alias with its adjective is the ordinary word (طاقة فائضة: surplus capacity, not TAQA)
    ("قطاع البطاريات: طاقة فائضة تكفي العالم\nتراجع سعر حزمة البطارية 18% هذا العام", "18%", None),
    # a headline naming nothing hands over to the next line's opening word, even a weak alias
    ("لتر اللبن بقى بكام عندكم؟ 🥛\nجهينة رفعت سعر اللتر تاني\n- مبيعات الشركة في ٦ شهور عدت ٩ مليار جنيه", "٩ مليار جنيه", "Juhayna Food Industries"),
    # a title that only labels a sector is a report's letterhead: the company below it is the topic
    ("مذكرة بحثية – قطاع التأمين السعودي\nبوبا العربية (8210) | التوصية: بيع\n\nما الذي تغيّر في الربع الثالث\n١- تراجع صافي الربح ٩٪ على أساس سنوي", "٩٪", "Bupa Arabia"),
    # the writer's own money is no company's, whatever the post is about
    ("سروة بعد سنة: المحفظة بالأحمر\n\nبديت بـ 20 ألف درهم وكل شهر أضيف ألفين", "20 ألف درهم", None),
    # a sentence's own name beats the subject carried from the sentence before it
    ("فقاعة الذكاء الاصطناعي: خرافات شائعة\n\n١- إنفيديا رفعت مبيعاتها ٦٠٪ هذا العام.\n٢- وليس صحيحاً أن أوبن إيه آي بلا دخل: إيراداتها السنوية تجاوزت ١٠ مليارات دولار.", "١٠ مليارات دولار", "OpenAI"),
    # ... also when the letterhead names the country after the sector
    ("مذكرة بحثية | البتروكيماويات – السعودية\nسابك (2010.SR) – التوصية: محايد\n\nيتداول السهم حالياً عند 62 ريالاً.", "62 ريالاً", "SABIC"),
    # the price of a gram of a metal is the metal's, wherever it is sold
    ("وفي مصر ارتفع سعر غرام الفضة الخام إلى 90 جنيهاً", "90 جنيهاً", "Silver"),
    # a spread over US Treasuries is the issuer's, not the benchmark's
    ("وسُعّرت صكوك أرامكو لأجل عشر سنوات بفارق 90 نقطة أساس فوق سندات الخزانة الأمريكية", "90 نقطة أساس", "Saudi Aramco"),
    # a bare المؤشر is the document's index: the one it names most
    ("هل جاء وقت الشركات الصغيرة في أمريكا؟\nراسل 2000 زاد 4.2% في نوفمبر، وراسل 2000 لسه تحت قمته بـ 6%.\nالمؤشر فيه تقريباً 2000 شركة.", "2000 شركة", "Russell 2000"),
    ("أسهم أمريكا في ديسمبر\nناسداك طلع 2% وS&P 500 طلع 1.2% وS&P 500 قريب من القمة.\nوفي ديسمبر 2022 المؤشر نزل 5.9% بعد.", "5.9%", "S&P 500"),
    # a letterhead naming the country before a bar: the name opening the title after the last bar
    ("مصر | مذكرة بحثية | حديد عز: الهوامش تتحسن\n\nبلغت مبيعات الشركة 1.2 مليون طن في الربع الثالث.", "1.2 مليون طن", "Ezz Steel"),
    # a weak alias the headline names before the market it trades in is the topic, not the market
    ("سهم \"سلة\" يقفز في أولى جلساته بالسوق السعودية\n\nوبلغت قيمة التداولات على السهم نحو 1.7 مليار ريال", "1.7 مليار ريال", "Salla"),
    # a name (or its bare ticker) labelling a list item owns the item's figures, not the topic
    ("📢 متابعة القناة\n1- التجاري الدولي COMI: حقق الهدف 109 جنيه\n2- فوري FWRY: ضرب وقف الخسارة عند 8.85 جنيه", "8.85 جنيه", "Fawry"),
    ("📢 متابعة القناة\n1- التجاري الدولي: حقق الهدف 109 جنيه\n2- أبوقير ABUK: بيتحرك بين 36 و38.5 جنيه", "36 و38.5 جنيه", "Abu Qir Fertilizers"),
    # a two-word weak alias in the headline that holds a country's name is the company
    ("مدينة مصر توقع اتفاق شراكة جديد\n\nوقدّرت الشركة الاستثمارات اللازمة للمشروع بنحو 95 مليار جنيه", "95 مليار جنيه", "Madinet Masr"),
    # a central bank's figure with no metric (its bulletin's credit and deposits) is the country's;
    # its policy rate stays the bank's
    ("وأظهرت بيانات البنك المركزي السعودي (ساما) أن الودائع المصرفية ارتفعت 8.1% على أساس سنوي إلى 2.97 تريليون ريال", "2.97 تريليون ريال", "Saudi Arabia"),
    ("وأبقى البنك المركزي السعودي سعر اتفاقيات إعادة الشراء عند 4.25%", "4.25%", "SAMA"),
    # the banking sector as a whole is no one entity, not the document's country
    ("البنوك السعودية بعد الربع الثالث\n- بلغت أرباح القطاع المصرفي 22.8 مليار ريال في الربع الثالث", "22.8 مليار ريال", None),
    # a dateline is where the story was filed, even with a word or a place the gazetteer lacks
    ("الدوحة/مومباي – وقّع جهاز قطر للاستثمار اتفاقاً لشراء حصة تبلغ 7% في شركة طاقة هندية.", "7%", "QIA"),
    # an author's display name above their handle line is no headline
    ("أبو سلطان | متداول\n@abusultan_fx · ٣ يناير\nسابك للحين ما لقت قاع\nالسهم نزل من ٧١ ريال لين ٥٨ ريال خلال سنة", "٥٨ ريال", "SABIC"),
    # a capital that acts in the headline (واشنطن تشتري) stands for its government
    ("واشنطن تشتري شحنات جديدة للاحتياطي\n\nوبلغ حجم المخزون نحو 398 مليون برميل.", "398 مليون برميل", "United States"),
    # a lender's report on a country: its rates are the country's, the money it lends is its own
    ("صندوق النقد الدولي يختتم مشاورات المادة الرابعة مع قطر\n\n• وتوقع صندوق النقد الدولي أن يبلغ النمو الحقيقي 2.6% في 2025.", "2.6%", "Qatar"),
    ("وصرف صندوق النقد الدولي شريحة بقيمة 1.1 مليار دولار لمصر", "1.1 مليار دولار", "IMF"),
    # a report's letterhead with its date is no headline either: the line under it is
    ("مذكرة استراتيجية الدخل الثابت | 3 ديسمبر\nعودة انحدار منحنى العائد الأمريكي\n\nوتراجع التضخم الأساسي إلى 2.8% على أساس سنوي.", "2.8%", "United States"),
    # ... and so does one naming a country by its local currency (not by the dollar)
    ("ملاحظة بحثية: تجارة الفائدة على الجنيه بعد الخفض\n\nوارتفعت حيازات الأجانب من الأذون إلى 41 مليار دولار.", "41 مليار دولار", "Egypt"),
    # a headline naming a country only by its adjective makes it the topic
    ("الموازنة المصرية: الفائض الأولي يصمد\n\nونمت الإيرادات الضريبية 31% على أساس سنوي.", "31%", "Egypt"),
    ("الاقتصاد اليمني تحت الضغط\n\nوتتوقع الحكومة أن ترتفع الإيرادات الجمركية 9% العام المقبل.", "9%", "Yemen"),
    # a commodity is the subject of its price, not of a country's output or demand of it
    ("وبلغ إنتاج السكر في البرازيل منذ بداية الموسم 38.2 مليون طن", "38.2 مليون طن", "Brazil"),
    ("وتراجع الطلب على المشغولات الذهبية في مصر إلى 5.1 طن", "5.1 طن", "Egypt"),
    ("وارتفع سعر السكر الخام في البرازيل إلى 15.2 سنت للرطل", "15.2 سنت", "Sugar"),
    # ... and without a country in the sentence, an amount in a local currency is that country's
    ("كل دولار إضافي في سعر برنت يرفع فاتورة دعم الوقود بنحو 2.1 مليار جنيه.", "2.1 مليار جنيه", "Egypt"),
    ("أسعار النفط تحت الضغط\nورواتب الموظفين وحدها تأكل أكثر من 7 ترليون دينار عراقي بالشهر.", "7 ترليون دينار عراقي", "Iraq"),
    # in a text naming two companies or more, a short name that is an ordinary word, right before a
    # figure or a stock's move, names its company (a scorecard: والإنماء 1.52 مليار ريال) ...
    ("أرباح البنوك في الربع الثالث\nمصرف الراجحي 5.2 مليار ريال، والبنك الأهلي السعودي 6.1 مليار ريال، والإنماء 1.52 مليار ريال، وساب 1.98 مليار ريال.", "1.52 مليار ريال", "Alinma Bank"),
    ("أرباح البنوك في الربع الثالث\nمصرف الراجحي 5.2 مليار ريال، والبنك الأهلي السعودي 6.1 مليار ريال، والإنماء 1.52 مليار ريال، وساب 1.98 مليار ريال.", "1.98 مليار ريال", "Saudi Awwal Bank"),
    # a whole market's value, turnover or flows tied to a country only by its currency are the
    # country's exchange's in a text naming that exchange or an index of it; not in any text
    ("البورصة تتراجع في جلسة هادئة\n\nوهبط المؤشر الرئيسي EGX30 بنسبة 1.46% ليغلق عند 29,874 نقطة.\n\nوفقد رأس المال السوقي نحو 37 مليار جنيه. وانكمشت قيمة التداول إلى 2.2 مليار جنيه فقط.", "2.2 مليار جنيه", "EGX"),
    ("الجنيه يتراجع أمام الدولار\nوفقد رأس المال السوقي نحو 37 مليار جنيه.", "37 مليار جنيه", "Egypt"),
    # a stake "of the shares of" a company is its holder's; the company's own price after it stays the company's
    ("ويملك صندوق الاستثمارات العامة نحو 59% من أسهم لوسيد المدرجة.", "59%", "Public Investment Fund"),
    ("وتملك ممتلكات البحرين 69.4% من أسهم ألبا.", "69.4%", "Mumtalakat"),
    # a line that is only a company's name heads the paragraph under it
    ("قطاع التجزئة بعد النتائج\n\nالنهدي الطبية\nنمت الإيرادات 11% إلى 2.5 مليار ريال.\n\nجرير\nتراجع صافي الربح 9% إلى 242 مليون ريال.", "242 مليون ريال", "Jarir"),
    ("قطاع التجزئة بعد النتائج\n\nالنهدي الطبية\nنمت الإيرادات 11% إلى 2.5 مليار ريال.\n\nجرير\nتراجع صافي الربح 9% إلى 242 مليون ريال.", "2.5 مليار ريال", "Nahdi Medical"),
    # a headline that opens with a weak alias is about it, even before a stronger name
    ("Strategy تضيف أكثر من 5 آلاف بيتكوين إلى خزينتها\nوبهذه الصفقة ترتفع حيازات الشركة إلى 671,268 بيتكوين", "671,268 بيتكوين", "MicroStrategy"),
    # ... but not a word that only holds one behind two clitics: وكالات (agencies) is no و+ك+آلات (Alat)
    ("وكالات التصنيف والاقتصاد السعودي: وش يقولون عن 2026؟ 🧵\nوتتوقع نمو الناتج الحقيقي 4.5% في 2026.", "4.5%", "Saudi Arabia"),
    # a short name that is an ordinary word names its company right after سهم، أرباح، إيرادات, in
    # any text; not when an adjective follows it (الدار الباريسية, the Paris fashion house, no Aldar)
    ("يا جماعة وقفوا نشر الكلام الغلط\nمو صحيح إن أرباح شل طاحت 50% هالربع.", "50%", "Shell"),
    ("نتائج الفخامة في باريس\nوارتفع سهم الدار الباريسية 2.1% في تعاملات الجمعة.", "2.1%", None),
    # a headline labelled with a name and a colon is about that name, even an ordinary word
    ("معادن: النتائج تتحسن مع صعود الذهب\n• الإيرادات: 9.4 مليار ريال", "9.4 مليار ريال", "Ma'aden"),
    # a company the text names in full or by ticker is meant by its short name too, even one that
    # is an ordinary word or holds a country's name (مدينة مصر، لولو)
    ("المطورون العقاريون في مصر\n- مدينة مصر (MASR.CA): محايد، سعر مستهدف 7.10 جنيه", "7.10 جنيه", "Madinet Masr"),
    ("أعلنت مدينة مصر للإسكان والتعمير نتائجها.\nوتراجعت مبيعات مدينة مصر إلى 4.2 مليار جنيه.", "4.2 مليار جنيه", "Madinet Masr"),
    ("طرح لولو للتجزئة في سوق أبوظبي\nالصناديق اللي دخلت في لولو ما باعت إلا 12% من حصصها", "12%", "Lulu Retail"),
    # ... but not where the text never names it (مصر here is the country)
    ("وتراجعت المبيعات في مدينة مصر الجديدة إلى 4.2 مليار جنيه.", "4.2 مليار جنيه", "Egypt"),
    # money flowing into or out of a market named by its exchange is the exchange's, not the country's
    ("وسحب المستثمرون الأجانب نحو 2.1 مليار ريال من السوق السعودية خلال الشهر", "2.1 مليار ريال", "Saudi Exchange"),
    ("البورصة المصرية اليوم\nوسجل المستثمرون الأجانب صافي بيع بقيمة 310 مليون جنيه في البورصة", "310 مليون جنيه", "EGX"),
    # a bare الصندوق، الشركة، البنك stands for the last entity named before it that such a noun can
    # name, even in a sentence without a figure, unless the topic is one (then it is the topic)
    ("أرامكو توزع أرباحاً قياسية\n\nويملك صندوق الاستثمارات العامة حصة مباشرة في أرامكو.\nوبلغ نصيب الصندوق من التوزيع الأخير نحو 3.1 مليار دولار.", "3.1 مليار دولار", "Public Investment Fund"),
    ("الكويت تطرح مناقصة جديدة للكهرباء\n\nوفازت أكوا باور بالعقد الأول في المناقصة.\nوقالت الشركة إن استثماراتها في المحطة ستبلغ 900 مليون دولار.", "900 مليون دولار", "ACWA Power"),
    ("تركيا تجدد خط المبادلة مع الإمارات\n\nوقّع البنك المركزي التركي الاتفاق أمس.\nوارتفع صافي احتياطيات البنك إلى 52 مليار دولار.", "52 مليار دولار", "CBRT Turkey"),
    ("نتائج البنك الأهلي السعودي\n\nوتعاونت شركة علم مع البنك في مشروع جديد.\nوارتفع صافي ربح البنك 12% في الربع.", "12%", "Saudi National Bank"),
    ("يوميات محفظة صغيرة 📒 يوم 9\nالنساجون الشرقيون النهارده كان يومها\nالسهم فتح على 20.10 جنيه وقفل على 21.35 جنيه", "21.35 جنيه", "Oriental Weavers"),
    # in a market wrap, a company's short name that is an ordinary word names it when its stock's
    # move or price follows
    ("بورصة الكويت اليوم حمرا\nبيتك نزل 2% إلى 714 فلس.", "714 فلس", "Kuwait Finance House"),
    ("البورصة المصرية اليوم\nالتجاري الدولي طلع 4%، وفوري شدت 6.1%", "6.1%", "Fawry"),
    # ... not with a preposition glued on (بطاقة is "with a capacity of", not TAQA)
    ("سوق أبوظبي اليوم\nوأوقفت المصاهر خطوطاً بطاقة 250 ألف طن في السنة.", "250 ألف طن", "ADX"),
    # a two-word first line opening with a company's weak short name is a headline, not a label
    ("البحري طار 🚀\nالسهم اليوم +6.2% وقفل عند 33.40 ريال", "+6.2%", "Bahri"),
    # سكّر عند is "closed at", no sugar
    ("والسهم اليوم +6.2% وسكّر عند 33.40 ريال", "+6.2%", None),
    # a signal post's stock line under its banner names what the post is about
    ("📢 قناة النخبة | توصية مضاربة\n━━━━\nالسهم: شركة معادن (1211)\n✅ الدخول: 58.10 ريال وما دون", "58.10 ريال", "Ma'aden"),
    # a miner's cost per ounce is the miner's, not gold's price
    ("كينروس غولد تعلن نتائجها\nوبلغت التكلفة الشاملة المستدامة في المنجم 1,020 دولاراً للأوقية.", "1,020 دولاراً", "Kinross Gold"),
    ("وارتفع سعر الأوقية إلى 4,020 دولاراً للأوقية", "4,020 دولاراً", "Gold"),
    # the whole sector is no one entity
    ("$VIRTUAL وعملات الذكاء الاصطناعي رجعت تولع\nالقيمة السوقية للقطاع كله طلعت 28% في أسبوع", "28%", None),
])
def test_subject(extractor, text, surface, subject):
    assert claim_for(extractor, text, surface).subject == subject


def test_a_short_name_before_tonnes_or_power_is_the_ordinary_word():
    """بيضيف طاقة 350 ألف طن: capacity, not TAQA; a price or a move after the name still counts."""
    from arclaim.pipeline import STOCK_MOVED_RE
    assert STOCK_MOVED_RE.match(" 350 الف طن بالسنه") is None
    assert STOCK_MOVED_RE.match(" 2 جيجاواط") is None
    assert STOCK_MOVED_RE.match(" 1.52 مليار ريال") is not None
    assert STOCK_MOVED_RE.match(": 3.1%") is not None


def test_a_new_sentence_without_a_name_goes_back_to_the_topic(extractor):
    text = ("نتائج Tesla للربع الثالث\n"
            "باعت Apple 20 مليون جهاز، وبلغت الإيرادات 90 مليار دولار.\n"
            "وارتفعت الإيرادات 8% خلال الربع.")
    assert claim_for(extractor, text, "90 مليار دولار").subject == "Apple"  # same sentence: elided subject
    assert claim_for(extractor, text, "8%").subject == "Tesla"  # new sentence: the post's topic


def test_a_clause_initial_name_with_its_article_glued_on_keeps_its_bonus(extractor):
    text = ("خيط عن الإيثيريوم والسولانا\n"
            "1/ الإيثيريوم وصل لـ4300 دولار\n"
            "2/ السولانا ما وصلت للقمة، هي هلأ عند 205$")
    assert claim_for(extractor, text, "205$").subject == "Solana"


def test_a_city_after_a_preposition_in_the_title_is_no_topic(extractor):
    text = ("مشروع الذكاء الاصطناعي في أبوظبي\n"
            "تبني G42 مجمعاً بقدرة 5 غيغاواط، وضخت Microsoft في G42 نحو 1.5 مليار دولار.\n"
            "تكلفة المشروع كاملاً قد تتجاوز 100 مليار دولار.")
    assert claim_for(extractor, text, "100 مليار دولار").subject == "G42"
    # a country after a preposition still is the topic
    text = "الذكاء الاصطناعي في السعودية\nتحتاج مراكز البيانات استثمارات تقارب 40 مليار دولار."
    assert claim_for(extractor, text, "40 مليار دولار").subject == "Saudi Arabia"


def test_an_exchange_rate_is_about_the_country_whose_currency_it_prices(extractor):
    text = "أخبار مصر\nصاحبي بالقاهرة بيقول إنو الدولار صار بـ 48 جنيه بالبنك"
    assert claim_for(extractor, text, "48 جنيه").subject == "Egypt"


def test_an_owner_word_with_a_conjunction_glued_on(extractor):
    # ووزن X: the weight is X's even though the index is named after it
    text = "تقرير عن الأسهم الأمريكية\nووزن Nvidia في مؤشر S&P 500 وصل إلى 8% تقريباً"
    assert claim_for(extractor, text, "8%").subject == "Nvidia"


@pytest.mark.parametrize("text", [
    "استحوذ الصندوق على حصة بسعر 45 دولار للسهم",
    "اشترت الشركة أسهمها بسعر ١٢ ريالاً لكل سهم",
])
def test_money_per_share_is_a_share_price(cue_extractor, text):
    claim = next(c for c in cue_extractor.extract(text) if c.quantity.kind == "money")
    assert claim.metric == "share_price"


def test_a_thousands_comma_ends_no_clause():
    from arclaim.sentences import SentenceIndex

    text = "أغلق المؤشر عند 9,500 نقطة، وارتفع السهم 3%"
    index = SentenceIndex(text)
    sentence = index.at(0)
    start, end = index.clause(text.index("500"), sentence)
    assert text[start:end].strip() == "أغلق المؤشر عند 9,500 نقطة"


@pytest.mark.parametrize("text,clause", [
    # a short gloss in brackets ends no clause; brackets holding a figure or a long aside do
    ("الشركات الكبرى (Hyperscalers) رفعت الإنفاق 30%", "الشركات الكبرى (Hyperscalers) رفعت الإنفاق 30%"),
    ("ارتفعت المبيعات (بعد خصم 5% من الرسوم) بنسبة 30%", "بنسبة 30%"),
])
def test_a_gloss_in_brackets_ends_no_clause(text, clause):
    from arclaim.sentences import SentenceIndex

    index = SentenceIndex(text)
    start, end = index.clause(text.rindex("30%"), index.at(0))
    assert text[start:end].strip() == clause


@pytest.mark.parametrize("text,surface,direction", [
    # a cue after a level that introduces the next figure is that figure's: the level did not move
    ("والأونصة اليوم 4,020 دولار بتراجع 0.8% عن أمس", "4,020 دولار", None),
    ("والأونصة اليوم 4,020 دولار بتراجع 0.8% عن أمس", "0.8%", "down"),
])
def test_a_cue_before_the_next_figure_is_that_figures(extractor, text, surface, direction):
    assert claim_for(extractor, text, surface).direction == direction


def test_a_metric_cue_before_the_next_figure_is_that_figures(cue_extractor):
    text = "البيتكوين الحين 91,300 دولار والشركة إيراداتها 2.1 مليار دولار بالربع"
    assert claim_for(cue_extractor, text, "91,300 دولار").metric == "price_level"
    assert claim_for(cue_extractor, text, "2.1 مليار دولار").metric == "revenue"


def test_every_subject_weight_names_a_feature_the_assembler_builds(extractor):
    """A misspelt key in subject_weights.json would weigh nothing, silently: every key must be a feature
    the assembler gives some candidate of a corpus document, or an entity type paired with a metric group."""
    from arclaim.claims import metric_group
    from arclaim.entities import ENTITY_TYPES
    from arclaim.lexicon import load_json
    from arclaim.subject_ranker import SubjectRanker
    from conftest import ROOT

    seen: set[str] = set()

    class Recording(SubjectRanker):
        def score(self, features):
            seen.update(features)
            return super().score(features)

    extractor.assembler.ranker, kept = Recording(), extractor.assembler.ranker
    try:
        # every tenth document, so the sample spans all genres and batches however the corpus grows
        for path in sorted((ROOT / "corpus" / "docs").rglob("*.txt"))[::10]:
            extractor.analyze(path.read_text(encoding="utf-8"), str(path))
    finally:
        extractor.assembler.ranker = kept
    groups = {metric_group(m) for m in (None, "revenue", "inflation", "fund_flows", "interest_rate", "reserves", "trading_volume", "price_level")}
    for key in load_json("subject_weights.json")["weights"]:
        if key.startswith("type:"):
            _, group, type_ = key.split(":")
            assert group in groups and type_ in ENTITY_TYPES, key
        else:
            assert key in seen, key


@pytest.mark.parametrize("text,surface,subject", [
    # the author's handle and date above a post are no headline: the next line names the topic
    ("@abu_saad_stocks · ١٢ نوفمبر\nالإنماء أعلن توزيع ٥٠ هللة للسهم 💰", "٥٠ هللة", "Alinma Bank"),
    # عمان is Amman with its shadda or in a Jordanian post, Oman in an Omani one
    ("ثريد: تستأجر ولا تشتري بعمّان؟\nإيجار شقتي 400 دينار بالشهر", "400 دينار", "Amman"),
    ("تستأجر ولا تشتري في عمان؟\nإيجار شقتي 400 دينار أردني بالشهر", "400 دينار أردني", "Amman"),
    ("عمان تطرح صكوكاً جديدة\nوقالت وزارة المالية في مسقط إن الطلب بلغ 2 مليار ريال عماني", "2 مليار ريال عماني", "Oman"),
    # a weak alias with the article or after a preposition is the ordinary word (energy, metals)
    ("تقرير: إعادة تسعير الطاقة في الأسواق الناشئة\nوارتفعت الأسعار 15% خلال العام", "15%", None),
    ("الداتا سنتر بدها كمان في معادن\nوالطلب زاد 15% بسنة", "15%", None),
    # a headline that opens with a company's ordinary-word name is about it, not the place after في
    ("زين تتعثر في السودان\nوتراجع صافي الأرباح 14% في الربع الثالث", "14%", "Zain"),
    # a heading naming a company is what the figures under it are about, up to the next heading
    ("موسم النتائج: أمازون وميتا\n\n1. أمازون (AMZN) – زيادة الوزن\nنتوقع إيرادات بنحو 211 مليار دولار\n\n"
     "2. ميتا (META) – زيادة الوزن\nنتوقع إيرادات بين 58 و60 مليار دولار", "58 و60 مليار دولار", "Meta"),
])
def test_topic_of_a_post(extractor, text, surface, subject):
    assert claim_for(extractor, text, surface).subject == subject


def test_a_number_inside_an_index_name_is_no_claim(extractor):
    claims = extractor.extract("وناسداك 100 قفل نازل 0.6%، ومؤشر ستوكس ٦٠٠ الأوروبي عند 550 نقطة")
    assert [(c.quantity.surface, c.subject) for c in claims] == [("0.6%", "Nasdaq 100"), ("550 نقطة", "Stoxx 600")]


def test_a_word_of_a_city_in_a_dateline_is_no_company_weak_alias(extractor):
    # الدار of الدار البيضاء is no Aldar: a word inside a name found whole is not read as a weak alias
    text = ("مرسوم جديد لرسوم المدارس.. والأهالي في الدار البيضاء يطالبون بالمزيد\n\n"
            "الدار البيضاء – قررت الوزارة ألا ترتفع الرسوم الشهرية بأكثر من 4% سنوياً.")
    claims = extractor.extract(text)
    assert claims and all(c.subject != "Aldar" for c in claims)


@pytest.fixture(scope="module")
def stub_extractor():
    """An extractor whose metric model each test replaces with a `_FixedMetricModel`."""
    from arclaim.pipeline import Extractor, ExtractorConfig

    return Extractor(ExtractorConfig(stance_model=None))


class _FixedMetricModel:
    """Stands in for models/metric: answers `cats` for every figure and records what it read."""

    def __init__(self, cats: dict[str, float], settings: dict):
        self.cats, self.settings, self.read = cats, settings, []

    def predict(self, texts):
        self.read.extend(texts)
        return [dict(self.cats) for _ in texts]


PROFIT = "وبلغ صافي ربح الشركة 120 مليون ريال في الربع الثالث."  # the cues say net_income
NO_CUE = "وسجلت الشركة 120 مليون ريال في الربع الثالث."  # the cues say nothing


@pytest.mark.parametrize("text,cats,expected", [
    (PROFIT, {"revenue": 0.9, "none": 0.1}, "revenue"),        # over the override threshold: replaced
    (PROFIT, {"revenue": 0.7, "none": 0.3}, "net_income"),     # between the two thresholds: the cue stays
    (PROFIT, {"none": 0.95, "revenue": 0.05}, None),           # confident that no metric applies: removed
    (PROFIT, {"net_income": 0.99, "none": 0.01}, "net_income"),  # agrees with the cue
    (NO_CUE, {"revenue": 0.6, "none": 0.4}, "revenue"),        # over the fill threshold: filled
    (NO_CUE, {"revenue": 0.4, "none": 0.6}, None),
])
def test_the_metric_model_fills_or_overrides_the_cues_only_when_confident(stub_extractor, text, cats, expected):
    model = _FixedMetricModel(cats, {"threshold": 0.5, "override_threshold": 0.8})
    stub_extractor._metric_model = model
    assert claim_for(stub_extractor, text, "120 مليون ريال").metric == expected
    cue = "net_income" if text == PROFIT else "none"
    assert model.read and model.read[0].startswith(f"CUE_{cue} KIND_money SUBJ_")


def test_the_metric_model_never_makes_a_billion_a_price(stub_extractor):
    stub_extractor._metric_model = _FixedMetricModel({"price_level": 0.99, "none": 0.01}, {"threshold": 0.5})
    assert claim_for(stub_extractor, "وسجلت الشركة 3 مليارات ريال في الربع الثالث.", "3 مليارات ريال").metric is None


def test_the_subject_models_log_odds_add_to_the_hand_scores():
    from arclaim.entities import EntityInfo, EntityMatch
    from arclaim.subject_ranker import SubjectCandidate, SubjectRanker

    ranker = SubjectRanker({"in_clause": 1.0})
    first = SubjectCandidate(EntityMatch(EntityInfo("A", "ORG"), 0, 1, -1, -1), {"in_clause": 1.0})
    second = SubjectCandidate(EntityMatch(EntityInfo("B", "ORG"), 2, 3, -1, -1), {})
    assert ranker.best([first, second]).info.name == "A"
    assert ranker.best([first, second], [0.5, 0.5], 2.0).info.name == "A"  # even odds change nothing
    assert ranker.best([first, second], [0.2, 0.8], 0.25).info.name == "A"  # 1.0 - 0.35 against 0.35
    assert ranker.best([first, second], [0.2, 0.8], 2.0).info.name == "B"  # 1.0 - 2.77 against 2.77


class _FixedSubjectModel:
    """Stands in for models/subject: favours the candidate whose input names `favoured`."""

    def __init__(self, favoured: str, weight: float):
        self.favoured, self.settings, self.read = favoured, {"weight": weight}, []

    def predict(self, texts):
        self.read.extend(texts)
        return [{"subject": 0.99 if self.favoured in t else 0.01, "other": 0.0} for t in texts]


@pytest.mark.parametrize("weight,subject", [(0.0, "Saudi Aramco"), (2.0, "SABIC")])
def test_the_subject_model_can_overrule_the_hand_set_ranker(stub_extractor, weight, subject):
    text = "قالت أرامكو إن سابك رفعت إنتاجها 5% في الربع الثالث."
    model = _FixedSubjectModel("E رفعت", weight)  # the candidate followed by the verb: سابك
    original = stub_extractor._subject_model
    stub_extractor._subject_model, stub_extractor._metric_model = model, _FixedMetricModel({"none": 1.0}, {})
    try:
        hand = claim_for(stub_extractor, text, "5%")
        assert model.read and all(t.startswith("K_") for t in model.read)
    finally:
        stub_extractor._subject_model = original
    assert hand.subject == subject


@pytest.mark.parametrize("text,surface,subject", [
    ("وكالة الطاقة الدولية: فائض المعروض يتسع العام المقبل\n\nوتتوقع الوكالة أن يرتفع المعروض العالمي من النفط"
     " بنحو 3 ملايين برميل يومياً هذا العام.", "3 ملايين برميل", "Oil"),
    ("مجلس الذهب العالمي: السبائك تعوض ضعف المشغولات\n\nارتفع الطلب على الذهب في الربع الثالث بنسبة 4% إلى"
     " 1,290 طناً، وصعد الطلب على الذهب من البنوك المركزية.", "1,290 طناً", "Gold"),
])
def test_a_headline_naming_only_its_source_is_about_what_it_reports(extractor, text, surface, subject):
    assert claim_for(extractor, text, surface).subject == subject
