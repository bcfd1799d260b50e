"""The records arclaim emits. Field names are a contract: add fields, never rename or drop."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal[
    "money", "percent", "pp", "power", "energy", "mass", "volume", "count",
    "number", "year", "date", "quarter", "duration",
]
Bound = Literal["exact", "approx", "at_least", "at_most", "range"]
Stance = Literal["bull", "bear", "neutral"]
Verdict = Literal["supported", "contradicted", "unverifiable"]

#: Kinds that make a claim record; the rest are recognized so they are never mistaken for claims.
CLAIM_KINDS = frozenset({"money", "percent", "pp", "power", "energy", "mass", "volume", "count"})


class Span(BaseModel):
    """A piece of the original text: `text[start:end] == text` of the span."""

    model_config = ConfigDict(extra="allow")
    text: str
    start: int
    end: int


class Quantity(BaseModel):
    """A number with its unit and bound. `value` is in the canonical `unit`."""

    model_config = ConfigDict(extra="allow")
    surface: str
    start: int
    end: int
    value: float
    upper: Optional[float] = None
    unit: Optional[str] = None
    kind: Kind
    bound: Bound = "exact"
    counted: Optional[str] = None
    raw_unit: Optional[str] = Field(default=None, description="unit as written when converted (bp, GW, kg)")
    inherited_unit: bool = Field(default=False, description="unit taken from another amount in the sentence")


class Entity(BaseModel):
    """An entity mention: canonical name, type and where it is in the original text."""

    model_config = ConfigDict(extra="allow")
    name: str
    type: str
    surface: str
    start: int
    end: int


class Check(BaseModel):
    """The verdict of a reference table on one claim."""

    model_config = ConfigDict(extra="allow")
    verdict: Verdict
    reference: Optional[dict[str, Any]] = None
    difference: Optional[float] = None
    reason: str
    others: list[dict[str, Any]] = Field(default_factory=list)


class Claim(BaseModel):
    """One numeric claim: the record written as one JSON line."""

    model_config = ConfigDict(extra="allow")
    doc: str
    claim_id: str
    sentence: Span
    quantity: Quantity
    subject: Optional[str] = None
    entities: list[Entity] = Field(default_factory=list)
    metric: Optional[str] = None
    direction: Optional[Literal["up", "down"]] = None
    year: Optional[int] = None
    stance: Stance = "neutral"
    stance_score: float = 0.0
    check: Optional[Check] = None
