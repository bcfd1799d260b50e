"""Subject ranking: which candidate a claim is about, by a weighted sum of the candidate's features.

The claim assembler lists the candidates (the names of the claim's sentence, the subject carried
from the previous claim, the document's topic, the country of a local currency) with their
features; this module only weighs them, with the weights of `resources/subject_weights.json`,
plus, where a figure has two candidates or more, the log-odds of the subject model
(`models/subject`) that each one is the subject, times the weight it was trained with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .entities import EntityMatch
from .lexicon import load_json


@dataclass
class SubjectCandidate:
    """One possible subject of a claim and the features that speak for or against it."""

    entity: EntityMatch
    features: dict[str, float] = field(default_factory=dict)


class SubjectRanker:
    """Scores candidates with one weight per feature; a feature without a weight counts 0."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = weights if weights is not None else dict(load_json("subject_weights.json")["weights"])

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def best(self, candidates: list[SubjectCandidate], model_probs: list[float] | None = None,
             model_weight: float = 0.0) -> EntityMatch | None:
        """The entity of the best-scoring candidate (the first one on a tie); None without candidates.
        `model_probs`, one per candidate, add `model_weight` times their log-odds to the hand score."""
        best, best_score = None, None
        for i, cand in enumerate(candidates):
            score = self.score(cand.features)
            if model_probs is not None:
                p = min(max(model_probs[i], 1e-6), 1 - 1e-6)
                score += model_weight * math.log(p / (1 - p))
            if best_score is None or score > best_score:
                best, best_score = cand.entity, score
        return best


__all__ = ["SubjectCandidate", "SubjectRanker"]
