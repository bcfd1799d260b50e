"""Bull / bear / neutral stance of a claim: cue lexicons, scope, negation, and a trained textcat.

The lexicon part scores the claim's sentence: bull and bear cues (flipped by a
negator just before them), the claim's direction weighed by its metric
(inflation going up is bearish), and the frame set by the nearest heading or
framing sentence above (`الحجة ضد الفقاعة:`). The spaCy text classifier in
`models/stance` adds a learned probability; `blend` mixes the two, and `smooth_by_paragraph`
lets the other claims of a paragraph pull a claim toward the side the paragraph argues.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from .lexicon import TOKEN_RE, PhraseIndex, fold, load_json
from .textcat import TrainedTextcat, model_dir

# Metrics where a rise is bad news.
INVERTED_METRICS = {"debt", "inflation", "interest_rate", "liquidations", "budget"}
MODEL_DIR = model_dir("stance")
LABELS = ("bull", "bear", "neutral")


@dataclass
class StanceResult:
    label: str
    score: float  # confidence in [0, 1]
    lexicon: float  # signed lexicon score: > 0 bull, < 0 bear


class StanceLexicon:
    """Cue-based stance scoring over normalized, folded text."""

    def __init__(self) -> None:
        data = load_json("stance.json")
        # cue -> (side, is a movement word). Movement words (`تراجع`, `قفز`) take the side of the
        # move, which an inverted metric turns round: `تراجع التضخم` is good news.
        self.side_of: dict[str, tuple[int, bool]] = {}
        for key, side, move in (("bull_moves", 1, True), ("bear_moves", -1, True), ("bull", 1, False),
                                ("bear", -1, False)):
            for cue in data.get(key, []):
                self.side_of.setdefault(fold(cue), (side, move))
        self._shadow_names(load_json("entities.json"))
        self.cue_index = PhraseIndex(self.side_of)
        self.frame_of: dict[str, int] = {}
        for cue in data["bull_frames"]:
            self.frame_of.setdefault(fold(cue), 1)
        for cue in data["bear_frames"]:
            self.frame_of.setdefault(fold(cue), -1)
        self.frame_index = PhraseIndex(self.frame_of)
        self.open_headline_marks = [fold(w) for w in data.get("open_headline_marks", [])]
        self.emoji_side = {e: 1 for e in data.get("bull_emojis", [])}
        self.emoji_side.update({e: -1 for e in data.get("bear_emojis", [])})
        self.weights: dict[str, float] = data.get("weights", {"cues": 1.0, "direction": 1.0, "frame": 1.5,
                                                                 "document": 0.0, "document_cap": 3.0})
        self.inverted_index = PhraseIndex({fold(w): True for w in data.get("inverted_words", [])})
        self.negators = {fold(w) for w in data["negators"]}
        # Phrases that start like a negator but negate nothing (`لا يزال` still, `كما` as, `ما يصل`
        # up to): as longer or whole-word matches they win over the negator inside them.
        not_negators = {fold(w) for w in data.get("not_negators", [])}
        self.negator_index = PhraseIndex({w: w not in not_negators for w in self.negators | not_negators})

    def _shadow_names(self, entities: list[dict]) -> None:
        """Register every entity name that contains a cue (`طلعت مصطفى`, `بنك المشرق`, `مؤشر الخوف`)
        as a phrase of no side: the longer match wins, so a company's name is not read as news."""
        cues = PhraseIndex(dict(self.side_of))
        for entry in entities:
            for alias in [entry["name"], *entry.get("aliases", [])]:
                folded = fold(alias)
                if folded not in self.side_of and next(cues.finditer(folded), None) is not None:
                    self.side_of[folded] = (0, False)

    def score(self, features: dict[str, float]) -> float:
        """Signed stance score of a claim from its features: > 0 bull, < 0 bear."""
        w = self.weights
        cap = w.get("document_cap", 3.0)
        document = max(-cap, min(cap, features.get("document", 0.0))) / cap
        return (w["cues"] * features.get("cues", 0.0) + w.get("clause", 0.0) * features.get("clause", 0.0)
                + w["direction"] * features.get("direction", 0.0)
                + w["frame"] * features.get("frame", 0.0) + w["document"] * document
                + w.get("post", 0.0) * features.get("post", 0.0))

    def post_side(self, text: str) -> float:
        """Side of a social post's headline: +1, -1 or 0. A first line carrying an emoji reads as
        a post (`البيتكوين بيرجع يطير 🚀`), whose author argues one thesis and brings every figure
        below as evidence for it; a news or analyst headline only announces, so it gives 0. So does
        a headline that asks (`هل هي فقاعة؟`) or opens a thread (🧵): it weighs both sides."""
        first = text.lstrip().split("\n", 1)[0]
        if not EMOJI_RE.search(first) or any(mark in first for mark in self.open_headline_marks):
            return 0.0
        score = self.cue_score(first, 0, len(first)) + sum(self.emoji_side.get(c, 0) for c in first)
        return float((score > 0) - (score < 0))

    def frames(self, text: str, headings: list[int] = ()) -> list[tuple[int, int]]:
        """(position, side) for every heading or framing phrase, in text order. A frame opens its
        line or sentence (`ويرى المتشائمون ان`, `المخاطر:`); deeper in a sentence the same words
        (`تكلفه المخاطر`) only report. Anywhere in a heading line (lines starting at `headings`)
        a frame still sets the section's side: `3. التمويل (الحجه مع الفقاعه)`."""
        out = []
        for m in self.frame_index.finditer(text):
            if not (_opens_sentence(text, m.start) or _in_heading(text, m.start, headings)):
                continue
            side = m.value
            if self._negated(text, m.start):
                side = -side
            out.append((m.start, side))
        return out

    def cue_scores(self, text: str, start: int, end: int) -> tuple[float, float]:
        """(sentiment, movement): the summed sides of the sentiment cues and of the movement cues
        in [start, end), each flipped by a negator just before it."""
        sentiment = movement = 0.0
        for m in self.cue_index.finditer(text, start, end):
            side, move = m.value
            if self._negated(text, m.start, floor=start):
                side = -side
            if move:
                movement += side
            else:
                sentiment += side
        return sentiment, movement

    def cue_score(self, text: str, start: int, end: int, metric: str | None = None, inverted: bool = False) -> float:
        """Signed cue score of [start, end) for a claim of `metric`."""
        return combine_cues(self.cue_scores(text, start, end), metric, inverted)

    def measures_bad_news(self, text: str, start: int, end: int) -> bool:
        """text[start:end] (a claim's clause) names something whose rise is bad news (البطالة، العجز)."""
        return next(self.inverted_index.finditer(text, start, end), None) is not None

    def _negated(self, text: str, pos: int, floor: int = 0) -> bool:
        window_start = max(floor, pos - 30)
        window = text[window_start:pos]
        if "\n" in window:
            window_start += window.rfind("\n") + 1
        return self._has_negator(text, window_start, pos)

    def negated_claim(self, text: str, sent_start: int, q_start: int) -> bool:
        """A negator governs the claim: `ليس صحيحا ان الطلب تراجع 20%`."""
        return self._has_negator(text, max(sent_start, q_start - 80), q_start)

    def _has_negator(self, text: str, start: int, end: int) -> bool:
        return any(m.value for m in self.negator_index.finditer(text, start, end))


