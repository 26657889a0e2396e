"""Machine translation settings, read from the environment (docs/machine_translation.md).

ARGOS_PACKAGES_DIR                     installed .argosmodel packages (<project>/var/argos-packages)
REDIS_URL                              cache translations in Redis; unset, in memory only
MACHINE_TRANSLATION_CACHE_TTL_SECONDS  how long Redis keeps a translation (604800, a week)
MACHINE_TRANSLATION_CACHE_SIZE         translations kept in memory per process (4096)
ARGOS_DEVICE_TYPE, ARGOS_COMPUTE_TYPE, ARGOS_INTER_THREADS, ARGOS_INTRA_THREADS,
ARGOS_BEAM_SIZE                        Argos Translate's own names and defaults (cpu, auto, 1, 0, 4)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.settings import SettingsError, text, whole_number

__all__ = ["SettingsError", "TranslationSettings", "packages_dir", "settings_from_environment"]

DEFAULT_PACKAGES_DIR = PROJECT_ROOT / "var" / "argos-packages"
DEFAULT_CACHE_TTL_SECONDS = 7 * 24 * 60 * 60
DEFAULT_CACHE_SIZE = 4096


@dataclass(frozen=True)
class TranslationSettings:
    packages_dir: Path = DEFAULT_PACKAGES_DIR
    redis_url: str | None = None
    cache_ttl_seconds: int = DEFAULT_CACHE_TTL_SECONDS
    cache_size: int = DEFAULT_CACHE_SIZE
    device: str = "cpu"
    compute_type: str = "auto"
    inter_threads: int = 1
    intra_threads: int = 0
    beam_size: int = 4
    # The quality gate (quality.py) is always on in the product; only tests and benchmarks
    # of random-weight models, whose output is nonsense by design, turn it off.
    quality_gate: bool = True


def packages_dir(environ: Mapping[str, str] | None = None) -> Path:
    configured = text("ARGOS_PACKAGES_DIR", environ=environ)
    return Path(configured) if configured else DEFAULT_PACKAGES_DIR


def settings_from_environment(environ: Mapping[str, str] | None = None) -> TranslationSettings:
    return TranslationSettings(
        packages_dir=packages_dir(environ),
        redis_url=text("REDIS_URL", environ=environ),
        cache_ttl_seconds=whole_number("MACHINE_TRANSLATION_CACHE_TTL_SECONDS",
                                       DEFAULT_CACHE_TTL_SECONDS, minimum=1, environ=environ),
        cache_size=whole_number("MACHINE_TRANSLATION_CACHE_SIZE", DEFAULT_CACHE_SIZE,
                                minimum=0, environ=environ),
        device=text("ARGOS_DEVICE_TYPE", "cpu", environ=environ),
        compute_type=text("ARGOS_COMPUTE_TYPE", "auto", environ=environ),
        inter_threads=whole_number("ARGOS_INTER_THREADS", 1, minimum=1, environ=environ),
        intra_threads=whole_number("ARGOS_INTRA_THREADS", 0, minimum=0, environ=environ),
        beam_size=whole_number("ARGOS_BEAM_SIZE", 4, minimum=1, environ=environ),
    )
