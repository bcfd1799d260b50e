"""Unit strings -> canonical units, from the same lexicons the extractor uses.

`canonical_unit("GW")` gives `UnitInfo("W", "power", 1e9)`: multiply a value
written in that unit by `factor` to get it in the canonical `unit` the extractor
emits. Currencies map to their ISO code with factor 1 (cents and halalas to
their main currency with 0.01); currencies are never converted into one another.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class UnknownUnitError(ValueError):
    """A unit string that is neither a unit nor a currency the extractor knows."""


class UnitInfo(NamedTuple):
    unit: str  # canonical unit: "W", "Wh", "%", "pp", "t", "oz", "bbl", "m3", "cf", "count", or an ISO currency code
    kind: str  # a claim kind: power, energy, percent, pp, mass, volume, count, money
    factor: float  # value in the given unit * factor = value in `unit`


COUNT_NAMES = ("count", "counts", "number", "units", "عدد")
EXAMPLES = "GW, MW, kW, TWh, %, pp, bp, t, kg, oz, bbl, count, USD, $, دولار, ريال قطري"


def canonical_unit(text: str) -> UnitInfo:
    """(canonical unit, kind, factor) for any unit or currency string the extractor knows.

    Raises `UnknownUnitError` naming the string when it is not known.
    """
    if not isinstance(text, str) or not text.strip():
        raise UnknownUnitError(f"empty unit (use one of: {EXAMPLES})")
    found = _table().get(_key(text))
    if found is None:
        found = _with_qualifier(text)
    if found is None:
        raise UnknownUnitError(f"unknown unit {text.strip()!r} (known units include {EXAMPLES})")
    return found


def is_known_unit(text: str) -> bool:
    try:
        canonical_unit(text)
    except UnknownUnitError:
        return False
    return True


def _key(text: str) -> str:
    return " ".join(text.strip().split())


@lru_cache(maxsize=1)
def _table() -> dict[str, UnitInfo]:
    """Exact spellings first, then case-folded and Arabic-folded spellings that stay unambiguous."""
    from .lexicon import lexicon
    from .normalize import fold

    lex = lexicon()
    exact: dict[str, UnitInfo] = {}

    def unit_info(entry: dict) -> UnitInfo:
        return UnitInfo(entry["unit"], entry["kind"], float(entry["factor"]))

    def money_info(entry: dict) -> UnitInfo:
        return UnitInfo(entry["default"], "money", float(entry.get("factor", 1)))

    for sym, entry in lex.unit_symbols.items():
        exact[sym] = unit_info(entry)
    for entry in {id(e): e for e in lex.unit_symbols.values()}.values():
        exact.setdefault(entry["unit"], UnitInfo(entry["unit"], entry["kind"], 1.0))
    for word, entry in lex.unit_words.items():
        exact.setdefault(word, unit_info(entry))
    codes: set[str] = set()
    for sym, code in lex.currency_symbols.items():
        exact.setdefault(sym, UnitInfo(code, "money", 1.0))
        codes.add(code)
    for entry in {id(e): e for e in lex.currency_words.values()}.values():
        if entry.get("factor", 1) == 1:
            codes.add(entry["default"])
        codes.update(entry["qualifiers"].values())
    for code in codes:
        exact.setdefault(code, UnitInfo(code, "money", 1.0))
    for word, entry in lex.currency_words.items():
        exact.setdefault(word, money_info(entry))
    for word, entry in lex.currency_latin.items():
        exact.setdefault(word, money_info(entry))
    for name in COUNT_NAMES:
        exact.setdefault(name, UnitInfo("count", "count", 1.0))

    table = dict(exact)
    # Case-insensitive and Arabic-folded variants, kept only when they do not clash
    # (mW would be milli, MW mega: a lower-case key maps only when all spellings agree).
    variants: dict[str, set[UnitInfo]] = {}
    for key, info in exact.items():
        for variant in {key.lower(), fold(key).lower(), _strip_article(fold(key)).lower()}:
            variants.setdefault(variant, set()).add(info)
    for variant, infos in variants.items():
        if variant not in table and len(infos) == 1:
            table[variant] = next(iter(infos))
    return _Lookup(table)


class _Lookup(dict):
    """Exact key, then lower-case, then Arabic-folded without the article."""

    def get(self, key, default=None):  # type: ignore[override]
        from .normalize import fold

        for cand in (key, key.lower(), fold(key).lower(), _strip_article(fold(key)).lower()):
            if dict.__contains__(self, cand):
                return dict.__getitem__(self, cand)
        return default


def _strip_article(word: str) -> str:
    for prefix in ("بال", "ال"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def _with_qualifier(text: str) -> UnitInfo | None:
    """ريال قطري, دولار كندي, جنيه إسترليني: a currency word and a nationality."""
    from .lexicon import lexicon
    from .normalize import fold

    words = fold(_key(text)).split(" ")
    if len(words) < 2:
        return None
    lex = lexicon()
    entry = lex.currency_words.get(_strip_article(words[0])) or lex.currency_words.get(words[0])
    if entry is None:
        return None
    rest = " ".join(words[1:])
    for cand in (rest, _strip_article(rest)):
        if cand in entry["qualifiers"]:
            return UnitInfo(entry["qualifiers"][cand], "money", float(entry.get("factor", 1)))
    return None
