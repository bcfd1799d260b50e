"""Claim assembly: who a quantity is about (subject), what it measures, which way it moves, when.

All positions are in the folded normalized text. Each decision is a small
scoring rule over cues found in the quantity's sentence and clause; the cue
words live in `resources/metrics.json` and `resources/directions.json`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

from .entities import EntityInfo, EntityMatch, Gazetteer, alias_key
from .lexicon import PhraseIndex, fold, load_json, word_in
from .quantities import RawQuantity
from .sentences import Sentence, SentenceIndex
from .subject_ranker import SubjectCandidate, SubjectRanker

# A word right before an entity that makes the entity the owner of the figure: سهم X.
OWNER_WORDS = {fold(w) for w in ("سهم", "أسهم", "اسهم", "سهمي", "عملة", "سعر", "أونصة", "برميل", "غرام", "جرام", "مؤشر", "أرباح", "إيرادات", "ميزانية", "اقتصاد", "تضخم", "قيمة", "صافي", "وزن")}
# ... but not of a stake given before "of the shares of" it (حصة 2% من أسهم إس تي سي): the holder's figure
SHARES_OF_RE = regex.compile(r"(?<![\p{L}])من[ \t]+(?:ال)?(?:اسهم|سهم)[ \t]+(?:شركه[ \t]+)?$")
PREPOSITIONS = {fold(w) for w in ("من", "مع", "في", "على", "عن", "إلى", "الى", "لدى", "عند", "مقابل", "ضد", "عبر", "بين", "منها", "لصالح", "حصة", "داخل", "خارج", "أنحاء")}
COMPANY_METRICS = {"investment", "share_price", "market_cap", "valuation", "revenue", "net_income", "profit_margin",
                   "eps", "dividend", "backlog", "deal_value", "capex", "jobs", "deliveries", "users", "capacity",
                   "capacity_target"}
MACRO_METRICS = {"inflation", "gdp", "budget", "exports", "fund_flows"}
MARKET_METRICS = {"price_level", "price_change"}
EXCHANGE_METRICS = {"market_cap", "trading_volume", "fund_flows"}  # of a whole market: its exchange's, not its index's
STATE_METRICS = {"budget", "debt", "reserves", "exports", "gdp", "production", "investment", "deal_value",
                 "capacity", "capacity_target"}  # what a capital acting for its government reports or plans
COUNTRY_METRICS = {"inflation", "gdp", "exports", "budget", "jobs"}  # a central bank's figure of these is its country's
NO_METRIC = "-"  # what a non-metric cue (metrics.json "non_metric") stands for while cues are scored
# Names whose words say nothing of their figures; a central bank's, an exchange's or a commodity's name
# does (البنك المركزي: a rate; برنت: a price).
CUELESS_NAME_TYPES = {"ORG", "TICKER", "GPE"}
# A word that can only be first person just before a figure whose sentence names nobody (بديت بـ، حسابي،
# يعطيني): the writer's own money or portfolio (دفعت، خسرت would also read "she paid, she lost")
FIRST_PERSON_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:بديت|حطيت|قسمتهم|محفظتي|حسابي|راتبي|فلوسي|مدخراتي|عطاني|يعطيني|تعطيني)(?![\p{L}])")
FIRST_PERSON_REACH = 40  # characters before the figure
MARKET_WIDE_METRICS = {"liquidations"}  # figures of a whole market: a subject only when their sentence names one
GENERIC_METRICS = {"price_change", "price_level", "share_price"}
# Words that put a share in a sentence: the share itself, or an analyst's target price and call.
SHARE_WORDS = regex.compile(r"(?<![\p{L}])(?:[وفبل]|ال|لل)*(?:سهم|اسهم|سهمها|سهمه|مستهدف|نوصي|توصيه)(?![\p{L}])")
PRICE_WORDS = regex.compile(r"(?<![\p{L}])(?:[وفبل]|ال|لل)*(?:سهم|اسهم|سعر|اسعار|مؤشر)(?:ها|ه|هم)?(?![\p{L}])(?!\s+(?:ال)?(?:فائده|فايده|صرف))")
# Words of a payout to shareholders (توزيعات، وزعت، موزع، كوبون، كاش، نقداً): money per share in their sentence
# is a dividend, not a share price
DIVIDEND_WORD_RE = regex.compile(r"(?<![\p{L}])(?:[وفبل]|ال|لل)*(?:توزيع\p{L}*|وزع\p{L}*|موزع\p{L}*|يوزع\p{L}*|كوبون\p{L}*|كاش|نقدا|ديفيدند\p{L}*|ديفيدوند)(?![\p{L}])")
YIELD_OR_SPREAD_RE = regex.compile(r"(?<![\p{L}])(?:[وفبل]|ال|لل)*(?:عائد|عايد|عوائد|عائده|عايدها|عائدها|فارق|فروق|فروقات)(?![\p{L}])")
YIELD_REACH = 80  # characters before the figure
# ... unless the yield is a potential return, an internal rate of return, revenue per unit, royalties or a
# dividend yield (عائد محتمل، العائد الداخلي، العائد لكل مسافر، عوائد حقوق الملكية، عائد التوزيعات)
NOT_A_RATE_AFTER_YIELD_RE = regex.compile(r"\s+(?:[وفبل]|ال|لل)*(?:محتمل|داخلي|لكل|حقوق|توزيع\p{L}*)(?![\p{L}])")
PRICE_THEN_WORD_RE = regex.compile(r"(?<![\p{L}])(?:[وفبل]|ال|لل|بال)*(?:سعر|اسعار)\s+(\p{L}+)")  # سعر X: the word after the price word
INDEX_WORDS = regex.compile(r"(?<![\p{L}])(?:مؤشر|العام)(?![\p{L}])")  # مؤشر سوق دبي العام -> سوق دبي
# An owner word carrying a pronoun that points back to a name (سهمها، ارباحه، ايراداتها).
PRONOUN_OWNER_RE = regex.compile(r"\s*[،,]\s*(?:(?:غير ان|الا ان|لكن|بينما|و)\s*)?[وفبل]?(?:سهم|اسهم|ارباح|ايرادات|مبيعات|ديون|صافي ربح|توزيعات)(?:ها|ه)(?![\p{L}])")
PRONOUN_REACH = 30  # characters from the end of the name to the end of the owner word
# a line that a name labels: `3- فوري FWRY: ضرب وقف الخسارة عند 8.85 جنيه`, `• هيوماين: ...`
LINE_LABEL_START_RE = regex.compile(r"(?:^|\n)[ \t]*(?:[-•*·▪◾●]|\d{1,2}[-/.)])?[ \t]*(?:\p{L}+[ \t]+){0,2}\(?$")  # فوري FWRY، مدينة مصر (MASR.CA)
LINE_LABEL_END_RE = regex.compile(r"(?:[ \t]*\(?\$?[A-Z][A-Z0-9.]{1,9}\)?)?[ \t]*:")
# A relative pronoun right after a name: the figure of the relative clause is about that name
# (Nvidia، التي تسيطر على 80%؛ صندوق الاستثمارات العامة الذي يدير أصولاً تفوق 925 مليار دولار).
RELATIVE_RE = regex.compile(r"\s*[،,]?\s*(?:الذي|التي|اللذين|اللتين|الذين|اللي)(?![\p{L}])")
PARAGRAPH_RE = regex.compile(r"\n[ \t]*\n")
WORD_RE = regex.compile(r"[\p{L}\p{M}]+")
PREV_WORD_RE = regex.compile(r"([\p{L}\p{M}]+)[^\p{L}\p{N}\n]{0,2}$")
# A figure right after الي / ل / من (bound words like نحو allowed between) is the end point of a move.
# Bound words that may stand between a move's preposition and its end point (الي نحو 5%).
BOUND_WORDS_BEFORE = r"(?:(?:نحو|حوالي|قرابه|اكثر من|اقل من|ما يقارب|ما دون|تحت|فوق)\s+)?$"
MOVE_ENDPOINT_RE = regex.compile(r"(?<![\p{L}])(?:[وف]?(?:الي|من)\s+|[وف]?ل)" + BOUND_WORDS_BEFORE)
MOVE_TO_END_RE = regex.compile(r"(?<![\p{L}])(?:[وف]?الي|[وف]?ل\p{L}*\s+الي|[وف]?لـ?)\s*(?:(?:نحو|حوالي|قرابه|ما يقارب)\s+)?$")  # الي / لتصل الي / لـ
REPORTING_REACH = 5  # words: how far after وأضاف its أن may stand (وأضاف الرئيس التنفيذي للشركة أن)
FRONTED_TIME_WORDS = 6  # words: how long a time phrase opening a sentence may be (وفي الربع الثالث من عام 2025)
LIST_JOIN_RE = regex.compile(r"[\s,،]*و?\s*")  # what joins two items of a list: و, a comma
LIST_ITEM_GAP = 12  # characters: how close after its figure a year of a list item stands (في عام 2025)
# The word before a level that makes it where a move ended: الي / من / عند / علي, or a word opening
# with ل (لـ، ليغلق، لتتجاوز), a participle of reaching (مسجلا، بالغا، مغلقا) or a verb of becoming
# (اصبح سعر الايداع، صار، بقي، Maghrebi ولات; its subject between); bound words allowed
# between. The من of a bound (اكثر من) is no end point.
LEVEL_END_RE = regex.compile(r"(?<![\p{L}])(?:[وف]?(?:الي|(?<!(?:كثر|كتر|اقل|زيد)\s+)من|عند|علي)(?:\s+مستوي)?|(?:مسجل|بالغ|واصل|مغلق)\p{L}*|[وف]?(?:قفل|قفلت|سكر|سكرت|اغلق|اغلقت|وقف|وقفت|واقف|واقفه)|[وف]?(?:صار|صارت|اصبح|اصبحت|بقي|بقت|ولات|ولي)(?:\s+\p{L}+){0,3}|[وف]?ل\p{L}*)[\sـ]*" + BOUND_WORDS_BEFORE)
CHANGE_KINDS = ("percent", "pp")
CLOSING_VERBS = r"يغلق|تغلق|اغلق|اغلقت|مغلق\p{L}*|قفل|قفلت|سكر|سكرت"  # a session closing (alternation)
CLITIC_BEFORE = "[وفبل]?"  # a conjunction or preposition glued to a cue word (words_re)
# A level a session closed at (اغلق عند، قفل على، سكر على): the last word on the day's move.
CLOSED_AT_RE = regex.compile(r"(?<![\p{L}])(?:[وفل]?(?:" + CLOSING_VERBS + r")\s+(?:\p{L}+\s+){0,4}(?:عند|علي)(?:\s+مستوي)?\s*)" + BOUND_WORDS_BEFORE)
# A level a move closed or settled at (ليغلق عند 251، وصل 2,650، مغلقاً عند): the end point of that move.
CLOSE_AT_RE = regex.compile(r"(?<![\p{L}])(?:[وفل]?(?:" + CLOSING_VERBS + r"|وصل|وصلت|يصل|تصل)\s+(?:\p{L}+\s+)?(?:عند|الي|علي|لـ?|ل)?(?:\s*مستوي)?\s*)" + BOUND_WORDS_BEFORE)
# Verbs that state a share of a whole right before a percent (لتشكل نحو 32%، يمثل 40%، ما يعادل 35%).
SHARE_OF_RE = regex.compile(r"(?<![\p{L}])[وفل]?(?:تشكل|يشكل|تمثل|يمثل|تعادل|يعادل|ما يعادل|تستحوذ علي|يستحوذ علي)\s+(?:(?:نحو|حوالي|قرابه|ما يقارب)\s+)?$")
# A figure named right after "target price" (بسعر مستهدف عند، السعر المستهدف البالغ): stated, not moved.
TARGET_PRICE_RE = regex.compile(r"(?<![\p{L}])(?:[وفبل]|ال|لل|بال)?سعر(?:ه|ها|نا)?\s+(?:ال)?مستهدف\s*(?:(?:عند|قدره|يبلغ|البالغ|ب|بـ|عند\s+مستوي|هو)\s*)?(?:ـ\s*)?$")
# Arrows that social posts put beside a figure instead of a verb.
UP_ARROWS, DOWN_ARROWS = "⬆↑🔺📈🔼", "⬇↓🔻📉🔽"
ARROW_RE = regex.compile(r"\s*[%s%s]" % (UP_ARROWS, DOWN_ARROWS))
ARROW_BEFORE_RE = regex.compile(r"[%s%s]\ufe0f?\s*$" % (UP_ARROWS, DOWN_ARROWS))
# Between a level and the one it replaced, written right after it (السعر المستهدف: 705 دولارات (من 810
# دولارات)، رفعناه الي 420 دولارا من 340): a move from the second to the first, whatever word tells it.
REPLACED_FROM_RE = regex.compile(r"[ \t]*(?:[(\[]|[،,][ \t]*(?:مرتفع|منخفض|متراجع|صاعد|نازل)(?:ا|ه|ة)?[ \t]+)?[ \t]*من[ \t]*(?:(?:نحو|حوالي)[ \t]*)?")
# What a level was before (بعد ما كانت 12، بعد ان كان 2,400، وكان، بدل 650، وقبل سنة كانت 290): the figure that follows it.
WAS_BEFORE_RE = regex.compile(r"[^\n.؟!]{0,40}?(?<![\p{L}])(?:بعد\s*ما|بعدما|بعد\s*ان|وكان|وكانت|بدل|بدلا\s+من|و?قبل\s+\p{L}+\s+(?=كان))\s*(?:كان|كانت)?\s*(?:\p{L}+\s+){0,2}?(?:ب\s*ـ?\s*)?")
WAS_AT_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:كان|كانت|كنت)\s+(?:\p{L}+\s+){0,2}?(?:ب\s*ـ?\s*)?$")  # كانت بـ 10
BECAME_VERBS = r"[وف]?(?:صار|صارت|بقي|بقت|ولي|ولات|ولا|اصبح|اصبحت)"  # what a level turned into (alternation)
BECAME_BETWEEN_RE = regex.compile(r"[^\n.؟!\p{N}]{0,40}?(?<![\p{L}])" + BECAME_VERBS + r"\s*(?:ب\s*ـ?\s*)?")
STEADY_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:استقر|استقرت|ثابت|ثابته|ثبت|مستقر|مستقره)(?![\p{L}])")  # a level held
# Words that open a cause or a circumstance after a figure: a movement cue behind them is not the figure's.
CAUSE_RE = regex.compile(r"(?<![\p{L}])(?:[وف]?السبب|بسبب|نتيجه|بفعل|بفضل|جراء|اثر|وسط|مدفوعا|مدعوما|متاثرا|متاثره|مدفوعه|مدعومه)(?![\p{L}])")
# Words saying a capacity stands now; future cues (below) say it is planned.
PRESENT_CAPACITY = regex.compile(r"(?<![\p{L}])(?:[وبل]?ال)?(?:حالي|حاليه|نشطه|قائمه|تشغيليه الحاليه)(?![\p{L}])|(?<![\p{L}])(?:حتي الان|قيد التشغيل)(?![\p{L}])")
# A level held where it was (ثبت البنك الفائدة عند، استقر الهامش عند، ابقت علي): no move, gold 45 of 45.
HELD_AT_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:ثبت|ثبتت|ابقي|ابقت|استقر|استقرت|ثابت|ثابته)\s+(?:\p{L}+\s+){0,4}(?:عند|علي)\s*(?:(?:نحو|حوالي|مستوي)\s*)?$")
# "the number of", "the quantities of", "the traffic of", "the orders of" or "the ratio of" (عدد الزوار، كميات
# الصب، حركة الحاويات، نسبة الامتلاء; not بنسبة, the size of a move): a noun outside the vocabulary follows
COUNT_OF_RE = regex.compile(r"(?<![\p{L}])(?:[وفب]?(?:ال)?(?:عدد|اعداد|كميات|حركه|طلبات)|[وف]?(?:ال)?نسبه)(?![\p{L}])")
PRESENT_WORD_GAP = 3  # characters: a present word this close after a figure dates that figure
MOVE_START_RE = regex.compile(r"(?<![\p{L}])من\s+(?:(?:نحو|حوالي)\s+)?$")
MOVE_TO_RE = regex.compile(r"[^\n.؟!]{0,30}?(?<![\p{L}])(?:الي|ل)\s*")
# The word right before a figure is a movement verb (خسر، ارتفع، زاد), a bound word allowed between.
MOVED_BY_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:ارتفع|ارتفعت|تراجع|تراجعت|انخفض|انخفضت|زاد|زادت|خسر|خسرت|كسب|كسبت|ربح|ربحت|صعد|صعدت|هبط|هبطت|نزل|نزلت|طلع|طلعت|خاسرا|رابحا|مرتفعا|متراجعا|منخفضا|كاسبا)\s+(?:(?:نحو|حوالي|قرابه|بنحو|بحوالي|ب)\s*)?$")
# a trader's price point before a money figure: a level, a target, a support, a stop or a close
# (لو كسر 105 ريال، هدفي 115، الدعم 9 جنيه، وقف الخسارة تحت 7.95، قفل علي 9.48، شراء علي 27،
# لمست 13.40، الاستوب اتحرك لـ 21.50، قافل امبارح علي 82.30، بعت علي 11.90، لمنطقة 74 جنيه)
PRICE_POINT_RE = regex.compile(r"(?<![\p{L}])[وفل]?(?:عند|كسر|يكسر|رجع|رجعت|ينزل|يوصل|توصل|هدفي|هدفه|قفل|قفلت|سكر|سكرت|شراء|دخلت|خرجت|متوسطي|اجمع"
                               r"|لمس|لمست|قافل|قافله|اشتريت|اشتريته|بعت|بعته|مسكته"
                               r"|(?:ال)?(?:هدف|مستهدف|دعم|مقاومه|مقاومة|خساره|خسارة|استوب|ستوب|منطقه|دخول))[\s:]+(?:\p{L}+[\s:]+)?(?:لـ?|الي\s+|علي\s+)?\s*$")
LEVEL_AFTER_CHANGE_RE = regex.compile(r"[%٪]\s*[،,]?\s*(?:[وف]?(?:لـ?|الي)|عند|علي)\s*$")  # نزل 1.8% لـ 11.40 ريال: where the move left it
CENTRAL_BANK_RE = regex.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?مركزي(?:ه)?(?![\p{L}])")  # اشترت البنوك المركزية 220 طنا: gold for reserves
SHARE_PRICE_MAX = 1e5  # no share in the corpus trades above this in its currency; millions after a move are a total
EXCHANGE_REACH = 40  # characters: how far before a money figure the currency it prices may be named
BY_AMOUNT_RE = regex.compile(r"(?<![\p{L}])(?:بمقدار|بواقع)\s*$")  # رفع سعر اللتر بمقدار 15 فلسا: the size of a move
PER_SHARE_RE = regex.compile(r"\s*(?:لل|لكل\s+)سهم(?:\s+الواحد)?(?![\p{L}])")
UNIT_PRICE_KEEPS = {"share_price", "dividend", "eps", "price_change"}  # per-share and moves stay what they are
# a spread's benchmark, from the figure to the end of the benchmark's name (فوق سندات الخزانة الامريكيه)
BENCHMARK_RE = regex.compile(r"[^\n.،,؛؟!]{0,10}?(?<![\p{L}])(?:فوق|عن|علي|تحت)\s+(?:\p{L}+\s+){0,3}?(?:ال)?(?:خزانه|خزينه)(?:\s+\p{L}+)?")
SPREAD_RE = regex.compile(r"(?<![\p{L}])(?:ال)?(?:فرق|فارق)(?![\p{L}])")  # the gap between two prices, no price
# "the gap between X and Y" up to Y (الفارق بين سعر البولي ايثيلين وسعر النافثا، الفارق بينه وبين برنت): the gap is X's
SPREAD_FIRST_RE = regex.compile(r"(?<![\p{L}])(?:ال)?(?:فرق|فارق)\s+بين\s+(?:\p{L}+\s+){0,2}$")  # الفارق بين [سعر] X
SPREAD_PAIR_RE = regex.compile(r"(?<![\p{L}])(?:ال)?(?:فرق|فارق)\s+بين(?:ه|ها)?\s+[^\n.،,؛؟!]{0,60}?(?<![\p{L}])و(?:بين\s+)?(?:\p{L}+\s+)?$")
# who speaks from a city (وقال متعامل في دبي، مقاول يعمل في الرياض، صاحبي بالقاهرة): the city is theirs, not the figure's
REPORTED_FROM_RE = regex.compile(r"(?<![\p{L}])(?:[وف]?(?:قال|قالت|يقول|تقول|اضاف|اوضح)|\p{L}*(?:متعامل|اقتصادي|مقاول|مسؤول|وسيط|وسطاء|محلل|صاحبي|مصرفي|تاجر|تجار)\p{L}*|يعمل|تعمل|مقره|مقرها)(?:\s+\p{L}+){0,3}\s+\p{L}*$")
PARTITIVE_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:منها|منهم|منه)(?:\s+\p{L}+){0,2}\s*$")  # منها نحو 3 مليارات
# interest, what a loan costs, and an Islamic bank's profit rate (نسبة الربح على التمويل العقاري)
INTEREST_WORD_RE = regex.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?(?:فائده|فايده|فوائد|(?:نسبه|معدل)\s+(?:ال)?ربح)(?![\p{L}])")
BANK_LENDING_RE = regex.compile(r"[وفبل]?(?:ال)?(?:قروض|ائتمان|اقراض|تمويلات)$")  # a debt cue that is banks' lending
HOUSING_LOAN_RE = regex.compile(r"\s+(?:ال)?(?:عقاري|سكن|اسكان|رهن)")  # القروض العقارية، السكنية: home loans
# what a unit costs to make (التكلفة الشاملة، تكلفة الانتاج، بتكلفة تعادل، كلفة جني الكيلو); not what a buyer pays (تكلفة الشحنة)
COST_WORD_RE = regex.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?(?:تكلف|تكاليف|كلف)\p{L}*(?:\s+\p{L}+)?\s+(?:ال|لل)?(?:انتاج|شامل|نقدي|تعادل|جني|بناء|حقيقي|فعلي)")
COST_WORD_REACH = 30  # characters: how close before a unit price a cost word makes it a cost
SUPPLY_RE = regex.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?معروض(?![\p{L}])")  # supply
MOVE_TO_LEVEL_RE = regex.compile(r"[\s،,]*[وف]?(?:الي(?![\p{L}])|ل\s*ـ|ل(?=\s*\p{N})|(?:ليصل|لتصل)\s+الي(?![\p{L}])|(?:ليغلق|لتغلق|ليستقر|لتستقر)\s+عند(?![\p{L}]))\s*")  # ... 85 سنتا الي 57.90
MOVE_TO_LEVEL_GAP = 12  # characters: how far after الى the level may start (الي علاوه 1.65 دولار، الي مستوي)
# the price of insuring a debt (CDS), quoted in basis points like a yield: no rate of the vocabulary,
# and the metric model, which reads it as one, must not relabel it
CDS_CUE_RE = regex.compile(r"[وفبل]?(?:ال)?(?:ـ)?(?:cds|عقود\s+مقايض|مقايض|تامين\s+(?:علي|ضد))", regex.I)
COST_CUE_RE = regex.compile(r"[وفبل]?(?:ال)?(?:تكلف|كلف)")  # a capex cue that names a cost (تكلفة، بتكلفة، الكلفة)
GROWTH_LINK_RE = regex.compile(r"(?<![\p{L}])(?:[وف]?(?:ب|يعني\s+)?(?:زياده|ارتفاع|نمو|انخفاض|تراجع)|طالع\p{L}*|نازل\p{L}*|[وف]?(?:زاد|زادت|نما|نمت|نزل|نزلت|طلع|طلعت))(?![\p{L}])")  # بزيادة 18.8%
GROWTH_GAP = 80  # characters: how far after a level figure its growth rate may stand
MOVE_REACH_DEFAULT = 80  # characters: how far a movement cue before a figure may stand (see _direction_reach)
MOVE_REACH_ENDPOINT = 150
CAME_OUT_GAP_RE = regex.compile(r"[\sـ]*(?:(?:حوالي|تقريبا|قرابه|فوق|نحو|اكثر من|اقل من)\s+|ب\s*ـ?\s*)?")  # طلع ... level
SIZE_LEAD_RE = regex.compile(r"[\sـ]*(?:(?:بنسبه|بنحو|بحوالي|بما يقارب|بمقدار|بواقع|نحو|حوالي|قرابه)[\sـ]*)?")  # before a move's size
ACCUSATIVE_END_RE = regex.compile(r"ا\p{M}*$")  # مرتفعاً: a participle in the accusative
CONTRAST_RE = regex.compile(r"(?<![\p{L}])(?:بينما|في حين|فيما|لكن|غير ان|الا ان)(?![\p{L}])")
CLOSING_AFTER_REACH = 25  # characters after a closing level within which the move it ended is told
# rents that moved, in a text about inflation, are the rent item of the consumer price index
RENT_RE = regex.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?(?:ايجارات|ايجار)(?![\p{L}])")
INFLATION_WORD_RE = regex.compile(r"(?<![\p{L}])[وفبل]?(?:ال)?تضخم(?![\p{L}])")
INFLATION_CONTEXT_REACH = 600  # characters before a rent figure within which inflation must be named
# a leverage ratio: debt over assets, value, equity or output (نسبة الدين إلى الأصول، نسبة القروض إلى
# القيمة), not loans over deposits (a bank's liquidity)
LEVERAGE_RE = regex.compile(r"(?<![\p{L}])نسبه\s+(?:صافي\s+)?(?:ال)?(?:دين|ديون|قروض|مديونيه|اقتراض)\s+(?:الي|مقابل)\s+(?!(?:ال)?ودائع)")
# an order of goods before a count of them (طلبية، تطلب، لشراء): the count is a backlog
ORDER_RE = regex.compile(r"(?<![\p{L}])[وف]?(?:(?:ال)?طلبي(?:ه|ات|اتها|اته|تها)|طلبت|تطلب|يطلب|طلبتها|طلبها|ل?شراء)(?![\p{L}])")
COUNTED_NOUN_DISTANCE = 20  # how far a counted noun counts as a cue (محفظة الطلبات ... 5,900 طائرة is a backlog)
CUE_TAKER_GAP = 25  # characters after a cue within which a figure it introduces starts
ANAPHOR_LOOKBACK = 40  # names: how far back a bare الشركة or الصندوق looks for what it stands for
AFTER_REACH = {"percent": 80, "pp": 80}  # characters: how far after a figure its cue may stand (else 10)


@dataclass
class ClaimParts:
    """What the assembler decided for one quantity."""

    quantity: RawQuantity
    sentence: Sentence
    subject: EntityMatch | None
    metric: str | None
    direction: str | None
    year: int | None
    entities: list[EntityMatch]
    found: EntityMatch | None = None  # the subject before it went to a related entity: what the next claim carries
    outside_vocabulary: bool = False  # its cue says for sure that no metric of the vocabulary measures it


def metric_group(metric: str | None) -> str:
    """The group of metrics whose subjects are alike in type (subject_weights.json `type:GROUP:TYPE`)."""
    if metric in COMPANY_METRICS:
        return "company"
    if metric == "fund_flows":
        return "flows"
    if metric in MACRO_METRICS:
        return "macro"
    if metric == "interest_rate":
        return "rate"
    if metric == "reserves":
        return "reserves"
    if metric == "trading_volume":
        return "trading"
    if metric in MARKET_METRICS:
        return "market"
    return "other"


UNIT_PRICE_MAX = 1e6  # a coin's or a commodity's price per unit stays below a million
PRICE_LEVEL_MAX = 1e9  # no price in the corpus reaches a billion (a flat in Cairo is a few million)


def price_sized(q: RawQuantity) -> bool:
    """The figure can be a price: money under PRICE_LEVEL_MAX (or no money at all)."""
    return q.kind != "money" or abs(q.value or 0.0) < PRICE_LEVEL_MAX


def default_metric(kind: str, entity_type: str) -> str | None:
    """A figure with no metric cue (or only a share's price cue such as السعر) about a coin, commodity
    or index is its price level."""
    if entity_type in ("COMMODITY", "CRYPTO") and kind == "money":
        return "price_level"
    if entity_type == "INDEX" and kind == "count":
        return "price_level"
    return None


def metric_model_input(text: str, sentence_start: int, q_start: int, q_end: int, kind: str,
                       cue_metric: str | None = None, subject_type: str | None = None) -> str:
    """What the metric model reads: the metric the cue lexicons gave the figure, its kind, then up to
    90 characters of its sentence before it and 30 after, folded like the lexicons (original text and
    offsets in, so records suffice). Reading the cues' answer lets the model learn where they mislead."""
    before = text[max(sentence_start, q_start - 90) : q_start]
    after = text[q_end : q_end + 30].split("\n")[0]
    return f"CUE_{cue_metric or 'none'} KIND_{kind} SUBJ_{subject_type or 'none'} " + fold(before) + " QTY " + fold(after)


def subject_model_input(text: str, sent: Sentence, q: RawQuantity, metric: str | None,
                        cand: SubjectCandidate) -> str:
    """What the subject model reads about one candidate subject of a figure: where it comes from
    (its sentence or a fallback), its type, the figure's metric, the ranker's features, the words
    around the name when it stands in the sentence, and the words before the figure (folded)."""
    e = cand.entity
    source = next((k for k in cand.features if k.startswith("fallback_")), "sentence")
    parts = [f"K_{source}", f"T_{e.info.type}", f"M_{metric or 'none'}", *("F_" + k.replace(":", "_") for k in cand.features)]
    if source == "sentence" and e.start >= 0:
        parts += ["L", fold(text[max(sent.start, e.start - 40) : e.start]), "E", fold(text[e.end : min(sent.end, e.end + 25)])]
    parts += ["Q", fold(text[max(sent.start, q.start - 50) : q.start])]
    return " ".join(p.strip() for p in parts if p.strip())


class ClaimAssembler:
    """Decides subject, metric, direction and year for the quantities of a text."""

    def __init__(self, currency_countries: dict | None = None, gazetteer: Gazetteer | None = None,
                 ranker: SubjectRanker | None = None) -> None:
        self.ranker = ranker or SubjectRanker()
        self.subject_model = None  # a TrainedTextcat the pipeline sets (models/subject), or None
        self.on_candidates = None  # called with (quantity, candidates, model inputs): how the training script listens
        self.currency_countries = currency_countries or {}  # ISO code -> EntityInfo of its country
        self.gazetteer = gazetteer or Gazetteer()
        self.banks = {}  # country name -> its central bank
        for info in self.gazetteer.entities.values():
            country = self.country_of(info) if info.type == "CENTRAL_BANK" else None
            if country is not None:
                self.banks.setdefault(country.name, info)
        data = load_json("metrics.json")
        self.priority = {m: i for i, m in enumerate(data.get("priority", []))}
        self.priority[NO_METRIC] = 10  # a named non-metric quantity is about as specific as the rate and macro cues
        self.metric_kinds = {m: set(v.get("kinds", [])) for m, v in data["metrics"].items()}
        # Metrics that a count figure takes only for these counted nouns (index points, not companies).
        self.count_nouns = {m: {fold(w) for w in v["count_nouns"]} for m, v in data["metrics"].items()
                            if "count_nouns" in v}
        self.metric_of: dict[str, str] = {}
        latin: dict[str, str] = {}
        for metric, spec in data["metrics"].items():
            for cue in spec["cues"]:
                self.metric_of.setdefault(fold(cue), metric)
            for cue in spec.get("latin_cues", []):
                latin.setdefault(cue.lower(), metric)
        self.metric_of.update(latin)
        for cue in data.get("non_metric", {}).get("cues", []):
            self.metric_of[fold(cue).lower()] = NO_METRIC  # Latin ones too (CDS), as the index casefolds
        self.metric_index = PhraseIndex(self.metric_of, casefold=True)
        self.planned_re = words_re(data["metrics"]["capacity_target"]["tense_cues"], CLITIC_BEFORE)
        self.breakeven_re = words_re(data["metrics"]["budget"]["breakeven_cues"], CLITIC_BEFORE)
        self.sales_re = words_re(data["metrics"]["deliveries"]["sales_cues"], CLITIC_BEFORE + "(?:ال)?")
        self.purchase_re = words_re(data["metrics"]["exports"]["purchase_words"], CLITIC_BEFORE)
        self.coins = set(load_json("currencies.json")["coins"])
        self.offering_re = words_re(data["metrics"]["deal_value"]["offering_words"], CLITIC_BEFORE + "(?:ال)?")
        self.debt_instrument_re = words_re(data["metrics"]["debt"]["instrument_words"], CLITIC_BEFORE + "(?:ال)?")
        self.rights_issue_re = words_re(data["metrics"]["deal_value"]["rights_issue_words"], CLITIC_BEFORE)
        self.yield_re = words_re(data["metrics"]["interest_rate"]["yield_words"], CLITIC_BEFORE)
        tenors = words_re(data["metrics"]["interest_rate"]["yield_debt_words"], CLITIC_BEFORE + "(?:ال)?")
        self.debt_yield_re = regex.compile(self.yield_re.pattern + r"(?:\s+\p{L}+){0,2}?\s+" + tenors.pattern)
        level = data["metrics"]["price_level"]
        self.goods_price_re = words_re(level["goods_after_price"], r"(?:[وفبل]|ال|لل|بال)*(?:سعر|اسعار|متوسط سعر)\s+")
        self.share_after_price = {fold(w) for w in level["share_words_after_price"]}
        self.per_unit_re = regex.compile(r"\s*(?:لل|ل|لكل\s+(?:ال)?|في\s+ال|بال)(?:%s)" % "|".join(
            sorted((regex.escape(fold(w)) for w in level["per_unit_nouns"]), key=len, reverse=True)))
        self.exchange_codes = {fold(w): set(codes) for w, codes in level["exchange_currencies"].items()}
        self.named_currency_re = definite_word_re(self.exchange_codes)
        directions = load_json("directions.json")
        self.direction_of: dict[str, str] = {}
        for side in ("up", "down", "none"):  # none: phrases with a cue word that state no move
            for cue in directions[side]:
                self.direction_of.setdefault(fold(cue), side)
        self.direction_index = PhraseIndex(self.direction_of)
        self.particle_verbs = {fold(w): {fold(v) for v in verbs} for w, verbs in directions["particles"].items()}
        self.particle_verb_prefixes = tuple(fold(p) for p in directions["particle_verb_prefixes"])
        self.reporting_words = {fold(w) for w in directions["reporting"]["words"]}
        self.reporting_followers = {fold(w) for w in directions["reporting"]["followers"]}
        self.size_adjectives = {fold(w) for w in directions["adjectives"]["words"]}
        self.came_out_words = {fold(w) for w in directions["came_out"]["words"]}
        time = load_json("time.json")
        self.base_year_cues = {fold(w) for w in time["base_year_cues"]}
        self.comparison_cues = {fold(w) for w in time["comparison_cues"]}
        self.present_cues = {fold(w) for w in time["present_cues"]}
        self.period_index = PhraseIndex({fold(p): True for p in time["period_anaphora"]})
        self.ytd_words = {fold(w) for w in time["year_to_date_words"]}
        self.time_openers = {fold(w) for w in time["time_openers"]}
        self.period_skip = {fold(w) for w in time["period_skip_before"]}
        self.same_period_words = {fold(w) for w in time["same_period_words"]}
        self.year_ago_index = PhraseIndex({fold(p): True for p in time["year_ago_phrases"]})
        self.continuation_words = {fold(w) for w in time["continuation_words"]}
        self.relative_period_words = {fold(w) for w in time["relative_period_words"]}
        subjects = load_json("subjects.json")
        self.country_of_capital = {city: self.gazetteer.entities[country] for country, city in subjects["capitals"].items()
                                   if country in self.gazetteer.entities}
        self.sources = set(subjects.get("sources", []))
        self.lenders = set(subjects.get("lenders", []))  # sources of every figure but the loans they make
        self.reporters = self.sources | self.lenders  # a headline naming one of these reports on the topic
        self.source_words = {fold(w) for w in subjects["source_words"]}
        self.market_rate_re = words_re(subjects["market_rate_words"], CLITIC_BEFORE)
        anaphors = {fold(noun): fits for noun, fits in subjects["anaphors"].items() if not noun.startswith("_")}
        self.anaphor_re = regex.compile(r"(?<![\p{L}])[وف]?(?:[بك]?ال|لل)(" + "|".join(n[2:] for n in anaphors) + r")(?![\p{L}])")
        self.anaphor_fits = {noun[2:]: (set(fits["types"]), {alias_key(w) for w in fits["alias_words"]})
                             for noun, fits in anaphors.items()}
        self.alias_words: dict[str, set[str]] = {}  # entity name -> the words of its aliases
        for key, name in self.gazetteer.aliases.items():
            self.alias_words.setdefault(name, set()).update(key.split())
        self.collective_index = PhraseIndex({fold(p): "collective" for p in subjects["collective"] + subjects["everyday"]}
                                            | {fold(p): "combined" for p in subjects["combined"]})

    def assemble(self, text: str, index: SentenceIndex, quantities: list[RawQuantity],
                 entities_of: dict[int, list[EntityMatch]], topic: EntityMatch | None = None,
                 sections: list[tuple[int, EntityMatch | None]] = ()) -> list[ClaimParts]:
        """Claim parts for the claim-kind quantities. A claim whose sentence names no entity is about
        the subject of the previous claim of its sentence, else the document's topic, else the subject
        of the previous claim in its paragraph (subject_weights.json `fallback_*`)."""
        out: list[ClaimParts] = []
        self._found: dict[tuple[int, int, int], list] = {}  # phrase matches per (index, start, end)
        paragraph_breaks = [m.start() for m in PARAGRAPH_RE.finditer(text)]
        years_by_sentence: dict[int, list[RawQuantity]] = {}
        doc_years = sorted((q for q in quantities if q.kind == "year"), key=lambda y: y.start)
        self._index = index
        self._figure_starts = sorted(q.start for q in quantities if q.is_claim_kind)
        self._figure_ends = sorted(q.end for q in quantities if q.is_claim_kind)
        self._signed_changes = sorted((q.start, q.end, q.sign) for q in quantities if q.sign and q.kind in CHANGE_KINDS)
        self._claim_figures = sorted((q for q in quantities if q.is_claim_kind), key=lambda q: q.start)
        self._claim_starts = [q.start for q in self._claim_figures]
        for q in doc_years:
            s = index.at(q.start)
            if s is not None:
                years_by_sentence.setdefault(s.index, []).append(q)
        self._doc_ents = sorted((e for found in entities_of.values() for e in found), key=lambda e: e.start)
        self._doc_ent_starts = [e.start for e in self._doc_ents]
        for q in quantities:
            if not q.is_claim_kind:
                continue
            sent = index.at(q.start) or Sentence(q.start, q.end, -1)
            clause = index.clause(q.start, sent) if sent.index >= 0 else (q.start, q.end)
            ents = entities_of.get(sent.index, [])
            direction = self._direction(text, q, sent, clause, ents)
            metric = self._metric(text, q, sent, clause, direction, ents)
            outside_vocabulary = metric == NO_METRIC
            if outside_vocabulary:
                metric = None
            prev = out[-1] if out and out[-1].sentence.index == sent.index else None
            metric = self._growth_of_level(text, q, sent, metric, direction, prev)
            if metric is None and q.inherited_unit and prev is not None and q.kind == prev.quantity.kind:
                metric = prev.metric  # لو كسر 60 ألف دولار نشوف 52 ألف: an elliptical amount measures what its model does
            carried = self._carried_subject(out, q, paragraph_breaks)
            country = self.currency_country(q)
            currency_kind = "exchange_rate" if country and self._is_exchange_rate(text, q, clause) else "currency"
            if currency_kind == "currency" and metric is None:
                country = None  # كرتونة البيض بقت بـ 175 جنيه: a price nobody names is about no country
            same_sentence = bool(out) and out[-1].sentence.index == sent.index >= 0
            section_topic = _topic_at(sections, q.start, topic)
            fallbacks = ((self._antecedent(text, q, sent, ents, section_topic), "anaphor"),
                         (carried, "carried" if same_sentence else "carried_across"), (section_topic, "topic"),
                         (country, currency_kind))
            if metric in MARKET_WIDE_METRICS:
                fallbacks = ()  # تصفية مراكز بـ 1.9 مليار دولار: the whole market's, not the post's coin
            elif not ents and FIRST_PERSON_RE.search(text, max(clause[0], q.start - FIRST_PERSON_REACH), q.start):
                fallbacks = ()  # بديت بـ 15 ألف درهم: the writer's own money, not the post's company
            candidates = self._subject_candidates(text, q, sent, clause, ents, metric, fallbacks)
            subject = self._best_subject(text, q, sent, metric, candidates)
            metric, related = self.resolve_subject(text, q, sent, metric, subject)
            if metric == "price_level" and direction and self._moved_to_level(text, q):
                metric = "price_change"  # تراجع خام غرب تكساس 85 سنتا الي 57.90 دولار: the size of the move, then the level
            year = self._year(text, q, sent, clause, years_by_sentence.get(sent.index, []), doc_years)
            out.append(ClaimParts(q, sent, related, metric, direction, year, ents, found=subject,
                                  outside_vocabulary=outside_vocabulary))
        return out

    def _best_subject(self, text: str, q: RawQuantity, sent: Sentence, metric: str | None,
                      candidates: list[SubjectCandidate]) -> EntityMatch | None:
        """The ranker's choice, helped by the subject model where a figure has several candidates."""
        if len(candidates) < 2 or (self.subject_model is None and self.on_candidates is None):
            return self.ranker.best(candidates)
        inputs = [subject_model_input(text, sent, q, metric, c) for c in candidates]
        if self.on_candidates is not None:
            self.on_candidates(q, candidates, inputs)
        if self.subject_model is None:
            return self.ranker.best(candidates)
        probs = [cats["subject"] for cats in self.subject_model.predict(inputs)]
        return self.ranker.best(candidates, probs, float(self.subject_model.settings.get("weight", 1.0)))

    def resolve_subject(self, text: str, q: RawQuantity, sent: Sentence, metric: str | None,
                        subject: EntityMatch | None) -> tuple[str | None, EntityMatch | None]:
        """The claim's metric and subject once the chosen entity is known: the subject's type may set
        the metric, and a capital, a central bank or an index may stand for a related entity."""
        metric = self._subject_metric(text, q, sent, metric, subject)
        if metric == "price_level" and COST_WORD_RE.search(text, max(sent.start, q.start - COST_WORD_REACH), q.start):
            metric = None  # التكلفة الشاملة نحو 1480 دولارا للاوقية: what a unit costs to make, no price
        market_rate = metric == "interest_rate" and self.market_rate_re.search(text, sent.start, sent.end) is not None
        related = self._exchange_of_index(text, self._country_of_bank(self._country_of_capital(text, sent, subject, metric),
                                                                      metric, market_rate), metric)
        return metric, related

    # ---------------------------------------------------------------- metric

    def _metric(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int],
                direction: str | None, ents: list[EntityMatch] = ()) -> str | None:
        best, best_score, best_cue = None, None, None
        for m in _near(self._matches(self.metric_index, text, sent.start, sent.end), q.start, q.end):
            metric = m.value
            if not self._fits(text, q, metric):
                continue
            if any(e.start <= m.start and m.end <= e.end and e.info.type in CUELESS_NAME_TYPES
                   for e in _near(ents, m.start, m.end)):
                continue  # a word of a company's name is no cue: صندوق الاستثمارات العامة is no investment
            if m.start >= q.start and m.end <= q.end and not _inside(m, q.counted):
                continue  # a unit word is no cue; a counted noun is (800 مليون مستخدم)
            if m.end <= q.start:
                dist = q.start - m.end
            elif m.end <= q.end:
                # the counted noun itself (15 مليون مستخدم وأكثر من 40 ألف تاجر): no later figure takes
                # it, and a cue that names the metric just before the figure still comes first
                dist = COUNTED_NOUN_DISTANCE
            elif metric == NO_METRIC:
                continue  # a non-metric noun names the figure before it (حصة X ... 40%), not after
            else:
                dist = (m.start - q.end) * 1.5 + 15
                if m.start - q.end > 25 or m.start >= clause[1]:  # a cue after the figure only right after it
                    continue
                if self._figure_between(m.end, m.end + CUE_TAKER_GAP):
                    continue  # ... دولار والصناديق دخلها 1.3 مليار: the cue introduces the next figure
            score = dist + (0 if clause[0] <= m.start < clause[1] else 60) + self.priority.get(metric, 50) * 0.5
            if metric in GENERIC_METRICS and not (metric == "share_price" and " " in text[m.start:m.end].strip()):
                score += 40  # a verb or "price" cue yields to a specific noun; a share's named price (السعر المستهدف) does not
            if best_score is None or score < best_score:
                best, best_score, best_cue = metric, score, m
        if (q.kind in CHANGE_KINDS and best in (None, "price_change") and RENT_RE.search(text, clause[0], q.start)
                and INFLATION_WORD_RE.search(text, max(0, q.start - INFLATION_CONTEXT_REACH), q.start)):
            return "inflation"  # في تقرير التضخم: قفزت الإيجارات في العاصمة 10%: the rent item of prices, not a market's rents
        if q.kind == "percent" and LEVERAGE_RE.search(text, clause[0], q.start):
            return "debt"  # نسبة القروض إلى إجمالي الأصول 31%، نسبة الدين إلى الناتج: a leverage ratio, however the rest reads
        if best == "deliveries" and ORDER_RE.search(text, clause[0], q.start):
            return "backlog"  # طلبية مؤكدة لشراء 65 طائرة، تطلب 12 طائرة: units ordered, not yet delivered
        if best == "deliveries" and any(m.value == "exports" and clause[0] <= m.start and m.end <= q.start
                                        for m in self._matches(self.metric_index, text, sent.start, sent.end)):
            return "exports"  # صادرات السيارات ... 412 ألف سيارة: the goods counted are the ones traded
        if best == "capex" and q.kind in CHANGE_KINDS and COST_CUE_RE.match(text, best_cue.start, best_cue.end):
            return None  # ترتفع تكلفة الكوادر الطبية 6-8%: a cost that moved, no capital spending
        per_share = q.kind == "money" and PER_SHARE_RE.match(text, q.end) is not None
        if per_share and best in (None, NO_METRIC, "share_price") and DIVIDEND_WORD_RE.search(text, sent.start, sent.end):
            return "dividend"  # دفعت الشركة 3 ريالات للسهم ... عائد التوزيع، كوبون 1.25 جنيه للسهم: paid out
        if per_share and best not in UNIT_PRICE_KEEPS:
            return "share_price"  # بسعر 87 دولار للسهم: money per share is a share price (guidelines)
        if best == NO_METRIC:
            if CDS_CUE_RE.match(text, best_cue.start, best_cue.end):
                return NO_METRIC  # كلفة عقود مقايضة مخاطر الائتمان 245 نقطة أساس: final, see CDS_CUE_RE
            return None  # the nearest cue names a quantity outside the vocabulary (الودائع، التدفق النقدي الحر)
        if (best == "investment" and q.kind == "money" and self.offering_re.search(text, sent.start, sent.end)
                and not self.rights_issue_re.search(text, sent.start, sent.end)):
            return "deal_value"  # جمعت الشركة 1.72 مليار دولار من الطرح: the offering's size
        if best == "investment" and q.kind == "money" and self.debt_instrument_re.search(text, clause[0], clause[1]):
            return "debt"  # تجمع 500 مليون دولار من سندات خضراء، تمويل مرابحة بقيمة 9 مليارات: borrowed
        if best == "debt" and q.kind == "percent" and (self.yield_re.search(text, clause[0], q.start)
                                                      or INTEREST_WORD_RE.search(text, clause[0], q.start)):
            return "interest_rate"  # العائد علي اذون الخزانة 24.6%، الفائدة على القروض السكنية 3.99%: the debt's rate
        if (best == "debt" and q.kind in CHANGE_KINDS and direction and BANK_LENDING_RE.match(text, best_cue.start, best_cue.end)
                and not HOUSING_LOAN_RE.match(text, best_cue.end)):
            return None  # نمت القروض في القطاع 14%: banks' lending grew, no borrower's debt (home loans stay debt)
        if (q.kind in CHANGE_KINDS and best in (None, "price_change", "inflation")
                and self.debt_yield_re.search(text, clause[0], q.start)):
            return "interest_rate"  # قد يصعد عائد السنتين الي 4.75%: a yield that moved is still a rate
        if best is None and q.kind == "volume" and SUPPLY_RE.search(text, clause[0], q.start):
            return "production"  # نمو المعروض من خارج اوبك 1.2 مليون برميل يوميا: barrels supplied (supply of a coin, homes or money is none)
        if best is None and q.kind in ("mass", "volume") and self.sales_re.search(text, clause[0], q.start):
            return "deliveries"  # ارتفعت مبيعات الاسمنت الي 10,8 مليون طن: tonnes sold, not money
        if (best is None and q.kind in ("mass", "volume") and self.purchase_re.search(text, clause[0], q.start)
                and not CENTRAL_BANK_RE.search(text, sent.start, q.start)):
            return "exports"  # اشترت الجزائر 600 الف طن من القمح: tonnes bought abroad, an import
        if (q.kind == "percent" and best in (None, "investment", *GENERIC_METRICS)
                and PRICE_WORDS.search(text, clause[0], q.start) and direction):
            return "price_change"  # قفز سهم X بنسبة 12%: a share or price that moved
        if q.kind == "money" and best in (None, *GENERIC_METRICS) and BY_AMOUNT_RE.search(text, max(sent.start, q.start - 12), q.start):
            return "price_change"  # رفع سعر اللتر بمقدار 15 فلسا: the size of the move, not the price
        if (best == "deal_value" and q.kind == "money" and abs(q.value or 0.0) < SHARE_PRICE_MAX and q.unit not in self.coins
                and not SHARE_WORDS.search(text, sent.start, sent.end) and not SPREAD_RE.search(text, sent.start, q.start)):
            return "price_level"  # العقد الآجل عند 3.7690 ريال، عقود هنري هب 4.35 دولار: a contract's price, no deal's size
        if q.kind == "money" and self.breakeven_re.search(text, clause[0], q.start):
            return "budget"  # سعر التعادل للموازنة 84 دولاراً للبرميل: the budget's breakeven, no price
        if q.kind == "money" and best not in UNIT_PRICE_KEEPS and self._is_unit_price(text, q, clause):
            return "price_level"
        if best == "share_price" and self.per_unit_re.match(text, q.end):
            return "price_level"  # السعر ... 11 ألف دولار للطن: a share is never priced per tonne
        if best == "share_price" and q.kind == "money" and self.goods_price_re.search(text, clause[0], q.start):
            return "price_level"  # رفعت جهينة سعر اللتر الي 48 جنيه: a product's price, not the share's
        if best == "share_price" and q.kind == "money" and self._prices_a_thing(text, q, sent, clause):
            return "price_level"  # سعر المقاعد المحاذية للحلبة 45 ألف ريال: what the company sells, no share named
        if best is None and q.kind == "power":
            best = "capacity"  # a power figure with no cue is a capacity; its tense decides which
        if best in ("capacity", "capacity_target"):
            best = self._capacity_tense(text, q, sent, clause, best)
        if q.kind == "percent" and best in (None, "price_change") and COUNT_OF_RE.search(text, clause[0], q.start) \
                and not PRICE_WORDS.search(text, clause[0], q.start):
            return None  # تراجع عدد الزوار 37%، ارتفعت نسبة المطالبات الي 87.9%: a count or ratio moved, no price
        if best is None and q.kind == "percent" and direction:
            best = "price_change"
        if best == "price_change" and q.kind in CHANGE_KINDS and self._yield_moved(text, q, clause):
            return "interest_rate"  # نزل العائد على أذون السنة من 27.9% الي 25.6%، ضاق الفارق 35 نقطة أساس: a yield moved
        if best == "price_level" and direction and self._is_amount_moved(text, q):
            best = "price_change"  # الجرام خسر 150 جنيه: the amount a price moved, not where it stands
        if best is None and q.kind == "pp":
            best = "interest_rate"  # 50 نقطة أساس with no other cue: a rate move
        return best

    def _growth_of_level(self, text: str, q: RawQuantity, sent: Sentence, metric: str | None,
                         direction: str | None, prev: ClaimParts | None) -> str | None:
        """A percent move right after a level figure of its sentence (`prev`, the sentence's previous
        claim: بلغت الإيرادات 57 مليار دولار، بارتفاع 62%) is that level's growth, so it takes the
        level's specific metric; the cue the figure found itself is only a movement word (ارتفاع) then."""
        if (q.kind != "percent" or direction is None or metric not in (None, "price_change") or prev is None
                or prev.metric in GENERIC_METRICS
                or prev.quantity.kind in CHANGE_KINDS or q.start - prev.quantity.end > GROWTH_GAP):
            return metric
        between = self._matches(self.metric_index, text, sent.start, sent.end)
        if any(prev.quantity.end <= m.start and m.end <= q.start and m.value not in GENERIC_METRICS for m in between):
            return metric  # a metric of its own stands between: ... 5 مليارات، وارتفعت الديون 3%
        if PRICE_WORDS.search(text, prev.quantity.end, q.start):
            return metric  # ... صافي الدين 40 مليار ريال، وقد انخفض السهم 30%: the share moved
        if prev.metric is None:
            # عالج الميناء 10.2 مليون حاوية، بزيادة 18.8%: the growth of a quantity outside the vocabulary
            grew = GROWTH_LINK_RE.search(text, prev.quantity.end, q.start) is not None
            return None if grew and not PRICE_WORDS.search(text, sent.start, q.start) else metric
        return prev.metric if q.kind in self.metric_kinds.get(prev.metric, ()) else metric

    def _subject_metric(self, text: str, q: RawQuantity, sent: Sentence, metric: str | None,
                        subject: EntityMatch | None) -> str | None:
        """When the cues found nothing (or only a share's bare price cue), the subject's type decides: a
        coin's, commodity's or index's level (default_metric), or a company's share price at a price point."""
        if metric == "share_price" and (subject is None or subject.info.type not in ("ORG", "TICKER")) \
                and not SHARE_WORDS.search(text, sent.start, sent.end):
            return "price_level"  # سعر ثنائي فوسفات الامونيوم: the price of a thing, no share named
        # millions about a coin or a commodity are a position, a flow or open interest, no unit price
        # (شورت على البيتكوين بحوالي 120 مليون دولار)
        too_big = q.kind == "money" and abs(q.value or 0.0) >= UNIT_PRICE_MAX
        if metric == "price_level" and too_big and subject is not None and subject.info.type in ("COMMODITY", "CRYPTO"):
            return None
        if subject is None or metric not in (None, "share_price"):
            return metric
        default = default_metric(q.kind, subject.info.type)
        if default == "price_level" and (too_big or q.unit in self.coins):
            default = None  # 2.4 مليون ETH في طابور الخروج: coins held or moved, not a coin's price
        if default is not None and self._fits(text, q, default):
            return default
        if metric is None and self._is_share_price_point(text, q, subject.info.type):
            return "share_price"
        return metric

    @staticmethod
    def _is_share_price_point(text: str, q: RawQuantity, entity_type: str) -> bool:
        """A company's money figure with no cue, right after a price-point word (لو كسر 105 ريال،
        بعت عند 15 جنيه، رجعت لـ70 جنيه، هدفي 115 ريال، دخلت 21.40) or after the percent move that
        took it there (+4.2% لـ 268 فلس): a level its share trades at or aims for."""
        return (q.kind == "money" and entity_type in ("ORG", "TICKER")
                and bool(PRICE_POINT_RE.search(text, max(0, q.start - 20), q.start)
                         or (abs(q.value or 0.0) < SHARE_PRICE_MAX
                             and LEVEL_AFTER_CHANGE_RE.search(text, max(0, q.start - 12), q.start))))

    @staticmethod
    def _is_amount_moved(text: str, q: RawQuantity) -> bool:
        """A money figure or index points right after a movement verb, not an end point of the move
        (خسر 150 جنيه، خاسراً 155 نقطة but not ارتفع إلى 62 دولاراً): the size of the move."""
        return q.kind in ("money", "count") and not MOVE_ENDPOINT_RE.search(text, max(0, q.start - 30), q.start) and bool(
            MOVED_BY_RE.search(text, max(0, q.start - 30), q.start))

    def _moved_to_level(self, text: str, q: RawQuantity) -> bool:
        """A money figure followed by الى / لـ and a larger one of the same unit (صعد 30 سنتا الي علاوه
        1.65 دولار): the first is the move, the second where it ended."""
        if (q.kind != "money" or q.value is None or self._is_move_start(text, q)
                or MOVE_ENDPOINT_RE.search(text, max(0, q.start - 30), q.start)):
            return False  # من 1.75 الي 2.00: where the move began; الي 395 دولارا: where it ended
        m = MOVE_TO_LEVEL_RE.match(text, q.end)
        if m is None:
            return False
        i = bisect_left(self._claim_starts, m.end())
        nxt = self._claim_figures[i] if i < len(self._claim_figures) else None
        return (nxt is not None and nxt.start - m.end() <= MOVE_TO_LEVEL_GAP and nxt.kind == "money"
                and nxt.value is not None and abs(nxt.value) > abs(q.value))

    def _capacity_tense(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int], best: str) -> str:
        """Installed capacity or a planned one. A figure stated as now (78 جيجاواط حالياً، القدرة الحالية),
        as a comparison base or as the start of a move (من 77 إلى 142) is installed; a future cue in its
        clause or before it in its sentence (بحلول، تستهدف، تبني) makes it planned. A future cue only
        in a later clause belongs to that clause's figure."""
        if self._stated_as_now(text, q, clause) or self._is_base_figure(text, q) or self._is_move_start(text, q):
            return "capacity"
        if self.planned_re.search(text, clause[0], clause[1]) or self.planned_re.search(text, sent.start, q.start):
            return "capacity_target"
        return best

    def _stated_as_now(self, text: str, q: RawQuantity, clause: tuple[int, int]) -> bool:
        """A present word (حالياً، القدرة الحالية) in the figure's clause, unless it stands right after
        another figure and so dates that one (من 460 ميغاواط حالياً إلى 1 غيغاواط بحلول 2027)."""
        for m in WORD_RE.finditer(text, clause[0], clause[1]):
            if word_in(m.group(), self.present_cues) and not self._dates_other_figure(text, q, m.start()):
                return True
        return any(not self._dates_other_figure(text, q, m.start())
                   for m in PRESENT_CAPACITY.finditer(text, clause[0], clause[1]))

    def _dates_other_figure(self, text: str, q: RawQuantity, pos: int) -> bool:
        i = bisect_left(self._claim_starts, pos)
        return any(o is not q and 0 <= pos - o.end <= PRESENT_WORD_GAP for o in self._claim_figures[max(0, i - 2):i])

    def _is_base_figure(self, text: str, q: RawQuantity) -> bool:
        """The figure follows a base cue (مقارنة بنحو 78 جيجاواط، منذ)."""
        return _cue_just_before(text, q, self.base_year_cues)

    def _is_comparison_base(self, text: str, q: RawQuantity) -> bool:
        """The figure is what another is compared with (مقارنة بـ، مقابل), not a starting point (منذ)."""
        return _cue_just_before(text, q, self.comparison_cues)

    @staticmethod
    def _is_move_start(text: str, q: RawQuantity) -> bool:
        """The figure is X in من X إلى Y."""
        return bool(MOVE_START_RE.search(text, max(0, q.start - 12), q.start)) and bool(
            MOVE_TO_RE.match(text, q.end, q.end + 40))

    def _yield_moved(self, text: str, q: RawQuantity, clause: tuple[int, int]) -> bool:
        """A yield or a spread (العائد، عوائد، الفارق) stands before the figure in its clause with no
        share, price or index named after it: the move is of a rate, not of a price."""
        last = _last_match(YIELD_OR_SPREAD_RE, text, max(clause[0], q.start - YIELD_REACH), q.start)
        return (last is not None and not PRICE_WORDS.search(text, last.end(), q.start)
                and not NOT_A_RATE_AFTER_YIELD_RE.match(text, last.end()))

    def _prices_a_thing(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int]) -> bool:
        """The figure's price word names what is priced (سعر سيارتها، أسعار التذاكر) in a sentence that
        names no share: a good or a service, not a share price (share_words_after_price lists the
        words after which the price is still the share's: سعر الإغلاق، سعر الطرح، بسعر يبلغ)."""
        if SHARE_WORDS.search(text, sent.start, sent.end):
            return False
        last = _last_match(PRICE_THEN_WORD_RE, text, clause[0], q.start)
        return last is not None and last.group(1) not in self.share_after_price

    def _is_unit_price(self, text: str, q: RawQuantity, clause: tuple[int, int]) -> bool:
        """A money figure per unit (64 دولار للبرميل، 3.4 دينار للأورو) or the price of another currency
        named before it in its clause (اليورو عند 3.42 دينار، الدولار صار بـ 48 جنيه) is a price level."""
        return bool(self.per_unit_re.match(text, q.end)) or self._is_exchange_rate(text, q, clause)

    def _is_exchange_rate(self, text: str, q: RawQuantity, clause: tuple[int, int]) -> bool:
        """A money figure that prices another currency named before it in its clause (اليورو عند 3.42
        دينار، الدولار صار بـ 48 جنيه)."""
        lo = max(clause[0], q.start - EXCHANGE_REACH)
        return any(q.unit not in self.exchange_codes[m.group(1)] for m in self.named_currency_re.finditer(text, lo, q.start))

    def _fits(self, text: str, q: RawQuantity, metric: str) -> bool:
        """The figure's kind is one the metric is measured in, and a count counts what the metric
        counts (an index level counts points: 30 شركة in an index is no index level)."""
        if metric == NO_METRIC:
            return True
        if q.kind not in self.metric_kinds.get(metric, {q.kind}):
            return False
        if metric == "price_level" and not price_sized(q):
            return False  # الاوبن انترست 16.2 مليار دولار: billions are an amount, never a price
        nouns = self.count_nouns.get(metric)
        if q.kind != "count" or nouns is None:
            return True
        return q.counted is not None and word_in(text[q.counted[0]:q.counted[1]], nouns)

    # ------------------------------------------------------------- direction

    def _direction(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int],
                   ents: list[EntityMatch]) -> str | None:
        """The side of the nearest movement cue that may govern the figure. A cue inside a name
        (طلعت in طلعت مصطفى) is no cue. A sign moves a change (+5%); before an amount or a count it
        is a bound (+2 مليون محفظة), no move."""
        if q.sign and q.kind in CHANGE_KINDS:
            return "up" if q.sign > 0 else "down"
        paired = self._move_from_replaced(text, q)
        if paired is not None:
            return paired
        if q.kind == "percent" and SHARE_OF_RE.search(text, max(sent.start, q.start - 25), q.start):
            return None  # ارتفعت التكاليف 9% لتشكل 32% من الاجمالي: a share of a whole, not a change
        if TARGET_PRICE_RE.search(text, max(sent.start, q.start - 40), q.start):
            return None  # نرفع توصيتنا الي شراء بسعر مستهدف 52: the rating moved, the target is stated
        if HELD_AT_RE.search(text, max(clause[0], q.start - 60), q.start):
            return None  # بس المركزي ثبّت سعر الخصم عند 3.75%: held, whatever moved before it
        before_limit = self._direction_reach(text, q, sent)
        lo = min(clause[0], q.start - before_limit) if before_limit >= MOVE_REACH_DEFAULT else clause[0]
        # a closing level (اغلق عند 712 درهما، مرتفعا 2.3%؛ قفل على 16.8 بعد ما طلع 7%) is the end point
        # of the move told right after it, even in the next clause and before that move's size
        closing = q.kind not in CHANGE_KINDS and CLOSED_AT_RE.search(text, max(sent.start, q.start - 60), q.start) is not None
        # a comparison base (ارتفع الهامش الى 45.7% مقابل 36.5% قبل عام) is where no move ended: the
        # move before it is the other figure's
        base = self._is_comparison_base(text, q)
        # a cue before منها acts on what the pronoun names, not on the figure (صناديق البيتكوين طلع منها
        # 2.1 مليار دولار: flowed out of them; الزيادة يستفيد منها 11.5 مليون)
        part = PARTITIVE_RE.search(text, max(sent.start, q.start - 25), q.start)
        best, best_dist = None, None
        for m in _near(self._matches(self.direction_index, text, sent.start, sent.end), q.start, q.end):
            side = m.value
            after = m.start >= q.end
            if side == "none" or (m.start >= q.start and m.end <= q.end) or (base and not after):
                continue
            if part is not None and m.end <= part.start():
                continue
            if not lo <= m.start < clause[1] and not (closing and after):
                continue
            if any(e.start <= m.start < e.end for e in ents) or self._is_particle(text, m) or self._reports(text, m):
                continue
            if self._adjective_without_size(text, m) or self._came_out_at(text, q, m):
                continue
            if m.end <= q.start and self._cue_taken(text, q, sent, clause, m.end):
                continue
            if after and closing and not self._tells_closing_move(text, q, m, ents):
                continue
            if after and q.kind not in CHANGE_KINDS and not closing and self._figure_between(m.end, m.end + CUE_TAKER_GAP):
                continue  # 4,175 دولار بتراجع 0.6%: the cue introduces the next figure, the size of the move
            if after and CAUSE_RE.search(text, q.end, m.start):
                continue  # تراجعت الارباح 15% بسبب ارتفاع التكاليف: the cue after is the cause's move
            if after and closing and CONTRAST_RE.search(text, q.end, m.start):
                continue  # ليغلق عند 16.90 ريال، بينما تراجع المؤشر: another figure's move
            dist = q.start - m.end if m.end <= q.start else (m.start - q.end) * 2 + 5
            limit = before_limit if m.end <= q.start else (2 * CLOSING_AFTER_REACH + 5 if closing else self._after_reach(text, q, m))
            if dist > limit:
                continue
            if best_dist is None or dist < best_dist:
                best, best_dist = side, dist
        return best or self._direction_without_cue(text, q, sent)

    def _move_from_replaced(self, text: str, q: RawQuantity) -> str | None:
        """X (من Y) or X من Y with Y a figure of the same kind and unit: a move from Y to X, and
        both ends take its side (hard call 8), up when X is the larger."""
        m = REPLACED_FROM_RE.match(text, q.end)
        if m is not None:
            i = bisect_left(self._claim_starts, m.end())
            other = next((o for o in self._claim_figures[i:i + 1] if o.start == m.end()), None)
            if other is not None and self._same_measure(q, other):
                return _side(q.value, other.value)
        i = bisect_left(self._claim_starts, q.start) - 1
        other = self._claim_figures[i] if i >= 0 else None
        if (other is not None and other.end <= q.start and REPLACED_FROM_RE.fullmatch(text, other.end, q.start)
                and self._same_measure(q, other)):
            return _side(other.value, q.value)
        return None

    @staticmethod
    def _same_measure(a: RawQuantity, b: RawQuantity) -> bool:
        # counts stay out: 3 من 5 شركات is a part of a whole
        return a.kind == b.kind != "count" and a.unit == b.unit and bool(a.value) and bool(b.value)

    def _tells_closing_move(self, text: str, q: RawQuantity, cue, ents: list[EntityMatch]) -> bool:
        """A cue right after a closing level tells the move it closed on (، مرتفعاً 2.3%؛ بعد ما طلع
        7%؛ وطلع 6% في جلسة), unless a name or an owner word follows it before its figure: then it
        starts another figure's clause (وارتفعت ارباح سابك 5%)."""
        if cue.start - q.end > CLOSING_AFTER_REACH:
            return False
        i = bisect_left(self._figure_starts, cue.end)
        stop = self._figure_starts[i] if i < len(self._figure_starts) else cue.end + CLOSING_AFTER_REACH
        if any(cue.end <= e.start < stop for e in ents):
            return False
        return not any(word_in(w, OWNER_WORDS) for w in WORD_RE.findall(text, cue.end, stop))

    def _direction_without_cue(self, text: str, q: RawQuantity, sent: Sentence) -> str | None:
        """Where no word says it: an arrow beside the figure (772 فلس ⬆️ 1.2%), a signed change right
        beside a level (+0.42% عند 9,286 نقطة، 13.05 ريال (+0.6%)), or a level stated against the
        one before it (صارت بـ 15 دينار بعد ما كانت 12)."""
        arrow = ARROW_RE.search(text, q.end, min(sent.end, q.end + 4)) or ARROW_BEFORE_RE.search(text, max(sent.start, q.start - 4), q.start)
        if arrow:
            return "up" if arrow.group().strip()[0] in UP_ARROWS else "down"
        if q.kind in CHANGE_KINDS:
            return None
        lo = bisect_left(self._signed_changes, (q.start - 40,))
        for start, end, sign in self._signed_changes[lo:bisect_right(self._signed_changes, (q.end + 4, len(text)))]:
            if sent.start <= start and end <= sent.end and (0 <= q.start - end <= 12 or 0 <= start - q.end <= 4):
                return "up" if sign > 0 else "down"
        paired = self._was_then_became(text, q, sent)
        if paired is not None:
            return paired
        m = WAS_BEFORE_RE.match(text, q.end, sent.end)
        if m is not None and not STEADY_RE.search(text, max(sent.start, q.start - 40), q.start):
            i = bisect_left(self._claim_starts, m.end())
            before = next((o for o in self._claim_figures[i:i + 2] if o.start - m.end() <= 12
                           and o.kind == q.kind and o.unit == q.unit and o.value), None)
            if before is not None and before.value != q.value:
                return "up" if q.value > before.value else "down"
        return None

    def _was_then_became(self, text: str, q: RawQuantity, sent: Sentence) -> str | None:
        """كانت بـ 10 وبقت بـ 12: a level it was, then the level it turned into. Both ends take the
        side of the move, as with a replaced figure (hard call 8)."""
        i, j = bisect_left(self._claim_starts, q.start), bisect_right(self._claim_starts, q.start)
        after = self._claim_figures[j] if j < len(self._claim_figures) else None
        if after is not None and after.end <= sent.end and self._was_became(text, q, after, sent):
            return _side(after.value, q.value)
        before = self._claim_figures[i - 1] if i > 0 else None
        if before is not None and before.start >= sent.start and self._was_became(text, before, q, sent):
            return _side(q.value, before.value)
        return None

    def _was_became(self, text: str, was: RawQuantity, became: RawQuantity, sent: Sentence) -> bool:
        """`was` follows كان/كانت, and only a became-verb (صار، بقت، ولّى) and no figure lead to `became`."""
        return (self._same_measure(was, became) and WAS_AT_RE.search(text, max(sent.start, was.start - 30), was.start) is not None
                and BECAME_BETWEEN_RE.fullmatch(text, was.end, became.start) is not None)

    def _is_particle(self, text: str, cue) -> bool:
        """The cue is a particle here: فقد (ف + قد) before a verb or another movement cue (فقد بلغت
        الايرادات، فقد يعود المؤشر، فقد ارتفعت), not the verb 'lost' (فقد الجنيه 35%)."""
        verbs = self.particle_verbs.get(text[cue.start:cue.end])
        if verbs is None:
            return False
        after = WORD_RE.search(text, cue.end, cue.end + 30)
        if after is None:
            return False
        word = after.group()
        imperfect = (len(word) >= 4 and word.startswith(self.particle_verb_prefixes)
                     and not self._figure_between(after.start(), after.end()))  # فقد تريليون دولار: lost
        return (word_in(word, verbs) or imperfect
                or next(self.direction_index.finditer(text, after.start(), after.end()), None) is not None)

    def _adjective_without_size(self, text: str, cue) -> bool:
        """An adjective (مرتفعا، منخفضة) says a move only right before its own size (منخفضة بنحو 6%
        عن الشهر السابق); alone it describes a level (لا يزال الدين مرتفعا عند 116%)."""
        if not word_in(text[cue.start:cue.end], self.size_adjectives):
            return False
        lead = SIZE_LEAD_RE.match(text, cue.end).end()
        return not self._figure_between(lead, lead + 2)

    def _came_out_at(self, text: str, q: RawQuantity, cue) -> bool:
        """Dialect طلع right before a level says where it came out (صافي الربح طلع 6.6 مليار), not
        that it rose; before a change (طلع 6%) or with لـ/إلى (طلع لـ 30 جنيه) it is a rise."""
        return (q.kind not in CHANGE_KINDS and cue.end <= q.start and word_in(text[cue.start:cue.end], self.came_out_words)
                and CAME_OUT_GAP_RE.fullmatch(text, cue.end, q.start) is not None)

    def _reports(self, text: str, cue) -> bool:
        """The cue reports speech here: وأضاف (الرئيس التنفيذي) أن ... is 'he added that', no move."""
        if not word_in(text[cue.start:cue.end], self.reporting_words):
            return False
        return any(word_in(w, self.reporting_followers) for w in WORD_RE.findall(text, cue.end, cue.end + 60)[:REPORTING_REACH])

    @staticmethod
    def _after_reach(text: str, q: RawQuantity, cue) -> int:
        """How far after a figure a movement cue may stand. A change reaches over its noun (5% في
        الايرادات ارتفاعا). A verb right after a count tells what the counted things did (118 سهم
        ارتفعت), so a count takes only an accusative participle (9,500 نقطة مرتفعا)."""
        if q.kind == "count" and not ACCUSATIVE_END_RE.search(text, cue.start, cue.end):
            return -1
        return AFTER_REACH.get(q.kind, 10)

    def _cue_taken(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int], cue_end: int) -> bool:
        """A cue before a level is taken by a figure between them (قفز 6% بعد النتائج والإيرادات
        57 مليار؛ تراجعاً بنسبة 22% عن سعر الإغلاق البالغ 262.80 ريال), unless the level is the end
        point of the move (ارتفع 5% الي 120 ريالا، نزل 2% وقفل عند 9,800 نقطة؛ خفض الفائدة 200 نقطة
        اساس، ليصل العائد الي 24%). Changes (%, pp) share a cue within their clause (ارتفع السهم 3%
        والمؤشر 1%), not across one (بنمو 40% على اساس سنوي، وهامش ربح بلغ 59%)."""
        if not self._figure_between(cue_end, q.start) or (q.kind in CHANGE_KINDS and cue_end > clause[0]):
            return False
        return not self._is_move_end(text, sent, q.start)

    def _is_move_end(self, text: str, sent: Sentence, start: int) -> bool:
        """The figure starting at `start` is where a move ended (see LEVEL_END_RE), itself or as
        the next item after one (ليصلا الي 22% و23%)."""
        if LEVEL_END_RE.search(text, max(sent.start, start - 40), start) or CLOSE_AT_RE.search(text, max(sent.start, start - 40), start):
            return True
        i = bisect_left(self._figure_ends, start + 1) - 1
        if i < 0 or LIST_JOIN_RE.fullmatch(text, self._figure_ends[i], start) is None:
            return False
        previous = self._figure_starts[bisect_left(self._figure_starts, self._figure_ends[i]) - 1]
        return previous < start and self._is_move_end(text, sent, previous)

    @staticmethod
    def _direction_reach(text: str, q: RawQuantity, sent: Sentence) -> int:
        """How far before a figure (in characters) a movement cue may stand. A level takes a cue only
        from a verb right before it in its clause (ارتفعت الايرادات الي 14 مليار); a change (%, pp)
        reaches further, across commas; the end point of a stated move (خفض الفائدة 200 نقطة اساس
        ليصل العائد الي 24%, تراجع ... من 14.9%) and a change in points, which always is a move,
        reach furthest."""
        window = max(sent.start, q.start - 40)
        if (q.kind == "pp" or MOVE_ENDPOINT_RE.search(text, window, q.start) or CLOSE_AT_RE.search(text, window, q.start)
                or BY_AMOUNT_RE.search(text, max(sent.start, q.start - 12), q.start)):
            return MOVE_REACH_ENDPOINT  # ... بمقدار 40 سنتا: the size of a move, whose verb may stand far before
        return MOVE_REACH_DEFAULT if q.kind in CHANGE_KINDS else 60

    # --------------------------------------------------------------- subject

    def _subject_candidates(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int],
                            ents: list[EntityMatch], metric: str | None,
                            fallbacks: tuple[tuple[EntityMatch | None, str], ...] = ()) -> list[SubjectCandidate]:
        """The possible subjects of a figure with their features (resources/subject_weights.json
        says what each means): the names of its sentence, then the fallbacks (carried subject,
        document topic, currency country); none when its clause is about no named entity."""
        clause = self._list_clause(text, clause, ents, q)
        if self._is_collective(text, q, sent, clause, ents):
            return []  # about no named entity
        group = metric_group(metric)
        out = []
        for e in _near(ents, q.start, q.end):
            if e.start >= q.start and e.end <= q.end:
                continue
            if e.start >= q.end and BENCHMARK_RE.fullmatch(text, q.end, e.end):
                continue  # 110 نقاط أساس فوق سندات الخزانة الأمريكية: the benchmark, not the issuer
            if SPREAD_PAIR_RE.search(text, max(sent.start, e.start - 90), e.start):
                continue  # الفارق بين برنت وغرب تكساس: the second price is what the first is measured against
            f = {f"type:{group}:{e.info.type}": 1.0}
            if clause[0] <= e.start < clause[1]:
                f["in_clause"] = 1.0
            if e.end <= q.start:
                f["before"] = 1.0
                f["chars_before"] = (q.start - e.end) / 100
            else:
                f["chars_after"] = (e.start - q.end) / 100
            prev = PREV_WORD_RE.search(text, max(sent.start, e.start - 25), e.start)
            prev_word = prev.group(1) if prev else None
            if prev_word and prev_word[0] in "وف" and prev_word[1:] in OWNER_WORDS:
                prev_word = prev_word[1:]  # ووزن X، وسهم X: the conjunction glued to the owner word
            attached = e.start > 0 and text[e.start - 1] in "بلك" and (e.start < 2 or not text[e.start - 2].isalpha())
            if ((prev_word in OWNER_WORDS and not (e.start > q.start and SHARES_OF_RE.search(text, max(sent.start, e.start - 20), e.start)))
                    or self._relative_clause_of(text, e, q, ents) or self._pronoun_owner(text, e, q, ents)
                    or self._labels_line(text, e, q, ents) or SPREAD_FIRST_RE.search(text, max(sent.start, e.start - 40), e.start)):
                f["owner"] = 1.0
            elif prev_word in PREPOSITIONS or attached:
                f["preposition"] = 1.0
            in_clause = clause[0] <= e.start < clause[1]
            head = _words_before(text, clause[0] if in_clause else sent.start, e.start)
            if len(head) <= 1:
                f["clause_head"] = 1.0  # clause-initial subject (SVO) or right after the verb (VSO)
            reporter = e.info.name in self.sources or (e.info.name in self.lenders and q.kind != "money")
            if (reporter and prev_word not in OWNER_WORDS) or (prev_word and word_in(prev_word, self.source_words)):
                f["source"] = 1.0  # وقدرت الوكالة (فيتش) عجز الموازنة، بحسب بيان الهيئة: the figure is another's
            if f.get("preposition") and f.get("before") and f.get("in_clause") and e.info.type == "GPE" \
                    and not REPORTED_FROM_RE.search(text, max(sent.start, e.start - 40), e.start):
                country = self.country_of(e.info)
                if country is not None and country.name != e.info.name \
                        and any(c is not None and c.info.name == country.name and kind == "topic" for c, kind in fallbacks) \
                        and not self._is_exchange_rate(text, q, clause):
                    f["place_in_fallback"] = 1.0  # ارتفعت الإيجارات في الدوحة 6%: the city, not its country
            out.append(SubjectCandidate(e, f))
        for cand, kind in fallbacks:
            if cand is not None:
                out.append(SubjectCandidate(cand, {f"fallback_{kind}": 1.0, f"type:{group}:{cand.info.type}": 1.0}))
        return out

    @staticmethod
    def _labels_line(text: str, e: EntityMatch, q: RawQuantity, ents: list[EntityMatch]) -> bool:
        """The name opens the figure's line (after a list marker) and a colon follows it, maybe after
        its ticker (3- فوري FWRY: ضرب وقف الخسارة عند 8.85 جنيه): the line is about it, unless
        another name comes between the colon and the figure."""
        if e.end > q.start or not LINE_LABEL_START_RE.search(text, max(0, e.start - 30), e.start):
            return False
        colon = LINE_LABEL_END_RE.match(text, e.end, q.start)
        if colon is None or "\n" in text[e.end:q.start]:
            return False
        return not any(colon.end() <= o.start < q.start for o in ents if o is not e)

    @staticmethod
    def _pronoun_owner(text: str, e: EntityMatch, q: RawQuantity, ents: list[EntityMatch]) -> bool:
        """An owner word with a pronoun (سهمها، ارباحه) between the name and the figure, no other name
        between: ولم تعلق انفيديا، غير ان سهمها اغلق مرتفعا 1.8% is Nvidia's share, a name after من
        or not."""
        if e.end > q.start or any(e.end <= o.start < q.start for o in ents if o is not e):
            return False
        # the name closes its clause and the owner word opens the next one: ...انفيديا، غير ان سهمها
        return bool(PRONOUN_OWNER_RE.match(text, e.end, min(q.start, e.end + PRONOUN_REACH)))

    def _relative_clause_of(self, text: str, e: EntityMatch, q: RawQuantity, ents: list[EntityMatch]) -> bool:
        """The figure stands in a relative clause that opens right after the name (X، التي ...),
        with no other name or figure between."""
        if e.end > q.start or not RELATIVE_RE.match(text, e.end, q.start):
            return False
        return not self._figure_between(e.end, q.start) and not any(e.end <= o.start < q.start for o in ents)

    def _is_collective(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int],
                       ents: list[EntityMatch]) -> bool:
        """The figure is about no named entity: its clause sums several (مجتمعة، مجموعهم), or a plural
        actor that names none (البنوك المركزية، الشركات الكبرى، البنوك السعودية), not after a preposition
        (الودائع في المصارف), stands before it with no name and no other figure between."""
        for m in self._matches(self.collective_index, text, sent.start, sent.end):
            if not clause[0] <= m.start < clause[1]:
                continue
            if m.value == "combined":
                return True
            if (m.end <= q.start and not self._figure_between(m.end, q.start)
                    and not after_preposition(text, sent.start, m.start)
                    and not any(m.end <= e.start < q.start and text[m.end:e.start].strip() for e in ents)):
                return True  # a name right after the actor qualifies it (البنوك السعوديه): still no one
        return False

    def _list_clause(self, text: str, clause: tuple[int, int], ents: list[EntityMatch],
                     q: RawQuantity) -> tuple[int, int]:
        """A name after و that follows another figure of the clause opens a new clause (Meta بـ 30
        مليار وAlphabet بـ 25 مليار; البيتكوين عند 101 ألف والإيثيريوم عند 3,350): the clause of
        the figure then starts at that name."""
        start = clause[0]
        for e in _near(ents, q.start, q.end):
            if start < e.start < q.start and _after_waw(text, e.start) and self._figure_between(start, e.start):
                start = e.start
        return start, clause[1]

    def _country_of_capital(self, text: str, sent: Sentence, subject: EntityMatch | None,
                            metric: str | None) -> EntityMatch | None:
        """A capital acting in the figure's sentence (تستهدف بكين، حصلت القاهرة على) stands for its
        government: a figure of the state's budget, debt, trade, investment or plans is the country's.
        A capital after a preposition is a place (صفقات العقار في القاهرة), and prices and rents in it
        stay the city's."""
        acting = subject is not None and sent.start <= subject.start < sent.end  # named here, not a fallback
        country = self.country_of_capital.get(subject.info.name) if acting else None
        if country is None or metric not in STATE_METRICS or after_preposition(text, sent.start, subject.start):
            return subject
        return EntityMatch(country, subject.start, subject.end, -1, -1)

    def _country_of_bank(self, subject: EntityMatch | None, metric: str | None,
                         market_rate: bool = False) -> EntityMatch | None:
        """Inflation, GDP, trade, the budget and unemployment are the country's, not its central
        bank's, even when the bank reports them (the guidelines: the country whose inflation it is);
        the policy rate is the central bank's, not the country's, but a bond's yield or an
        interbank rate (`market_rate`) is the country's."""
        if subject is None:
            return subject
        related = None
        if metric in COUNTRY_METRICS and subject.info.type == "CENTRAL_BANK":
            related = self.country_of(subject.info)
        elif metric == "interest_rate" and subject.info.type == "GPE" and not market_rate:
            related = self.banks.get(subject.info.name)
        return EntityMatch(related, subject.start, subject.end, -1, -1) if related is not None else subject

    def _exchange_of_index(self, text: str, subject: EntityMatch | None, metric: str | None) -> EntityMatch | None:
        """The market value, trading and flows of a market are its exchange's, not its index's; and an
        index named only as the index of its exchange (مؤشر سوق دبي المالي العام) is annotated as that
        exchange, while a named index (تاسي، EGX30) keeps its name for its points and moves."""
        name = self.gazetteer.exchange_of.get(subject.info.name) if subject is not None else None
        if name is None:
            return subject
        named_by_exchange = subject.start >= 0 and self.gazetteer.resolve(
            INDEX_WORDS.sub("", text[subject.start : subject.end])) == name
        if metric not in EXCHANGE_METRICS and not named_by_exchange:
            return subject
        return EntityMatch(self.gazetteer.entities[name], subject.start, subject.end, -1, -1)

    def country_of(self, info: EntityInfo) -> EntityInfo | None:
        """The gazetteer's country entity for an entity's country field (United Arab Emirates -> UAE)."""
        name = self.gazetteer.resolve(info.country) if info.country else None
        country = self.gazetteer.entities.get(name) if name else None
        return country if country is not None and country.type == "GPE" else None

    def currency_country(self, q: RawQuantity) -> EntityMatch | None:
        """An amount in a local currency is about that currency's country when nothing better is known."""
        info = self.currency_countries.get(q.unit) if q.kind == "money" else None
        return EntityMatch(info, -1, -1, -1, -1) if info is not None else None

    def _antecedent(self, text: str, q: RawQuantity, sent: Sentence, ents: list[EntityMatch],
                    topic: EntityMatch | None) -> EntityMatch | None:
        """What a bare definite noun before the figure stands for (وقالت الشركة إن ...، يملك الصندوق
        نحو 16%): the section's topic if such a noun can name it, else the last entity named before
        it that it can (subjects.json `anaphors`). Not when the noun begins a name (البنك الأهلي) or
        a name stands between it and the figure."""
        noun = _last_match(self.anaphor_re, text, sent.start, q.start)
        if noun is None or any(e.start <= noun.end() + 2 and noun.start() < e.end for e in ents) \
                or any(noun.end() <= e.start < q.start for e in ents):
            return None
        types, words = self.anaphor_fits[noun.group(1)]

        def fits(e: EntityMatch) -> bool:
            return e.info.type in types or bool(words & self.alias_words.get(e.info.name, set()))

        if topic is not None and fits(topic):
            return topic  # الشركة in a post about a company is that company, whoever was named last
        i = bisect_left(self._doc_ent_starts, noun.start())
        for e in reversed(self._doc_ents[max(0, i - ANAPHOR_LOOKBACK):i]):  # bounded: long texts stay linear
            if e.end <= noun.start() and fits(e):
                return e
        return None

    @staticmethod
    def _carried_subject(previous: list[ClaimParts], q: RawQuantity, breaks: list[int]) -> EntityMatch | None:
        """The entity the previous claim of the paragraph was found to be about."""
        if not previous or previous[-1].found is None:
            return None
        last = previous[-1].quantity
        i = bisect_left(breaks, last.end)  # breaks are sorted: is there one between the two figures?
        if i < len(breaks) and breaks[i] < q.start:
            return None
        return previous[-1].found

    def _matches(self, index: PhraseIndex, text: str, start: int, end: int) -> list:
        """Phrase matches in text[start:end], computed once per document and span."""
        key = (id(index), start, end)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = list(index.finditer(text, start, end))
        return found

    # ------------------------------------------------------------------ year

    def _year(self, text: str, q: RawQuantity, sent: Sentence, clause: tuple[int, int],
              years: list[RawQuantity], doc_years: list[RawQuantity]) -> int | None:
        """The nearest year of the clause that is not a comparison base, or of an earlier clause of
        the sentence that this clause goes on describing (see _continues_clause); none for a current
        level (78 جيجاواط حالياً); else, when the sentence refers back to the post's period (خلال
        الربع، العام نفسه) and the figure's clause names no other (خلال العام المقبل), the last year
        named before the sentence that may be a post's period (see _names_period)."""
        if self._is_current(text, q):
            return None
        best, best_dist = None, None
        for y in _near(years, q.start, q.end):
            if self._is_base_year(text, y) or (y.start >= q.end and self._has_base_cue(text, q.end, y.start)):
                continue  # منذ 2023; 409 مليارات مقارنة مع 441 في الفترة نفسها من 2024: the base's year
            if y.start >= q.end and self._year_of_figure_between(text, q, y):
                continue  # من 77 الي 142 مليون طن بحلول 2030: a year after another figure is that figure's
            if y.end <= q.start and self._ends_list_item(text, y, q, years):
                continue  # 11 مليارا في 2025 و12 مليارا في 2026: 2025 is the first item's
            dist = y.start - q.end if y.start >= q.end else q.start - y.end
            if not (clause[0] <= y.start < clause[1]):
                if y.start >= q.end or not (self._continues_clause(text, clause)
                                            or self._is_fronted_time(text, y, sent)):
                    continue  # 835 ميغاواط، على ان يعود للعمل في 2027: another clause's year
                dist += 200
            if best_dist is None or dist < best_dist:
                best, best_dist = y, dist
        if best is None and (compared := self._year_by_comparison(text, q, years)) is not None:
            return _calendar_year(compared)
        if (best is None and sent.index >= 0 and self._refers_to_period(text, sent.start, sent.end)
                and True not in self._period_phrases(text, clause[0], clause[1])):
            best = next((y for y in reversed(doc_years[: bisect_left([d.start for d in doc_years], sent.start)])
                         if self._names_period(text, y)), None)
        return None if best is None else _calendar_year(int(best.value))

    def _is_fronted_time(self, text: str, y: RawQuantity, sent: Sentence) -> bool:
        """The year stands in a short time phrase that opens the sentence and sets the time of all
        of it (في الربع الثالث من 2025، ارتفعت الايرادات 10%)."""
        start, end = self._index.clause(y.start, sent)
        words = WORD_RE.findall(text, start, end)
        return (start <= sent.start + 2 and 0 < len(words) <= FRONTED_TIME_WORDS
                and word_in(words[0], self.time_openers) and not self._figure_between(start, end))

    def _continues_clause(self, text: str, clause: tuple[int, int]) -> bool:
        """The clause goes on describing the figure of the clause before it, so that clause's year is
        its year too: it opens with a continuation word (، بزيادة 9%؛ ، بإجمالي 2.7 مليار) or refers
        back to the period (، توسعت 5% خلال العام نفسه)."""
        return (any(word_in(w, self.continuation_words) for w in WORD_RE.findall(text, clause[0], clause[1])[:3])
                or self._refers_to_period(text, clause[0], clause[1]))

    def _refers_to_period(self, text: str, start: int, end: int) -> bool:
        """text[start:end] refers back to the post's period (خلال الربع، العام نفسه)."""
        return False in self._period_phrases(text, start, end)

    def _period_phrases(self, text: str, start: int, end: int) -> list[bool]:
        """For each period phrase in text[start:end], whether it names another period than the
        post's (خلال العام المقبل) rather than referring back to it (خلال العام)."""
        out = []
        for m in self._matches(self.period_index, text, start, end):
            after = WORD_RE.findall(text, m.end, m.end + 15)[:1]
            out.append(bool(after and word_in(after[0], self.relative_period_words)))
        return out

    def _year_by_comparison(self, text: str, q: RawQuantity, years: list[RawQuantity]) -> int | None:
        """The year a comparison tells for a figure that names none: a base a year back (مقارنة
        بـ105 مليار قبل عام) is about the year before the one its sentence names; a figure compared
        with the same period of a year (1.37 ريال مقارنة مع 1.30 في الفترة ذاتها من 2024) is about
        the year after that one."""
        if self._is_base_figure(text, q) and self._phrase_follows(self.year_ago_index, text, q.end):
            before = [y for y in years if y.end <= q.start and not self._is_base_year(text, y)]
            return int(before[-1].value) - 1 if before else None
        for y in years:
            if y.start >= q.end and self._has_base_cue(text, q.end, y.start):
                before = WORD_RE.findall(text, max(q.end, y.start - 30), y.start)[-3:]
                if any(word_in(w, self.same_period_words) for w in before):
                    return int(y.value) + 1
        return None

    @staticmethod
    def _phrase_follows(index: PhraseIndex, text: str, pos: int) -> bool:
        """A phrase of `index` starts at the first word after `pos`."""
        first = WORD_RE.search(text, pos, pos + 20)
        return first is not None and any(m.start == first.start()
                                         for m in index.finditer(text, first.start(), first.start() + 30))

    def _names_period(self, text: str, y: RawQuantity) -> bool:
        """The year may be the period a post is about: not a base (منذ 2023), a horizon (حتي 2028)
        or a comparison period (الفترة نفسها من 2024)."""
        before = WORD_RE.findall(text, max(0, y.start - 45), y.start)[-3:]
        return not (self._is_base_year(text, y, window=4)
                    or any(word_in(w, self.period_skip) or word_in(w, self.same_period_words) for w in before))

    def _is_base_year(self, text: str, y: RawQuantity, window: int = 2) -> bool:
        """A year within `window` words after a base cue (منذ 2023، مقارنة بـ2024) is a starting point
        or a base, unless it is the start of the year to date (منذ بداية 2025)."""
        before = WORD_RE.findall(text, max(0, y.start - 15 * window), y.start)[-window:]
        if before and word_in(before[-1], self.ytd_words):
            return False
        return any(word_in(w, self.base_year_cues) for w in before)

    def _ends_list_item(self, text: str, y: RawQuantity, q: RawQuantity, years: list[RawQuantity]) -> bool:
        """The year right before the figure (only و between) closes the item before it: it follows
        another figure closely, and the figure has a year of its own as close after it
        (X في 2025 وY في 2026)."""
        if LIST_JOIN_RE.fullmatch(text, y.end, q.start) is None:
            return False
        if not any(0 <= o.start - q.end <= LIST_ITEM_GAP for o in years):
            return False
        i = bisect_left(self._figure_ends, y.start + 1)
        return i > 0 and y.start - self._figure_ends[i - 1] <= LIST_ITEM_GAP

    def _year_of_figure_between(self, text: str, q: RawQuantity, y: RawQuantity) -> bool:
        """A figure between q and the year after it owns the year (من 77 الي 142 مليون طن بحلول
        2030), unless q is a change and the figure is the end point of its move (تنمو 6% سنويا لتصل
        الي 85 مليار في 2027)."""
        i = bisect_left(self._figure_starts, q.end)
        while i < len(self._figure_starts) and self._figure_starts[i] < y.start:
            start = self._figure_starts[i]
            if not (q.kind in CHANGE_KINDS and MOVE_TO_END_RE.search(text, max(q.end, start - 20), start)):
                return True
            i += 1
        return False

    def _figure_between(self, start: int, end: int) -> bool:
        """Another claim figure begins in [start, end)."""
        i = bisect_left(self._figure_starts, start)
        return i < len(self._figure_starts) and self._figure_starts[i] < end

    def _has_base_cue(self, text: str, start: int, end: int) -> bool:
        """A base cue in text[start:end] that does not open a year to date (منذ بداية)."""
        words = WORD_RE.findall(text, start, end)
        return any(word_in(w, self.base_year_cues) and not (i + 1 < len(words) and word_in(words[i + 1], self.ytd_words))
                   for i, w in enumerate(words))

    def _is_current(self, text: str, q: RawQuantity) -> bool:
        """A present-time word right after the figure: a level as it stands now."""
        after = WORD_RE.findall(text, q.end, q.end + 20)
        return any(word_in(w, self.present_cues) for w in after[:2])


