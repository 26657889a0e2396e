"""The eligibility check as a chat: which services were asked about, which question comes
next, what a typed or tapped answer means, and the result as texts for the responses.

Pure functions over a RuleBook and the catalogue; the Rasa adapter is actions/eligibility.py.
The result goes through the same `evaluate` and `render_result` as the HTTP API, so the
chat and the API give the same outcome and reasons for the same facts.
"""
from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.catalogue import CatalogueData, Service
from bot.catalogue.search import STEM, similarity, tokens
from bot.eligibility.evaluate import evaluate, questions_needed
from bot.eligibility.profile import ProfileError, parse_answer
from bot.eligibility.render import Translate, identity, render_result
from bot.eligibility.types import ELIGIBLE, MAY_QUALIFY, NOT_ELIGIBLE, Fact, RuleBook

__all__ = [
    "ANSWER_ENTITY",
    "ANSWER_INTENT",
    "SKIP_INTENT",
    "Question",
    "ResultTexts",
    "answer_payload",
    "catalogue_title",
    "category_payload",
    "check_results",
    "find_services",
    "list_text",
    "next_question",
    "normalise",
    "question_for",
    "read_answer",
    "read_yes_no",
    "result_texts",
    "service_payload",
]

ANSWER_INTENT = "eligibility_answer"
ANSWER_ENTITY = "eligibility_value"
SKIP_INTENT = "skip_question"
CHECK_INTENT = "check_eligibility"
SERVICE_ENTITY = "eligibility_service"
CATEGORY_ENTITY = "eligibility_category"
#: More services than this in one question is a list, not a question about entitlement.
MAX_SERVICES = 3
#: A typed word may be this many letters shorter than a keyword's word it names (an ending
#: dropped: "дитсадк…", "Gutschein" for "Gutscheins"), no more.
_SHORTER_BY = 2
_LIST_SEPARATOR = {"ar": "، ", "fa": "، ", "ps": "، "}
_NUMBER = re.compile(r"\d+")


def _payload(intent: str, entity: str, value: str) -> str:
    return f"/{intent}" + json.dumps({entity: value}, ensure_ascii=False, separators=(",", ":"))


def answer_payload(value: Any) -> str:
    """A button's payload for one answer: `/eligibility_answer{"eligibility_value":"true"}`."""
    text = "true" if value is True else "false" if value is False else str(value)
    return _payload(ANSWER_INTENT, ANSWER_ENTITY, text)


def service_payload(service_id: str) -> str:
    return _payload(CHECK_INTENT, SERVICE_ENTITY, service_id)


def category_payload(category_id: str) -> str:
    return _payload(CHECK_INTENT, CATEGORY_ENTITY, category_id)


def normalise(text: str) -> str:
    """Words as the catalogue search compares them: one form per letter, no accents, lower
    case, ASCII digits, the Arabic article and Ethiopic vowels set aside."""
    return " ".join(tokens(text))


def _words(text: str) -> list[str]:
    return tokens(text)


def _word_matches(typed: str, keyword: str) -> bool:
    """The same word, or an inflected or compound form of it (Wohngeldantrag, дитсадку);
    not a much shorter word that only begins it ("Leben" is no "Lebenslauf")."""
    if len(typed) + _SHORTER_BY < len(keyword):
        return False
    return similarity(typed, keyword) >= STEM


def _spans(words: Sequence[str], keyword: Sequence[str]) -> Iterable[tuple[int, int]]:
    for start in range(len(words) - len(keyword) + 1):
        if all(_word_matches(words[start + i], word) for i, word in enumerate(keyword)):
            yield start, start + len(keyword)


def find_services(text: str, catalogue: CatalogueData, with_rules: Collection[str]) -> list[str]:
    """The services a message names by one of their keywords, in any language: a keyword
    inside a longer keyword of another service ("integration course" in "youth integration
    course") does not count; at most MAX_SERVICES, in the order they are named. A message
    that names none is the catalogue's decision to make (actions/eligibility.py)."""
    return _named_services(text, catalogue, with_rules)


