"""The spaCy component shares the extractor's code path and sets doc.ents."""

from __future__ import annotations

import spacy

TEXT = "تضخ Nvidia ملياري دولار في CoreWeave، وقفز سهم كورويف بنسبة 12%."


def test_factory_gives_claims_and_entities(extractor):
    nlp = spacy.blank("ar")
    nlp.add_pipe("arclaim")
    doc = nlp(TEXT)
    direct = [c.model_dump() for c in extractor.extract(TEXT)]
    assert [c.quantity.surface for c in doc._.claims] == [c["quantity"]["surface"] for c in direct]
    assert doc._.claims[0].subject == "Nvidia"
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Nvidia", "ORG") in labels and ("CoreWeave", "ORG") in labels


def test_factory_is_registered_by_entry_point():
    from spacy.util import registry

    assert "arclaim" in registry.factories.get_all()
