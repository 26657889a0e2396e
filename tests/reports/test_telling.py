"""A message that tells of an incident is a report, whatever the NLU took it for; a
question about an incident, or about a service that shares its words, is not."""
from __future__ import annotations

import pytest

from bot.reports.telling import is_about_reports, tells_of_incident

TELLINGS = [
    ("en", "The landlord told me the flat is not for Arabs and refused to rent it to me"),
    ("de", "In der Ausländerbehörde hat mich die Sachbearbeiterin beleidigt und mir keinen "
           "Termin gegeben"),
    ("de", "Der Vermieter hat mir die Wohnung verweigert, weil ich Afghane bin"),
    ("uk", "Орендодавець відмовився здати мені квартиру, бо я іноземець."),
    ("fa", "صاحبخانه به خاطر اینکه افغانی هستم خانه را به من اجاره نداد."),
    ("fa", "دیروز در خیابان دو مرد به من حمله کردند و به من فحش دادند."),
    ("ar", "رفض صاحب الشقة أن يؤجرني الشقة لأنني عربي"),
    ("tr", "Ev sahibi yabancı olduğum için bana daireyi kiralamak istemedi."),
]

NOT_TELLINGS = [
    # Questions about an incident get advice, not the intake.
    ("en", "My landlord refused to rent to me because I am Arab, what can I do?"),
    ("ar", "رفض صاحب الشقة أن يؤجرني لأنني عربي، ماذا أفعل؟"),
    # Service questions that share the lexicon's words.
    ("de", "Ich bekomme keinen Termin bei der Ausländerbehörde"),
    ("de", "Termin Ausländerbehörde"),
    ("de", "Wohnungsverlust droht"),
    ("en", "I need a doctor now but it is not life threatening"),
    ("ar", "التدفئة خربانه من أسبوعين والمالك ما يرد"),
    ("fr", "je me suis cassé une dent et c'est samedi"),
    ("en", ""),
    ("en", '/report_incident{"report_choice":"physical_attack"}'),
]


@pytest.mark.parametrize(("language", "text"), TELLINGS)
def test_a_message_that_tells_of_an_incident_is_a_report(language: str, text: str) -> None:
    assert tells_of_incident(text, language)


@pytest.mark.parametrize(("language", "text"), NOT_TELLINGS)
def test_a_question_or_a_service_question_is_not_a_report(language: str, text: str) -> None:
    assert not tells_of_incident(text, language)


def test_the_word_for_foreigner_inside_the_foreigners_office_is_no_motive() -> None:
    from bot.reports.chat_texts import default_context
    from bot.reports.classify import classify

    context = default_context()
    found = classify("Termin bei der Ausländerbehörde", context.routes, "de", context.lexicons)
    assert not found.incident.hate_motivated
    assert found.incident.setting == "city_office_or_service"


@pytest.mark.parametrize("text", ["Wie kann ich mich gegen Diskriminierung wehren?",
                                  "ماذا نفعل في حال التعرض للتمييز؟", "ምንታይ ክገብር፧"])
def test_a_question_mark_in_any_script_asks(text: str) -> None:
    from bot.reports.telling import asks

    assert asks(text)


@pytest.mark.parametrize(("language", "text"), [
    ("pl", "Czy Polacy mogą liczyć na wsparcie socjalne w Niemczech?"),
    ("de", "Wo bekomme ich Beratung zur Wohnungssuche?"),
    ("ru", "Где получить консультацию по поводу жилья?"),
    ("ro", "Unde pot primi sfaturi despre chirie?"),
    ("fr", "Je cherche un conseil pour trouver un logement"),
])
def test_advice_or_support_about_a_service_is_no_question_about_reports(
        language: str, text: str) -> None:
    """The catalogue answers it, not the advice on discrimination."""
    assert not is_about_reports(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Wie kann mir eine Opferberatung helfen?"),
    ("pl", "jak może mi pomóc poradnia dla ofiar?"),
    ("en", "I want to talk to someone about a racist attack"),
])
def test_victim_counselling_or_counselling_after_an_incident_is_about_reports(
        language: str, text: str) -> None:
    assert is_about_reports(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("uk", "нас дискримінують на роботі"),
    ("uk", "троє хлопців напали на мого сина біля школи"),
    ("uk", "сусідка постійно ображає мою доньку"),
    ("ru", "в школе был случай расизма"),
    ("ru", "кассирша накричала на мою маму"),
    ("ar", "شابان هاجماني في الشارع"),
    ("en", "someone keeps posting hate comments under my photos"),
    ("de", "unter meinem Video stehen lauter Hasskommentare"),
])
def test_inflected_words_for_an_incident_are_read(language: str, text: str) -> None:
    """Endings the stems missed: "дискримінують" is not "дискриміна…", "напали" not "напад"."""
    assert is_about_reports(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Where can refugees get medical treatment?"),
    ("de", "Wo finden Geflüchtete eine Wohnung?"),
    ("uk", "Де біженцям знайти лікаря?"),
    ("ar", "أين يمكن للاجئين أن يجدوا سكنا؟"),
    ("fa", "مهاجران کجا میتوانند آلمانی یاد بگیرند؟"),
    ("tr", "Mülteciler nerede Almanca öğrenebilir?"),
])
def test_a_group_named_in_a_service_question_makes_no_question_about_reports(
        language: str, text: str) -> None:
    """Newcomers name themselves ("refugees", "Muslims") in ordinary questions: a group
    word alone (`group` in the lexicons) is no sign of discrimination."""
    assert not is_about_reports(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The landlord refused to rent the flat to us because we are refugees"),
    ("de", "Der Vermieter hat die Wohnung verweigert, weil wir Geflüchtete sind"),
    ("uk", "Орендодавець відмовився здати квартиру, бо ми біженці"),
])
def test_a_group_named_with_an_incident_still_shows_a_motive(language: str, text: str) -> None:
    assert tells_of_incident(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "the club would not let us in because we are Africans, what can we do?"),
    ("fr", "le club ne nous laisse pas entrer parce que nous sommes africains, que faire ?"),
    ("pl", "sklep nie chce mnie obsłużyć, bo jestem muzułmaninem, co mogę zrobić?"),
])
def test_a_group_given_as_the_reason_is_a_motive(language: str, text: str) -> None:
    """"…because we are refugees": the refusal may be a phrase the lists lack, the group
    given as the reason (`because` in the lexicons) makes it a question about reports."""
    assert is_about_reports(text, language)
