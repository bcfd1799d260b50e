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


PREDICT_BATCH = 256  # texts per model call


def model_dir(name: str) -> Path:
    from importlib import resources

    return Path(str(resources.files("arclaim.trained").joinpath(name)))


@lru_cache(maxsize=1)
def shared_nlp():
    """The one blank Arabic pipeline whose tokenizer and vocab every arclaim component uses."""
    import spacy

    return spacy.blank("ar")


def _saved_at(path: Path) -> int:
    return max(f.stat().st_mtime_ns for f in (path / "textcat").iterdir())


@lru_cache(maxsize=None)
def _load_component(path: Path, saved_at: int):
    """One `textcat` component of `shared_nlp()` per saved model (and per save, so a model retrained
    in this process is reloaded): every Pipeline shares it instead of adding a copy to the shared
    Language, which grew with each Pipeline built and once reused a name freed by the GC."""
    from spacy.util import load_config

    nlp = shared_nlp()
    name = f"textcat_{path.name}_{len(nlp.component_names)}"
    config = load_config(path / "config.cfg")["components"]["textcat"]
    config = {k: v for k, v in config.items() if k != "factory"}
    component = nlp.add_pipe("textcat", name=name, config=config)
    component.from_disk(path / "textcat", exclude=["vocab"])
    return name, component


class TrainedTextcat:
    """A `textcat` trained and saved as a spaCy pipeline, loaded as a component of `shared_nlp()`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.settings: dict = json.loads((self.path / "meta.json").read_text(encoding="utf-8")).get("arclaim", {})
        self.nlp = shared_nlp()
        self.name, self.component = _load_component(self.path.resolve(), _saved_at(self.path))

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        """Label scores per text, one model call per batch of PREDICT_BATCH texts (no per-doc
        annotation pass); batches keep memory flat on a document with thousands of claims."""
        labels = self.component.labels
        out: list[dict[str, float]] = []
        for i in range(0, len(texts), PREDICT_BATCH):
            scores = self.component.predict([self.nlp.make_doc(t) for t in texts[i : i + PREDICT_BATCH]])
            out.extend(dict(zip(labels, map(float, row))) for row in scores.tolist())
        return out

    @staticmethod
    def available(path: Path) -> bool:
        return (path / "meta.json").is_file()


def train_textcat(examples: list[tuple[str, str]], labels: list[str], epochs: int, seed: int,
                  length: int, log=None, ngram_size: int = 2):
    """A blank Arabic pipeline with one exclusive-class bag-of-words `textcat` trained on
    (text, label) pairs; deterministic for a given seed."""
    import random

    import spacy
    from spacy.training import Example

    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("ar")
    textcat = nlp.add_pipe("textcat", config={
        "threshold": 0.5,
        "model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": ngram_size,
                  "no_output_layer": False, "length": length},
    })
    for label in labels:
        textcat.add_label(label)
    data = [Example.from_dict(nlp.make_doc(text), {"cats": {l: float(l == gold) for l in labels}})
            for text, gold in examples]
    optimizer = nlp.initialize(lambda: data)
    for epoch in range(epochs):
        random.shuffle(data)
        losses: dict = {}
        for batch in spacy.util.minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        if log is not None:
            log(f"epoch {epoch + 1}: loss {losses.get('textcat', 0):.3f}")
    return nlp


def save_pipeline(nlp, out: Path) -> None:
    """Write a pipeline to `out` through a temporary folder, so a crash leaves the old model whole."""
    import shutil

    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
