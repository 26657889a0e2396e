"""Every user-facing string of the widget, the kiosk and the staff console, in English.

The English text is the source; translations come from translations/<language>.po with the
context "web:<key>" (docs/translations.md), so a string appears translated as soon as its
PO entry exists, and a changed English text falls back to English until re-translated.
Placeholders in {braces} are filled in by the page that shows the string.
"""
from __future__ import annotations

from functools import lru_cache

from bot.language import SUPPORTED, text_direction
from bot.paths import translations_dir
from bot.translation import PoCatalogs, SourceMessage

__all__ = [
    "CONTEXT_PREFIX", "UI_STRINGS", "coverage", "direction", "entry", "source_messages",
    "strings_for", "translate",
]

CONTEXT_PREFIX = "web:"

UI_STRINGS: dict[str, str] = {
    # Shared by the widget and the kiosk
    "chat.title": "City assistant",
    "chat.open": "Chat with the city assistant",
    "chat.close": "Close the chat",
    "chat.language": "Language",
    "chat.language_automatic": "Automatic (the language you write in)",
    "chat.transcript": "Conversation",
    "chat.message_label": "Your message",
    "chat.send": "Send",
    "chat.you": "You",
    "chat.assistant": "Assistant",
    "chat.writing": "The assistant is writing…",
    "chat.error": "The assistant cannot be reached right now. Please try again in a moment.",
    "chat.machine_translated": "Machine translated",
    "chat.show_original": "Show original",
    "chat.hide_original": "Hide original",
    "chat.original": "Original text",
    "chat.sources": "Sources",
    "chat.reference": "Your reference number: {reference}",
    "chat.privacy": "Please do not write your name, address or other personal details.",
    # Kiosk
    "kiosk.title": "City assistant kiosk",
    "kiosk.choose_language": "Choose your language",
    "kiosk.end_session": "End session",
    "kiosk.print_slip": "Print slip",
    "kiosk.read_aloud": "Read aloud",
    "kiosk.idle_title": "Are you still there?",
    "kiosk.idle_warning": "This session ends in {seconds} seconds and the conversation is deleted.",
    "kiosk.continue": "Continue",
    "kiosk.ended": "The session has ended. Everything you wrote has been deleted.",
    "kiosk.ended_not_deleted": (
        "The screen has been cleared, but the conversation could not be deleted on the "
        "server. Please tell the staff."),
    "kiosk.slip_title": "Your slip",
    "kiosk.slip_office": "Where to go",
    "kiosk.slip_phone": "Phone: {phone}",
    "kiosk.slip_hours": "Opening hours: {hours}",
    "kiosk.slip_reference": "Reference number: {reference}",
    "kiosk.slip_erasure_code": "Erasure code (needed to delete the report): {code}",
    "kiosk.slip_date": "Printed on {date}",
    # Demo page and public service pages
    "demo.title": "Lindenbruck (a fictional city): welcome",
    "demo.fictional": (
        "Lindenbruck is a fictional city: every address and phone number on this page is"
        " invented."
    ),
    "service.not_found": "This service is not in the catalogue.",
    "service.who": "Who can get it",
    "service.how": "How to apply",
    "service.documents": "What to bring",
    "service.fees": "Fees",
    "service.offices": "Where",
    "service.source": "Official information",
    "service.reviewed": "Last reviewed: {date}",
    # Staff console
    "staff.title": "Staff console",
    "staff.skip": "Skip to content",
    "staff.login": "Sign in",
    "staff.name": "User name",
    "staff.password": "Password",
    "staff.login_failed": "The user name or password is not correct.",
    "staff.locked": "Too many failed attempts. Sign-in is locked for {minutes} minutes.",
    "staff.logout": "Sign out",
    "staff.signed_in_as": "Signed in as {name} ({role})",
    "staff.home": "Start",
    "staff.forbidden": "This page is not part of your role.",
    "staff.not_found": "There is no such page.",
    "staff.csrf": "The form has expired. Please reload the page and try again.",
    "staff.role.frontline": "frontline staff",
    "staff.role.office": "office staff",
    "staff.role.admin": "administrator",
    "staff.eligibility": "Eligibility check for a resident",
    "staff.eligibility_intro": (
        "Answer what the resident tells you; leave a question empty when it is not known."
        " Nothing is stored."
    ),
    "staff.eligibility_check": "Check",
    "staff.eligibility_unavailable": "The eligibility check is not available on this server.",
    "staff.unknown": "Not known",
    "staff.yes": "Yes",
    "staff.no": "No",
    "staff.results": "Results",
    "staff.reasons": "Reasons",
    "staff.missing": "Still needed",
    "staff.alternatives": "Instead",
    "staff.decided_by": "The office decides",
    "staff.catalogue": "Catalogue lookup",
    "staff.search": "Search",
    "staff.search_label": "Service, keyword or office",
    "staff.no_results": "Nothing found.",
    "staff.catalogue_unavailable": "The catalogue is not loaded in this database.",
    "staff.reports": "Reports for your office",
    "staff.no_reports": "There are no reports for your office.",
    "staff.reports_unavailable": (
        "Reports are not available: the database has no report tables yet."
    ),
    "staff.reference": "Reference",
    "staff.received": "Received",
    "staff.type": "Type",
    "staff.status": "Status",
    "staff.language_col": "Language",
    "staff.original_text": "What the person wrote",
    "staff.translated_text": "Translation",
    "staff.update_status": "Update status",
    "staff.status_saved": "The status was saved.",
    "staff.admin_catalogue": "Catalogue",
    "staff.reload": "Reload the catalogue from its files",
    "staff.reload_done": "Catalogue reloaded: {summary}",
    "staff.reload_failed": "The catalogue was not reloaded: {error}",
    "staff.coverage": "Translation coverage",
    "staff.coverage_responses": "Assistant replies",
    "staff.coverage_web": "Web pages",
    "staff.unanswered": "Unanswered questions",
    "staff.unanswered_intro": (
        "Questions the assistant could not answer, by day and language. Question texts are"
        " kept only when the city has switched this on."
    ),
    "staff.monitoring": "Monitoring",
    "staff.monitoring_intro": (
        "Anonymous figures the city can publish. No conversation or person can be"
        " identified from them."
    ),
    "staff.download_csv": "Download as CSV",
    "staff.questions_by": "Questions by category and language",
    "staff.unanswered_rate": "Unanswered rate: {rate}",
    "staff.reports_by": "Reports by office and type",
    "staff.category": "Category",
    "staff.office": "Office",
    "staff.count": "Number",
    "staff.day": "Day",
    "staff.question": "Question",
    "staff.nothing_yet": "No figures yet.",
}