# Pictographic emoji (and the dingbat and symbol blocks older ones live in): the mark of a post.
EMOJI_RE = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
# Where a line, sentence or heading ends: a frame must come within FRAME_LEAD words after one.
BOUNDARY_RE = re.compile(r"[\n.!?؟:]")
FRAME_LEAD = 3


def _in_heading(text: str, pos: int, headings: list[int]) -> bool:
    """`pos` lies on a line that starts at one of the sorted `headings` positions."""
    line_start = text.rfind("\n", 0, pos) + 1
    i = bisect_left(headings, line_start)
    return i < len(headings) and headings[i] == line_start


def _opens_sentence(text: str, pos: int) -> bool:
    """At most FRAME_LEAD words lie between the last line/sentence boundary and `pos`."""
    start = max(0, pos - 120)
    lead = BOUNDARY_RE.split(text[start:pos])[-1] if pos else ""
    return len(TOKEN_RE.findall(lead)) <= FRAME_LEAD and (start == 0 or len(lead) < pos - start)


class StanceModel(TrainedTextcat):
    """The stance textcat in `models/stance`, with its weight against the lexicon chosen on dev."""

    def __init__(self, path: Path = MODEL_DIR):
        super().__init__(path)
        self.weight: float = float(self.settings.get("model_weight", 0.5))


