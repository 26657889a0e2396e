"""The city's services catalogue: YAML files validated, loaded into the database, read back.

Public API (see docs/catalogue.md):
- load_catalogue_files(folder) -> CatalogueData   parse and validate (raises CatalogueError)
- load_into_database(folder, engine) -> LoadReport  migrate, then load idempotently
- get_city / get_office / list_offices / get_service / list_services / list_categories
- format_opening_hours(office, language) -> str
"""
from bot.catalogue.hours import format_opening_hours
from bot.catalogue.loader import LoadReport, apply_catalogue, load_into_database
from bot.catalogue.read import (
    CatalogueNotLoaded,
    HistoryEntry,
    get_city,
    get_office,
    get_service,
    history,
    list_categories,
    list_offices,
    list_services,
)
from bot.catalogue.types import (
    OFFICE_KINDS,
    WEEKDAYS,
    Address,
    CatalogueData,
    Category,
    City,
    Keyword,
    Office,
    OpeningHours,
    Service,
    Text,
)
from bot.catalogue.validate import CatalogueError, Problem, load_catalogue_files

__all__ = [
    "OFFICE_KINDS",
    "WEEKDAYS",
    "Address",
    "CatalogueData",
    "CatalogueError",
    "CatalogueNotLoaded",
    "Category",
    "City",
    "HistoryEntry",
    "Keyword",
    "LoadReport",
    "Office",
    "OpeningHours",
    "Problem",
    "Service",
    "Text",
    "apply_catalogue",
    "format_opening_hours",
    "get_city",
    "get_office",
    "get_service",
    "history",
    "list_categories",
    "list_offices",
    "list_services",
    "load_catalogue_files",
    "load_into_database",
]
