"""Explainable eligibility checks: rules as data, an evaluator with a trace, an HTTP API.

Public API (see docs/eligibility.md):
- load_rules(folder, catalogue) -> RuleBook          parse and validate (raises RulesError)
- evaluate(service_rules, facts) -> Result            one service, with its trace
- evaluate_all(rules_by_service, facts) -> list[Result]
- questions_needed(rules, service_ids, known_facts, skipped=()) -> list[str]
- check_profile(facts_vocabulary, profile) -> dict     (raises ProfileError)
- parse_answer(fact, answer) -> value                  a chat answer as a fact value
- render_result(result, book, catalogue, language, translate) -> dict
- bot.eligibility.api.create_app(rules_folder, catalogue_folder) -> Starlette app
"""
from bot.eligibility.evaluate import evaluate, evaluate_all, questions_needed
from bot.eligibility.loader import RulesError, load_rules
from bot.eligibility.profile import ProfileError, check_profile, parse_answer
from bot.eligibility.render import (
    Translate,
    identity,
    render_fact,
    render_result,
    render_results,
    service_source,
)
from bot.eligibility.types import (
    ELIGIBLE,
    MAY_QUALIFY,
    NOT_ELIGIBLE,
    OUTCOMES,
    UNKNOWN,
    Alternative,
    Choice,
    Condition,
    ConditionTrace,
    Fact,
    Outcome,
    Result,
    RuleBook,
    ServiceRules,
    Texts,
)

__all__ = [
    "ELIGIBLE",
    "MAY_QUALIFY",
    "NOT_ELIGIBLE",
    "OUTCOMES",
    "UNKNOWN",
    "Alternative",
    "Choice",
    "Condition",
    "ConditionTrace",
    "Fact",
    "Outcome",
    "ProfileError",
    "Result",
    "RuleBook",
    "RulesError",
    "ServiceRules",
    "Texts",
    "Translate",
    "check_profile",
    "evaluate",
    "evaluate_all",
    "identity",
    "load_rules",
    "parse_answer",
    "questions_needed",
    "render_fact",
    "render_result",
    "render_results",
    "service_source",
]