def model_input(ntext: str, sent_start: int, sent_end: int, q_start: int, q_end: int, heading: str,
                direction: str | None = None, metric: str | None = None, features: dict | None = None) -> str:
    """What the stance model reads: the claim's direction and metric and the lexicon's evidence as
    tokens, the heading above, then the sentence with the figure marked."""
    sentence = ntext[sent_start:q_start] + " QTY " + ntext[q_end:sent_end]
    tags = f"DIR_{direction or 'none'} MET_{metric or 'none'} " + evidence_tags(features or {})
    return tags + (heading + " || " if heading else "") + sentence


# Lexicon features the model sees as sign tokens, with the size a value must reach to count.
EVIDENCE_TAGS = (("cues", "CUE", 0.5), ("clause", "CLAUSE", 0.5), ("direction", "SIG", 0.5),
                 ("frame", "FRAME", 0.5), ("document", "DOC", 2.0), ("post", "POST", 0.5))


def evidence_tags(features: dict) -> str:
    """The lexicon's evidence as tokens (`CUE_pos FRAME_none ...`): the model learns how far to trust
    each kind, which a fixed blend of two probabilities cannot do per claim."""
    out = []
    for key, tag, size in EVIDENCE_TAGS:
        value = features.get(key, 0.0)
        out.append(f"{tag}_{'pos' if value >= size else 'neg' if value <= -size else 'none'} ")
    return "".join(out)


def lexicon_side(score: float, threshold: float = 0.25) -> tuple[str, float]:
    if score > threshold:
        return "bull", min(1.0, 0.5 + score / 4)
    if score < -threshold:
        return "bear", min(1.0, 0.5 - score / 4)
    return "neutral", 0.5


def blend(lex_score: float, cats: dict[str, float] | None, weight: float = 0.5,
          threshold: float = 0.25) -> dict[str, float]:
    """The three labels' probabilities: the lexicon's side as a distribution (its confidence on its
    label, the rest shared), blended with the model's at `weight` (cats None: the lexicon's alone)."""
    label, conf = lexicon_side(lex_score, threshold)
    lex_probs = {k: conf if k == label else (1 - conf) / 2 for k in LABELS}
    if cats is None:
        return lex_probs
    return {k: weight * cats.get(k, 0.0) + (1 - weight) * lex_probs[k] for k in LABELS}


def result_of(probs: dict[str, float], lex_score: float) -> StanceResult:
    best = max(LABELS, key=lambda k: probs[k])
    return StanceResult(best, round(probs[best], 3), lex_score)


def combine(lex_score: float, cats: dict[str, float] | None, weight: float = 0.5,
            threshold: float = 0.25) -> StanceResult:
    """Blend the lexicon's signed score with the model's probabilities."""
    return result_of(blend(lex_score, cats, weight, threshold), lex_score)


def smooth_by_paragraph(probs: list[dict[str, float]], paragraphs: list[int], share: float) -> list[dict[str, float]]:
    """Each claim's probabilities mixed with the mean of the other claims of its paragraph, `share`
    of the way: a paragraph argues one side, so a claim's neighbours are evidence of its own."""
    totals: dict[int, dict[str, float]] = {}
    counts: dict[int, int] = {}
    for p, par in zip(probs, paragraphs):  # one pass of sums, so a paragraph of many figures stays linear
        total = totals.setdefault(par, dict.fromkeys(LABELS, 0.0))
        for k in LABELS:
            total[k] += p[k]
        counts[par] = counts.get(par, 0) + 1
    out = []
    for p, par in zip(probs, paragraphs):
        others = counts[par] - 1
        if not others or share <= 0:
            out.append(p)
            continue
        out.append({k: (1 - share) * p[k] + share * (totals[par][k] - p[k]) / others for k in LABELS})
    return out


def combine_cues(scores: tuple[float, float], metric: str | None, inverted: bool = False) -> float:
    """A (sentiment, movement) pair as one score for a claim of `metric` (`inverted`: its clause
    measures something whose rise is bad news)."""
    sentiment, movement = scores
    return sentiment - movement if inverted or metric in INVERTED_METRICS else sentiment + movement


def direction_signal(direction: str | None, metric: str | None, inverted: bool = False) -> float:
    if direction is None:
        return 0.0
    sign = 1.0 if direction == "up" else -1.0
    return -sign if inverted or metric in INVERTED_METRICS else sign
