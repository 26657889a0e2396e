"""Placeholders survive whatever the model does with the markers standing in for them."""
from __future__ import annotations

import pytest

from bot.machine_translation.placeholders import mask, parse, unmask


def test_placeholders_come_back_where_the_model_moved_their_markers() -> None:
    masked = mask(parse("Call {office_phone} before {time}."))
    assert masked.text == "Call [1] before [2]."
    restored = unmask("Vor [2] rufen Sie [ 1 ] an.", masked)
    assert restored == "Vor {time} rufen Sie {office_phone} an."


def test_placeholders_keep_conversion_and_format_spec() -> None:
    masked = mask(parse("Open {hours!s:>5} on {day}"))
    assert unmask("[2]: [1]", masked) == "{day}: {hours!s:>5}"


def test_placeholders_lost_or_repeated_by_the_model_are_detected() -> None:
    masked = mask(parse("Call {office_phone} before {time}."))
    assert unmask("Rufen Sie an.", masked) is None
    assert unmask("[1] [1] [2]", masked) is None


def test_placeholders_markers_never_collide_with_brackets_in_the_text() -> None:
    masked = mask(parse("See [1] and [3], then call {office_phone}."))
    assert masked.markers == {4: "{office_phone}"}
    restored = unmask("Siehe [1] und [3], dann [4].", masked)
    assert restored == "Siehe [1] und [3], dann {office_phone}."


def test_placeholders_braces_written_by_the_model_cannot_become_fields() -> None:
    masked = mask(parse("Call {office_phone}."))
    restored = unmask("{oops} [1] }", masked)
    assert restored == "{{oops}} {office_phone} }}"
    assert restored.format(office_phone="110") == "{oops} 110 }"


def test_placeholders_literal_braces_stay_escaped() -> None:
    template = parse("Use {{curly}} for {name}")
    assert template.literals == ("Use {curly} for ", "")
    masked = mask(template)
    assert masked.text == "Use {curly} for [1]"
    assert unmask(masked.text, masked) == "Use {{curly}} for {name}"


def test_placeholders_reject_text_that_is_no_template() -> None:
    with pytest.raises(ValueError):
        parse("a lone { brace")
