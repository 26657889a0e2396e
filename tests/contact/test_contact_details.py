"""Asking for a person gives the welcome centre in the person's language, with its German name."""
import subprocess
import sys
from pathlib import Path

import pytest

from bot.contact import contact_details
from bot.db import make_engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path_factory.mktemp('contact') / 'c.sqlite3'}"
    subprocess.run(
        [sys.executable, "-m", "bot.catalogue", "load", "services_catalogue"],
        check=True, capture_output=True, env={"DATABASE_URL": url, "PATH": ""},
        cwd=Path(__file__).resolve().parents[2],
    )
    return make_engine(url)


def test_the_contact_is_in_arabic_with_the_name_on_the_door(engine) -> None:  # type: ignore[no-untyped-def]
    details = contact_details(engine, "ar")
    assert details["office_name"] == "مركز الترحيب في Lindenbruck (Willkommenszentrum Lindenbruck)"
    assert "استقبال مسائي" in details["office_hours"]
    assert details["office"]["kind"] == "advice"
    assert "content_translation" not in details


def test_in_german_the_name_is_not_repeated(engine) -> None:  # type: ignore[no-untyped-def]
    assert contact_details(engine, "de")["office_name"] == "Willkommenszentrum Lindenbruck"
