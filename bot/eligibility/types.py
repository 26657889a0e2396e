"""The eligibility domain types: facts, conditions, rule sets, results and their trace.

Frozen dataclasses, so a loaded rule book can be shared by every request without copying.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import rule_engine

Outcome = Literal["eligible", "may_qualify", "not_eligible", "unknown"]

ELIGIBLE: Outcome = "eligible"
MAY_QUALIFY: Outcome = "may_qualify"
NOT_ELIGIBLE: Outcome = "not_eligible"
UNKNOWN: Outcome = "unknown"
#: Every outcome, from the best to the most uncertain.
OUTCOMES: tuple[Outcome, ...] = (ELIGIBLE, MAY_QUALIFY, NOT_ELIGIBLE, UNKNOWN)
#: What a condition that does not hold makes of the outcome.
FAILURE_OUTCOMES: tuple[Outcome, ...] = (NOT_ELIGIBLE, MAY_QUALIFY)

FactType = Literal["boolean", "integer", "choice", "band"]
FACT_TYPES: tuple[FactType, ...] = ("boolean", "integer", "choice", "band")


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice or band fact. A band's `up_to` is its upper limit
    (inclusive, None for the top band): conditions compare bands by that number."""

    id: str
    label: str
    up_to: int | None = None


@dataclass(frozen=True)
class Fact:
    """One thing a person may tell about themselves, defined once in facts.yml."""

    id: str
    type: FactType
    label: str
    question: str
    position: int
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    help: str | None = None

    def choice(self, value: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.id == value), None)

    def rule_value(self, value: Any) -> Any:
        """The value as conditions see it: a band becomes its upper limit in euros."""
        if self.type == "band":
            choice = self.choice(value)
            assert choice is not None
            return Decimal("Infinity") if choice.up_to is None else Decimal(choice.up_to)
        return value


@dataclass(frozen=True)
class Alternative:
    """What a person can do instead: another catalogue service or an advice office."""

    kind: Literal["service", "office"]
    id: str


@dataclass(frozen=True)
class Condition:
    """A requirement of a service: a rule-engine expression over facts, with its reasons."""

    id: str
    when: str
    if_fails: Outcome
    holds_text: str
    fails_text: str
    reads: tuple[str, ...]
    instead: tuple[Alternative, ...] = ()
    rule: rule_engine.Rule | None = field(default=None, compare=False, repr=False)

    def key(self, service: str, state: str) -> str:
        """The reason key, e.g. `housing-benefit.low-income.fails`, stable across languages."""
        return f"{service}.{self.id}.{state}"


@dataclass(frozen=True)
class ServiceRules:
    """The sample city's simplified rules for one catalogue service."""

    service: str
    category: str
    basis: str
    conditions: tuple[Condition, ...]
    decided_by: tuple[str, ...]
    facts: Mapping[str, Fact]
    simplified: bool = True
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Texts:
    """The wording around every result (outcome labels, the notice), from outcomes.yml."""

    outcome_labels: Mapping[str, str]
    notice: str
    unknown_condition: str


@dataclass(frozen=True)
class RuleBook:
    """Everything loaded from one eligibility folder, validated against the catalogue."""

    facts: Mapping[str, Fact]
    services: Mapping[str, ServiceRules]
    texts: Texts
    uncovered: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConditionTrace:
    """One condition as evaluated: the facts it read and whether it held (None: unknown)."""

    condition: Condition
    holds: bool | None
    facts: Mapping[str, Any]
    missing_facts: tuple[str, ...] = ()

    @property
    def state(self) -> str:
        return {True: "holds", False: "fails", None: "unknown"}[self.holds]

    @property
    def reason(self) -> str | None:
        """The plain-language reason, or None while facts are missing."""
        if self.holds is None:
            return None
        return self.condition.holds_text if self.holds else self.condition.fails_text


@dataclass(frozen=True)
class Result:
    """The outcome for one service, and the trace it was reached by."""

    service: str
    outcome: Outcome
    trace: tuple[ConditionTrace, ...]
    missing_facts: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    decided_by: tuple[str, ...]
