"""The metrics page counts what an operator watches: messages, latency and unanswered replies
by language, reports filed and delivered, and the outbox backlog (a real database)."""
import os
import subprocess
import sys

from sqlalchemy import create_engine

from bot.paths import PROJECT_ROOT
from bot.runtime.metrics import MessageMetrics, exposition


def test_messages_latency_and_unanswered_are_counted_by_language() -> None:
    metrics = MessageMetrics()
    metrics.observe("uk", 0.3, unanswered=False)
    metrics.observe("uk", 3.0, unanswered=True)
    metrics.observe("ar", 0.05, unanswered=False)
    page = exposition(None, metrics)
    assert 'city_assistant_messages_total{language="uk"} 2' in page
    assert 'city_assistant_unanswered_total{language="uk"} 1' in page
    assert 'city_assistant_unanswered_total{language="ar"} 0' in page
    assert 'city_assistant_reply_seconds_bucket{language="uk",le="0.5"} 1' in page
    assert 'city_assistant_reply_seconds_bucket{language="uk",le="+Inf"} 2' in page
    assert 'city_assistant_reply_seconds_count{language="ar"} 1' in page


def test_reports_and_outbox_come_from_the_database(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'city.sqlite3'}"
    subprocess.run([sys.executable, "-m", "bot.catalogue", "load", "services_catalogue"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True,
                   env={**os.environ, "DATABASE_URL": url})
    page = exposition(create_engine(url), MessageMetrics())
    assert "city_assistant_reports_delivered_total 0" in page
    assert 'city_assistant_outbox_backlog{status="pending"} 0' in page
    assert "city_assistant_database_up 1" in page


def test_the_page_still_answers_when_the_database_does_not(tmp_path) -> None:
    page = exposition(create_engine("postgresql://postgres@127.0.0.1:1/none"), MessageMetrics())
    assert "city_assistant_database_up 0" in page


def test_a_fallback_reply_counts_as_unanswered_in_its_language() -> None:
    from bot.paths import domain_dir, translations_dir
    from bot.responses import ResponseRenderer
    from bot.responses.message import channel_messages, turn_answered
    from bot.runtime.metrics import MESSAGES, observe_message
    from bot.translation import PoCatalogs

    renderer = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
    fallback = channel_messages("me", renderer.render("utter_default", "ar", {}))
    greeting = channel_messages("me", renderer.render("utter_greet", "ar", {}))
    before = MESSAGES.unanswered.get("ar", 0)
    observe_message("ar", 0.2, turn_answered(fallback))
    observe_message("ar", 0.2, turn_answered(greeting))
    assert MESSAGES.unanswered["ar"] == before + 1
