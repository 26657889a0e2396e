"""The report intake as a person meets it: safety first, the office before any question,
corrections by buttons, skippable questions, explicit consent, filing that never half-saves."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from bot.db import session_factory
from bot.reports import Report, ReportDraft, file_report
from bot.reports.chat import Intake, Reply, answer, parse_contact
from bot.reports.chat_texts import ChatContext, default_context, with_content
from bot.reports.safe_text import InvalidField
from bot.translation import PoCatalogs
from tests.reports_chat.driver import Chat, office_kind, responses

FIRST_MESSAGES = [
    ("en", "my landlord won't rent to me because I'm Syrian", "equality_body"),
    ("en", "the woman at the Bürgerbüro shouted at me because of my headscarf",
     "anti_discrimination_office"),
    ("en", "someone hit me in the tram and called me a foreigner", "police"),
    ("en", "there is racist graffiti on our house, I want to report it without my name",
     "victim_support"),
    ("de", "Der Vermieter gibt mir die Wohnung nicht, weil ich Syrer bin", "equality_body"),
    ("ar", "صاحب البيت رفض أن يؤجرني الشقة لأنني سوري", "equality_body"),
    ("tr", "Tramvayda biri bana vurdu ve yabancı dedi", "police"),
]


@pytest.mark.parametrize(("language", "text", "kind"), FIRST_MESSAGES)
def test_chat_first_message_names_the_office_and_why_before_any_question(
    context: ChatContext, language: str, text: str, kind: str
) -> None:
    chat = Chat(context, language)
    sent = chat.first(text)

    asked = [r for r in responses(sent) if r.startswith("utter_report_ask")]
    assert asked == []
    assert responses(sent)[:2] == ["utter_report_intro", "utter_report_office"]
    assert office_kind(sent) == kind
    assert sent[1].arguments["why"]
    assert responses(sent)[-1] == "utter_report_office_check"
    assert chat.question == "office"


def test_chat_danger_now_gets_112_at_once_and_no_question(context: ChatContext) -> None:
    chat = Chat(context)
    sent = chat.first("a man is following me right now")

    assert responses(sent) == ["utter_report_emergency", "utter_report_after_emergency"]
    assert office_kind(sent) == "emergency"
    assert "112" in context.routes.texts[context.routes.emergency.why_key]
    assert not chat.form_active


def test_chat_the_nlu_hearing_danger_is_enough_for_112(context: ChatContext) -> None:
    chat = Chat(context)
    sent = chat.first("there is someone at the window with a stick", intent="danger_now",
                      danger=True)

    # No danger phrase the lexicon knows: 112 first all the same, worded as "if you are
    # in danger right now", and the report waits until the person is safe.
    assert responses(sent) == ["utter_report_emergency_check", "utter_report_after_emergency"]
    assert office_kind(sent) == "emergency"
    assert not chat.form_active


def test_chat_once_safe_the_report_goes_on_with_what_was_written(context: ChatContext) -> None:
    chat = Chat(context)
    chat.first("two men are attacking me right now at the tram stop")

    sent = chat.first('/report_incident{"report_choice":"safe"}', choice="safe")

    assert office_kind(sent) == "police"
    assert chat.intake is not None
    assert "attacking me" in chat.intake.answers["description"]


def test_chat_a_cry_for_help_gets_112_then_the_offer_to_report(context: ChatContext) -> None:
    chat = Chat(context)
    sent = chat.first("Help!")

    assert responses(sent) == ["utter_report_emergency_check", "utter_report_offer",
                               "utter_report_ask_type"]
    assert not chat.form_active


def test_chat_a_message_that_names_no_incident_offers_the_choice_without_holding_the_person(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    sent = chat.first("My name is Jonas. Where is the lost and found office?")

    assert responses(sent) == ["utter_report_offer", "utter_report_ask_type"]
    assert not chat.form_active
    sent = chat.first('/report_incident{"report_choice":"insult_or_harassment"}',
                      choice="insult_or_harassment")
    assert responses(sent)[:2] == ["utter_report_intro", "utter_report_ask_setting"]
    assert chat.form_active
    assert chat.intake is not None
    assert chat.intake.answers["description"].startswith("My name is Jonas")


def test_chat_a_landlord_refusal_states_the_two_month_deadline(context: ChatContext) -> None:
    sent = Chat(context).first("my landlord won't rent to me because I'm Syrian")

    [deadline] = [m for m in sent if m.response == "utter_report_deadline"]
    assert "two months" in deadline.arguments["deadline"]


def test_chat_no_it_was_different_lets_the_person_choose_type_and_setting(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")

    assert responses(chat.no()) == ["utter_report_ask_type"]
    assert responses(chat.button("discrimination")) == ["utter_report_ask_setting"]
    sent = chat.button("city_office_or_service")

    assert office_kind(sent) == "anti_discrimination_office"
    assert chat.question == "office"
    chat.yes()
    assert chat.question == "where"


def test_chat_a_typed_correction_is_read_as_the_new_incident(context: ChatContext) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")

    sent = chat.say("actually the bank refused to open an account for me because I'm a refugee")

    assert office_kind(sent) == "equality_body"
    assert chat.question == "office"


def test_chat_a_general_wish_to_report_asks_what_happened_first(context: ChatContext) -> None:
    chat = Chat(context)
    sent = chat.first("I want to report discrimination")

    assert responses(sent) == ["utter_report_intro", "utter_report_ask_setting"]
    sent = chat.button("housing")
    assert office_kind(sent) == "equality_body"
    chat.yes()
    assert chat.question == "description"


def test_chat_optional_questions_can_be_skipped(context: ChatContext) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    chat.yes()
    chat.say("tram line 4, Südufer")
    chat.say("yesterday evening")
    assert chat.question == "people"
    chat.skip()
    assert chat.question == "witnesses"
    chat.skip()

    assert chat.question == "anonymous"
    assert chat.intake is not None
    assert chat.intake.answers["people"] is None and chat.intake.answers["witnesses"] is None


def test_chat_staying_anonymous_after_an_attack_moves_the_report_to_victim_support(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    for step in (chat.yes, lambda: chat.say("tram 4"), lambda: chat.say("Monday"),
                 chat.skip, chat.skip):
        step()

    sent = chat.no()

    assert responses(sent)[0] == "utter_report_office_changed"
    assert office_kind(sent) == "victim_support"
    assert chat.question == "on_behalf"


def test_chat_contact_details_are_asked_only_after_explicit_consent(context: ChatContext) -> None:
    chat = Chat(context)
    chat.first("the landlord refused to rent the flat to us because we are Black")
    for step in (chat.yes, lambda: chat.say("Lindenallee 3"), lambda: chat.say("last week"),
                 chat.skip, chat.skip):
        step()
    assert responses(chat.log)[-1] == "utter_report_ask_contact_consent"

    assert responses(chat.yes()) == ["utter_report_ask_contact"]
    assert responses(chat.say("my name is Amina")) == ["utter_report_contact_not_understood",
                                                        "utter_report_ask_contact"]
    chat.say("Amina Said, amina@example.org")

    assert chat.question == "on_behalf"
    assert chat.intake is not None
    assert chat.intake.answers["contact"] == {"name": "Amina Said", "email": "amina@example.org",
                                              "phone": None}


def test_chat_a_too_long_answer_is_refused_with_the_limit(context: ChatContext) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    chat.yes()

    sent = chat.say("x" * 600)

    assert responses(sent) == ["utter_report_too_long", "utter_report_ask_where"]
    assert sent[0].arguments == {"limit": 500}


def test_chat_danger_during_the_intake_gets_112_before_the_next_question(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    chat.yes()

    sent = chat.say("he is here again and he has a knife")

    assert responses(sent)[0] == "utter_report_emergency"


def test_chat_a_typed_answer_is_kept_even_if_the_nlu_reads_it_as_a_skip(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    for step in (chat.yes, lambda: chat.say("tram 4"), lambda: chat.say("Monday")):
        step()

    chat.say("the landlord and his son", intent="skip_question")
    chat.say("I'd rather not say", intent="skip_question")
    chat.yes()
    chat.say("skip", intent="skip_question")

    assert chat.intake is not None
    assert chat.intake.answers["people"] == "the landlord and his son"
    assert chat.intake.answers["witnesses"] == "I'd rather not say"
    assert chat.intake.answers["contact"] is None
    assert chat.question == "on_behalf"


def test_chat_a_typed_answer_the_nlu_reads_as_goodbye_does_not_end_the_report(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    chat.yes()
    chat.say("tram 4")
    assert chat.intake is not None

    step = answer(chat.intake, Reply("yesterday evening", "goodbye", None, 1.0), "en", context)

    assert not step.rejected
    assert step.intake.answers["when"] == "yesterday evening"


def test_chat_a_language_button_or_a_sure_goodbye_at_a_choice_leaves_the_questions(
    context: ChatContext,
) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    assert chat.intake is not None
    language = Reply('/choose_language{"language":"ar"}', "choose_language")

    assert answer(chat.intake, language, "en", context).rejected
    assert answer(chat.intake, Reply("bye", "goodbye", None, 0.97), "en", context).rejected
    assert not answer(chat.intake, Reply("bye", "goodbye", None, 0.5), "en", context).rejected


def _complete_intake(chat: Chat) -> None:
    chat.first("the landlord refused to rent the flat to us because we are Black")
    chat.yes()
    chat.say("Lindenallee 3, Westend")
    chat.say("12 March")
    chat.say("the landlord, Mr. K.")
    chat.skip()
    chat.yes()
    chat.say("Amina Said, +49 151 23456789")
    chat.no()


def test_chat_a_full_intake_files_the_report_before_telling_the_reference(
    context: ChatContext, engine: Engine, filer
) -> None:
    chat = Chat(context, "en", file=filer)
    _complete_intake(chat)
    summary = chat.log[-2]
    assert summary.response == "utter_report_summary"
    assert summary.arguments["where"] == "Lindenallee 3, Westend"

    sent = chat.yes()

    assert responses(sent) == ["utter_report_filed", "utter_report_erasure_code",
                               "utter_report_what_next", "utter_report_deadline"]
    reference = sent[0].arguments["reference"]
    with session_factory(engine)() as session:
        report = session.execute(select(Report).where(Report.reference == reference)).scalar_one()
        outbox = [message.status for message in report.outbox]
    assert outbox == ["pending"]
    assert report.office_kind == "equality_body"
    assert report.recipient_office_id == "city-anti-discrimination-office"
    assert report.incident_type == "discrimination_housing"
    assert report.occurred_where == "Lindenallee 3, Westend"
    assert report.witnesses is None
    assert report.contact_phone == "+49 151 23456789" and report.contact_consent
    assert report.on_behalf_of is True
    assert not chat.form_active


def test_chat_saying_no_at_the_end_sends_nothing(context: ChatContext, engine: Engine,
                                                 filer) -> None:
    chat = Chat(context, "en", file=filer)
    _complete_intake(chat)

    assert responses(chat.no()) == ["utter_report_cancelled"]
    with session_factory(engine)() as session:
        assert session.execute(select(func.count(Report.id))).scalar_one() == 0
    assert not chat.form_active


def test_chat_database_down_keeps_the_answers_offers_a_retry_and_the_office_contact(
    context: ChatContext, engine: Engine, filer, tmp_path: Path
) -> None:
    missing = create_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite3'}", future=True)

    def file_nowhere(draft: ReportDraft):
        with session_factory(missing)() as session:
            return file_report(session, draft)

    chat = Chat(context, "en", file=file_nowhere)
    _complete_intake(chat)

    sent = chat.yes()

    assert responses(sent) == ["utter_report_not_saved", "utter_report_ask_try_again"]
    assert "+49" in sent[0].arguments["office_contact"]
    assert office_kind(sent) == "anti_discrimination_office"
    chat.file = filer
    assert responses(chat.yes())[0] == "utter_report_filed"
    with session_factory(engine)() as session:
        assert session.execute(select(func.count(Report.id))).scalar_one() == 1


def test_chat_content_without_a_translation_is_shown_wholly_in_english(tmp_path: Path) -> None:
    real = default_context()
    untranslated = ChatContext(real.routes, real.lexicons, real.catalogue, PoCatalogs(tmp_path))

    message = with_content("utter_report_deadline", "ar", untranslated,
                           lambda content: {"deadline": content.text("deadline_agg_employment")})

    assert message.arguments["content_language"] == "en"
    assert message.arguments["content_translation"] == "source"
    assert message.arguments["deadline"].startswith("If you want compensation")


def test_chat_content_is_given_in_the_persons_language_when_translated(
    context: ChatContext,
) -> None:
    sent = Chat(context, "ar").first("صاحب البيت رفض أن يؤجرني الشقة لأنني سوري")
    office = sent[1]

    assert office.arguments["content_language"] == "ar"
    assert office.arguments["content_translation"] == "curated"
    assert "AGG" in office.arguments["why"]


@pytest.mark.parametrize(
    ("text", "name", "email", "phone"),
    [
        ("Amina Said, amina@example.org", "Amina Said", "amina@example.org", None),
        ("0151 23456789", None, None, "0151 23456789"),
        ("name: Omar / +49 (0)69 123-456 / omar@mail.example", "name: Omar", "omar@mail.example",
         "+49 (0)69 123-456"),
    ],
)
def test_chat_contact_details_are_read_from_one_line(text: str, name: str | None,
                                                     email: str | None, phone: str | None) -> None:
    contact = parse_contact(text)

    assert contact is not None
    assert (contact.name, contact.email, contact.phone) == (name, email, phone)


def test_chat_contact_details_that_cannot_be_stored_are_refused() -> None:
    with pytest.raises(InvalidField):
        parse_contact("me " + "a" * 300 + " 0151 2345678")


def test_chat_intake_survives_the_slot_round_trip(context: ChatContext) -> None:
    chat = Chat(context)
    chat.first("someone hit me in the tram and called me a foreigner")
    assert chat.intake is not None

    assert Intake.from_slot(chat.intake.to_slot()) == chat.intake
    assert Intake.from_slot(None) is None
