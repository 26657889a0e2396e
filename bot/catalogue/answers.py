"""The arguments of an answer about one service, in the person's language, from the catalogue.

Every text of an answer is a catalogue text (translated with translate_text: inline YAML,
then the curated translations in translations/catalogue_content); the responses only frame
them ("Where to go: ..."). Nothing is written here that the catalogue does not say.

A turn is never half in one language: if any catalogue text it needs has no translation
in the person's language, the whole answer is composed in the catalogue's source language,
and `content_language`/`content_translation` tell the renderer so. Every answer carries the
reply contract's `sources` (README, "Reply contract").
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from babel.dates import format_date
from sqlalchemy.engine import Engine

from bot.catalogue.decide import OVERRULE_PROBABILITY, decide
from bot.catalogue.hours import format_opening_hours
from bot.catalogue.question_kind import asked_kind
from bot.catalogue.ranker import NONE, Ranked, ServiceRanker
from bot.catalogue.read import get_city, list_offices, list_services
from bot.catalogue.search import (
    Found,
    SearchIndex,
    interpret,
    service_index,
    service_titles,
)
from bot.catalogue.translatable import context, translate_text
from bot.catalogue.types import Office, Service, Text
from bot.contact import with_local_name
from bot.db import session_scope
from bot.semantics import Embedder
from bot.translation.compose import Composed, Texts, compose
from bot.translation.messages import SOURCE_LANGUAGE
from bot.translation.po_catalogs import PoCatalogs

__all__ = [
    "QUESTIONS",
    "Answer",
    "Catalogue",
    "Reply",
    "Utterance",
    "answer",
    "choices",
    "needs_review_note",
    "read_catalogue",
    "respond",
]

#: Kinds of question, named after the intents ask_<kind> (domain/catalogue.yml).
QUESTIONS = ("service", "where", "how", "who")


@dataclass(frozen=True)
class Utterance:
    """One message: a response name, its arguments, and buttons the action adds."""

    response: str
    arguments: Mapping[str, Any]
    buttons: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class Answer:
    utterances: tuple[Utterance, ...]
    language: str
    translation: str
    sources: tuple[Mapping[str, str], ...] = ()


class _CatalogueTexts:
    """Translates catalogue texts into the composition's language, recording each in
    `texts` (bot.translation.compose decides whether the answer stays in that language)."""

    def __init__(self, texts: Texts, catalogs: PoCatalogs) -> None:
        self.texts = texts
        self._catalogs = catalogs

    @property
    def language(self) -> str:
        return self.texts.language

    def __call__(self, text: Text, text_context: str) -> str:
        translated = translate_text(text, text_context, self.language, self._catalogs)
        self.texts.record(translated.language, translated.translation)
        # Rasa's REST channel splits a message at a blank line, away from its `custom`.
        return re.sub(r"\n\s*\n", "\n", translated.text)


@dataclass
class _Composer:
    service: Service
    offices: Sequence[Office]
    today: date
    texts: _CatalogueTexts
    city_language: str | None = None
    utterances: list[Utterance] = field(default_factory=list)

    def text(self, name: str, index: int | None = None) -> str:
        value = getattr(self.service, name)
        text = value[index] if index is not None else value
        return self.texts(text, context("service", self.service.id, name, index))

    def title(self) -> str:
        return self.text("title")

    def source(self) -> dict[str, str]:
        return {"id": self.service.id, "category": self.service.category, "title": self.title()}

    def add(self, response: str, **arguments: Any) -> None:
        self.utterances.append(Utterance(response, arguments))

    def compose(self, question: str) -> None:
        common = {"title": self.title(), "source_url": self.service.source_url}
        if question == "where":
            self.where(common)
        elif question == "how":
            self.how(common)
        elif question == "who":
            self.add("utter_service_who", **common, who_can_get_it=self.text("who_can_get_it"))
        else:
            self.add("utter_service_summary", **common, summary=self.text("summary"))
        note = needs_review_note(self.service.last_reviewed, self.today, self.texts.language)
        if note is not None:
            self.add("utter_service_last_reviewed", reviewed_on=note)

    def how(self, common: dict[str, str]) -> None:
        service = self.service
        steps = "\n".join(
            f"{number}. {self.text('how_to_apply', number - 1)}"
            for number in range(1, len(service.how_to_apply) + 1)
        )
        documents = "\n".join(
            f"• {self.text('documents', index)}" for index in range(len(service.documents))
        )
        fees = self.text("fees")
        if documents:
            self.add("utter_service_how", **common, steps=steps, documents=documents, fees=fees)
        else:
            self.add("utter_service_how_no_documents", **common, steps=steps, fees=fees)

    def where(self, common: dict[str, str]) -> None:
        if not self.offices:
            self.add("utter_service_summary", **common, summary=self.text("summary"))
            return
        first, *others = self.offices
        name = self.office_name(first)
        hours = format_opening_hours(first, self.texts.language, self.note_text(first))
        office = {"id": first.id, "kind": first.kind, "name": name}
        if first.address and first.phone and hours:
            self.add(
                "utter_service_where", **common, office_name=name,
                office_address=first.address.one_line(), office_phone=first.phone,
                office_hours=hours, office=office,
            )
        else:
            contact = [first.address.one_line() if first.address else "", first.phone or "",
                       first.email or "", first.website or ""]
            self.add(
                "utter_service_where_contact", **common, office_name=name,
                office_contact="; ".join(item for item in contact if item), office=office,
            )
        if others:
            names = ", ".join(self.office_name(other) for other in others)
            self.add("utter_service_other_offices", office_names=names)

    def office_name(self, office: Office) -> str:
        """The name in the answer's language, with the name on the door beside it."""
        name = self.texts(office.name, context("office", office.id, "name"))
        if self.city_language is None:
            return name
        return with_local_name(name, office, self.texts.language, self.city_language)

    def note_text(self, office: Office) -> Callable[[Text, int], str]:
        """Opening-hours notes in the answer's language, so the hours line is too."""
        def note(text: Text, index: int) -> str:
            return self.texts(text, context("office", office.id, "opening_hours_note", index))

        return note


