"""The `arclaim` spaCy component: `nlp.add_pipe("arclaim")` sets `doc._.claims` and `doc.ents`.

It runs the same `Extractor` as the command line on `doc.text`, so a pipeline
and the CLI give the same records.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


class ArclaimComponent:
    """Runs the arclaim extractor on a Doc."""

    def __init__(self, nlp: Language, name: str, reference: str | None, all_quantities: bool):
        from .pipeline import Extractor, ExtractorConfig

        self.extractor = Extractor(ExtractorConfig(reference=reference, all_quantities=all_quantities))
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        result = self.extractor.analyze(doc.text, doc_id=doc.user_data.get("doc_id", "-"))
        doc._.claims = result.claims
        spans = []
        for ent in result.entities:
            span = doc.char_span(ent.start, ent.end, label=ent.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


@Language.factory("arclaim", default_config={"reference": None, "all_quantities": False})
def make_arclaim(nlp: Language, name: str, reference: str | None, all_quantities: bool) -> ArclaimComponent:
    return ArclaimComponent(nlp, name, reference, all_quantities)


__all__ = ["ArclaimComponent", "make_arclaim"]
