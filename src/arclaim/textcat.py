"""Trained spaCy text classifiers shipped in `models/` (installed as `arclaim.trained`).

Loaded from disk, never downloaded. `scripts/train_stance.py` and
`scripts/train_metric.py` write them; their `meta.json` carries the settings
chosen on the dev split (under the key "arclaim"). All of them, and the entity
matcher, share one `spacy.blank("ar")`: building a Language (its tokenizer) is
the costly part of start-up, so it is done once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


def model_dir(name: str) -> Path:
    from importlib import resources

    return Path(str(resources.files("arclaim.trained").joinpath(name)))


@lru_cache(maxsize=1)
def shared_nlp():
    """The one blank Arabic pipeline whose tokenizer and vocab every arclaim component uses."""
    import spacy

    return spacy.blank("ar")


class TrainedTextcat:
    """A `textcat` trained and saved as a spaCy pipeline, loaded as a component of `shared_nlp()`."""

    def __init__(self, path: Path):
        from spacy.util import load_config

        self.path = Path(path)
        self.settings: dict = json.loads((self.path / "meta.json").read_text(encoding="utf-8")).get("arclaim", {})
        nlp = shared_nlp()
        self.name = f"textcat_{self.path.name}_{id(self)}"
        config = load_config(self.path / "config.cfg")["components"]["textcat"]
        config = {k: v for k, v in config.items() if k != "factory"}
        self.component = nlp.add_pipe("textcat", name=self.name, config=config)
        self.component.from_disk(self.path / "textcat", exclude=["vocab"])
        self.nlp = nlp

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        docs = self.component.pipe(self.nlp.tokenizer.pipe(texts))
        return [dict(doc.cats) for doc in docs]

    @staticmethod
    def available(path: Path) -> bool:
        return (path / "meta.json").is_file()
