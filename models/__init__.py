"""Trained models shipped with arclaim (installed as the package `arclaim.trained`).

`stance/` is the spaCy text classifier written by scripts/train_stance.py.
"""
