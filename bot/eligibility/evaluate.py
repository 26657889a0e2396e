"""Pure functions from a person's facts to an outcome per service, with the trace.

How conditions combine (docs/eligibility.md): a condition that fails with
`if_fails: not_eligible` decides the outcome at once, even while other facts are missing;
otherwise any unknown condition makes the outcome unknown; otherwise a failed
`if_fails: may_qualify` condition makes it may_qualify; otherwise the person is eligible.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from bot.eligibility._expressions import evaluate_condition
from bot.eligibility.types import (
    ELIGIBLE,
    MAY_QUALIFY,
    NOT_ELIGIBLE,
    UNKNOWN,
    ConditionTrace,
    Fact,
    Result,
    ServiceRules,
)

__all__ = ["evaluate", "evaluate_all", "questions_needed"]


def evaluate(service_rules: ServiceRules, facts: Mapping[str, Any]) -> Result:
    """The outcome for one service. `facts` holds checked values; absent or None is unknown."""
    known = {name: value for name, value in facts.items() if value is not None}
    values = {
        name: fact.rule_value(known[name])
        for name, fact in service_rules.facts.items()
        if name in known
    }
    trace = []
    for condition in service_rules.conditions:
        assert condition.rule is not None
        holds, missing = evaluate_condition(condition.rule, values)
        read = {name: known.get(name) for name in condition.reads}
        trace.append(ConditionTrace(condition, holds, read, missing))
    failed = [step for step in trace if step.holds is False]
    hard_failures = [step for step in failed if step.condition.if_fails == NOT_ELIGIBLE]
    unknown = [step for step in trace if step.holds is None]
    missing_facts: tuple[str, ...]
    if hard_failures:
        outcome, missing_facts = NOT_ELIGIBLE, ()
    elif unknown:
        outcome = UNKNOWN
        missing_facts = _in_vocabulary_order(
            (name for step in unknown for name in step.missing_facts), service_rules.facts
        )
    else:
        outcome = MAY_QUALIFY if failed else ELIGIBLE
        missing_facts = ()
    alternatives = tuple(
        dict.fromkeys(
            alternative
            for step in (hard_failures or failed)
            for alternative in step.condition.instead
        )
    )
    return Result(
        service=service_rules.service,
        outcome=outcome,
        trace=tuple(trace),
        missing_facts=missing_facts,
        alternatives=alternatives,
        decided_by=service_rules.decided_by,
    )


def evaluate_all(
    rules_by_service: Mapping[str, ServiceRules], facts: Mapping[str, Any]
) -> list[Result]:
    """One result per service, in the rule book's order."""
    return [evaluate(rules, facts) for rules in rules_by_service.values()]


def questions_needed(
    rules: Mapping[str, ServiceRules],
    service_ids: Iterable[str],
    known_facts: Mapping[str, Any],
    skipped: Collection[str] = (),
) -> list[str]:
    """The facts still worth asking for `service_ids`, in the vocabulary's order.

    Only facts that could still change an unknown outcome are listed; `skipped` facts
    (questions the person chose not to answer) are never asked again. A chat form asks the
    first one and calls this again with the answer, since one answer can settle others.
    """
    needed: dict[str, Fact] = {}
    for service_id in service_ids:
        service_rules = rules[service_id]
        result = evaluate(service_rules, known_facts)
        for name in result.missing_facts:
            if name not in skipped:
                needed[name] = service_rules.facts[name]
    return sorted(needed, key=lambda name: needed[name].position)


def _in_vocabulary_order(names: Iterable[str], facts: Mapping[str, Fact]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=lambda name: facts[name].position))

