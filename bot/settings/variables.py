"""Every environment variable the product reads: its type, default, reader and meaning.

The one list behind `python -m bot.settings check` and `.env.example`; a test keeps it
complete against the source. Each area still reads its own variables (with the readers in
bot/settings/readers.py) into its own typed settings, when it needs them.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.reports.settings import FROM_ADDRESS, REFERENCE_PREFIX, RETENTION_ACTIONS
from bot.settings import readers

__all__ = ["VARIABLES", "Variable"]

KINDS = ("whole number", "number", "flag", "text", "choice", "pattern", "URL", "path", "list",
         "secret")


@dataclass(frozen=True)
class Variable:
    """`default` is the value as it would be written, or what happens when unset; the
    rules (`minimum`, `choices`, `pattern`...) are those its reader applies."""

    name: str
    kind: str
    default: str
    module: str
    description: str
    minimum: int | None = None
    choices: tuple[str, ...] = ()
    pattern: str = ""
    rule: str = ""
    schemes: tuple[str, ...] = ()
    secret: bool = False
    ignored_when_wrong: bool = False

    def validate(self, environ: Mapping[str, str]) -> None:
        """Raise SettingsError when the value in `environ` is one its reader refuses."""
        name = self.name
        if self.kind == "whole number":
            readers.whole_number(name, 0, minimum=self.minimum, environ=environ)
        elif self.kind == "number":
            readers.number(name, 0.0, environ=environ)
        elif self.kind == "flag":
            readers.flag(name, False, environ=environ)
        elif self.kind == "choice":
            readers.choice(name, self.default, self.choices, environ=environ)
        elif self.kind == "pattern":
            readers.matching(name, self.default, self.pattern, self.rule, environ=environ)
        elif self.kind == "URL":
            readers.url(name, self.schemes, environ=environ)


_v = Variable

_REPORTS = "bot/reports/settings.py"
_MT = "bot/machine_translation/settings.py"
_WEB = "bot/web/settings.py"

VARIABLES: tuple[Variable, ...] = (
    # Where the data lives
    _v("CITY_ASSISTANT_DOMAIN", "path", "<project>/domain", "bot/paths.py",
       "the Rasa domain, one file per feature"),
    _v("CITY_ASSISTANT_TRANSLATIONS", "path", "<project>/translations", "bot/paths.py",
       "curated translations, one PO file per language and text domain"),
    _v("CITY_ASSISTANT_CATALOGUE", "path", "<project>/services_catalogue", "bot/paths.py",
       "the city's services catalogue (YAML)"),
    _v("CITY_ASSISTANT_ELIGIBILITY", "path", "<catalogue>/eligibility",
       "bot/eligibility/__main__.py", "the eligibility rules folder"),
    _v("DATABASE_URL", "text", "sqlite:///<project>/var/city-assistant.sqlite3", "bot/db.py",
       "the catalogue, reports and staff database; PostgreSQL in production", secret=True),
    _v("REDIS_URL", "URL", "unset: conversations, limits and caches in memory",
       "bot/conversation_state.py, bot/rate_limit.py, " + _MT + ", rasa_addons/health_channel.py",
       "Redis for conversations, locks, rate limits and the translation cache",
       schemes=("redis", "rediss"), secret=True),
    _v("CONVERSATION_EXPIRY_SECONDS", "whole number", "7200", "bot/conversation_state.py",
       "a conversation kept in Redis is deleted after this much inactivity", minimum=1),
    # Processes and their addresses
    _v("HOST", "text", "127.0.0.1", _WEB + ", scripts/run.sh",
       "where make run listens, and the web server when WEB_HOST is unset"),
    _v("RASA_PORT", "whole number", "5005", "scripts/run.sh", "where make run starts Rasa"),
    _v("RASA_CORS_ORIGINS", "text", "the web server's origin", "scripts/run.sh",
       "space-separated origins whose pages may call Rasa directly"),
    _v("ACTIONS_HOST", "text", "127.0.0.1", "rasa_addons/action_server.py",
       "where the action server listens"),
    _v("ACTIONS_PORT", "whole number", "5055", "rasa_addons/action_server.py, scripts/run.sh",
       "the action server's port"),
    _v("ACTIONS_URL", "text", "http://127.0.0.1:5055", "bot/runtime/endpoints.py",
       "where Rasa calls the action server"),
    _v("ELIGIBILITY_HOST", "text", "127.0.0.1", "bot/eligibility/__main__.py",
       "where the eligibility API listens"),
    _v("ELIGIBILITY_PORT", "whole number", "8010", "bot/eligibility/__main__.py",
       "the eligibility API's port"),
    _v("LOG_FORMAT", "choice", "text", "bot/runtime/logs.py",
       "json: one JSON object a line from the servers and workers", choices=("text", "json")),
    _v("LOG_LEVEL", "text", "INFO", "bot/runtime/logs.py, bot/reports/retention.py",
       "the lowest level logged (DEBUG, INFO, WARNING, ERROR)"),
    # The chat's limits
    _v("CHAT_MAX_BODY_BYTES", "whole number", "65536", "bot/inbound.py",
       "a larger chat request gets HTTP 413 (read once, when the process starts)"),
    _v("CHAT_MAX_MESSAGE_CHARACTERS", "whole number", "2000", "bot/inbound.py",
       "a longer message gets a polite request to shorten it (read at start)"),
    _v("CHAT_MAX_METADATA_BYTES", "whole number", "4096", "bot/inbound.py",
       "larger metadata gets HTTP 422 (read at start)"),
    _v("CHAT_RATE_PER_SENDER", "number", "30", "bot/rate_limit.py",
       "messages a minute per conversation before HTTP 429"),
    _v("CHAT_RATE_PER_ADDRESS", "number", "300", "bot/rate_limit.py",
       "messages a minute per client address before HTTP 429"),
    _v("CHAT_TURNS_RUNNING", "number", "8", "bot/turn_gate.py",
       "model turns one Rasa process works on at once (whole part used)"),
    _v("CHAT_TURNS_WAITING", "number", "64", "bot/turn_gate.py",
       "turns that may wait; past that HTTP 503 with a polite reply (whole part used)"),
    _v("TRUSTED_PROXIES", "list", "127.0.0.1,::1", "bot/client_address.py",
       "comma-separated proxies whose X-Forwarded-For names the client; empty trusts none"),
    _v("LANGUAGE_FIRST_CONFIDENCE", "number", "0.5", "bot/language/decision.py",
       "how sure detection must be to set a conversation's language (unreadable: default)",
       ignored_when_wrong=True),
    _v("LANGUAGE_SWITCH_CONFIDENCE", "number", "0.8", "bot/language/decision.py",
       "how sure detection must be to change a conversation's language (unreadable: default)",
       ignored_when_wrong=True),
    # Answers and their caches
    _v("CATALOGUE_REFRESH_SECONDS", "number", "300", "actions/catalogue.py",
       "how long the action server keeps the catalogue and its search index"),
    _v("TRANSLATIONS_REFRESH_SECONDS", "number", "30", "bot/translation/po_catalogs.py",
       "how often a process looks whether a PO file changed on disk"),
    _v("EMBEDDING_CACHE", "path",
       "$XDG_CACHE_HOME/city-assistant/embeddings/multilingual-e5-small-q4.sqlite3",
       "bot/semantics/embeddings.py", "sentence embeddings, computed once and kept here"),
    _v("XDG_CACHE_HOME", "path", "~/.cache", "bot/semantics/embeddings.py",
       "the user's cache folder, where EMBEDDING_CACHE lives by default"),
    # Machine translation
    _v("ARGOS_PACKAGES_DIR", "path", "<project>/var/argos-packages", _MT,
       "installed offline translation models (.argosmodel)"),
    _v("MACHINE_TRANSLATION_CACHE_TTL_SECONDS", "whole number", "604800", _MT,
       "how long Redis keeps a machine translation", minimum=1),
    _v("MACHINE_TRANSLATION_CACHE_SIZE", "whole number", "4096", _MT,
       "machine translations kept in memory per process", minimum=0),
    _v("ARGOS_DEVICE_TYPE", "text", "cpu", _MT, "Argos Translate's device"),
    _v("ARGOS_COMPUTE_TYPE", "text", "auto", _MT, "Argos Translate's compute type"),
    _v("ARGOS_INTER_THREADS", "whole number", "1", _MT,
       "Argos Translate's translations run at once", minimum=1),
    _v("ARGOS_INTRA_THREADS", "whole number", "0", _MT,
       "Argos Translate's threads per translation (0: its own choice)", minimum=0),
    _v("ARGOS_BEAM_SIZE", "whole number", "4", _MT, "Argos Translate's beam size", minimum=1),
    # Reports
    _v("REPORT_RETENTION_DAYS", "whole number", "365", _REPORTS,
       "how long a report keeps its text and contacts", minimum=1),
    _v("REPORT_RETENTION_ACTION", "choice", "anonymise", _REPORTS,
       "anonymise keeps counts, delete keeps nothing", choices=RETENTION_ACTIONS),
    _v("REPORT_RETENTION_INTERVAL_SECONDS", "whole number", "86400", "bot/reports/retention.py",
       "how often the retention job runs"),
    _v("REPORT_REFERENCE_PREFIX", "pattern", "LB", _REPORTS,
       "the letters before each report's reference", pattern=REFERENCE_PREFIX[0],
       rule=REFERENCE_PREFIX[1]),
    _v("REPORT_ERASURE_KEY", "text", "unset: a key made in REPORT_ERASURE_KEY_FILE",
       "bot/reports/erasure.py", "the key of erasure codes; the same on every action server",
       secret=True),
    _v("REPORT_ERASURE_KEY_FILE", "path", "<project>/var/report-erasure.key",
       "bot/reports/erasure.py", "where the erasure key is made and kept when unset"),
    _v("REPORTS_FROM_ADDRESS", "pattern", "meldungen@lindenbruck.example", _REPORTS,
       "the sender of report e-mails; its domain ends our Message-IDs",
       pattern=FROM_ADDRESS[0], rule=FROM_ADDRESS[1]),
    _v("SMTP_HOST", "text", "localhost", _REPORTS + ", scripts/run.sh",
       "the mail server; make run starts the outbox worker only when set"),
    _v("SMTP_PORT", "whole number", "25", _REPORTS, "the mail server's port", minimum=1),
    _v("SMTP_USER", "text", "unset: no login", _REPORTS, "the mail server's user name"),
    _v("SMTP_PASSWORD", "secret", "unset", _REPORTS, "the mail server's password", secret=True),
    _v("SMTP_STARTTLS", "flag", "false", _REPORTS, "encrypt the mail connection with STARTTLS"),
    _v("SMTP_TIMEOUT_SECONDS", "whole number", "30", _REPORTS,
       "how long to wait for the mail server", minimum=1),
    _v("OUTBOX_BATCH_SIZE", "whole number", "20", _REPORTS,
       "reports the outbox worker sends at a time", minimum=1),
    _v("OUTBOX_LEASE_SECONDS", "whole number", "300", _REPORTS,
       "how long a worker holds the reports it claimed", minimum=1),
    _v("OUTBOX_RETRY_BASE_SECONDS", "whole number", "60", _REPORTS,
       "wait after a first failed send, doubled after each further one", minimum=1),
    _v("OUTBOX_RETRY_MAX_SECONDS", "whole number", "21600", _REPORTS,
       "the longest wait between two tries", minimum=1),
    _v("OUTBOX_POLL_SECONDS", "whole number", "30", _REPORTS,
       "how often the worker looks for reports to send", minimum=1),
    _v("OUTBOX_TRANSLATOR", "text", "unset: no translation", "bot/reports/outbox.py",
       "package.module:function that translates report e-mails for the offices"),
    # Web server
    _v("WEB_HOST", "text", "$HOST, else 127.0.0.1", _WEB, "where the web server listens"),
    _v("WEB_PORT", "whole number", "8080", _WEB + ", scripts/run.sh", "the web server's port"),
    _v("WEB_BOT_URL", "text", "http://127.0.0.1:5005", _WEB, "where the web server reaches Rasa"),
    _v("WEB_PUBLIC_URL", "text", "unset", _WEB, "the address people use to reach the web server"),
    _v("WEB_SECURE_COOKIES", "flag", "true when WEB_PUBLIC_URL starts with https://", _WEB,
       "send cookies over HTTPS only"),
    _v("WEB_SECRET_KEY", "secret", "unset: random per process", _WEB,
       "signs the login form's CSRF token; set it when several processes serve", secret=True),
    _v("WEB_STAFF_SESSION_MINUTES", "whole number", "480", _WEB,
       "how long a staff sign-in lasts"),
    _v("WEB_KIOSK_IDLE_SECONDS", "whole number", "120", _WEB,
       "idle time after which a kiosk warns and then starts afresh"),
    _v("WEB_KIOSK_WARNING_SECONDS", "whole number", "30", _WEB,
       "how long the kiosk warns before starting afresh"),
    _v("WEB_KIOSK_LANGUAGE", "text", "en", _WEB, "the kiosk's starting language"),
    _v("WEB_KEEP_UNANSWERED_TEXT", "flag", "false", _WEB,
       "keep the text of unanswered questions for staff"),
    _v("WEB_MAX_BODY_BYTES", "whole number", "65536", _WEB,
       "a larger request to the web server gets HTTP 413"),
    _v("WEB_NEW_USER_PASSWORD", "secret", "unset: asked for", "bot/web/__main__.py",
       "the password of a staff account made by create-user", secret=True),
)
