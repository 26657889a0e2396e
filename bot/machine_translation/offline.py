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
Only argostranslate.package is imported: it reads a package's metadata and tokenizer.
"""
from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

OFFLINE_ENVIRONMENT = {
    "ARGOS_CHUNK_TYPE": "MINISBD",
    "ARGOS_MODEL_PROVIDER": "OPENNMT",
}


def argos_package_module(packages_dir: Path) -> ModuleType:
    """argostranslate.package, imported after the environment is made offline-safe.

    argostranslate.settings reads the environment once, at its import, and creates its
    folders then; setting ARGOS_PACKAGES_DIR first keeps its package folder ours.
    """
    os.environ.update(OFFLINE_ENVIRONMENT)
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(packages_dir))
    packages_dir.mkdir(parents=True, exist_ok=True)
    import argostranslate.package

    return argostranslate.package
