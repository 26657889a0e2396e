"""Conditions parsed by rule-engine (never eval), checked against the facts vocabulary,
and evaluated with three values (true, false, unknown) so missing facts stay visible.

rule-engine evaluates a whole expression or fails on a missing symbol. Walking its tree
lets `and`, `or` and `not` follow Kleene's logic instead: `age >= 18 or has_children` is
true as soon as one side is true, whatever the other side's facts are.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import rule_engine
from rule_engine import ast as re_ast
from rule_engine.types import DataType

from bot.eligibility.types import Fact

__all__ = ["ConditionProblem", "compile_condition", "evaluate_condition", "symbols"]

_RULE_TYPES = {
    "boolean": DataType.BOOLEAN,
    "integer": DataType.FLOAT,
    "choice": DataType.STRING,
    "band": DataType.FLOAT,
}


class ConditionProblem(ValueError):
    """A condition that cannot be used; the message says why, in the rule writer's terms."""


def compile_condition(text: str, facts: Mapping[str, Fact]) -> rule_engine.Rule:
    """Parse `text` with every fact typed, or raise ConditionProblem."""
    context = rule_engine.Context(
        type_resolver=rule_engine.type_resolver_from_dict(
            {fact.id: _RULE_TYPES[fact.type] for fact in facts.values()}
        )
    )
    try:
        rule = rule_engine.Rule(text, context=context)
    except rule_engine.SymbolResolutionError as error:
        hint = f", did you mean '{error.suggestion}'?" if error.suggestion else ""
        raise ConditionProblem(
            f"unknown fact '{error.symbol_name}'{hint} (rule-engine: {error.message})"
        ) from None
    except rule_engine.EngineError as error:
        raise ConditionProblem(f"rule-engine cannot parse it: {error.message}") from None
    result_type = rule.statement.expression.result_type
    if result_type not in (DataType.BOOLEAN, DataType.UNDEFINED):
        raise ConditionProblem(f"it must be true or false, not a {result_type.name}")
    for problem in _literal_problems(rule.statement.expression, facts):
        raise ConditionProblem(problem)
    return rule


def symbols(rule: rule_engine.Rule) -> tuple[str, ...]:
    """The facts a condition reads, in the order they are written."""
    seen: dict[str, None] = {}
    for node in _walk(rule.statement.expression):
        if isinstance(node, re_ast.SymbolExpression):
            seen.setdefault(node.name, None)
    return tuple(seen)


def evaluate_condition(
    rule: rule_engine.Rule, values: Mapping[str, Any]
) -> tuple[bool | None, tuple[str, ...]]:
    """(True/False/None, the missing facts that left it unknown). `values` are rule values."""
    return _kleene(rule.statement.expression, values)


def _kleene(node: Any, values: Mapping[str, Any]) -> tuple[bool | None, tuple[str, ...]]:
    if isinstance(node, re_ast.LogicExpression):
        left, left_missing = _kleene(node.left, values)
        right, right_missing = _kleene(node.right, values)
        decisive = node.type == "or"  # the value that settles it alone
        if left is decisive or right is decisive:
            return decisive, ()
        if left is None or right is None:
            return None, _merge(left_missing, right_missing)
        return not decisive, ()
    if isinstance(node, re_ast.UnaryExpression) and node.type == "not":
        value, missing = _kleene(node.right, values)
        return (None if value is None else not value), missing
    missing = tuple(
        dict.fromkeys(
            item.name
            for item in _walk(node)
            if isinstance(item, re_ast.SymbolExpression) and item.name not in values
        )
    )
    if missing:
        return None, missing
    return bool(node.evaluate(values)), ()


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(first + second))


def _children(node: Any) -> Iterator[Any]:
    for name in ("left", "right", "member", "container", "condition", "case_true",
                 "case_false", "object", "item", "function", "expression"):
        child = getattr(node, name, None)
        if isinstance(child, re_ast.ExpressionBase):
            yield child
    for name in ("value", "arguments"):
        items = getattr(node, name, None)
        if isinstance(items, (list, tuple)):
            yield from (item for item in items if isinstance(item, re_ast.ExpressionBase))


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in _children(node):
        yield from _walk(child)


def _literal_problems(root: Any, facts: Mapping[str, Fact]) -> Iterator[str]:
    """Values compared with a choice or band fact that the fact cannot take."""
    for node in _walk(root):
        if isinstance(node, re_ast.ContainsExpression):
            pairs = [(node.member, item) for item in _children(node.container)]
            if not isinstance(node.container, (re_ast.ArrayExpression, re_ast.SetExpression)):
                pairs = []
        elif isinstance(node, re_ast.ComparisonExpression):
            pairs = [(node.left, node.right), (node.right, node.left)]
        else:
            continue
        for side, other in pairs:
            if not isinstance(side, re_ast.SymbolExpression) or side.name not in facts:
                continue
            if not isinstance(other, re_ast.LiteralExpressionBase):
                continue
            problem = _literal_problem(facts[side.name], other.value)
            if problem:
                yield problem


def _literal_problem(fact: Fact, value: Any) -> str | None:
    if fact.type == "choice":
        allowed = [choice.id for choice in fact.choices]
        if value not in allowed:
            return f"'{value}' is not an allowed value of {fact.id} ({', '.join(allowed)})"
    if fact.type == "band":
        limits = [choice.up_to for choice in fact.choices if choice.up_to is not None]
        if isinstance(value, str) or value not in limits:
            shown = ", ".join(str(limit) for limit in limits)
            return (
                f"{fact.id} is compared by its band's upper limit, so compare it with one "
                f"of {shown}, not {value!r}"
            )
    return None
