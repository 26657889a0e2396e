"""Tiny real Argos packages, built once a session, and a guard that fails any attempt to
reach a machine other than this one (Argos and its helpers must not download anything).
"""
from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.machine_translation import ArgosTranslator, MemoryCache, TranslationSettings, install
from tests.machine_translation.tiny_argos import build_argos_package

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "", None}
PAIRS = (("de", "en", 1), ("en", "ar", 2), ("en", "de", 3))


class NetworkAttempt(ConnectionRefusedError):
    """Raised by the guard instead of letting a connection leave the machine."""


class NetworkGuard:
    def __init__(self) -> None:
        self.attempts: list[str] = []
        self.expected = False  # a test that shows an attempt being stopped sets this

    def refuse(self, where: object) -> None:
        self.attempts.append(str(where))
        raise NetworkAttempt(f"test guard: no network access allowed ({where})")


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    """Every test here fails if anything tried to reach beyond the loopback interface."""
    guard = NetworkGuard()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def local(address: object) -> bool:
        if isinstance(address, tuple):
            host = address[0]
            return host in LOCAL_HOSTS or str(host).startswith("127.")
        return True  # Unix sockets

    def connect(self: socket.socket, address: object) -> None:
        if not local(address):
            guard.refuse(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        if not local(address):
            guard.refuse(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        if not local((host,)):
            guard.refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield guard
    if not guard.expected:
        assert guard.attempts == [], f"network access attempted: {guard.attempts}"


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """de->en, en->ar and en->de .argosmodel files with random weights."""
    folder = tmp_path_factory.mktemp("argosmodels")
    return {
        (source, target): build_argos_package(folder, source, target, seed=seed)
        for source, target, seed in PAIRS
    }


@pytest.fixture
def packages_dir(tmp_path: Path, tiny_packages: dict[tuple[str, str], Path]) -> Path:
    """A packages folder with the tiny packages installed by our installer."""
    folder = tmp_path / "argos-packages"
    for archive in tiny_packages.values():
        install(archive, folder)
    return folder


@pytest.fixture
def translator(packages_dir: Path) -> ArgosTranslator:
    settings = TranslationSettings(packages_dir=packages_dir, quality_gate=False)
    return ArgosTranslator(settings, MemoryCache(settings.cache_size))