def answer(
    service: Service,
    question: str,
    language: str,
    offices: Sequence[Office],
    catalogs: PoCatalogs,
    today: date,
    city_language: str | None = None,
) -> Answer:
    """The messages that answer `question` (one of QUESTIONS) about `service`.

    `offices` are the service's offices, most relevant first (retired ones left out).
    With `city_language`, an office's name in that language (the name on its door) is
    shown beside the translated one.
    """
    def build(texts: Texts) -> _Composer:
        translate = _CatalogueTexts(texts, catalogs)
        composer = _Composer(service, offices, today, translate, city_language)
        composer.compose(question)
        return composer

    composed = compose(build, language, service.title.source_language)
    return _finish(composed.value.utterances, composed, (composed.value.source(),))


def choices(
    services: Sequence[Service], question: str, language: str, catalogs: PoCatalogs
) -> Answer:
    """A question back: which of these services? One button per service, titled in the
    person's language, whose payload asks `question` about that service; the reply
    contract's `candidates` lists them."""
    def build(texts: Texts) -> list[str]:
        title = _CatalogueTexts(texts, catalogs)
        return [title(service.title, _title(service)) for service in services]

    source_language = services[0].title.source_language if services else SOURCE_LANGUAGE
    composed = compose(build, language, source_language)
    titles = composed.value
    intent = f"ask_{question}" if question in QUESTIONS else "ask_service"
    buttons = tuple(
        {"title": title, "payload": f"/{intent}{json.dumps({'service': service.id})}"}
        for service, title in zip(services, titles, strict=True)
    )
    candidates = [{"id": service.id, "category": service.category, "title": title}
                  for service, title in zip(services, titles, strict=True)]
    choose = Utterance("utter_service_choose", {"candidates": candidates}, buttons)
    return _finish([choose], composed, ())


