"""Reports in chat against the trained model: danger first, the office before any question,
an intake that files a report into the database, status and erasure by reference."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db import make_engine, session_factory
from bot.paths import domain_dir, translations_dir
from bot.reports import Report
from bot.reports.followup import find_reference
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.known_gaps import REPORT_QUESTION_GAP
from tests.conversation.replies import Turn, turns
from tests.support.servers import Assistant

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))


def expected(response: str, language: str, **arguments: str) -> str:
    return RENDERER.render(response, language, arguments).text


def say(assistant: Assistant, sender: str, text: str, **metadata: str) -> list[Turn]:
    replies = turns(assistant.send(sender, text, metadata or None))
    assert replies, f"no reply to {text!r}"
    for turn in replies:
        assert turn.custom.get("language"), f"a turn without custom.language: {turn}"
        assert turn.custom.get("translation") in {"curated", "machine", "source"}
    return replies


def choice(value: str) -> str:
    return f'/report_incident{{"report_choice":"{value}"}}'


def button(turn: Turn, payload: str) -> str:
    """The payload of one of the turn's buttons (so the test presses a real button)."""
    assert payload in [b["payload"] for b in turn.buttons], turn.buttons
    return payload


# One message each, in the person's own words, and the office kind it must reach.
ROUTING = {
    "en": [
        ("landlord", "equality_body",
         "The landlord told me the flat is not for Arabs and refused to rent it to me"),
        ("city_office", "anti_discrimination_office",
         "the clerk at the citizens office refused to register me because I wear a hijab"),
        ("street_attack", "police",
         "Yesterday a man punched me at the tram stop and called me a dirty foreigner"),
        ("anonymous_graffiti", "victim_support",
         "Somebody sprayed racist graffiti on our building. I want to report it "
         "anonymously"),
        ("danger_now", "emergency",
         "Please help, a man is following me right now"),
    ],
    "de": [
        ("landlord", "equality_body",
         "Der Vermieter hat mir die Wohnung verweigert, weil ich Afghane bin"),
        ("city_office", "anti_discrimination_office",
         "In der Ausländerbehörde hat mich die Sachbearbeiterin beleidigt und mir keinen "
         "Termin gegeben"),
        ("street_attack", "police",
         "Gestern haben mich zwei Männer in der Straßenbahn geschlagen und als Ausländer "
         "beschimpft"),
        ("anonymous_graffiti", "victim_support",
         "Jemand hat ein Hakenkreuz an unser Haus gesprüht, ich möchte das anonym melden"),
        ("danger_now", "emergency",
         "Hilfe, ein Mann verfolgt mich gerade"),
    ],
    "ar": [
        ("landlord", "equality_body",
         "رفض صاحب الشقة أن يؤجرني الشقة لأنني عربي"),
        ("city_office", "anti_discrimination_office",
         "الموظفة في دائرة الأجانب عاملتني بشكل سيء ورفضت مساعدتي لأنني أرتدي الحجاب"),
        ("street_attack", "police",
         "هاجمني رجلان في الشارع أمس وشتموني بسبب أصلي"),
        ("anonymous_graffiti", "victim_support",
         "أريد الإبلاغ دون ذكر اسمي: شخص ما رسم صليبا معقوفا على باب بيتنا"),
        ("danger_now", "emergency",
         "ساعدوني، رجل يلاحقني الآن"),
    ],
    "uk": [
        ("landlord", "equality_body",
         "Орендодавець відмовився здати мені квартиру, бо я іноземець."),
        ("city_office", "anti_discrimination_office",
         "Працівниця у відомстві у справах іноземців погано до мене поставилася і "
         "відмовилась прийняти документи, бо я з України."),
        ("street_attack", "police",
         "Вчора на вулиці двоє чоловіків побили мене і кричали, щоб я їхав додому."),
        ("anonymous_graffiti", "victim_support",
         "Хочу анонімно повідомити: хтось намалював свастику на стіні нашого будинку."),
        ("danger_now", "emergency",
         "Допоможіть, якийсь чоловік іде за мною прямо зараз!"),
    ],
    "fa": [
        ("landlord", "equality_body",
         "صاحبخانه به خاطر اینکه افغانی هستم خانه را به من اجاره نداد."),
        ("city_office", "anti_discrimination_office",
         "کارمند اداره اتباع خارجی با من بدرفتاری کرد و به خاطر حجابم به من وقت نداد."),
        ("street_attack", "police",
         "دیروز در خیابان دو مرد به من حمله کردند و به من فحش دادند."),
        ("anonymous_graffiti", "victim_support",
         "می\u200cخواهم به صورت ناشناس گزارش بدهم: کسی روی دیوار خانه ما صلیب شکسته کشیده است."),
        ("danger_now", "emergency",
         "کمک کنید، یک مرد همین الان دنبالم می\u200cکند!"),
    ],
    "tr": [
        ("landlord", "equality_body",
         "Ev sahibi yabancı olduğum için bana daireyi kiralamak istemedi."),
        ("city_office", "anti_discrimination_office",
         "Ausländerbehörde'deki memur bana kötü davrandı ve başörtüm yüzünden randevu "
         "vermedi."),
        ("street_attack", "police",
         "Dün sokakta iki adam bana saldırdı ve Türk olduğum için küfür etti."),
        ("anonymous_graffiti", "victim_support",
         "İsmimi vermeden bildirmek istiyorum: biri evimizin duvarına gamalı haç çizmiş."),
        ("danger_now", "emergency",
         "Yardım edin, bir adam şu an beni takip ediyor!"),
    ],
}
CASES = [(language, case, text, kind)
         for language, items in ROUTING.items() for case, kind, text in items]


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "case", "text", "kind"), CASES,
                         ids=[f"{language}-{case}" for language, case, _, _ in CASES])