def words_re(words, prefix: str = "") -> regex.Pattern:
    """Any of `words` (folded here) as a whole word after `prefix` (a pattern, e.g. CLITIC_BEFORE);
    the longest word is tried first."""
    alternatives = "|".join(sorted((regex.escape(fold(w)) for w in words), key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}])%s(?:%s)(?![\p{L}])" % (prefix, alternatives))


def definite_word_re(words, articles: str = "ال") -> regex.Pattern:
    """One of the folded `words` written with its article (`articles`, an alternation) and an
    optional و/ف; group 1 is the word. The longest word wins."""
    alternatives = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}])[وف]?(?:%s)(%s)(?![\p{L}])" % (articles, alternatives))


def after_preposition(text: str, lo: int, pos: int) -> bool:
    """The word at `pos` follows a preposition (في المصارف) or has one glued to it (بالبنوك); the
    preposition is looked for from `lo` (the sentence start) on."""
    prev = PREV_WORD_RE.search(text, max(lo, pos - 25), pos)
    return (prev is not None and prev.group(1) in PREPOSITIONS) or (
        pos > 0 and text[pos - 1] in "بلك" and (pos < 2 or not text[pos - 2].isalpha()))


def _words_before(text: str, start: int, pos: int) -> list[str]:
    """The words of text[start:pos], less a clitic glued to the word at `pos` (the ال of السولانا,
    the و of وAlphabet), which is no word of its own."""
    words = text[start:pos].split()
    if words and pos > start and text[pos - 1].isalpha():
        words.pop()
    return words


