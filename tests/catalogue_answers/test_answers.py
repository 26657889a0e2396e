"""Answers come from the catalogue, cite it, say when it was last checked, and never claim a
better translation than they have."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.catalogue import CatalogueData, Service, format_opening_hours
from bot.catalogue.answers import QUESTIONS, Answer, Catalogue, answer, choices, respond
from bot.catalogue.translatable import catalogue_messages
from bot.paths import domain_dir
from bot.responses import ResponseRenderer
from bot.translation.po_catalogs import PoCatalogs

SCHOOL = "school-registration-new-arrivals"
LANGUAGES = ("en", "de", "ar", "uk", "ru", "tr", "fa", "ps", "so", "ti", "fr", "es", "pl", "ro")
RECENT = date(2025, 6, 1)


def _service(sample: CatalogueData, service_id: str) -> Service:
    return next(service for service in sample.services if service.id == service_id)


def _answer(sample: CatalogueData, catalogs: PoCatalogs, question: str, language: str,
            today: date = RECENT, service_id: str = SCHOOL) -> Answer:
    service = _service(sample, service_id)
    offices = {office.id: office for office in sample.offices}
    own = [offices[office] for office in service.offices]
    return answer(service, question, language, own, catalogs, today)


def _catalogue_texts(sample: CatalogueData) -> set[str]:
    return {message.text for message in catalogue_messages(sample)} | {
        text for service in sample.services
        for field in ("title", "summary", "who_can_get_it", "fees")
        for text in getattr(service, field).values.values()
    }


def _po_folder(tmp_path: Path, sample: CatalogueData, language: str, skip: str = "") -> PoCatalogs:
    """Curated translations of every catalogue text, marked so a test can recognise them,
    except those whose context contains `skip`."""
    catalog = Catalog(locale=language)
    for message in catalogue_messages(sample):
        if not skip or skip not in message.context:
            catalog.add(message.text, f"[{language}] {message.text}", context=message.context)
    folder = tmp_path / "translations" / "catalogue_content"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{language}.po").open("wb") as handle:
        write_po(handle, catalog)
    return PoCatalogs(tmp_path / "translations")


def test_every_answer_cites_its_entry_with_the_title_in_the_persons_language(
    sample: CatalogueData, catalogs: PoCatalogs
) -> None:
    reply = _answer(sample, catalogs, "how", "de")
    title = _service(sample, SCHOOL).title.values["de"]
    assert reply.sources == ({"id": SCHOOL, "category": "education", "title": title},)
    for utterance in reply.utterances:
        assert utterance.arguments["sources"] == [dict(reply.sources[0])]


@pytest.mark.parametrize("question", QUESTIONS)
def test_answer_texts_come_from_the_catalogue_only(
    sample: CatalogueData, catalogs: PoCatalogs, question: str
) -> None:
    known = _catalogue_texts(sample)
    service = _service(sample, SCHOOL)
    reply = _answer(sample, catalogs, question, "en")
    for utterance in reply.utterances:
        for name, value in utterance.arguments.items():
            if name in {"steps", "documents"}:
                lines = [re.sub(r"^(\d+\. |• )", "", line) for line in value.splitlines()]
                assert set(lines) <= known, name
            elif name in {"title", "summary", "who_can_get_it", "fees", "office_name"}:
                assert value in known, name
            elif name == "source_url":
                assert value == service.source_url


def test_how_to_apply_lists_every_step_and_document_in_order(
    sample: CatalogueData, catalogs: PoCatalogs
) -> None:
    service = _service(sample, SCHOOL)
    [how, *_] = _answer(sample, catalogs, "how", "en").utterances
    assert how.response == "utter_service_how"
    assert how.arguments["steps"].splitlines() == [
        f"{number}. {step.source}" for number, step in enumerate(service.how_to_apply, start=1)
    ]
    documents = [f"• {document.source}" for document in service.documents]
    assert how.arguments["documents"].splitlines() == documents
    assert how.arguments["fees"] == service.fees.source


def test_where_names_the_first_office_with_address_phone_and_hours(
    sample: CatalogueData, catalogs: PoCatalogs
) -> None:
    offices = {office.id: office for office in sample.offices}
    where, others, *_ = _answer(sample, catalogs, "where", "en").utterances
    school_office = offices["school-office"]
    assert where.response == "utter_service_where"
    assert where.arguments["office"] == {"id": "school-office", "kind": "service_point",
                                         "name": school_office.name.source}
    assert where.arguments["office_phone"] == school_office.phone
    assert where.arguments["office_address"] == school_office.address.one_line()
    assert where.arguments["office_hours"] == format_opening_hours(school_office, "en")
    assert others.response == "utter_service_other_offices"
    assert others.arguments["office_names"] == offices["interpreting-service"].name.source


def test_an_entry_checked_more_than_a_year_ago_says_when(
    sample: CatalogueData, catalogs: PoCatalogs
) -> None:
    reviewed = _service(sample, SCHOOL).last_reviewed
    old = _answer(sample, catalogs, "who", "de", today=reviewed + timedelta(days=366))
    assert old.utterances[-1].response == "utter_service_last_reviewed"
    assert old.utterances[-1].arguments["reviewed_on"] == "1. März 2025"
    recent = _answer(sample, catalogs, "who", "de", today=reviewed + timedelta(days=200))
    assert "utter_service_last_reviewed" not in [u.response for u in recent.utterances]


def test_the_review_date_is_written_the_way_the_language_writes_dates(
    sample: CatalogueData, tmp_path: Path
) -> None:
    reviewed = _service(sample, SCHOOL).last_reviewed
    curated = _po_folder(tmp_path, sample, "uk")
    reply = _answer(sample, curated, "who", "uk", today=reviewed + timedelta(days=400))
    assert reply.utterances[-1].arguments["reviewed_on"] == "1 березня 2025\u202fр."


def test_a_fully_translated_answer_is_labelled_curated_in_the_persons_language(
    sample: CatalogueData, tmp_path: Path
) -> None:
    reply = _answer(sample, _po_folder(tmp_path, sample, "fr"), "how", "fr")
    assert (reply.language, reply.translation) == ("fr", "curated")
    how = reply.utterances[0].arguments
    assert how["title"].startswith("[fr] ") and how["fees"].startswith("[fr] ")
    assert how["content_language"] == "fr" and how["content_translation"] == "curated"
    assert reply.sources[0]["title"].startswith("[fr] ")


def test_one_untranslated_text_makes_the_whole_answer_english_labelled_source(
    sample: CatalogueData, tmp_path: Path
) -> None:
    catalogs = _po_folder(tmp_path, sample, "fr", skip=f"{SCHOOL}:documents:2")
    reply = _answer(sample, catalogs, "how", "fr")
    assert (reply.language, reply.translation) == ("en", "source")
    how = reply.utterances[0].arguments
    assert how["title"] == _service(sample, SCHOOL).title.source
    assert "[fr]" not in how["steps"] + how["documents"]
    assert how["content_language"] == "en" and how["content_translation"] == "source"
    assert reply.sources[0]["title"] == _service(sample, SCHOOL).title.source


def test_an_untranslated_text_of_another_question_does_not_matter(
    sample: CatalogueData, tmp_path: Path
) -> None:
    catalogs = _po_folder(tmp_path, sample, "fr", skip=f"{SCHOOL}:documents:2")
    assert _answer(sample, catalogs, "who", "fr").language == "fr"


def test_opening_hours_notes_follow_the_answers_language(
    sample: CatalogueData, tmp_path: Path
) -> None:
    catalogs = _po_folder(tmp_path, sample, "es")
    reply = _answer(sample, catalogs, "where", "es", service_id="integration-course-admission")
    hours = reply.utterances[0].arguments["office_hours"]
    assert "[es] By appointment." in hours


def test_choices_offer_one_button_per_service_asking_the_same_question(
    sample: CatalogueData, catalogs: PoCatalogs
) -> None:
    services = [_service(sample, "integration-course"),
                _service(sample, "integration-course-admission")]
    reply = choices(services, "where", "en", catalogs)
    [utterance] = reply.utterances
    assert utterance.response == "utter_service_choose"
    assert [button["title"] for button in utterance.buttons] == [s.title.source for s in services]
    payload = utterance.buttons[1]["payload"]
    assert payload.startswith("/ask_where{")
    assert json.loads(payload[len("/ask_where"):]) == {"service": "integration-course-admission"}


def test_a_button_names_the_service_to_answer(catalogue: Catalogue, catalogs: PoCatalogs) -> None:
    reply = respond(catalogue, "who", "", "en", catalogs, RECENT, service_id="vaccinations")
    assert reply.kind == "answer" and reply.service_id == "vaccinations"
    assert reply.answer is not None and reply.answer.utterances[0].response == "utter_service_who"


def test_a_follow_up_question_is_about_the_service_of_the_conversation(
    catalogue: Catalogue, catalogs: PoCatalogs
) -> None:
    reply = respond(catalogue, "where", "and where do I go?", "en", catalogs, RECENT,
                    previous_service=SCHOOL)
    assert (reply.kind, reply.service_id) == ("answer", SCHOOL)


@pytest.mark.parametrize(("text", "language", "service"), [
    ("who can take part in the course?", "en", "integration-course"),
    ("چه کسانی می‌توانند شرکت کنند؟", "fa", "integration-course-admission"),
])
def test_a_follow_up_whose_words_also_fit_other_services_stays_on_the_conversations(
    ranked_catalogue: Catalogue, catalogs: PoCatalogs, text: str, language: str, service: str
) -> None:
    """"Who can take part?" after the integration course: the word search also finds an
    antenatal course or a work permit, but the course the person is asking about is one
    of its finds."""
    reply = respond(ranked_catalogue, "who", text, language, catalogs, RECENT,
                    previous_service=service)
    assert (reply.kind, reply.service_id) == ("answer", service)


def test_a_question_about_a_new_unknown_topic_is_not_answered_with_the_old_service(
    catalogue: Catalogue, catalogs: PoCatalogs
) -> None:
    reply = respond(catalogue, "how", "how do I get a fishing licence", "en", catalogs, RECENT,
                    previous_service=SCHOOL)
    assert reply.kind == "nothing"


def test_a_message_nlu_did_not_understand_is_answered_when_one_service_clearly_fits(
    catalogue: Catalogue, catalogs: PoCatalogs
) -> None:
    """Answer, don't interrogate: a clear match is answered even when NLU was unsure, and a
    follow-up is about the conversation's service, never a choice of one."""
    text = "how do I register my child for school"
    unsure = respond(catalogue, "service", text, "en", catalogs, RECENT, fallback=True)
    assert (unsure.kind, unsure.service_id) == ("answer", SCHOOL)
    follow_up = respond(catalogue, "where", "and where do I go?", "en", catalogs, RECENT,
                        previous_service=SCHOOL, fallback=True)
    assert (follow_up.kind, follow_up.service_id) == ("answer", SCHOOL)


