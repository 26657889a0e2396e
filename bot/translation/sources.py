"""Every text domain of the product and where its English source texts come from.

A text domain is one folder of PO files, translations/<name>/<language>.po. Each Rasa
domain file is one (its responses); content packages add theirs below as
"module:function" returning list[SourceMessage], imported only when asked for.
"""
from collections.abc import Callable
from functools import partial
from importlib import import_module

from bot.domain_files import domain_files
from bot.paths import domain_dir
from bot.translation.messages import SourceMessage, response_messages

SourceProvider = Callable[[], list[SourceMessage]]

CONTENT_PROVIDERS: dict[str, str] = {
    "catalogue_content": "bot.catalogue.translatable:source_messages",
    "reports_content": "bot.reports.translatable:source_messages",
    "eligibility_content": "bot.eligibility.translatable:source_messages",
    "web": "bot.web.ui_strings:source_messages",
}


def text_domains() -> dict[str, SourceProvider]:
    domains: dict[str, SourceProvider] = {
        path.stem: partial(response_messages, path) for path in domain_files(domain_dir())
    }
    for name, target in CONTENT_PROVIDERS.items():
        module, _, function = target.partition(":")
        domains[name] = partial(lambda m, f: getattr(import_module(m), f)(), module, function)
    return domains