def test_report_one_message_reaches_the_right_office_before_any_question(
    assistant: Assistant, sender: str, language: str, case: str, text: str, kind: str
) -> None:
    replies = say(assistant, sender, text)

    with_office = [i for i, turn in enumerate(replies) if "office" in turn.custom]
    assert with_office, f"no office named in {replies}"
    first = replies[with_office[0]]
    assert first.custom["office"]["kind"] == kind
    assert all(turn.custom["language"] == language for turn in replies)
    if kind == "emergency":
        assert with_office[0] == 0
        assert "112" in first.text
        return
    assert first.custom["office"]["name"] in first.text
    assert replies[-1].text == expected("utter_report_office_check", language)
    assert [b["payload"] for b in replies[-1].buttons] == ["/affirm", "/deny"]


def _report(database_url: str, reference: str) -> Report | None:
    engine = make_engine(database_url)
    try:
        with session_factory(engine)() as session:
            return session.execute(
                select(Report).where(Report.reference == reference)).scalar_one_or_none()
    finally:
        engine.dispose()


@pytest.mark.e2e
def test_report_full_intake_in_english_is_filed_in_the_database(
    assistant: Assistant, sample_database: str, sender: str
) -> None:
    replies = say(assistant, sender, "my landlord won't rent to me because I'm Syrian")
    assert replies[1].custom["office"]["kind"] == "equality_body"
    assert any("two months" in turn.text for turn in replies)

    [where] = say(assistant, sender, button(replies[-1], "/affirm"))
    assert where.text == expected("utter_report_ask_where", "en")
    [when] = say(assistant, sender, "Lindenallee 12, Westend")
    assert when.text == expected("utter_report_ask_when", "en")
    [people] = say(assistant, sender, "on 3 March, in the afternoon")
    [witnesses] = say(assistant, sender, "the landlord and his son")
    [consent] = say(assistant, sender, button(witnesses, "/skip_question"))
    [contact] = say(assistant, sender, button(consent, "/affirm"))
    assert contact.text == expected("utter_report_ask_contact", "en")
    [on_behalf] = say(assistant, sender, "Amina Said, amina@example.org")
    summary, confirm = say(assistant, sender, button(on_behalf, "/affirm"))
    assert "Lindenallee 12, Westend" in summary.text
    assert confirm.text == expected("utter_report_ask_confirm", "en")

    filed, *after = say(assistant, sender, button(confirm, "/affirm"))

    reference = filed.custom["reference"]
    assert reference in filed.text
    assert after[0].custom["erasure_code"] in after[0].text
    assert after[1].text.startswith("What happens next:")
    report = _report(sample_database, reference)
    assert report is not None
    assert report.office_kind == "equality_body"
    assert report.description == "my landlord won't rent to me because I'm Syrian"
    assert report.occurred_where == "Lindenallee 12, Westend"
    assert report.people_involved == "the landlord and his son"
    assert report.witnesses is None
    assert (report.contact_email, report.contact_consent, report.anonymous) == (
        "amina@example.org", True, False)
    assert report.language == "en" and report.status == "received"

    [status] = say(assistant, sender, f"what is the status of my report {reference}?")
    assert status.text == expected("utter_report_status_received", "en", report_number=reference,
                                   office_name=status.custom["office"]["name"])
    assert status.custom["office"]["id"] == "federal-anti-discrimination-agency"
    assert "reference" not in status.custom


