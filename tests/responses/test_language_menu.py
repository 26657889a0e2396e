"""A person can always find their language: each is shown in its own name and script."""
from bot.responses.language_menu import all_language_buttons, language_list, switch_back_offer


def test_every_supported_language_has_a_button_in_its_own_script() -> None:
    buttons = all_language_buttons()
    assert len(buttons) == 14
    assert {"title": "فارسی", "payload": '/choose_language{"language":"fa"}'} in buttons
    assert {"title": "ትግርኛ", "payload": '/choose_language{"language":"ti"}'} in buttons


def test_the_switch_back_offer_names_the_previous_language() -> None:
    assert switch_back_offer("uk")["buttons"] == [
        {"title": "Українська", "payload": '/choose_language{"language":"uk"}'}
    ]


def test_the_language_list_reads_as_one_line() -> None:
    assert language_list().startswith("English, Deutsch, العربية")
