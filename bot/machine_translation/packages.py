"""Installed Argos language packages: reading them, and installing .argosmodel files.

A package is a folder with metadata.json, model/ (a CTranslate2 model) and
sentencepiece.model or bpe.model. Installing checks all of that and that the model loads
with our CTranslate2 before the package replaces any older one for the same pair.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

FINGERPRINT_SAMPLE = 1 << 20
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


class PackageError(ValueError):
    """A file or folder is not a usable Argos translation package."""


@dataclass(frozen=True)
class InstalledPackage:
    path: Path
    source: str
    target: str
    version: str
    fingerprint: str
    source_name: str = ""  # the source language's English name, as the package gives it

    @property
    def model_id(self) -> str:
        """Names this exact model, the same on every machine that installed the same file."""
        return f"argos:{self.source}-{self.target}@{self.version}#{self.fingerprint}"


def read_package(path: Path) -> InstalledPackage:
    metadata_file = path / "metadata.json"
    try:
        metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise PackageError(f"{path}: no readable metadata.json ({error})") from None
    if metadata.get("type", "translate") != "translate":
        raise PackageError(f"{path}: a {metadata.get('type')!r} package, not a translation")
    source, target = metadata.get("from_code"), metadata.get("to_code")
    if not source or not target:
        raise PackageError(f"{path}: metadata.json needs from_code and to_code")
    if not (path / "model" / "model.bin").is_file():
        raise PackageError(f"{path}: no CTranslate2 model in model/")
    tokenizers = [path / name for name in TOKENIZER_FILES if (path / name).is_file()]
    if not tokenizers:
        raise PackageError(f"{path}: no sentencepiece.model or bpe.model")
    return InstalledPackage(
        path=path,
        source=str(source).lower(),
        target=str(target).lower(),
        version=str(metadata.get("package_version", "")),
        fingerprint=_fingerprint(metadata_file, tokenizers[0], path / "model"),
        source_name=str(metadata.get("from_name") or ""),
    )


def installed_packages(packages_dir: Path) -> list[InstalledPackage]:
    """Every valid package in packages_dir; a folder that is not one is skipped."""
    if not packages_dir.is_dir():
        return []
    found = []
    for folder in sorted(packages_dir.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                found.append(read_package(folder))
            except PackageError:
                continue
    return found


def install(archive: Path, packages_dir: Path) -> InstalledPackage:
    """Install one .argosmodel file, replacing the installed package for the same pair."""
    packages_dir.mkdir(parents=True, exist_ok=True)
    folder_name = _checked_folder_name(archive)
    with tempfile.TemporaryDirectory(dir=packages_dir, prefix=".installing-") as scratch:
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(scratch)
        unpacked = read_package(Path(scratch) / folder_name)
        _check_model_loads(unpacked.path)
        for old in installed_packages(packages_dir):
            if (old.source, old.target) == (unpacked.source, unpacked.target):
                shutil.rmtree(old.path)
        destination = packages_dir / folder_name
        if destination.exists():
            shutil.rmtree(destination)
        unpacked.path.rename(destination)
    return read_package(destination)


def _checked_folder_name(archive: Path) -> str:
    if not zipfile.is_zipfile(archive):
        raise PackageError(f"{archive}: not an .argosmodel file (not a zip archive)")
    with zipfile.ZipFile(archive) as bundle:
        names = [PurePosixPath(name) for name in bundle.namelist()]
    tops = {name.parts[0] for name in names if name.parts}
    unsafe = [name for name in names if name.is_absolute() or ".." in name.parts]
    if unsafe or len(tops) != 1:
        raise PackageError(f"{archive}: must hold exactly one folder and nothing outside it")
    top = tops.pop()
    if top.startswith("."):
        raise PackageError(f"{archive}: the package folder may not be hidden ({top})")
    return top


def _check_model_loads(path: Path) -> None:
    import ctranslate2

    try:
        ctranslate2.Translator(str(path / "model"), device="cpu")
    except (RuntimeError, ValueError) as error:
        raise PackageError(f"{path.name}: CTranslate2 cannot load the model ({error})") from None


def _fingerprint(metadata: Path, tokenizer: Path, model: Path) -> str:
    """Hashes the small files and both ends of the weights: cheap, and equal on every machine."""
    digest = hashlib.sha256()
    for small in (metadata, tokenizer, model / "config.json"):
        if small.is_file():
            digest.update(small.read_bytes())
    weights = model / "model.bin"
    size = weights.stat().st_size
    digest.update(str(size).encode())
    with weights.open("rb") as handle:
        digest.update(handle.read(FINGERPRINT_SAMPLE))
        handle.seek(max(0, size - FINGERPRINT_SAMPLE))
        digest.update(handle.read(FINGERPRINT_SAMPLE))
    return digest.hexdigest()[:16]