@lru_cache(maxsize=1)
def _catalogs() -> PoCatalogs:
    return PoCatalogs(translations_dir())


def entry(key: str, language: str) -> tuple[str, str]:
    """(text, language it is in) for `key`: the translation, or the English source."""
    source = UI_STRINGS[key]
    if language != "en" and language in SUPPORTED:
        found = _catalogs().lookup(CONTEXT_PREFIX + key, source, language)
        if found:
            return found, language
    return source, "en"


def translate(key: str, language: str, **values: object) -> str:
    """The string `key` in `language` (English when not translated), placeholders filled."""
    text = entry(key, language)[0]
    return text.format(**values) if values else text


def strings_for(language: str, prefixes: tuple[str, ...] = ("chat.", "kiosk.", "demo.")
                ) -> dict[str, dict[str, str]]:
    """What a browser script needs: each key's unfilled text and the language it is in,
    so an English fallback inside an Arabic page is marked lang="en"."""
    result: dict[str, dict[str, str]] = {}
    for key in UI_STRINGS:
        if key.startswith(prefixes):
            text, lang = entry(key, language)
            result[key] = {"text": text, "lang": lang}
    return result


def coverage(language: str) -> tuple[int, int]:
    """(translated, total) web strings for `language`; English counts as complete."""
    translated = sum(1 for key in UI_STRINGS if entry(key, language)[1] == language)
    return (len(UI_STRINGS) if language == "en" else translated), len(UI_STRINGS)


def direction(language: str) -> str:
    return text_direction(language)


def source_messages() -> list[SourceMessage]:
    """The web text domain for `python -m bot.translation extract` (CONTENT_PROVIDERS)."""
    return [SourceMessage(CONTEXT_PREFIX + key, text) for key, text in UI_STRINGS.items()]
