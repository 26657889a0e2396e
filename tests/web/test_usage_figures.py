"""The usage figures count a turn from its reply contract (`language`, `sources`,
`answered`), never from the wording of its replies."""
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.responses.message import channel_messages
from bot.translation import PoCatalogs
from bot.web.usage import turn_figures

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
SOURCES = [{"id": "school-enrolment", "category": "education", "title": "Schule"}]


def test_an_answer_from_the_catalogue_counts_under_its_category_as_answered() -> None:
    answer = channel_messages("me", RENDERER.render("utter_greet", "ar", {"sources": SOURCES}))
    assert turn_figures(answer) == ("ar", "education", True)


def test_a_turn_ending_in_no_information_counts_as_unanswered() -> None:
    turn = (channel_messages("me", RENDERER.render("utter_greet", "uk", {}))
            + channel_messages("me", RENDERER.render("utter_service_not_found", "uk", {})))
    assert turn_figures(turn) == ("uk", None, False)


def test_the_wording_of_a_reply_does_not_decide_whether_it_answered() -> None:
    fallback_text = RENDERER.render("utter_default", "de", {}).text
    turn = [{"recipient_id": "me", "text": fallback_text},
            {"recipient_id": "me", "custom": {"language": "de", "answered": True}}]
    assert turn_figures(turn) == ("de", None, True)