def test_a_message_nlu_did_not_understand_without_a_known_word_is_not_a_question(
    catalogue: Catalogue, catalogs: PoCatalogs
) -> None:
    for text in ("qwzx vbnm plk", "kkkkk", "?!?!", "👍👍"):
        reply = respond(catalogue, "service", text, "en", catalogs, RECENT,
                        previous_service=SCHOOL, fallback=True)
        assert reply.kind == "not_understood", text
    unknown = respond(catalogue, "service", "where can I get a fishing licence", "en",
                      catalogs, RECENT, fallback=True)
    assert unknown.kind == "nothing"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_renders_completely_in_one_language(
    sample: CatalogueData, catalogs: PoCatalogs, language: str
) -> None:
    renderer = ResponseRenderer(domain_dir(), catalogs)
    for question in QUESTIONS:
        reply = _answer(sample, catalogs, question, language, today=date(2027, 1, 1))
        for utterance in reply.utterances:
            rendered = renderer.render(utterance.response, language, utterance.arguments)
            assert rendered.language == reply.language
            assert rendered.translation in {"curated", "source"}
            assert "{" not in rendered.text and rendered.text.strip()
            if reply.language == language and language != "en":
                assert rendered.translation == "curated", (question, utterance.response)


def test_an_office_is_named_in_the_persons_language_and_as_on_its_door(
    sample: CatalogueData, tmp_path: Path
) -> None:
    service = _service(sample, SCHOOL)
    offices = {office.id: office for office in sample.offices}
    own = [offices[office] for office in service.offices]
    catalogs = _po_folder(tmp_path, sample, "pl")
    reply = answer(service, "where", "pl", own, catalogs, RECENT, city_language="de")
    name = reply.utterances[0].arguments["office_name"]
    assert name == f"[pl] {offices['school-office'].name.source} (Schulamt Lindenbruck)"