@pytest.mark.e2e
def test_report_full_intake_in_arabic_anonymous_is_filed_without_contact(
    assistant: Assistant, sample_database: str, sender: str
) -> None:
    replies = say(assistant, sender, "شخص ضربني في الباص وقال لي ارجع إلى بلدك")
    assert replies[1].custom["office"]["kind"] == "police"
    assert all(turn.custom["language"] == "ar" for turn in replies)

    say(assistant, sender, "/affirm")
    say(assistant, sender, "الباص رقم 7 قرب المحطة")
    [people] = say(assistant, sender, "أمس في المساء")
    [witnesses] = say(assistant, sender, "/skip_question")
    [consent] = say(assistant, sender, "/skip_question")
    changed, *_ = say(assistant, sender, button(consent, "/deny"))
    assert changed.custom["office"]["kind"] == "victim_support"
    say(assistant, sender, "/affirm")

    filed, *_ = say(assistant, sender, "نعم")

    reference = filed.custom["reference"]
    assert filed.custom["language"] == "ar"
    report = _report(sample_database, reference)
    assert report is not None
    assert (report.office_kind, report.anonymous, report.contact_email) == (
        "victim_support", True, None)
    assert report.language == "ar"
    assert report.occurred_where == "الباص رقم 7 قرب المحطة"


@pytest.mark.e2e
def test_report_saying_no_it_was_different_lets_the_person_choose_by_buttons(
    assistant: Assistant, sender: str
) -> None:
    replies = say(assistant, sender,
                  "Im Bürgerbüro hat mich ein Mitarbeiter wegen meines Kopftuchs angeschrien")
    assert replies[1].custom["office"]["kind"] == "anti_discrimination_office"

    [kinds] = say(assistant, sender, button(replies[-1], "/deny"))
    assert kinds.text == expected("utter_report_ask_type", "de")
    [settings] = say(assistant, sender, button(kinds, choice("discrimination")))
    assert settings.text == expected("utter_report_ask_setting", "de")
    office, *rest = say(assistant, sender, button(settings, choice("shop_restaurant_or_bank")))

    assert office.custom["office"]["kind"] == "equality_body"
    assert rest[-1].text == expected("utter_report_office_check", "de")


@pytest.mark.e2e
def test_report_safe_after_danger_continues_with_what_was_written(
    assistant: Assistant, sender: str
) -> None:
    emergency, after = say(assistant, sender, "two men are attacking me right now at the tram stop")
    assert emergency.custom["office"]["kind"] == "emergency"

    replies = say(assistant, sender, button(after, choice("safe")))

    assert replies[0].custom["office"]["kind"] == "police"


@REPORT_QUESTION_GAP
@pytest.mark.e2e
def test_report_status_of_an_unknown_number_and_erasure_of_a_filed_report(
    assistant: Assistant, sample_database: str, sender: str
) -> None:
    [unknown] = say(assistant, sender, "what is the status of my report LB-V4DL-7BFL")
    assert unknown.text == expected("utter_report_unknown_reference", "en",
                                    report_number="LB-V4DL-7BFL", example="LB-7K3Q-9XRM")

    say(assistant, sender, "someone spat at me in the street because of my hijab")
    for answer in ("/affirm", "Hauptstraße", "today", "/skip_question", "/skip_question",
                   "/deny", "/affirm"):
        say(assistant, sender, answer)
    filed, shown_code, *_ = say(assistant, sender, "/affirm")
    filed_code = shown_code.custom["erasure_code"]
    reference = find_reference(filed.text)
    assert reference == filed.custom["reference"]

    [ask_code] = say(assistant, sender, f"please delete my report {reference}")
    assert ask_code.text == expected("utter_report_ask_erasure_code", "en", report_number=reference)
    [wrong] = say(assistant, sender, "ABCD-EFGH")
    assert wrong.text == expected("utter_report_erasure_code_wrong", "en")
    [confirm] = say(assistant, sender, filed_code)
    assert confirm.text == expected("utter_report_erase_confirm", "en", report_number=reference)
    [erased] = say(assistant, sender, button(confirm, "/affirm"))

    assert erased.text == expected("utter_report_erased", "en", report_number=reference)
    assert _report(sample_database, reference) is None