def _title(service: Service) -> str:
    return context("service", service.id, "title")


def _finish(
    utterances: Sequence[Utterance],
    composed: Composed[Any],
    sources: tuple[Mapping[str, str], ...],
) -> Answer:
    contract: dict[str, Any] = composed.contract()
    if sources:
        contract["sources"] = [dict(source) for source in sources]
    return Answer(
        utterances=tuple(
            Utterance(item.response, {**item.arguments, **contract}, item.buttons)
            for item in utterances
        ),
        language=composed.language,
        translation=composed.translation,
        sources=sources,
    )


def needs_review_note(last_reviewed: date, today: date, language: str) -> str | None:
    """The review date in `language` (Babel, CLDR) when the entry is more than a year old,
    else None: an old entry says when someone last checked it."""
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        a_year_ago = today.replace(year=today.year - 1, day=28)
    if last_reviewed >= a_year_ago:
        return None
    return format_date(last_reviewed, format="long", locale=language)


@dataclass(frozen=True)
class Catalogue:
    """What answering needs from the catalogue, read once: services, offices, the search
    index, and the city's time zone (for "last reviewed")."""

    services: Mapping[str, Service]
    offices: Mapping[str, Office]
    index: SearchIndex
    timezone: str = "UTC"
    city_language: str | None = None
    ranker: ServiceRanker | None = None

    def offices_of(self, service: Service) -> list[Office]:
        return [self.offices[office] for office in service.offices if office in self.offices]


def read_catalogue(
    engine: Engine,
    catalogs: PoCatalogs,
    examples: Mapping[str, Sequence[str]],
    background: Sequence[str] = (),
    embedder: Embedder | None = None,
) -> Catalogue:
    """The loaded catalogue (retired entries left out) with its search index and, given an
    `embedder`, its service ranker. `examples` are the NLU example questions per language
    (search.example_questions); `background` messages about no service."""
    with session_scope(engine) as session:
        city = get_city(session)
        services = list_services(session)
        offices = list_offices(session)
    index = service_index(services, catalogs, city.languages, examples)
    ranker = None
    if embedder is not None:
        titles = service_titles(services, catalogs, city.languages)
        ranker = ServiceRanker(services, titles, background, embedder)
    return Catalogue(
        services={service.id: service for service in services},
        offices={office.id: office for office in offices},
        index=index,
        timezone=city.timezone,
        city_language=city.city_language,
        ranker=ranker,
    )


@dataclass(frozen=True)
class Reply:
    """What to say: `answer` (about `service_id`), `choose` (buttons), `nothing` found, or
    `not_understood` (a message NLU was unsure about that has no word the assistant knows:
    it is no question to search for or to log)."""

    kind: str
    answer: Answer | None = None
    service_id: str | None = None


