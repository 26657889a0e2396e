"""Results and facts as JSON-ready dicts, in the person's language.

The chat and the API both render through here, so they show the same outcome, reasons and
trace for the same facts. Texts are English source texts passed through `translate`
(msgid to text, identity by default); every reason also carries a stable key.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bot.catalogue import CatalogueData, Text
from bot.eligibility.types import Alternative, ConditionTrace, Fact, Result, RuleBook

__all__ = [
    "Translate", "identity", "render_fact", "render_result", "render_results", "service_source",
]

Translate = Callable[[str], str]


def identity(text: str) -> str:
    return text


def render_result(result: Result, book: RuleBook, catalogue: CatalogueData,
                  language: str = "en", translate: Translate = identity) -> dict[str, Any]:
    """One service's outcome with its trace, what to do instead and who decides."""
    rules = book.services[result.service]
    return {
        "service": result.service,
        "outcome": result.outcome,
        "outcome_label": translate(book.texts.outcome_labels[result.outcome]),
        "outcome_label_key": f"outcome.{result.outcome}",
        "notice": translate(book.texts.notice),
        "notice_key": "notice",
        "simplified": rules.simplified,
        "basis": translate(rules.basis),
        "decided_by": [_office(office, catalogue, language, translate)
                       for office in result.decided_by],
        "missing_facts": [_fact_ref(book.facts[name], translate) for name in result.missing_facts],
        "alternatives": [_alternative(alternative, catalogue, language, translate)
                         for alternative in result.alternatives],
        "trace": [_step(result.service, step, book, catalogue, language, translate)
                  for step in result.trace],
        "sources": [service_source(result.service, catalogue, language, translate)],
    }


def render_fact(fact: Fact, translate: Translate = identity) -> dict[str, Any]:
    """A fact's definition: type, label, question and allowed values."""
    rendered: dict[str, Any] = {
        "id": fact.id,
        "type": fact.type,
        "label": translate(fact.label),
        "question": translate(fact.question),
        "help": translate(fact.help) if fact.help else None,
    }
    if fact.type == "integer":
        rendered["minimum"] = fact.minimum
        rendered["maximum"] = fact.maximum
    if fact.choices:
        rendered["values"] = [
            {"id": choice.id, "label": translate(choice.label),
             **({"up_to": choice.up_to} if fact.type == "band" else {})}
            for choice in fact.choices
        ]
    return rendered


def service_source(service_id: str, catalogue: CatalogueData, language: str = "en",
                   translate: Translate = identity) -> dict[str, str]:
    """The catalogue service a result is about, as the chat's custom.sources cite it."""
    service = catalogue.service(service_id)
    assert service is not None
    return {"id": service.id, "category": service.category,
            "title": _text(service.title, language, translate)}


def _step(service: str, step: ConditionTrace, book: RuleBook, catalogue: CatalogueData,
          language: str, translate: Translate) -> dict[str, Any]:
    condition = step.condition
    reason = step.reason
    return {
        "condition": condition.id,
        "when": condition.when,
        "if_fails": condition.if_fails,
        "holds": step.holds,
        "reason": translate(reason if reason is not None else book.texts.unknown_condition),
        "reason_key": condition.key(service, step.state) if reason else "unknown_condition",
        "facts": [_fact_value(book.facts[name], value, translate)
                  for name, value in step.facts.items()],
        "missing_facts": list(step.missing_facts),
        "instead": [_alternative(alternative, catalogue, language, translate)
                    for alternative in condition.instead] if step.holds is False else [],
    }


def _fact_value(fact: Fact, value: Any, translate: Translate) -> dict[str, Any]:
    choice = fact.choice(value) if fact.choices and value is not None else None
    return {
        "id": fact.id,
        "label": translate(fact.label),
        "value": value,
        "value_label": translate(choice.label) if choice else None,
    }


def _fact_ref(fact: Fact, translate: Translate) -> dict[str, str]:
    return {"id": fact.id, "label": translate(fact.label), "question": translate(fact.question)}


def _alternative(alternative: Alternative, catalogue: CatalogueData, language: str,
                 translate: Translate) -> dict[str, str]:
    if alternative.kind == "service":
        source = service_source(alternative.id, catalogue, language, translate)
        return {"kind": "service", "id": alternative.id, "title": source["title"]}
    return {"kind": "office", **_office(alternative.id, catalogue, language, translate)}


def _office(office_id: str, catalogue: CatalogueData, language: str,
            translate: Translate) -> dict[str, str]:
    office = catalogue.office(office_id)
    assert office is not None
    return {"id": office.id, "name": _text(office.name, language, translate)}


def _text(text: Text, language: str, translate: Translate) -> str:
    """A catalogue text: its curated translation if it has one, else the PO translation."""
    return text.values[language] if text.has_translation(language) else translate(text.source)


def render_results(results: Iterable[Result], book: RuleBook, catalogue: CatalogueData,
                   language: str = "en", translate: Translate = identity) -> list[dict[str, Any]]:
    return [render_result(result, book, catalogue, language, translate) for result in results]
