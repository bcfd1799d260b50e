"""Subject ranking: which candidate a claim is about, by a weighted sum of the candidate's features.

The claim assembler lists the candidates (the names of the claim's sentence, the subject carried
from the previous claim, the document's topic, the country of a local currency) with their
features; this module only weighs them, with the weights of `resources/subject_weights.json`.
"""

from __future__ import annotations

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

    def best(self, candidates: list[SubjectCandidate]) -> EntityMatch | None:
        """The entity of the best-scoring candidate (the first one on a tie); None without candidates."""
        best, best_score = None, None
        for cand in candidates:
            score = self.score(cand.features)
            if best_score is None or score > best_score:
                best, best_score = cand.entity, score
        return best


__all__ = ["SubjectCandidate", "SubjectRanker"]
