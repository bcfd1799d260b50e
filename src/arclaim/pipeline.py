"""The extraction pipeline, shared by the CLI, batch mode and the spaCy component.

text -> normalized text with offset map -> numerals -> quantities -> sentences
-> entities (only in sentences with a claim) -> claims -> stance -> check -> records
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .claims import COST_WORD_RE, EXCHANGE_METRICS, PARAGRAPH_RE, ClaimAssembler, ClaimParts, after_preposition, definite_word_re, metric_model_input, price_sized, words_re
from .entities import EntityInfo, EntityMatch, EntityMatcher, Gazetteer, alias_key
from .lexicon import TOKEN_RE, PhraseIndex, clitic_variants, fold, load_json, strip_clitics
from .models import CLAIM_KINDS, Claim, Entity, Quantity, Span
from .normalize import MATCH_OPTIONS, Normalized, normalize
from .numerals import NumeralFinder
from .quantities import QuantityParser, RawQuantity
from .sentences import SentenceIndex
from .stance import (MODEL_DIR, StanceLexicon, StanceModel, blend, combine_cues, direction_signal, model_input, result_of,
                     smooth_by_paragraph)
from .textcat import TrainedTextcat, model_dir

HEADING_MAX_WORDS = 9
AUTHOR_MAX_WORDS = 4  # an author's display name above the handle line (أبو فهد | متداول)
METAL_COST_REACH = 90  # characters before a metal's unit (للأوقية) within which a cost word makes it a miner's cost
ANTECEDENT_SENTENCES = 3  # sentences before a bare الشركة whose names are matched for it to stand for
LABEL_MAX_WORDS = 2  # a first line this short without a name (even a weak one: البحري طار) is a label (ترجمة، عاجل)
BULLET_RE = regex.compile(r"[ \t]*[-•*·▪◾●][ \t]")  # a bulleted list item
# a post's first line with its author's handle (@abu_fahad · 12 نوفمبر، أبو ناصر | أسهم الكويت @abunasser_kw · ٢٨ أكتوبر)
HANDLE_LINE_RE = regex.compile(r"\s*@\w+|[^\n@]{0,60}@[A-Za-z0-9_]+[ \t]*(?:[·•|][^\n]*)?$", regex.M)
# An author's byline or a report's letterhead with the date or age (Sara Haddad · ٣٠ تشرين الأول، Karim DZ ·
# منذ 3 ساعات، مذكرة استراتيجية الدخل الثابت | 14 نوفمبر)
BYLINE_RE = regex.compile(r"[^\n@·|]{1,60}[·|][ \t]*(?:منذ[ \t]|[\d٠-٩]{1,2}[ \t]+\p{L})[^\n]{0,40}$", regex.M)
# The header of an exchange's social feed (Binance Square، Gate Square · منشور): the platform, not the topic.
FEED_LINE_RE = regex.compile(r"[^\n]{0,40}(?<![\p{L}])(?:Square|سكوير)(?![\p{L}])[^\n]{0,40}$", regex.M)
FEMININE_ADJECTIVE_RE = regex.compile(r"[ \t]+\p{L}{3,}ه(?![\p{L}])")  # a word ending in ة right after (folded)
SECTOR_LABEL_RE = regex.compile(r"(?<![\p{L}])(?:ال)?قطاع(?![\p{L}])")  # a title naming a sector
NOTE_LABEL_RE = regex.compile(r"(?<![\p{L}])مذكره[ \t]+بحثيه(?![\p{L}])")  # a research note's letterhead
FURNITURE_LINES_MAX = 3  # lines of labels, feed headers and handles a post may open with
NISBA_AFTER_RE = regex.compile(r"[ \t]+[وف]?ال\p{L}+ي(?:ه|ين|ون)?(?![\p{L}])")  # a relative adjective right after a word
HEADLINE_MAX_CHARS = 400  # how much of an opening line is read for the topic
# a short line with no sentence end, between a blank line (or the start) and a line of text
NAME_LINE_CANDIDATE_RE = regex.compile(r"(?:^|\n[ \t]*\n)[ \t]*([^\n.،:؟!?]{2,40}?)[ \t]*\n(?=[ \t]*\S)")
DEFINITE_BEFORE_RE = regex.compile(r"(?<![\p{L}])ال\p{L}+[ \t]+$")  # a definite noun right before (الجانب المشرق)
NAME_LINE_RE = regex.compile(r"[ \t]*(?:[(\[][^\n)\]]{1,12}[)\]])?[ \t]*")  # what may follow the name: its ticker
PAIR_RE = regex.compile(r"[ \t]+(\p{L}+)")  # the next word on the line
LABEL_HEAD_RE = regex.compile(r"[ \t]*(\p{L}+)[ \t]*:")  # a headline opening with a name and a colon
# A line opening with one to three words (places joined by / allowed), then a dash and a space:
# the shape of a news dateline (`واشنطن - أضاف ...`); _datelines checks that the words are places.
DATELINE_RE = regex.compile(r"(?m)^[ \t]*(\p{L}+(?:[ \t]*/[ \t]*\p{L}+)?(?:[ \t]+\p{L}+){0,2})[ \t]*[-–—][ \t]+")
VERB_NEXT_RE = regex.compile(r"[ \t]+[تيس]\p{L}{2,}")  # the next word is an imperfect verb (تشتري، يضخ، ستطرح)
NEXT_TEXT_RE = regex.compile(r"\S|$")  # where the next line's text starts
NON_LETTERS_RE = regex.compile(r"[^\p{L}]+")  # the / and spaces between places
RESERVE_CURRENCIES = ("USD", "EUR")  # a headline about the dollar is about every market, not the US
# a stock's move, close or price right after a name (بيتك نزل، فوري شدت، زين 612 فلس): in a market wrap
# or a text naming several companies, an ordinary word that is a company's short name stands for the
# company; not before tonnes or power (بيضيف طاقة 350 ألف طن is capacity, not TAQA)
STOCK_MOVED_RE = regex.compile(r"\s+(?:سهمه\s+|سهمها\s+)?(?:نزل|نزلت|طلع|طلعت|ارتفع|ارتفعت|تراجع|تراجعت|صعد|صعدت|هبط|هبطت|"
                               r"خسر|خسرت|كسب|كسبت|قفز|قفزت|شد|شدت|طاح|طاحت|انخفض|انخفضت|زاد|زادت|ثابت|ثابته|سكر|سكرت|"
                               r"قفل|قفلت|اغلق|اغلقت|مرتفع|مرتفعا|منخفض|منخفضا)(?![\p{L}])|\s*(?::\s*)?(?:عند\s+|علي\s+)?[+-]?[\d٠-٩]"
                               r"(?![\d٠-٩.,٫٬]*\s*(?:(?:الف|مليون)\s*)?(?:طن|ميغاواط|ميجاواط|جيجاواط|غيغاواط|برميل))")
# a share's, profit's or sales' owner (سهم شل، أرباح شل): a company's short name right after it is the
# company in any text; not one followed by its adjective (سهم الدار الباريسية) or with a clitic (folded text)
COMPANY_OWNER_RE = regex.compile(r"(?<![\p{L}])(?:سهم|اسهم|ارباح|ايرادات|مبيعات)[ \t]+")
DEFINITE_ADJECTIVE_RE = regex.compile(r"[ \t]+ال\p{L}+يه(?![\p{L}])")
# the line of a signal post that names its stock (السهم: شركة معادن (1211)، الشركة: ...)
STOCK_LABEL_RE = regex.compile(r"^[^\w\n]{0,12}(?:السهم|الشركه|الرمز|اسم السهم|اسم الشركه)[^\S\n]{0,3}:", regex.M)
# Entities whose weak aliases are short names (مدينة مصر، لولو، مؤسسة النقد); a place's are demonyms, a
# good's and an exchange's everyday words (الخام، تداول "trading")
SHORT_NAMED_TYPES = ("ORG", "TICKER", "CRYPTO", "CENTRAL_BANK", "INDEX")


CHUNK_CHARS = 100_000  # a longer document is read in pieces of about this size (Extractor.analyze)
OPENING_CHARS = 2_000  # how much of a long document's start gives the topic of all its pieces
_OWN_TOPIC = object()  # Extractor._analyze: no topic given, find it in the text


@dataclass
class ExtractorConfig:
    """Settings for an `Extractor`; every CLI flag maps onto one field."""

    currency_defaults: dict[str, str] = field(default_factory=dict)
    all_quantities: bool = False
    entity_files: list[str] = field(default_factory=list)
    reference: str | None = None
    stance_model: str | None = "auto"  # "auto": use models/stance when present; None: lexicon only
    metric_model: bool = True  # let models/metric fill or correct the cues' metrics
    subject_model: bool = True  # let models/subject help the ranker choose among candidate subjects
    stance_weight: float | None = None  # the model's weight against the lexicon; None: as trained


@dataclass
class Analysis:
    """Everything found in one document."""

    claims: list[Claim]
    entities: list[Entity]
    normalized: Normalized
    model_inputs: list[str] = field(default_factory=list)  # what the stance model read, per claim
    lexicon_scores: list[float] = field(default_factory=list)  # signed lexicon stance score, per claim
    stance_features: list[dict] = field(default_factory=list)  # the lexicon's evidence, per claim


def _shipped_textcat(name: str, enabled: bool) -> TrainedTextcat | bool:
    """models/<name>, loaded on first use; False when turned off or not shipped (so it is looked
    for once)."""
    path = model_dir(name)
    return TrainedTextcat(path) if enabled and TrainedTextcat.available(path) else False


class Extractor:
    """Turns a text into claim records. Build once, call `extract` for each document."""

    def __init__(self, config: ExtractorConfig | None = None):
        self.config = config or ExtractorConfig()
        self.numerals = NumeralFinder()
        self.quantities = QuantityParser(currency_defaults=self.config.currency_defaults)
        self.gazetteer = Gazetteer(self.config.entity_files)
        self.company_short_names = {key: name for key, name in self.gazetteer.weak_aliases.items()
                                    if self.gazetteer.entities[name].type in ("ORG", "TICKER")}  # for market wraps
        self.weak_first_words = {key.split(" ")[0] for key in self.gazetteer.weak_aliases}  # a cheap test first
        self._matcher: EntityMatcher | None = None
        countries = load_json("currencies.json").get("countries", {})
        self.currency_countries = {code: self.gazetteer.entities[name] for code, name in countries.items()
                                   if name in self.gazetteer.entities}
        self.assembler = ClaimAssembler(self.currency_countries, self.gazetteer)
        subjects = load_json("subjects.json")
        self.place_words = PhraseIndex({fold(w): "country" for w in subjects["country_words"]}
                                       | {fold(w): "capital" for w in subjects["capital_words"]}
                                       | {fold(w): "exchange" for w in subjects["exchange_words"]}
                                       | {fold(w): "central_bank" for w in subjects["central_bank_words"]})
        self.capitals = subjects["capitals"]
        self.index_word_re = words_re(subjects["index_words"], "[وف]?")
        self.homographs = {fold(word): [(self.gazetteer.entities[sense["name"]], sense.get("mark"), words_re(sense["context"]))
                                        for sense in senses if sense["name"] in self.gazetteer.entities]
                           for word, senses in subjects.get("homographs", {}).items()}
        self.exchanges = self._exchange_of_country()
        units = subjects["commodity_units"]
        self.metal_unit_re = words_re(units["words"], "[وفبل]?")
        self.default_metal = self.gazetteer.entities[units["default"]]
        self.metal_aliases = {key: self.gazetteer.entities[name] for key, name in self.gazetteer.aliases.items()
                              if name in units["metals"] and not key.isascii()}
        self.metal_re = regex.compile(r"(?<![\p{L}])[وفبل]?(%s)(?![\p{L}])" % "|".join(
            sorted(map(regex.escape, self.metal_aliases), key=len, reverse=True)))
        demonyms = subjects["demonyms"]
        self.demonym_country = {key[2:-1]: self.gazetteer.entities[name] for key, name in self.gazetteer.weak_aliases.items()
                                if self.gazetteer.entities[name].type == "GPE" and key.startswith("ال") and key.endswith("ي")}
        self.demonym_re = regex.compile(r"(?<=([\p{L}\p{M}]+)[ \t]{1,3})[وف]?ال(%s)(?:ي|يه|يين|يون)(?![\p{L}])" % "|".join(
            sorted(map(regex.escape, self.demonym_country), key=len, reverse=True)))
        self.demonym_heads = {strip_clitics(fold(w)) for w in demonyms["head_nouns"]}
        self.currency_mention_re = definite_word_re(self.quantities.currency_context, "ال|لل")
        self.stance_lexicon = StanceLexicon()
        self._model: StanceModel | None | bool = None
        self._metric_model = None
        self._subject_model = None
        self.reference = None
        if self.config.reference:
            from .check import ReferenceTable

            self.reference = ReferenceTable.load(self.config.reference, self.gazetteer)

    @property
    def matcher(self) -> EntityMatcher:
        if self._matcher is None:
            self._matcher = EntityMatcher(self.gazetteer)
        return self._matcher

    @property
    def model(self) -> StanceModel | None:
        if self._model is None:
            choice = self.config.stance_model
            path = MODEL_DIR if choice == "auto" else Path(choice) if choice else None
            self._model = StanceModel(path) if path and StanceModel.available(path) else False
        return self._model or None

    def extract(self, text: str, doc_id: str = "-") -> list[Claim]:
        """The claim records of one document."""
        return self.analyze(text, doc_id).claims

    def analyze(self, text: str, doc_id: str = "-") -> Analysis:
        """Everything found in one document. A very long one (a dump of many posts) is read in
        pieces of about CHUNK_CHARS (see chunk_bounds), so time stays linear and the working memory
        of each piece bounded; offsets and claim ids are the whole text's, and every piece keeps
        the topic of the document's opening lines."""
        if len(text) <= CHUNK_CHARS:
            return self._analyze(text, doc_id)
        topic = self._opening_topic(text)
        parts = [self._shifted(self._analyze(text[start:end], doc_id, topic if start else _OWN_TOPIC), doc_id, start)
                 for start, end in chunk_bounds(text, CHUNK_CHARS)]
        claims = [c for a in parts for c in a.claims]
        return Analysis(claims, _unique_entities(e for c in claims for e in c.entities), normalize(text, MATCH_OPTIONS),
                        [x for a in parts for x in a.model_inputs], [x for a in parts for x in a.lexicon_scores],
                        [x for a in parts for x in a.stance_features])

    def _opening_topic(self, text: str) -> EntityMatch | None:
        """The topic its opening lines give a long document (read from its first OPENING_CHARS),
        standing for the whole text: no position of its own."""
        norm = normalize(text[:OPENING_CHARS], MATCH_OPTIONS)
        topic = self._topic(norm.text, {}, self._datelines(norm.text), norm)
        return EntityMatch(topic.info, -1, -1, -1, -1) if topic is not None else None

    @staticmethod
    def _shifted(analysis: Analysis, doc_id: str, base: int) -> Analysis:
        """The analysis of the piece starting at `base`, with offsets into the whole text."""
        if base:
            for claim in analysis.claims:
                for span in (claim.sentence, claim.quantity, *claim.entities):
                    span.start += base
                    span.end += base
                q = claim.quantity
                claim.claim_id = claim_id(doc_id, q.start, q.end, q.surface)
        return analysis

    def _analyze(self, text: str, doc_id: str = "-", topic=_OWN_TOPIC) -> Analysis:
        """One document or one piece of a long one; `topic`: the document's, for pieces after the
        first (_OWN_TOPIC: find it in this text)."""
        norm = normalize(text, MATCH_OPTIONS)
        ntext = norm.text
        raw = self.quantities.parse(ntext, self.numerals.find(ntext))
        if not raw:  # prose without figures costs only normalization and the numeral scan
            return Analysis([], [], norm)
        datelines = self._datelines(ntext)
        index = SentenceIndex(ntext, [end for _, end in datelines])
        self._inherit_currency(index, raw)
        wanted = [q for q in raw if q.is_claim_kind or self.config.all_quantities]
        if not wanted:
            return Analysis([], [], norm)
        entities_of: dict[int, list] = {}
        for q in wanted:
            s = index.at(q.start)
            if s is not None and s.index not in entities_of:
                entities_of[s.index] = self.matcher.find(ntext, s.start, s.end)
        wanted = [q for q in wanted if not _in_name(q, index, entities_of)]  # ناسداك 100، ستوكس 600
        if not wanted:
            return Analysis([], [], norm)
        self._add_currency_mentions(ntext, raw, index, entities_of)
        if topic is _OWN_TOPIC:
            topic = self._topic(ntext, entities_of, datelines, norm, raw)
        self._add_place_words(ntext, index, entities_of, topic)
        self._add_demonyms(ntext, index, entities_of)
        self._add_commodity_units(ntext, index, entities_of)
        self._add_index_words(ntext, index, entities_of, topic)
        self._add_short_names(ntext, index, entities_of, topic)
        self._add_antecedent_sentences(ntext, index, entities_of)
        wanted_ids = {id(q) for q in wanted}
        heading_starts = _heading_starts(ntext)
        self.assembler.subject_model = self.subject_model
        parts = self.assembler.assemble(ntext, index, [q for q in raw if id(q) in wanted_ids or q.kind == "year"],
                                        entities_of, topic, self._section_topics(ntext, heading_starts, topic))
        by_q = {id(p.quantity): p for p in parts}
        self._model_metrics(text, norm, index, [by_q.get(id(q)) for q in wanted])
        self._country_of_unmeasured_bank_figures(parts)
        self._country_of_commodity_volumes(parts)
        self._exchange_of_market_figures(parts, entities_of, topic)
        frames = _Frames(self.stance_lexicon.frames(ntext, heading_starts), heading_starts)
        headings = frames.headings
        claims: list[Claim] = []
        lex_scores: list[float] = []
        sentences_for_model: list[str] = []
        sentence_scores: dict = {}
        stance_features: list[dict] = []
        for q in wanted:
            p = by_q.get(id(q))
            claim = self._record(text, norm, doc_id, q, p, index)
            claims.append(claim)
            if p is not None:
                features = self._stance_features(ntext, p, index, frames, sentence_scores)
                stance_features.append(features)
                lex_scores.append(self.stance_lexicon.score(features))
                heading = _heading_above(ntext, headings, p.sentence.start)
                sentences_for_model.append(model_input(ntext, p.sentence.start, p.sentence.end,
                                                       p.quantity.start, p.quantity.end, heading,
                                                       p.direction, p.metric, features))
            else:
                lex_scores.append(0.0)
                stance_features.append({})
                sentences_for_model.append("")
        model = self.model if claims else None
        weight = self.config.stance_weight if self.config.stance_weight is not None else (model.weight if model else 0.0)
        threshold = self.stance_lexicon.weights.get("threshold", 0.25)
        cats: list = [None] * len(claims)
        if model is not None and weight > 0:  # at weight 0 the blend is the lexicon's: skip the model
            todo = [i for i, c in enumerate(claims) if c.quantity.kind in CLAIM_KINDS and sentences_for_model[i].strip()]
            for i, cat in zip(todo, model.predict([sentences_for_model[i] for i in todo])):
                cats[i] = cat
        scored = [i for i, c in enumerate(claims) if c.quantity.kind in CLAIM_KINDS]
        breaks = [m.start() for m in PARAGRAPH_RE.finditer(ntext)]
        paragraphs = [bisect_left(breaks, by_q[id(wanted[i])].sentence.start) if id(wanted[i]) in by_q else -1 - i
                      for i in scored]  # a claim without parts stands alone
        probs = smooth_by_paragraph([blend(lex_scores[i], cats[i], weight, threshold) for i in scored], paragraphs,
                                    self.stance_lexicon.weights.get("paragraph", 0.0))
        for i, p in zip(scored, probs):
            result = result_of(p, lex_scores[i])
            claims[i].stance = result.label
            claims[i].stance_score = result.score
        if self.reference is not None:
            for claim in claims:
                if claim.quantity.kind in CLAIM_KINDS:
                    claim.check = self.reference.check(claim)
        entities = _unique_entities(c for claim in claims for c in claim.entities)
        return Analysis(claims, entities, norm, sentences_for_model, lex_scores, stance_features)

    # ------------------------------------------------------------------

    def _record(self, text: str, norm: Normalized, doc_id: str, q: RawQuantity, p: ClaimParts | None,
                index: SentenceIndex) -> Claim:
        start, end = norm.original_span(q.start, q.end)
        counted = None
        if q.counted is not None:
            cs, ce = norm.original_span(*q.counted)
            counted = text[cs:ce].strip()
        sent = p.sentence if p is not None else index.at(q.start)
        if sent is not None:
            ss, se = norm.original_span(sent.start, sent.end)
            ss, se = min(ss, start), max(se, end)  # a quantity never straddles its sentence
        else:
            ss, se = start, end
        quantity = Quantity(
            surface=text[start:end], start=start, end=end, value=_tidy(q.value), upper=_tidy(q.upper), unit=q.unit,
            kind=q.kind, bound=q.bound, counted=counted, raw_unit=q.raw_unit, inherited_unit=q.inherited_unit,
        )
        entities = []
        subject = None
        if p is not None:
            for e in p.entities:
                es, ee = norm.original_span(e.start, e.end)
                entities.append(Entity(name=e.info.name, type=e.info.type, surface=text[es:ee], start=es, end=ee))
            subject = p.subject.info.name if p.subject else None
        return Claim(
            doc=doc_id, claim_id=claim_id(doc_id, start, end, quantity.surface), sentence=Span(text=text[ss:se], start=ss, end=se), quantity=quantity,
            subject=subject, entities=entities, metric=p.metric if p else None,
            direction=p.direction if p else None, year=p.year if p else None,
        )

    def _add_currency_mentions(self, ntext: str, raw: list[RawQuantity], index: SentenceIndex,
                               entities_of: dict[int, list]) -> None:
        """A local currency named as a noun (الليرة خسرت 98%، الدينار = 1.41 دولار) stands for its
        country (guideline 10): the country of the code the document gives that word, added to the
        names of the sentences with a claim."""
        codes: dict[str, str | None] = {}

        def mentions(sent, ents):
            for m in self.currency_mention_re.finditer(ntext, sent.start, sent.end):
                word = m.group(1)
                if word not in codes:
                    codes[word] = self.quantities.currency_of_word(ntext, word, raw)
                info = self.currency_countries.get(codes[word])
                if info is not None and not _overlaps_or_coin(ntext, m.start(), m.end(), ents):
                    yield EntityMatch(info, m.start(1) - 2, m.end(), -1, -1)

        _add_names(index, entities_of, mentions)

    def _add_antecedent_sentences(self, ntext: str, index: SentenceIndex, entities_of: dict[int, list]) -> None:
        """Names in the sentences just before one that says الشركة، الصندوق or البنك: what such a noun
        stands for is often named in a sentence without a figure, which is otherwise never matched."""
        position = {sent.index: k for k, sent in enumerate(index.sentences)}
        for k in sorted(position[i] for i in entities_of if i in position):
            sent = index.sentences[k]
            if not self.assembler.anaphor_re.search(ntext, sent.start, sent.end):
                continue
            for before in index.sentences[max(0, k - ANTECEDENT_SENTENCES):k]:
                if before.index not in entities_of:
                    entities_of[before.index] = self.matcher.find(ntext, before.start, before.end)

    def _add_place_words(self, ntext: str, index: SentenceIndex, entities_of: dict[int, list],
                         topic: EntityMatch | None) -> None:
        """Words that name the document's country, its capital, stock exchange or central bank without
        the name (والدولة تبي، قفزت الإيجارات في العاصمة، قيمة التداول في البورصة، لو المركزي خفّض) stand
        for them, where no longer name covers them."""
        country = self._document_country(topic, entities_of)
        if country is None:
            return
        named = {"country": country, "capital": self.gazetteer.entities.get(self.capitals.get(country.name, "")),
                 "exchange": self.exchanges.get(country.name), "central_bank": self.assembler.banks.get(country.name)}

        def place_words(sent, ents):
            for m in self.place_words.finditer(ntext, sent.start, sent.end):
                info = named[m.value]
                if NISBA_AFTER_RE.match(ntext, m.end):
                    continue  # الحكومة التونسية، البنك المركزي الأمريكي: another country's, named by its adjective
                if info is not None and not _overlaps(ents, m.start, m.end):
                    yield EntityMatch(info, m.start, m.end, -1, -1)

        _add_names(index, entities_of, place_words)

    def _add_demonyms(self, ntext: str, index: SentenceIndex, entities_of: dict[int, list]) -> None:
        """A country's adjective after a noun (الاقتصاد السوري، السندات الالمانيه، بين السعوديين) names
        the country, where no longer name covers it (البنك المركزي المصري is the bank)."""
        _add_names(index, entities_of, lambda sent, ents: self._demonyms(ntext, sent.start, sent.end, ents))

    def _demonyms(self, ntext: str, start: int, end: int, ents: list):
        """The countries named by their adjective in text[start:end], where no name of `ents` covers it."""
        for m in self.demonym_re.finditer(ntext, start, end):
            people = ntext[m.end() - 2:m.end()] in ("ين", "ون")
            if (m.start(1) < start or _overlaps(ents, m.start(1), m.end())
                    or not (people or strip_clitics(m.group(1)) in self.demonym_heads)):
                continue  # the adjective qualifies a name, or a product or company: no country's figure
            yield EntityMatch(self.demonym_country[m.group(2)], m.start(), m.end(), -1, -1)

    def _add_commodity_units(self, ntext: str, index: SentenceIndex, entities_of: dict[int, list]) -> None:
        """Words that measure only precious metals (عيار 21، سعر الاونصة) name the metal the text last
        named, else gold, where no longer name covers them: جرام عيار 24 عندنا بـ 6,240 جنيه is gold's
        price, not the country's."""
        named: list[tuple[int, EntityInfo]] | None = None

        def units(sent, ents):
            nonlocal named
            for m in self.metal_unit_re.finditer(ntext, sent.start, sent.end):
                if _overlaps(ents, m.start(), m.end()):
                    continue
                if COST_WORD_RE.search(ntext, max(sent.start, m.start() - METAL_COST_REACH), m.start()):
                    continue  # التكلفة الشاملة 990 دولاراً للأوقية: what the miner spends, not the metal's price
                if named is None:  # the metals the text names, found once and only if a unit is there
                    named = [(n.start(), self.metal_aliases[n.group(1)]) for n in self.metal_re.finditer(ntext)]
                i = bisect_left(named, (m.start(),))
                yield EntityMatch(named[i - 1][1] if i else self.default_metal, m.start(), m.end(), -1, -1)

        _add_names(index, entities_of, units)

    def _add_index_words(self, ntext: str, index: SentenceIndex, entities_of: dict[int, list],
                         topic: EntityMatch | None) -> None:
        """A bare المؤشر (المؤشر نزل 2.3% وسكّر على 7,640 نقطة) is the document's index: its topic when
        that is one, else the index it names most (the first of a tie); not where a name covers or
        follows the word (المؤشر S&P 500)."""
        most = _most_named(entities_of, "INDEX")
        named = topic.info if topic is not None and topic.info.type == "INDEX" else most[0].info if most else None
        if named is None:
            return

        def index_words(sent, ents):
            for m in self.index_word_re.finditer(ntext, sent.start, sent.end):
                if _overlaps(ents, m.start(), m.end()) or any(0 <= e.start - m.end() <= 2 for e in ents):
                    continue
                yield EntityMatch(named, m.start(), m.end(), -1, -1)

        _add_names(index, entities_of, index_words)

    def _add_short_names(self, ntext: str, index: SentenceIndex, entities_of: dict[int, list],
                         topic: EntityMatch | None) -> None:
        """A company the document names in full or by ticker (مدينة مصر للإسكان والتعمير، MASR.CA) is
        meant by its short name too, though that is an ordinary word (تراجعت مبيعات مدينة مصر): in
        that document its weak aliases are names. A shorter name inside one (مصر) gives way."""
        found_ents = [e for ents in entities_of.values() for e in ents]
        named = {e.info.name for e in found_ents if e.info.type in SHORT_NAMED_TYPES}
        if topic is not None and topic.info.type in SHORT_NAMED_TYPES:
            named.add(topic.info.name)
        weak = {key: name for key, name in self.gazetteer.weak_aliases.items() if name in named}
        # a market wrap, or a scorecard of several companies, names its stocks by their short names only
        # (بيتك نزل 2%، وفوري شدت 6%؛ الإنماء 1.52 مليار ريال، وساب 1.98 مليار ريال)
        market = any(e.info.type in ("EXCHANGE", "INDEX") for e in found_ents) or (
            topic is not None and topic.info.type in ("EXCHANGE", "INDEX")) or len(
            {e.info.name for e in found_ents if e.info.type in ("ORG", "TICKER")}) >= 2
        moving = self.company_short_names if market else {}
        if not weak and not moving and not COMPANY_OWNER_RE.search(ntext):
            return

        def short_names(sent, ents):
            for m in TOKEN_RE.finditer(ntext, sent.start, sent.end):
                if not any(word in self.weak_first_words for _, word in clitic_variants(m.group().lower())):
                    continue  # no weak alias starts with this word, whatever its clitics
                found = self._weak_alias_at(ntext, m, sent.end, weak)
                if found is None and moving:
                    found = self._weak_alias_at(ntext, m, sent.end, moving)
                    if found is not None and (not STOCK_MOVED_RE.match(ntext, found.end, sent.end)
                                              or ntext[m.start():found.start].strip("وف")):
                        found = None  # بطاقة 250 ألف طن: a preposition glued on, the ordinary word
                if found is None and _owner_before(ntext, max(sent.start, m.start() - 8), m.start()):
                    found = self._weak_alias_at(ntext, m, sent.end, self.company_short_names)
                    if found is not None and (ntext[m.start():found.start]
                                              or DEFINITE_ADJECTIVE_RE.match(ntext, found.end, sent.end)):
                        found = None  # سهم الدار الباريسية: a noun with its adjective, the ordinary word
                if found is None:
                    continue
                inside = [e for e in ents if found.start <= e.start and e.end <= found.end]  # مصر in مدينة مصر
                if not any(_overlaps([e], found.start, found.end) for e in ents if e not in inside):
                    for e in inside:
                        ents.remove(e)
                    yield found

        _add_names(index, entities_of, short_names)

    def _exchange_of_country(self) -> dict[str, EntityInfo]:
        """Country name -> its stock exchange, for the countries with exactly one in the gazetteer."""
        found: dict[str, list[EntityInfo]] = {}
        for info in self.gazetteer.entities.values():
            country = self.assembler.country_of(info) if info.type == "EXCHANGE" else None
            if country is not None:
                found.setdefault(country.name, []).append(info)
        return {name: infos[0] for name, infos in found.items() if len(infos) == 1}

    def _document_country(self, topic: EntityMatch | None, entities_of: dict[int, list]) -> EntityInfo | None:
        """The country a document is about: its topic's country (أبوظبي -> UAE, Humain -> Saudi
        Arabia), else the country of the first place it names."""
        places = [e for ents in entities_of.values() for e in ents if e.info.type == "GPE"]
        for e in ([topic] if topic is not None else []) + sorted(places, key=lambda e: e.start):
            country = self.assembler.country_of(e.info)
            if country is not None:
                return country
        return None

    def _datelines(self, ntext: str) -> list[tuple[int, int]]:
        """(start, end) of every news dateline: a line opening with places only, then a dash (`بكين -`,
        `فرانكفورت/طوكيو –`). It says where the story was filed; the sentence starts after it."""
        out = []
        for m in DATELINE_RE.finditer(ntext):
            places = [e for e in self.matcher.find(ntext, m.start(1), m.end(1)) if e.info.type == "GPE"]
            named = "".join(ntext[e.start:e.end] for e in places)
            if places and (len(NON_LETTERS_RE.sub("", named)) == len(NON_LETTERS_RE.sub("", m.group(1)))
                           or (places[0].start == m.start(1) and self._is_city(places[0].info))
                           or ("/" in m.group(1) and places[-1].end == m.end(1) and places[-1].info.type == "GPE")):
                # a city may come with a word or place the gazetteer lacks (الدوحة/مومباي، زيورخ/الكويت)
                out.append((m.start(1), m.end()))
        return out

    def _topic(self, ntext: str, entities_of: dict[int, list], datelines: list[tuple[int, int]] = (),
               norm: Normalized | None = None, raw: list[RawQuantity] | None = None):
        """What the document is about: the first entity of its opening lines, else its most named entity.
        A city after a preposition (حرم الذكاء الاصطناعي في أبوظبي، صاحبي بالقاهرة) or in a dateline is
        where the story happens, not what it is about."""
        lead_end = 0
        for _ in range(2):
            nl = ntext.find("\n", lead_end + 1)
            lead_end = len(ntext) if nl < 0 else nl
            if ntext[:lead_end].strip():
                break
        start, end = 0, min(lead_end, HEADLINE_MAX_CHARS)
        lead = self._lead_entities(ntext, start, end, datelines)
        for _ in range(FURNITURE_LINES_MAX):
            # a label above the post (ترجمة، عاجل), the feed it was posted on (OKX Square · منشور) or
            # its author's handle or byline and date (even one naming a place: أسهم الكويت @abunasser_kw)
            # is no headline: the next line is
            words = len(TOKEN_RE.findall(ntext, start, end))
            if not (HANDLE_LINE_RE.match(ntext, start, end) or FEED_LINE_RE.match(ntext, start, end)
                    or BYLINE_RE.match(ntext, start, end)
                    or not lead and words <= LABEL_MAX_WORDS and self._weak_lead_entity(ntext, start, end, norm) is None
                    # the author's display name above their handle (أبو فهد | متداول / @abufahad · ...)
                    or not lead and words <= AUTHOR_MAX_WORDS and HANDLE_LINE_RE.match(ntext, *_next_line(ntext, end))):
                break
            start, end = _next_line(ntext, end)
            lead = self._lead_entities(ntext, start, end, datelines)
        label = LABEL_HEAD_RE.match(ntext, start, end)
        if label is not None:
            # معادن: أرباح الربع الثالث تقفز مع عودة الألومنيوم: the word before the colon labels the
            # story, so even an ordinary word that is also a name is that name here
            weak = self._weak_lead_entity(ntext, label.start(1), label.end(1), norm)
            if weak is not None:
                return weak
        titled = self._name_after_letterhead(ntext, start, end, lead)
        if titled is not None:
            return titled
        if lead and all(e.info.name in self.assembler.sources for e in lead):
            lead = []  # مجلس الذهب العالمي: الطلب يقفز: a headline naming only its source is about what it reports
        if lead:
            # a headline's rating agency, forecaster or lender (فيتش تخفض نظرة البحرين، صندوق النقد يختتم
            # مشاوراته مع قطر) reports on the topic
            first = next((e for e in lead if e.info.name not in self.assembler.reporters), lead[0])
            weak = self._weak_lead_entity(ntext, start, first.end, norm)
            if weak is not None and weak.start <= first.start and first.end <= weak.end:
                return weak  # مدينة مصر توقع اتفاق شراكة: the company whose name holds the country's
            opening = TOKEN_RE.search(ntext, start, first.start)
            if opening is not None and not ntext[start:opening.start()].strip():
                weak = self._weak_lead_entity(ntext, opening.start(), opening.end(), norm)
                if weak is not None:
                    return weak  # Strategy تضيف 5 آلاف بيتكوين: the name the headline opens with
            if after_preposition(ntext, start, first.start):
                # زين تتعثر في السودان، سهم "سلة" يقفز بالسوق السعودية: the company the headline names
                # before the place or market it stands in
                weak = self._weak_lead_entity(ntext, start, first.start, norm)
                if weak is not None:
                    return weak
            if all(e.info.type == "GPE" for e in lead) and NOTE_LABEL_RE.search(ntext, start, end):
                company = self._company_under_sector_label(ntext, start, end, datelines)
                if company is not None:
                    return company  # مذكرة بحثية | المرافق العامة – السعودية, then the company's line
            country = self.assembler.country_of_capital.get(first.info.name)
            if country is not None and not after_preposition(ntext, start, first.start) \
                    and VERB_NEXT_RE.match(ntext, first.end, end):
                return EntityMatch(country, first.start, first.end, -1, -1)  # واشنطن تشتري: the government acts
            return first
        company = self._company_under_sector_label(ntext, start, end, datelines)
        if company is not None:
            return company
        weak = self._weak_lead_entity(ntext, start, end, norm)
        if weak is not None:
            return weak
        demonym = next(self._demonyms(ntext, start, end, []), None)
        if demonym is not None:
            return demonym  # الموازنة المصرية: الفائض الأولي يصمد: a headline naming a country by its adjective
        currency = self._local_currency_in(ntext, start, end, raw) if raw else None
        if currency is not None:
            return currency  # تجارة الفائدة على الجنيه: a headline naming a country by its currency
        # a headline naming nothing (لتر اللبن بقى بكام عندكم؟) hands over to the next line, whose
        # opening word may be the name (جهينة رفعت سعر اللتر ...)
        next_start, next_end = _next_line(ntext, end)
        opening = TOKEN_RE.search(ntext, next_start, next_end)
        if opening is not None and opening.start() == next_start:
            weak = self._weak_lead_entity(ntext, opening.start(), opening.end(), norm)
            if weak is not None:
                return weak
        labelled = self._labelled_stock(ntext)
        if labelled is not None:
            return labelled
        best = _most_named(entities_of)
        return best[0] if len(best) >= 2 else None

    def _labelled_stock(self, ntext: str):
        """A signal post's stock line under its banner (📢 قناة ... | توصية، then السهم: شركة معادن
        (1211)): the company it names is what the post is about."""
        m = STOCK_LABEL_RE.search(ntext, 0, min(len(ntext), HEADLINE_MAX_CHARS * 3))
        if m is None:
            return None
        line_end = ntext.find("\n", m.end())
        names = [e for e in self.matcher.find(ntext, m.end(), len(ntext) if line_end < 0 else line_end)
                 if e.info.type in ("ORG", "TICKER")]
        return names[0] if names else None

    def _section_topics(self, ntext: str, heading_starts: list[int], topic: EntityMatch | None) -> list[tuple[int, EntityMatch | None]]:
        """(start, topic) of each section under a heading: the first name of a heading line
        (`2. ميتا (META) – زيادة الوزن`) is what the figures under it are about, until the next
        heading; a heading without a name gives the section back to the document's topic. A line
        that is only a company's name (`النهدي الطبية`, `جرير (4190)`) above a paragraph heads a
        section too."""
        name_lines = self._name_lines(ntext)
        sections = []
        for start in sorted(set(heading_starts) | set(name_lines)):
            if start == 0:
                continue  # the title: the document's topic already
            if start in name_lines:
                sections.append((start, name_lines[start]))
                continue
            end = ntext.find("\n", start)
            end = len(ntext) if end < 0 else end
            names = [e for e in self._lead_entities(ntext, start, end, ())
                     if e.info.name not in self.assembler.sources]
            # a heading that is only a weak alias (الحديد above a list) names it, but a company's name
            # after a definite noun is its adjective (الجانب المشرق); a demonym there names a country (الجار المصري)
            if not names:
                weak = self._weak_lead_entity(ntext, start, end)
                only = weak is not None and NAME_LINE_RE.fullmatch(ntext, weak.end, end) \
                    and not (weak.info.type in SHORT_NAMED_TYPES and DEFINITE_BEFORE_RE.search(ntext, start, weak.start))
                names = [weak] if only else []
            sections.append((start, names[0] if names else topic))
        return sections

    def _name_lines(self, ntext: str) -> dict[int, EntityMatch]:
        """Lines that hold only a company's name (maybe with its ticker), with text under them: their
        start -> that company (a weak alias counts, as in a title)."""
        found = {}
        for line in NAME_LINE_CANDIDATE_RE.finditer(ntext):
            ents = self.matcher.find(ntext, line.start(1), line.end(1))
            first = ents[0] if ents else self._weak_lead_entity(ntext, line.start(1), line.end(1))
            if (first is not None and first.info.type in ("ORG", "TICKER") and first.start == line.start(1)
                    and NAME_LINE_RE.fullmatch(ntext, first.end, line.end(1))):
                found[line.start(1)] = first
        return found

    @staticmethod
    def _name_after_letterhead(ntext: str, start: int, end: int, lead: list[EntityMatch]) -> EntityMatch | None:
        """A report's letterhead names its country before a bar (تونس | شركة فسفاط قفصة: ...، مصر | مذكرة
        اقتصاد كلي | قناة السويس: ...): the name that opens the title after the last bar is the topic."""
        bar = ntext.rfind("|", start, end)
        if bar < 0 or not lead or lead[0].start > bar or lead[0].info.type != "GPE":
            return None
        titled = next((e for e in lead if e.start > bar), None)
        if titled is None or ntext[bar + 1:titled.start].strip() or titled.info.type == "GPE":
            return None
        return titled

    def _company_under_sector_label(self, ntext: str, start: int, end: int, datelines) -> EntityMatch | None:
        """A title that only labels a sector or a research note (مذكرة بحثية – قطاع التأمين السعودي) is a
        report's letterhead: the company the next line opens with (بوبا العربية (8210) | التوصية ...) is
        the topic, even when the letterhead names the country too."""
        if not (SECTOR_LABEL_RE.search(ntext, start, end) or NOTE_LABEL_RE.search(ntext, start, end)):
            return None
        next_start, next_end = _next_line(ntext, end)
        ents = self._lead_entities(ntext, next_start, next_end, datelines)
        if ents and ents[0].info.type in ("ORG", "TICKER") and ents[0].start - next_start <= 2:
            return ents[0]
        return None

    def _local_currency_in(self, ntext: str, start: int, end: int, raw: list[RawQuantity]) -> EntityMatch | None:
        """The country of a local currency the line names as a noun (الجنيه، الليرة), as the document
        resolves that word; the reserve currencies (the dollar, the euro) name no one country's story."""
        for m in self.currency_mention_re.finditer(ntext, start, end):
            code = self.quantities.currency_of_word(ntext, m.group(1), raw)
            info = self.currency_countries.get(code) if code not in RESERVE_CURRENCIES else None
            if info is not None:
                return EntityMatch(info, m.start(1) - 2, m.end(), -1, -1)
        return None

    def _lead_entities(self, ntext: str, start: int, end: int, datelines: list[tuple[int, int]]) -> list:
        """The entities of a leading line that can be the document's topic."""
        return [e for e in self.matcher.find(ntext, start, end)
                if not (self._is_city(e.info) and after_preposition(ntext, 0, e.start))
                and not any(s <= e.start < stop for s, stop in datelines)]

    def _is_city(self, info: EntityInfo) -> bool:
        """A place that belongs to another place of the gazetteer (أبوظبي in UAE), not a country."""
        country = self.assembler.country_of(info) if info.type == "GPE" else None
        return country is not None and country.name != info.name

    @property
    def metric_model(self):
        if self._metric_model is None:
            self._metric_model = _shipped_textcat("metric", self.config.metric_model)
        return self._metric_model or None

    @property
    def subject_model(self):
        if self._subject_model is None:
            self._subject_model = _shipped_textcat("subject", self.config.subject_model)
        return self._subject_model or None

    def _model_metrics(self, text: str, norm: Normalized, index: SentenceIndex, parts: list) -> None:
        """The metric model reads each figure's context and the metric the cues gave it. It fills a
        metric the cues left empty when at least `threshold` confident, and replaces (or removes) a
        cue's metric when at least `override_threshold` confident: the cues are right on the topics
        they were written from and often wrong elsewhere. Both thresholds were chosen on held-out
        train batches (scripts/train_metric.py)."""
        todo = [p for p in parts if p is not None and not p.outside_vocabulary]
        model = self.metric_model if todo else None
        if model is None:
            return
        fill_threshold = float(model.settings.get("threshold", 0.5))
        override_threshold = float(model.settings.get("override_threshold", 1.01))
        inputs = []
        for p in todo:
            ss, _ = norm.original_span(p.sentence.start, p.sentence.end)
            qs, qe = norm.original_span(p.quantity.start, p.quantity.end)
            inputs.append(metric_model_input(text, ss, qs, qe, p.quantity.kind, p.metric,
                                             p.subject.info.type if p.subject is not None else None))
        for p, cats in zip(todo, model.predict(inputs)):
            label = max(cats, key=cats.get)
            metric = None if label == "none" else label
            threshold = fill_threshold if p.metric is None else override_threshold
            if metric == p.metric or cats[label] < threshold:
                continue
            if metric == "price_level" and not price_sized(p.quantity):
                continue
            p.metric = metric

    def _country_of_unmeasured_bank_figures(self, parts: list) -> None:
        """A central bank's figure that no metric of the vocabulary measures (credit, deposits, money
        supply in its statistical bulletin) is the country's: the bank publishes it, the economy owns
        it. Run after the metric model, which may still give the figure a metric of the bank's own."""
        for p in parts:
            if p.metric is None and p.subject is not None and p.subject.info.type == "CENTRAL_BANK":
                country = self.assembler.country_of(p.subject.info)
                if country is not None:
                    p.subject = EntityMatch(country, p.subject.start, p.subject.end, -1, -1)

    def _exchange_of_market_figures(self, parts: list, entities_of: dict[int, list], topic: EntityMatch | None) -> None:
        """A whole market's flows, turnover or value (صافي بيع الأجانب 204 مليون جنيه، رأس المال
        السوقي 2.09 تريليون جنيه) that only its currency ties to a country are the country's stock
        exchange's, in a text that names that exchange or one of its indices."""
        named = None
        for p in parts:
            if (p.metric not in EXCHANGE_METRICS or p.subject is None or p.subject.info.type != "GPE"
                    or any(e.info.name == p.subject.info.name for e in p.entities)):
                continue  # السوق السعودية، الأجانب في مصر: a country its sentence names stays
            exchange = self.exchanges.get(p.subject.info.name)
            if exchange is None:
                continue
            if named is None:
                named = self._exchanges_named(entities_of, topic)
            if exchange.name in named:
                p.subject = EntityMatch(exchange, -1, -1, -1, -1)

    def _exchanges_named(self, entities_of: dict[int, list], topic: EntityMatch | None) -> set[str]:
        """The stock exchanges a text names, itself or by one of its indices (EGX30 names EGX)."""
        found = [e.info for ents in entities_of.values() for e in ents] + ([topic.info] if topic else [])
        named = set()
        for info in found:
            if info.type == "EXCHANGE":
                named.add(info.name)
            elif info.name in self.gazetteer.exchange_of:
                named.add(self.gazetteer.exchange_of[info.name])
        return named

    def _country_of_commodity_volumes(self, parts: list) -> None:
        """A commodity is the subject of its price, not of a country's output, trade, demand or
        stocks of it: such a figure (إنتاج السكر في البرازيل 38 مليون طن، الطلب على الذهب في مصر 11.8
        طن) is the country's that its sentence names, the nearest one to the figure."""
        for p in parts:
            if (p.subject is None or p.subject.info.type != "COMMODITY"
                    or p.metric in ("price_level", "price_change")):
                continue
            places = [e for e in p.entities if e.info.type == "GPE"]  # the names of the figure's sentence
            if places:
                p.subject = min(places, key=lambda e: abs(e.start - p.quantity.start))
            else:
                country = self.assembler.currency_country(p.quantity)
                if country is not None:
                    p.subject = country

    def _weak_lead_entity(self, ntext: str, start: int, end: int, norm: Normalized | None = None):
        """A weak alias (an ordinary word that is also a name, like فوري) in the title line: a post's
        first line names its topic, so there the word is taken as the name."""
        named = None  # the line's whole names, matched only once a weak word turns up
        for m in TOKEN_RE.finditer(ntext, start, end):
            found = None
            for skip, word in clitic_variants(m.group().lower()):
                senses = self.homographs.get(word)
                if senses:
                    info = self._sense(senses, ntext, norm, m.start() + skip, m.end())
                    found = EntityMatch(info, m.start() + skip, m.end(), -1, -1)
                    break
            if found is None and not after_preposition(ntext, start, m.start()):  # في معادن كمان: the ordinary word
                found = self._weak_alias_at(ntext, m, end, self.gazetteer.weak_aliases)
            if found is None or self.matcher.in_not_name(ntext, start, found):
                continue  # الـ dot plot: a phrase of not_names.json, the ordinary words
            if named is None:
                line_end = ntext.find("\n", end)
                named = self.matcher.find(ntext, start, len(ntext) if line_end < 0 else line_end)
            if not any(e.start <= m.start() < e.end for e in named):
                return found  # but الدار of الدار البيضاء, a word of a name found whole, is no weak alias
        return None

    def _weak_alias_at(self, ntext: str, m, end: int, weak: dict[str, str]) -> EntityMatch | None:
        """The weak alias of `weak` (folded alias -> name) that the word `m` is or begins (مدينة مصر)."""
        pair = PAIR_RE.match(ntext, m.end(), end)  # two-word weak aliases
        if pair is not None:
            for skip, word in clitic_variants(m.group().lower()):
                name = weak.get(alias_key(word + " " + pair.group(1).lower()))
                if name is not None:
                    return EntityMatch(self.gazetteer.entities[name], m.start() + skip, pair.end(), -1, -1)
        for skip, word in clitic_variants(m.group().lower()):
            name = weak.get(word)
            if name is None or m.group()[:skip].endswith("ال") or "ك" in m.group()[:skip]:
                continue  # إعادة تسعير الطاقة: the ordinary word; وكالات is no و+ك+آلات
            if word.endswith("ه") and FEMININE_ADJECTIVE_RE.match(ntext, m.end()):
                continue  # طاقة فائضة: a feminine noun with its adjective, the ordinary word
            return EntityMatch(self.gazetteer.entities[name], m.start() + skip, m.end(), -1, -1)
        return None

    @staticmethod
    def _sense(senses: list, ntext: str, norm: Normalized | None, start: int, end: int) -> EntityInfo:
        """The entity a homograph stands for: the one whose mark is written on it in the original
        text (عمّان), else the one whose words the document uses most, else the first."""
        if norm is not None:
            os_, oe = norm.original_span(start, end)
            written = norm.original[os_:oe]
            for info, mark, _ in senses:
                if mark and mark in written:
                    return info
        counts = [len(context.findall(ntext)) for _, _, context in senses]
        best = max(range(len(senses)), key=lambda i: (counts[i], -i))
        return senses[best][0]

    def _stance_features(self, ntext: str, p: ClaimParts, index: SentenceIndex, frames: _Frames,
                         cache: dict) -> dict[str, float]:
        """The lexicon's evidence for one claim: cues of its sentence and of its clause (a contrast
        word can turn the side mid-sentence), its direction weighed by its metric (flipped under
        negation), the frame above it, and the whole document's cues."""
        lex = self.stance_lexicon
        s = p.sentence
        key = (s.start, s.end)
        if key not in cache:  # once per sentence: a long sentence with many figures stays linear
            cache[key] = (lex.cue_scores(ntext, s.start, s.end), frames.scope(s.start, s.end))
        sentence_cues, frame = cache[key]
        clause_start, clause_end = index.clause(p.quantity.start, s)
        inverted = lex.measures_bad_news(ntext, clause_start, clause_end)
        cues = combine_cues(sentence_cues, p.metric, inverted)
        clause = lex.cue_score(ntext, clause_start, clause_end, p.metric, inverted)
        signal = direction_signal(p.direction, p.metric, inverted)
        if signal and lex.negated_claim(ntext, clause_start, p.quantity.start):
            signal = -signal
        if "document" not in cache:  # the whole text's cues and frames, once per document
            cache["document"] = lex.cue_score(ntext, 0, len(ntext)) + sum(frames.sides)
            cache["post"] = lex.post_side(ntext)
        return {"cues": cues, "clause": clause, "direction": signal, "frame": frame, "document": cache["document"],
                "post": cache["post"]}

    @staticmethod
    def _inherit_currency(index: SentenceIndex, raw: list[RawQuantity]) -> None:
        """A bare number takes the currency of a money amount in its sentence: `لو كسر 60 ألف دولار
        ممكن نشوف 52 ألف`. The amount in its own clause wins, else the nearest one before it, else
        the nearest after. An unscaled bare number must also be of the same magnitude (within 3x:
        `كان 600` beside `850 درهم`), which keeps karats, ticker codes and counts out."""
        money_by_sentence: dict[int, list[RawQuantity]] = {}
        for m in raw:
            s = index.at(m.start) if m.kind == "money" else None
            if s is not None:
                money_by_sentence.setdefault(s.index, []).append(m)
        if not money_by_sentence:
            return
        for q in raw:
            if q.kind != "number" or q.identifier or (not q.scaled and q.numeral is not None and q.numeral.words_only):
                continue
            s = index.at(q.start)
            same = money_by_sentence.get(s.index) if s is not None else None
            if not same:
                continue
            source = _currency_source(index, s, q, same)
            if source is None or not (q.scaled or _same_magnitude(q.value, source.value)):
                continue
            q.kind, q.unit, q.inherited_unit = "money", source.unit, True


