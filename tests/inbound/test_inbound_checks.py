"""The request guard: every request is read carefully, by one set of rules for the REST
channel and the web relay: a clear error or a polite reply, never a crash."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.inbound import (
    INVALID,
    MAX_BODY_BYTES,
    MAX_MESSAGE_CHARACTERS,
    MAX_SENDER_CHARACTERS,
    TOO_LARGE,
    UNREADABLE,
    Accepted,
    PoliteReply,
    Rejected,
    check_request,
    check_sender,
    clean_text,
    polite_reply,
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
        (b"{not json", UNREADABLE),
        (b"\xff\xfe\xfa", UNREADABLE),
        (b"[1, 2]", INVALID),
        (body(message="hi"), INVALID),
        (body(sender="", message="hi"), INVALID),
        (body(sender="x" * (MAX_SENDER_CHARACTERS + 1), message="hi"), INVALID),
        (body(sender="a b<script>", message="hi"), INVALID),
        (body(sender="me"), INVALID),
        (body(sender="me", message=42), INVALID),
        (body(sender="me", message="hi", metadata=[1]), INVALID),
        (body(sender="me", message="hi", metadata={"x": "y" * 10_000}), INVALID),
        (b" " * (MAX_BODY_BYTES + 1), TOO_LARGE),
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
    assert isinstance(checked, Rejected) and checked.status == UNREADABLE


def test_the_statuses_are_413_for_size_400_for_unreadable_and_422_for_wrong_fields() -> None:
    """The decision written in docs/web.md ("The request guard")."""
    assert (TOO_LARGE, UNREADABLE, INVALID) == (413, 400, 422)


@pytest.mark.parametrize(
    "sender", ["kiosk-7", "web-3f2a9c1e", "user:42@kiosk.lindenbruck", "x" * MAX_SENDER_CHARACTERS]
)
def test_a_sender_of_letters_digits_and_dot_colon_at_underscore_dash_is_accepted(
    sender: str,
) -> None:
    assert check_request(body(sender=sender, message="hallo")) == Accepted(sender, "hallo", {})
    assert check_sender(body(sender=sender)) == sender


def test_forgetting_needs_a_sender_by_the_same_rule() -> None:
    assert check_sender(body(sender="a b")) == Rejected(
        INVALID, "'sender' may contain only letters, digits and . : @ _ -"
    )
    assert isinstance(check_sender(b"[]"), Rejected)


def test_only_a_supported_language_of_the_metadata_reaches_the_assistant() -> None:
    picked = check_request(body(sender="me", message="hi", metadata={"language": "ar", "k": 1}))
    assert isinstance(picked, Accepted) and picked.metadata == {"language": "ar"}
    unknown = check_request(body(sender="me", message="hi", metadata={"language": "xx"}))
    assert isinstance(unknown, Accepted) and unknown.metadata == {}


def test_a_message_of_exactly_the_limit_is_accepted_one_more_character_gets_the_polite_reply(
) -> None:
    longest = "a" * MAX_MESSAGE_CHARACTERS
    assert isinstance(check_request(body(sender="me", message=longest)), Accepted)
    checked = check_request(body(sender="me", message=longest + "a"))
    assert isinstance(checked, PoliteReply) and checked.response == "utter_message_too_long"


def test_a_polite_reply_to_a_checked_request_is_in_its_language() -> None:
    accepted = Accepted("me", "hello", {"language": "uk"})
    assert polite_reply(accepted, "utter_busy") == PoliteReply("me", "utter_busy", "uk", {})
    too_long = PoliteReply("me", "utter_message_too_long", "fa", {"max_characters": 2000})
    assert polite_reply(too_long, "utter_too_many_messages") == PoliteReply(
        "me", "utter_too_many_messages", "fa", {}
    )
