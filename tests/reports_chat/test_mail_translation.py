"""The outbox's e-mail translation: the offline machine translator, or the original
with kind "none" (and the e-mail then says no translation was available)."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.machine_translation import ArgosTranslator, MemoryCache, TranslationSettings, install
from bot.reports import Report
from bot.reports.mail import build_report_email
from bot.reports.mail_translation import NO_TRANSLATION, translate
from bot.reports.offices import load_office_contacts
from tests.machine_translation.tiny_argos import build_argos_package


@pytest.fixture(scope="module")
def translator(tmp_path_factory: pytest.TempPathFactory) -> ArgosTranslator:
    """A real Argos translator with one tiny en->de model (random weights)."""
    folder = tmp_path_factory.mktemp("argos")
    install(build_argos_package(folder, "en", "de", seed=5), folder / "packages")
    # Random weights write nonsense the quality gate rightly withholds; this tests the wiring.
    settings = TranslationSettings(packages_dir=folder / "packages", quality_gate=False)
    return ArgosTranslator(settings, MemoryCache(settings.cache_size))


def test_mail_translation_uses_an_installed_model_and_names_it(
    translator: ArgosTranslator,
) -> None:
    text, kind = translate("He said {go home} to me.", "en", "de", translator)

    assert kind.startswith("machine translation (") and "en" in kind and "de" in kind
    assert isinstance(text, str) and text


def test_mail_translation_without_a_model_returns_the_original(
    translator: ArgosTranslator,
) -> None:
    assert translate("صاحب البيت رفض", "ar", "de", translator) == ("صاحب البيت رفض",
                                                                   NO_TRANSLATION)
    assert translate("Hallo", "de", "de", translator) == ("Hallo", NO_TRANSLATION)


def test_mail_translation_none_makes_the_email_say_no_translation_is_available() -> None:
    offices = load_office_contacts()
    report = Report(reference="LB-7K3Q-9XRM", office_id="police-station-mitte",
                    office_kind="police", recipient_office_id="police-station-mitte",
                    why_key="why_hate_crime_police", incident_type="physical_attack",
                    setting="street_or_public_transport", danger_now=False,
                    hate_motivated=True, language="ar", description="ضربني رجل في الترام",
                    anonymous=True, contact_consent=False, on_behalf_of=False,
                    status="received", created_at=datetime(2026, 3, 2),
                    retention_until=datetime(2027, 3, 2))
    police = offices["police-station-mitte"]

    email = build_report_email(report, police, police, "<x@lindenbruck.example>",
                               "meldungen@lindenbruck.example", datetime(2026, 3, 2),
                               translate=lambda text, source, target: (text, NO_TRANSLATION))
    untranslated = build_report_email(report, police, police, "<x@lindenbruck.example>",
                                      "meldungen@lindenbruck.example", datetime(2026, 3, 2))

    body = email.get_content()
    assert "ضربني رجل في الترام" in body
    assert body == untranslated.get_content()