def _named_services(text: str, catalogue: CatalogueData, with_rules: Collection[str]) -> list[str]:
    words = _words(text)
    matches: list[tuple[int, int, str]] = []
    for service in catalogue.services:
        if service.retired or service.id not in with_rules:
            continue
        for keyword in _service_keywords(service):
            matches.extend((start, end, service.id) for start, end in _spans(words, keyword))
    kept = [
        (start, end, service)
        for start, end, service in matches
        if not any(
            other != service and o_start <= start and end <= o_end and o_end - o_start > end - start
            for o_start, o_end, other in matches
        )
    ]
    ordered = dict.fromkeys(service for _, _, service in sorted(kept))
    return list(ordered)[:MAX_SERVICES]


def _service_keywords(service: Service) -> list[list[str]]:
    return [words for keyword in service.keywords if (words := _words(keyword.term))]


def next_question(book: RuleBook, services: Sequence[str], facts: Mapping[str, Any],
                  skipped: Collection[str]) -> str | None:
    """The first fact still worth asking for these services, or None when all are settled."""
    needed = questions_needed(book.services, services, facts, skipped)
    return needed[0] if needed else None


@dataclass(frozen=True)
class Question:
    """One question as the chat asks it: text (with its help), kind and answer buttons."""

    fact: str
    kind: str
    text: str
    buttons: tuple[tuple[str, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None


def question_for(fact: Fact, translate: Translate = identity) -> Question:
    """Boolean questions get Yes/No from the domain response; choices get one button each."""
    text = translate(fact.question)
    if fact.help:
        text = f"{text}\n{translate(fact.help)}"
    kind = {"boolean": "boolean", "integer": "number"}.get(fact.type, "choice")
    buttons = tuple((translate(choice.label), answer_payload(choice.id)) for choice in fact.choices)
    return Question(fact.id, kind, text, buttons, fact.minimum, fact.maximum)


def read_answer(fact: Fact, text: str, translate: Translate = identity,
                yes: Iterable[str] = ("yes",), no: Iterable[str] = ("no",)) -> Any:
    """The value a tapped or typed answer gives `fact`, or None when it cannot be read.

    Understood: button payloads; choice ids; a choice's label in the person's language or
    in English, or a word only one label contains ("Duldung"); whole numbers in any script,
    also inside a sentence ("I am ٣٤"); an amount for an income band; for yes/no
    questions the words of the Yes and No buttons in the person's language.
    """
    raw = _payload_value(text)
    if raw is not None:
        text = raw
    try:
        return parse_answer(fact, text)
    except ProfileError:
        pass
    words = _words(text)
    if not words:
        return None
    if fact.type == "boolean":
        return _yes_or_no(words, yes, no)
    if fact.type == "integer":
        return _number(fact, text)
    if fact.type == "band":
        band = _band(fact, text)
        if band is not None:
            return band
    return _choice(fact, words, translate)


def _payload_value(text: str) -> str | None:
    """A button payload that reached us as text (no entity extracted)."""
    prefix = f"/{ANSWER_INTENT}"
    if not text.startswith(prefix):
        return None
    try:
        value = json.loads(text[len(prefix):]).get(ANSWER_ENTITY)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def read_yes_no(text: str, yes: Iterable[str] = (), no: Iterable[str] = ()) -> bool | None:
    """True or False when the message starts with the word of a Yes or No button."""
    words = _words(text)
    return _yes_or_no(words, yes, no) if words else None


def _yes_or_no(words: list[str], yes: Iterable[str], no: Iterable[str]) -> bool | None:
    def first_words(titles: Iterable[str]) -> set[str]:
        return {normalised.split()[0] for title in titles if (normalised := normalise(title))}

    if words[0] in first_words([*yes, "yes", "true"]):
        return True
    if words[0] in first_words([*no, "no", "false"]):
        return False
    return None


def _number(fact: Fact, text: str) -> int | None:
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:
        return None
    try:
        return int(parse_answer(fact, numbers[0]))
    except (ProfileError, ValueError):
        return None


def _band(fact: Fact, text: str) -> str | None:
    """An amount in euros ("800", "1.200 €") as the band it falls in."""
    digits = _NUMBER.findall(text.replace(".", "").replace(",", "").replace(" ", ""))
    if len(digits) != 1:
        return None
    amount = int(digits[0])
    for choice in fact.choices:
        if choice.up_to is None or amount <= choice.up_to:
            return choice.id
    return None


def _choice(fact: Fact, words: list[str], translate: Translate) -> str | None:
    labels = {choice.id: {normalise(translate(choice.label)), normalise(choice.label),
                          normalise(choice.id)} for choice in fact.choices}
    typed = " ".join(words)
    exact = [choice for choice, names in labels.items() if typed in names]
    if len(exact) == 1:
        return exact[0]
    containing = [choice for choice, names in labels.items()
                  if any(_contains(name.split(), words) for name in names)]
    return containing[0] if len(containing) == 1 else None


def _contains(label: list[str], typed: list[str]) -> bool:
    """Every typed word of three letters or more is in the label (in order does not matter)."""
    significant = [word for word in typed if len(word) >= 3]
    return bool(significant) and all(
        any(_word_matches(word, part) or _word_matches(part, word) for part in label)
        for word in significant
    )


def check_results(book: RuleBook, catalogue: CatalogueData, services: Sequence[str],
                  facts: Mapping[str, Any], language: str = "en",
                  translate: Translate = identity) -> list[dict[str, Any]]:
    """The rendered results, exactly as the API returns them for the same facts."""
    return [render_result(evaluate(book.services[service], facts), book, catalogue, language,
                          translate) for service in services]


@dataclass(frozen=True)
class ResultTexts:
    """What fills the result responses for one service."""

    service_title: str
    outcome_label: str
    reasons: str
    offices: str
    alternatives: str


def result_texts(result: Mapping[str, Any], book: RuleBook, language: str = "en",
                 translate: Translate = identity) -> ResultTexts:
    """The reasons that explain the outcome, in plain words, one per line.

    Eligible: every condition that holds. Not eligible: the conditions that rule it out.
    May qualify: the conditions the office decides on. Unknown: what holds so far, then
    what we do not know yet and which answers would tell.
    """
    outcome = result["outcome"]
    steps = result["trace"]
    if outcome == ELIGIBLE:
        shown = steps
    elif outcome == NOT_ELIGIBLE:
        shown = [step for step in steps
                 if step["holds"] is False and step["if_fails"] == NOT_ELIGIBLE]
    elif outcome == MAY_QUALIFY:
        shown = [step for step in steps if step["holds"] is False]
    else:
        shown = ([step for step in steps if step["holds"] is not None]
                 + [step for step in steps if step["holds"] is None])
    separator = _LIST_SEPARATOR.get(language, ", ")
    lines = []
    for step in shown:
        line = step["reason"]
        if step["holds"] is None:
            labels = [translate(book.facts[name].label) for name in step["missing_facts"]]
            line = f"{separator.join(labels)}: {line}"
        lines.append(f"• {line}")
    return ResultTexts(
        service_title=result["sources"][0]["title"],
        outcome_label=result["outcome_label"],
        reasons="\n".join(dict.fromkeys(lines)),
        offices=list_text((office["name"] for office in result["decided_by"]), language),
        alternatives=list_text((
            alternative["title"] if alternative["kind"] == "service" else alternative["name"]
            for alternative in result["alternatives"]
        ), language),
    )


def list_text(items: Iterable[str], language: str = "en") -> str:
    """Items joined with the language's comma (Arabic script: "،")."""
    return _LIST_SEPARATOR.get(language, ", ").join(items)


def catalogue_title(catalogue: CatalogueData, entry_id: str, language: str,
                    translate: Translate = identity, kind: str = "service") -> str:
    """A service's or category's title: the catalogue's own translation, else the PO one."""
    if kind == "category":
        text = next(category.title for category in catalogue.categories if category.id == entry_id)
    else:
        service = catalogue.service(entry_id)
        assert service is not None
        text = service.title
    return text.values[language] if text.has_translation(language) else translate(text.source)
