"""Imports Argos Translate so that it has no reason to reach the network.

What Argos 1.11 and its helpers would fetch, and why none of it happens here:
- the package index (argostranslate.package.update_package_index / get_available_packages):
  never called; packages come only from .argosmodel files an administrator installs.
- sentence-splitting models: Argos's own splitters download them on first use (MiniSBD
  ONNX files from GitHub, stanza's resources.json, spaCy's xx_sent_ud_sm via pip, the
  latter already when argostranslate.sbd is imported with ARGOS_CHUNK_TYPE=SPACY). We
  split sentences ourselves (sentences.py) and never import argostranslate.sbd or
  argostranslate.translate, which also keeps stanza and torch out of the process.
- remote "model providers" (LibreTranslate, OpenAI): pinned to OPENNMT, the local models.
Settings are read when argostranslate.settings is first imported; if other code imported
it earlier, its environment counts, and this module's choices cannot change that.
Only argostranslate.package is imported: it reads a package's metadata and tokenizer.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

OFFLINE_ENVIRONMENT = {
    "ARGOS_CHUNK_TYPE": "MINISBD",
    "ARGOS_MODEL_PROVIDER": "OPENNMT",
}


def argos_package_module(packages_dir: Path) -> ModuleType:
    """argostranslate.package, imported with an offline-safe environment.

    argostranslate.settings reads the environment once, at its import, and creates its
    folders then; ARGOS_PACKAGES_DIR keeps its package folder ours. The environment is
    restored afterwards, so child processes inherit none of it.
    """
    packages_dir.mkdir(parents=True, exist_ok=True)
    wanted = {**OFFLINE_ENVIRONMENT, "ARGOS_PACKAGES_DIR": str(packages_dir)}
    with _environment(wanted):
        import argostranslate.package

    return argostranslate.package


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
