"""With the [camel] extra: our folding agrees with camel-tools on every corpus document."""

from __future__ import annotations

import pytest

from arclaim.normalize import ATTACHED_MARKS, INVISIBLE, Options, _expand_ranges, normalize
from conftest import corpus_documents

camel = pytest.importorskip("camel_tools.utils.normalize", reason="needs the [camel] extra")
dediac = pytest.importorskip("camel_tools.utils.dediac")

OURS_ONLY = {ord(c): None for c in _expand_ranges(INVISIBLE) + _expand_ranges(ATTACHED_MARKS)}
OURS_ONLY.update({0x0660 + i: str(i) for i in range(10)})
OURS_ONLY.update({0x06F0 + i: str(i) for i in range(10)})
OURS_ONLY.update({0x066B: ".", 0x066C: ",", 0x066A: "%", 0x0609: "‰", 0x2212: "-", 0x00A0: " ", 0x202F: " ",
                  0x06CC: "\u064a", 0x06A9: "\u0643", 0x06C1: "\u0647", 0x06D5: "\u0647"})


def camel_pipeline(text: str) -> str:
    s = camel.normalize_unicode(text)
    s = dediac.dediac_ar(s)
    s = camel.normalize_alef_ar(s)
    s = camel.normalize_alef_maksura_ar(s)
    s = camel.normalize_teh_marbuta_ar(s)
    return s


@pytest.mark.camel
@pytest.mark.parametrize("path", corpus_documents(), ids=lambda p: p.name)
def test_agrees_with_camel_tools(path):
    text = path.read_text(encoding="utf-8")
    ours = normalize(text, Options(teh_marbuta=True)).text
    # camel-tools does what we do on the characters both handle; apply our extra foldings
    # (digits, separators, bidi and other invisible marks, tatweel, Persian letters) to its output.
    theirs = camel_pipeline(text).translate(OURS_ONLY)
    assert ours == theirs
