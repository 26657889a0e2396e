"""Machine translation settings, read from the environment (docs/machine_translation.md).

ARGOS_PACKAGES_DIR                     installed .argosmodel packages (<project>/var/argos-packages)
REDIS_URL                              cache translations in Redis; unset, in memory only
MACHINE_TRANSLATION_CACHE_TTL_SECONDS  how long Redis keeps a translation (604800, a week)
MACHINE_TRANSLATION_CACHE_SIZE         translations kept in memory per process (4096)
ARGOS_DEVICE_TYPE, ARGOS_COMPUTE_TYPE, ARGOS_INTER_THREADS, ARGOS_INTRA_THREADS,
ARGOS_BEAM_SIZE                        Argos Translate's own names and defaults (cpu, auto, 1, 0, 4)
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.paths import PROJECT_ROOT

DEFAULT_PACKAGES_DIR = PROJECT_ROOT / "var" / "argos-packages"
DEFAULT_CACHE_TTL_SECONDS = 7 * 24 * 60 * 60
DEFAULT_CACHE_SIZE = 4096


class SettingsError(ValueError):
    """An environment variable holds a value we cannot use."""


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
    environ = os.environ if environ is None else environ
    configured = environ.get("ARGOS_PACKAGES_DIR", "").strip()
    return Path(configured) if configured else DEFAULT_PACKAGES_DIR


def settings_from_environment(environ: Mapping[str, str] | None = None) -> TranslationSettings:
    environ = os.environ if environ is None else environ
    return TranslationSettings(
        packages_dir=packages_dir(environ),
        redis_url=environ.get("REDIS_URL", "").strip() or None,
        cache_ttl_seconds=_number(
            environ, "MACHINE_TRANSLATION_CACHE_TTL_SECONDS", DEFAULT_CACHE_TTL_SECONDS, 1
        ),
        cache_size=_number(environ, "MACHINE_TRANSLATION_CACHE_SIZE", DEFAULT_CACHE_SIZE, 0),
        device=environ.get("ARGOS_DEVICE_TYPE", "cpu"),
        compute_type=environ.get("ARGOS_COMPUTE_TYPE", "auto"),
        inter_threads=_number(environ, "ARGOS_INTER_THREADS", 1, 1),
        intra_threads=_number(environ, "ARGOS_INTRA_THREADS", 0, 0),
        beam_size=_number(environ, "ARGOS_BEAM_SIZE", 4, 1),
    )


def _number(environ: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {value}")
    return value
