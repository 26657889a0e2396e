"""Every request is read carefully: a clear error or a polite reply, never a crash."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.inbound import (
    MAX_MESSAGE_CHARACTERS,
    Accepted,
    PoliteReply,
    Rejected,
    check_request,
    clean_text,
)
from bot.rate_limit import RateLimiter


def body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_a_normal_message_is_accepted_and_cleaned() -> None:
    checked = check_request(
        body(sender="kiosk-1", message=" Hallo\u200b\x00 ", metadata={"language": "de"})
    )
    assert checked == Accepted("kiosk-1", "Hallo", {"language": "de"})


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"{not json", 400),
        (b"\xff\xfe\xfa", 400),
        (b"[1, 2]", 400),
        (body(message="hi"), 400),
        (body(sender="", message="hi"), 400),
        (body(sender="x" * 200, message="hi"), 400),
        (body(sender="a b<script>", message="hi"), 400),
        (body(sender="me", message=42), 400),
        (body(sender="me", message="hi", metadata=[1]), 400),
        (body(sender="me", message="hi", metadata={"x": "y" * 10_000}), 413),
        (b" " * 70_000, 413),
    ],
)
def test_a_malformed_request_gets_a_clear_error(raw: bytes, status: int) -> None:
    checked = check_request(raw)
    assert isinstance(checked, Rejected)
    assert checked.status == status and checked.error


def test_an_oversized_message_gets_a_polite_reply_in_its_language() -> None:
    checked = check_request(body(sender="me", message="هذه رسالة طويلة جدا " * 200))
    assert isinstance(checked, PoliteReply)
    assert checked.response == "utter_message_too_long"
    assert checked.language == "ar"
    assert checked.arguments == {"max_characters": MAX_MESSAGE_CHARACTERS}


def test_an_empty_message_gets_a_polite_reply_in_the_chosen_language() -> None:
    checked = check_request(body(sender="me", message="\u200b \x07", metadata={"language": "uk"}))
    assert checked == PoliteReply("me", "utter_empty_message", "uk", {})


def test_direction_overrides_cannot_hide_text() -> None:
    assert clean_text("abc\u202edcba\u2066") == "abcdcba"


def test_the_rate_limiter_allows_a_burst_then_refills() -> None:
    limiter = RateLimiter(per_minute=60, burst=3)
    assert [limiter.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=0.0)
    assert limiter.allow("a", now=1.5)


def test_persian_zero_width_non_joiner_is_kept() -> None:
    assert clean_text("بچه\u200cام را می\u200cخواهم") == "بچه\u200cام را می\u200cخواهم"


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                     st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                                  lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                                  max_leaves=20).map(lambda v: json.dumps(v).encode())))
def test_any_body_is_answered_and_accepted_text_is_clean_unicode(raw: bytes) -> None:
    checked = check_request(raw)
    if isinstance(checked, Rejected):
        assert 400 <= checked.status < 500 and checked.error
    if isinstance(checked, Accepted):
        checked.text.encode("utf-8")  # no lone surrogate survives
        assert checked.text == clean_text(checked.text)


@pytest.mark.parametrize("message", ["hallo\ud800", "\udfffhallo", "hal\ud83dlo"])
def test_lone_surrogates_are_removed_on_entry(message: str) -> None:
    raw = json.dumps({"sender": "me", "message": message}).encode()  # escaped as \\udxxx
    checked = check_request(raw)
    assert isinstance(checked, Accepted) and checked.text == "hallo"


def test_json_nested_30000_deep_is_a_clear_400() -> None:
    checked = check_request(b'{"sender": "me", "message": ' + b"[" * 30_000 + b"]" * 30_000 + b"}")
    assert isinstance(checked, Rejected) and checked.status == 400
