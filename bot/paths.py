"""Where the project's data lives. Each path can be moved by an environment variable."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path(variable: str, default: Path) -> Path:
    return Path(os.environ.get(variable, str(default)))


def domain_path() -> Path:
    """The Rasa domain: the source of response names and their English source texts."""
    return _path("CITY_ASSISTANT_DOMAIN", PROJECT_ROOT / "domain.yml")


def translations_dir() -> Path:
    """Curated translations: one gettext PO file per language."""
    return _path("CITY_ASSISTANT_TRANSLATIONS", PROJECT_ROOT / "translations")


def catalogue_dir() -> Path:
    """The city's services catalogue (YAML)."""
    return _path("CITY_ASSISTANT_CATALOGUE", PROJECT_ROOT / "services_catalogue")