def _in_name(q: RawQuantity, index: SentenceIndex, entities_of: dict[int, list]) -> bool:
    """The number is part of an entity's name (an index such as ناسداك 100), no quantity."""
    s = index.at(q.start)
    return s is not None and any(e.start <= q.start < e.end for e in entities_of.get(s.index, ()))


def _next_line(ntext: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the text of the next non-blank line after `pos`, at most HEADLINE_MAX_CHARS."""
    start = NEXT_TEXT_RE.search(ntext, pos).start()
    end = ntext.find("\n", start)
    return start, min(len(ntext) if end < 0 else end, start + HEADLINE_MAX_CHARS)


def _owner_before(text: str, start: int, end: int) -> bool:
    """text[start:end] ends with an owner word of a company's figure (سهم، أرباح) and its space."""
    return any(m.end() == end for m in COMPANY_OWNER_RE.finditer(text, start, end))


def _add_names(index: SentenceIndex, entities_of: dict[int, list], find) -> None:
    """Add to the names of each sentence with a claim those `find(sentence, names)` yields (all
    looked for before any is added); the lists stay sorted by position."""
    sentences = {s.index: s for s in index.sentences}
    for sent_index, ents in entities_of.items():
        added = list(find(sentences[sent_index], ents))
        if added:
            ents.extend(added)
            ents.sort(key=lambda e: e.start)


def _most_named(entities_of: dict[int, list], entity_type: str | None = None) -> list:
    """The matches of the entity named most often in the claims' sentences (of `entity_type` if
    given), the first named on a tie; [] when there is none. The sentences are in text order."""
    counts: dict[str, list] = {}
    for ents in entities_of.values():
        for e in ents:
            if entity_type is None or e.info.type == entity_type:
                counts.setdefault(e.info.name, []).append(e)
    return max(counts.values(), key=len) if counts else []


def _overlaps(ents: list, start: int, end: int) -> bool:
    """Some name of `ents` covers part of text[start:end]."""
    return any(e.start < end and start < e.end for e in ents)


def _overlaps_or_coin(text: str, start: int, end: int, ents: list) -> bool:
    """A currency word inside a name, or naming a coin of a commodity (الجنيه الذهب), is no currency."""
    return _overlaps(ents, start, end) or any(
        e.info.type == "COMMODITY" and e.start >= end and not text[end:e.start].strip() for e in ents)


def _currency_source(index: SentenceIndex, sentence, q: RawQuantity, money: list[RawQuantity]):
    """The money amount whose currency a bare number in the same sentence takes."""
    clause_start, clause_end = index.clause(q.start, sentence)
    in_clause = [m for m in money if clause_start <= m.start < clause_end]
    before = [m for m in money if m.end <= q.start]
    after = [m for m in money if m.start >= q.end]
    if in_clause:
        return min(in_clause, key=lambda m: abs(m.start - q.start))
    if before:
        return before[-1]
    return after[0] if after else None


def _same_magnitude(a: float, b: float) -> bool:
    return a > 0 and b > 0 and 1 / 3 <= a / b <= 3


def claim_id(doc_id: str, start: int, end: int, surface: str) -> str:
    """A stable id: the same figure at the same place of the same document keeps it across runs."""
    return hashlib.sha1(f"{doc_id}\x00{start}\x00{end}\x00{surface}".encode()).hexdigest()[:16]


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of about `size` characters covering the text, each cut after a paragraph
    break, else a line break, else a sentence end, else a space in the second half of the piece
    (only a text without any of them is cut mid-word)."""
    bounds, start = [], 0
    while len(text) - start > size:
        limit, half = start + size, start + size // 2
        cut = -1
        for sep in ("\n\n", "\n", ". ", "، ", " "):
            at = text.rfind(sep, half, limit)
            if at >= 0:
                cut = at + len(sep)
                break
        cut = cut if cut > start else limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _tidy(value: float | None) -> float | None:
    """A value without binary noise from scaling: 35 هللة is 0.35 SAR, not 0.35000000000000003."""
    return None if value is None else float(f"{value:.15g}")


def _heading_starts(text: str) -> list[int]:
    """Start positions of heading-like lines: short lines ending with ':', numbered section titles,
    and short lines without a full stop right above a bulleted list (البنك السعودي الأول: لماذا
    نحن متفائلون⏎- نتوقع ...)."""
    starts = []
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        words = stripped.split()
        if words and len(words) <= HEADING_MAX_WORDS and (
                stripped.endswith(":") or stripped[:1].isdigit() and len(stripped) > 3 and not any(c.isdigit() for c in stripped[3:])
                or (i + 1 < len(lines) and BULLET_RE.match(lines[i + 1]) and not BULLET_RE.match(line)
                    and stripped[-1] not in ".،؟!?")):
            starts.append(pos)
        pos += len(line) + 1
    return starts


def _heading_above(text: str, headings: list[int], pos: int) -> str:
    i = bisect_left(headings, pos)
    if i == 0:
        return ""
    h = headings[i - 1]
    end = text.find("\n", h)
    return text[h : end if end >= 0 else len(text)].strip()


class _Frames:
    """A document's framing phrases (position, side) and heading starts, sorted, for scope lookups."""

    def __init__(self, frames: list[tuple[int, int]], headings: list[int]):
        self.positions = [pos for pos, _ in frames]
        self.sides = [side for _, side in frames]
        self.headings = headings

    def scope(self, start: int, end: int) -> int:
        """Side of the frame governing [start, end): the last frame inside it, else the last frame
        above it unless a heading came between (a new section without a frame ends the scope)."""
        i = bisect_left(self.positions, end) - 1
        if i < 0:
            return 0
        if self.positions[i] >= start:
            return self.sides[i]
        h = bisect_right(self.headings, self.positions[i])
        if h < len(self.headings) and self.headings[h] <= start:
            return 0
        return self.sides[i]


def _unique_entities(entities) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        key = (e.start, e.end)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return sorted(out, key=lambda e: e.start)