def respond(
    catalogue: Catalogue,
    question: str,
    text: str,
    language: str,
    catalogs: PoCatalogs,
    today: date,
    *,
    service_id: str | None = None,
    previous_service: str | None = None,
    fallback: bool = False,
    out_of_scope: bool = False,
    small_talk: bool = False,
    sharpen: bool = True,
    vector: np.ndarray | None = None,
) -> Reply:
    """How to reply to a question of kind `question` (QUESTIONS) written as `text`.

    A service named by a button (`service_id`) is answered. A question without a topic of
    its own ("and where is it?", "who can get it?") is about `previous_service`, the
    service the conversation is on. Otherwise the ranker (by meaning, from `vector`, the
    message's embedding, when NLU passed it) and the word search decide together
    (bot.catalogue.decide): one clear service is answered, close ones are offered as
    buttons, else nothing was found. `fallback`: NLU did not understand the message; a
    message without any word or meaning the assistant knows is then `not_understood`.
    `out_of_scope`: NLU took it for something the assistant does not do; only an
    overwhelming match overrules that. `small_talk`: NLU took it for small talk ("what can
    you do?"); a service is answered only when the ranker answers it and either the word
    search found it named in the message ("What is a Kita?") or the ranker is
    overwhelmingly sure; close services are offered only when the word search found two
    of them named ("what is the kurs almani"), and the conversation's service is kept
    only for a follow-up with a question word ("wie mache ich das?"; "help" is no question
    about learning support), as for `out_of_scope` ("und wo muss ich hin?"). `sharpen`:
    let the ranker's sharp classifier turn a choice into an answer (bot.catalogue.decide);
    off for a question about reporting, where the report advice answers better.
    """
    def answered(service: Service) -> Reply:
        reply = answer(
            service, question, language, catalogue.offices_of(service), catalogs, today,
            catalogue.city_language,
        )
        return Reply("answer", reply, service.id)

    if service_id is not None and service_id in catalogue.services:
        return answered(catalogue.services[service_id])
    index = catalogue.index
    found = interpret(index.search(text), index.known_share(text)) if text else Found("nothing")
    ranked, sharp = _ranked(catalogue, text, vector, sharpen=sharpen)
    if fallback and not index.recognises(text) and not _meaningful(ranked):
        return Reply("not_understood")
    # A follow-up has no topic of its own: no word unknown to the catalogue, and, when NLU
    # took it for small talk or for something out of scope ("Und wo muss ich hin?"), a
    # question word that says what it asks ("help" alone is no question about the service).
    follow_up = (previous_service in catalogue.services
                 and not index.unknown_words(text)
                 and (not (out_of_scope or small_talk) or asked_kind(text, language) is not None))
    # ... and stays on it when the word search finds nothing, or finds that service among
    # others ("who can take part?" also names other courses' words).
    if follow_up and (found.kind == "nothing" or previous_service in _named(found)):
        return answered(catalogue.services[str(previous_service)])
    if small_talk:
        decision = decide(ranked, found, sharp=sharp)
        named = _named(found)
        best = decision.service_ids[0] if decision.kind == "answer" else None
        sure = bool(ranked) and ranked[0].service_id == best and (
            ranked[0].probability >= OVERRULE_PROBABILITY)
        if best in catalogue.services and (best in named or sure):
            return answered(catalogue.services[str(best)])
        offered = [catalogue.services[item] for item in decision.service_ids
                   if item in catalogue.services]
        if decision.kind == "choose" and sum(item.id in named for item in offered) >= 2:
            return Reply("choose", choices(offered, question, language, catalogs))
        if follow_up:
            return answered(catalogue.services[str(previous_service)])
        return Reply("nothing")
    decision = decide(ranked, found, out_of_scope=out_of_scope, sharp=sharp)
    matched = [catalogue.services[item] for item in decision.service_ids
               if item in catalogue.services]
    if decision.kind == "answer" and matched:
        return answered(matched[0])
    if follow_up:  # nothing clearly new: still the service the conversation is on
        return answered(catalogue.services[str(previous_service)])
    if decision.kind == "choose" and matched:
        return Reply("choose", choices(matched, question, language, catalogs))
    return Reply("nothing")


def _named(found: Found) -> set[str]:
    """The services the word search found, when it found any."""
    return {match.service_id for match in found.matches} if found.kind != "nothing" else set()


def _ranked(catalogue: Catalogue, text: str, vector: np.ndarray | None, *, sharpen: bool
            ) -> tuple[list[Ranked], list[Ranked]]:
    """The ranker's broad and, when asked for, sharp judgements (ranker.py) of the message."""
    if catalogue.ranker is None or not text:
        return [], []
    if vector is None:
        vector = catalogue.ranker.embed(text)
    sharp = catalogue.ranker.rank_sharp(vector) if sharpen else []
    return catalogue.ranker.rank(vector), sharp


def _meaningful(ranked: Sequence[Ranked]) -> bool:
    """The ranker sees a likely service (not gibberish: that spreads thin or lands on NONE)."""
    return bool(ranked) and ranked[0].service_id != NONE and ranked[0].probability >= 0.5
