"""Where the project's data lives. Each path can be moved by an environment variable."""
from pathlib import Path

from bot.settings.readers import text

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path(variable: str, default: Path) -> Path:
    return Path(text(variable, str(default)))


def domain_dir() -> Path:
    """The Rasa domain, one file per feature: the source of response names and their
    English source texts."""
    return _path("CITY_ASSISTANT_DOMAIN", PROJECT_ROOT / "domain")


def translations_dir() -> Path:
    """Curated translations: translations/<text domain>/<language>.po, one PO file per
    language for each text domain (a domain file's responses, the catalogue, the web pages)."""
    return _path("CITY_ASSISTANT_TRANSLATIONS", PROJECT_ROOT / "translations")


def catalogue_dir() -> Path:
    """The city's services catalogue (YAML)."""
    return _path("CITY_ASSISTANT_CATALOGUE", PROJECT_ROOT / "services_catalogue")
