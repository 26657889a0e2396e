"""Offline machine translation for texts that have no curated translation
(docs/machine_translation.md)."""
from bot.machine_translation.argos import ArgosTranslator, from_environment
from bot.machine_translation.cache import MemoryCache, RedisCache, TranslationCache
from bot.machine_translation.packages import InstalledPackage, PackageError, install
from bot.machine_translation.settings import TranslationSettings, settings_from_environment
from bot.machine_translation.types import MachineResult, MachineTranslator, NoMachineTranslation

__all__ = [
    "ArgosTranslator",
    "InstalledPackage",
    "MachineResult",
    "MachineTranslator",
    "MemoryCache",
    "NoMachineTranslation",
    "PackageError",
    "RedisCache",
    "TranslationCache",
    "TranslationSettings",
    "from_environment",
    "install",
    "settings_from_environment",
]
