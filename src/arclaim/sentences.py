"""Sentence and clause boundaries in normalized text.

Posts break sentences with line ends as often as with full stops, so a line
end always ends a sentence. A full stop between digits (87.20) never does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

# A line that ends with a comma goes on on the next line (a post wraps one sentence over lines).
SENTENCE_END_RE = regex.compile(r"(?<![،,][ \t]*)\n+|[.!?؟]+(?=\s|$)")
# A comma between digits (9,500) groups thousands: it ends no clause. Nor does a short gloss in
# brackets without a figure (الشركات الكبري (Hyperscalers) يتجه ...): it names, it does not assert.
GLOSS = r"[^()\n\d،,]{1,40}"
CLAUSE_END_RE = regex.compile(r"[،;؛:\[\]]|\((?!%s\))|(?<!\(%s)\)|(?<!\d),|,(?!\d)|\s(?:بينما|لكن|بل|غير ان|الا ان|اما)\s"
                              % (GLOSS, GLOSS))


MAX_SENTENCE_CHARS = 2000  # longer runs without a stop are cut (see _split_long)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    index: int


class SentenceIndex:
    """The sentences of a text, with lookup of the sentence holding a position."""

    def __init__(self, text: str, breaks: list[int] = ()):
        """`breaks`: more positions where a sentence ends and the next begins (after a dateline)."""
        self.text = text
        spans: list[tuple[int, int]] = []
        last = 0
        cuts = [(m.end() if m.group().strip() else m.start(), m.end()) for m in SENTENCE_END_RE.finditer(text)]
        for end, following in sorted(cuts + [(b, b) for b in breaks]):
            if end > last:
                spans.append(_trim(text, last, end))
            last = max(last, following)
        if last < len(text):
            spans.append(_trim(text, last, len(text)))
        spans = [piece for span in spans for piece in _split_long(text, *span)]
        self.sentences = [Sentence(s, e, i) for i, (s, e) in enumerate(spans) if e > s]
        self._starts = [s.start for s in self.sentences]
        self._cuts: dict[int, tuple[list[int], list[int]]] = {}

    def at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        sent = self.sentences[i]
        return sent if pos < sent.end else None

    def clause(self, pos: int, sentence: Sentence) -> tuple[int, int]:
        """The clause of `sentence` around `pos`: cut at commas, colons and contrast words."""
        cuts = self._cuts.get(sentence.index)
        if cuts is None:  # computed once per sentence, so long sentences stay linear
            found = list(CLAUSE_END_RE.finditer(self.text, sentence.start, sentence.end))
            cuts = self._cuts[sentence.index] = ([m.end() for m in found], [m.start() for m in found])
        ends, starts = cuts
        i = bisect_right(ends, pos)
        start = ends[i - 1] if i > 0 else sentence.start
        j = bisect_left(starts, pos)
        end = starts[j] if j < len(starts) else sentence.end
        return start, max(end, start)


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A 'sentence' longer than MAX_SENTENCE_CHARS (text without stops or line ends) cut at spaces
    into pieces no longer than that: every claim stores its sentence, so one endless sentence with
    many figures would cost memory quadratic in its length."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append(_trim(text, start, cut))
        start = cut
    pieces.append(_trim(text, start, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
