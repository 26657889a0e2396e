"""The plain-text e-mail an office receives for one report.

Headers are built only from our own data (reference, labels, catalogue addresses) and
pass `header_value`; what the person wrote appears only in the body. The body holds the
original text and a translation into the city's language, or says that none was available.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.language.languages import CITY_LANGUAGE
from bot.reports.models import Report
from bot.reports.offices import OfficeContact
from bot.reports.safe_text import header_value

__all__ = ["NO_TRANSLATION", "Translator", "build_report_email", "load_email_labels"]

log = logging.getLogger(__name__)

#: translate(text, source_language, target_language) -> (translated text, kind of
#: translation, e.g. "machine translation (Argos)"). May raise, or return the kind
#: NO_TRANSLATION; the e-mail then says that no translation was available.
Translator = Callable[[str, str, str], tuple[str, str]]
NO_TRANSLATION = "none"

FREE_TEXT_FIELDS = ("occurred_when", "occurred_where", "people_involved", "witnesses",
                    "description")


@lru_cache(maxsize=4)
def load_email_labels(path: Path | None = None) -> Mapping[str, Any]:
    path = path or Path(__file__).resolve().parent / "data" / f"email_{CITY_LANGUAGE}.yml"
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@dataclass(frozen=True)
class _Labels:
    data: Mapping[str, Any]

    def __getitem__(self, key: str) -> str:
        return " ".join(str(self.data[key]).split())

    def of(self, section: str, key: str | None) -> str:
        return str(self.data.get(section, {}).get(key, key or "")).strip()


def _translation(report: Report, translate: Translator | None, labels: _Labels) -> list[str]:
    """The lines of the translated block: the translation, or why there is none."""
    if report.language == CITY_LANGUAGE:
        return [labels["same_language"]]
    if translate is None:
        return [labels["no_translation"]]
    lines, kinds = [], set()
    try:
        for name in FREE_TEXT_FIELDS:
            value = getattr(report, name)
            if value:
                text, kind = translate(value, report.language, CITY_LANGUAGE)
                kinds.add(str(kind))
                lines.append(f"{labels.of('fields', name)}:\n{text}")
    except Exception:  # a translator failing must never stop the report from being sent
        log.warning("translation of report %s failed", report.reference, exc_info=True)
        return [labels["no_translation"]]
    if kinds <= {NO_TRANSLATION}:
        return [labels["no_translation"]]
    shown = ", ".join(sorted(kinds - {NO_TRANSLATION})) or "-"
    return [labels["translation_kind"].format(kind=shown), *lines]


def _contact_lines(report: Report, labels: _Labels) -> list[str]:
    if report.anonymous:
        return [labels["contact_anonymous"]]
    details = [v for v in (report.contact_name, report.contact_email, report.contact_phone) if v]
    if not details or not report.contact_consent:
        return [labels["contact_none"]]
    return [*details, labels["contact_consent"]]


def build_report_email(report: Report, recipient: OfficeContact, handler: OfficeContact,
                       message_id: str, from_address: str, now: datetime,
                       translate: Translator | None = None,
                       labels_data: Mapping[str, Any] | None = None) -> EmailMessage:
    """One plain-text message to `recipient` about `report`, with a stable Message-ID.

    `handler` is the office the report was routed to; it differs from `recipient` when that
    office takes no e-mail (routing.yml `deliver_to`).
    """
    labels = _Labels(labels_data or load_email_labels())
    if not recipient.email:
        raise ValueError(f"office '{recipient.id}' has no e-mail address")
    yes_no = {True: labels["answer_yes"], False: labels["answer_no"]}
    message = EmailMessage()
    message["From"] = header_value(from_address)
    message["To"] = header_value(recipient.email)
    message["Subject"] = header_value(labels["subject"].format(
        reference=report.reference,
        incident_type=labels.of("incident_types", report.incident_type),
        setting=labels.of("settings", report.setting),
    ))
    message["Message-ID"] = header_value(message_id)
    message["Date"] = format_datetime(now.replace(tzinfo=UTC))
    message["X-Report-Reference"] = header_value(report.reference)

    facts = [
        ("reference", report.reference),
        ("received", report.created_at.strftime("%Y-%m-%d %H:%M")),
        ("handled_by", f"{handler.name_de or handler.name_en} "
                       f"({labels.of('office_kinds', report.office_kind)})"),
        ("recipient", recipient.name_de or recipient.name_en),
        ("incident_type", labels.of("incident_types", report.incident_type)),
        ("setting", labels.of("settings", report.setting)),
        ("district", report.district or labels["not_given"]),
        ("danger_now", yes_no[bool(report.danger_now)]),
        ("hate_motivated", yes_no[bool(report.hate_motivated)]),
        ("on_behalf_of", yes_no[bool(report.on_behalf_of)]),
    ]
    if report.deadline_id:
        facts.append(("deadline", " ".join(labels.of("deadlines", report.deadline_id).split())))
    body = [labels["intro"], ""]
    if handler.id != recipient.id:
        body += [labels["forwarded_note"], ""]
    body += [f"{labels.of('fields', key)}: {value}" for key, value in facts]
    body += ["", f"{labels.of('fields', 'contact')}:", *_contact_lines(report, labels), ""]
    body.append("--- " + labels["original_heading"].format(language=report.language) + " ---")
    for name in FREE_TEXT_FIELDS:
        value = getattr(report, name)
        body.append(f"{labels.of('fields', name)}:\n{value or labels['not_given']}")
    body += ["", f"--- {labels['translation_heading']} ---",
             *_translation(report, translate, labels), "", "-- ", labels["footer"]]
    message.set_content("\n".join(body) + "\n", charset="utf-8", cte="quoted-printable")
    return message
