"""Trained models shipped with arclaim (installed as the package `arclaim.trained`).

Each folder is a spaCy text classifier: `stance/` (scripts/train_stance.py), `metric/`
(scripts/train_metric.py) and `subject/` (scripts/train_subject.py).
"""