def _calendar_year(value: int) -> int | None:
    """A Gregorian year as a claim's year; a Hijri one (1446هـ) is none."""
    return value if 1900 <= value <= 2100 else None


def _last_match(pattern: regex.Pattern, text: str, start: int, end: int):
    """The last match of `pattern` in text[start:end], or None."""
    last = None
    for last in pattern.finditer(text, start, end):
        pass
    return last


def _inside(m, span: tuple[int, int] | None) -> bool:
    """Match m lies within span."""
    return span is not None and span[0] <= m.start and m.end <= span[1]


def _after_waw(text: str, pos: int) -> bool:
    """The word at `pos` follows the conjunction و, glued to it (وAlphabet, والإيثيريوم when the
    name leaves out the article) or standing alone."""
    before = text[max(0, pos - 5) : pos].rstrip(" ـ")
    before = before[:-2] if before.endswith("وال") else before
    return before.endswith("و") and (len(before) < 2 or not before[-2].isalpha())


NEAR = 300  # characters around a figure where its cues, names and years are looked for


def _cue_just_before(text: str, q: RawQuantity, cues: set[str]) -> bool:
    """One of `cues` is among the three words right before the figure."""
    return any(word_in(w, cues) for w in WORD_RE.findall(text, max(0, q.start - 25), q.start)[-3:])


def _side(to_value: float, from_value: float) -> str | None:
    """The side of a move from `from_value` to `to_value`."""
    return "up" if to_value > from_value else "down" if to_value < from_value else None


def _topic_at(sections: list[tuple[int, EntityMatch | None]], pos: int, topic: EntityMatch | None) -> EntityMatch | None:
    """The topic of the section holding `pos` (sections sorted by start), else the document's."""
    i = bisect_right(sections, pos, key=lambda section: section[0])
    return sections[i - 1][1] if i else topic


def _near(items: list, start: int, end: int) -> list:
    """The items (sorted by .start) that begin within NEAR characters of [start, end)."""
    if len(items) < 16:
        return items
    starts = [i.start for i in items]
    return items[bisect_left(starts, start - NEAR) : bisect_right(starts, end + NEAR)]


__all__ = ["ClaimAssembler", "ClaimParts", "after_preposition"]
