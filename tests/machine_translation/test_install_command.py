"""The administrator's command: install .argosmodel files, list what is installed."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from bot.machine_translation.__main__ import main
from bot.machine_translation.packages import installed_packages
from tests.machine_translation.tiny_argos import build_argos_package


@pytest.fixture
def empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


def test_install_command_installs_packages_and_list_shows_them(
    empty_dir: Path, tiny_packages: dict, capsys: pytest.CaptureFixture
) -> None:
    files = [str(tiny_packages[("de", "en")]), str(tiny_packages[("en", "ar")])]
    assert main(["install", *files]) == 0
    assert "installed de -> en 1.0" in capsys.readouterr().out

    assert main(["list"]) == 0
    listing = capsys.readouterr().out
    assert "de -> en  1.0" in listing and "en -> ar  1.0" in listing
    assert "ar: en->ar yes  ar->en no" in listing
    assert "so: en->so no   so->en no" in listing


def test_install_command_replaces_an_older_version_of_the_same_pair(
    empty_dir: Path, tiny_packages: dict, tmp_path: Path
) -> None:
    assert main(["install", str(tiny_packages[("en", "ar")])]) == 0
    newer = build_argos_package(tmp_path, "en", "ar", version="1.1", seed=9)
    assert main(["install", str(newer)]) == 0
    assert [(p.source, p.target, p.version) for p in installed_packages(empty_dir)] == [
        ("en", "ar", "1.1")
    ]


def test_install_command_refuses_files_that_are_not_packages(
    empty_dir: Path, tmp_path: Path, tiny_packages: dict, capsys: pytest.CaptureFixture
) -> None:
    not_zip = tmp_path / "notes.argosmodel"
    not_zip.write_text("hello")
    escaping = tmp_path / "escaping.argosmodel"
    with zipfile.ZipFile(escaping, "w") as bundle:
        bundle.writestr("../evil/metadata.json", "{}")
    no_model = tmp_path / "no-model.argosmodel"
    with zipfile.ZipFile(no_model, "w") as bundle:
        bundle.writestr("pkg/metadata.json", json.dumps({"from_code": "en", "to_code": "so"}))
    broken_model = tmp_path / "broken.argosmodel"
    good = tiny_packages[("de", "en")]
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken_model, "w") as bundle:
        for item in source.namelist():
            data = b"garbage" if item.endswith("model.bin") else source.read(item)
            bundle.writestr(item, data)

    files = [str(p) for p in (not_zip, escaping, no_model, broken_model)]
    assert main(["install", *files]) == 1
    errors = capsys.readouterr().err
    assert "not a zip archive" in errors
    assert "exactly one folder" in errors
    assert "no CTranslate2 model" in errors
    assert "cannot load the model" in errors
    assert installed_packages(empty_dir) == []
    assert not (tmp_path / "evil").exists()


def test_translate_command_says_when_no_model_exists(
    empty_dir: Path, tiny_packages: dict, capsys: pytest.CaptureFixture
) -> None:
    assert main(["install", str(tiny_packages[("en", "ar")])]) == 0
    # Random weights: the output is shown, or withheld by the quality gate, never "no model".
    shown = main(["translate", "--from", "en", "--to", "ar", "Call {office_phone}."]) == 0
    captured = capsys.readouterr()
    assert "{office_phone}" in captured.out if shown else "quality gate" in captured.err
    assert main(["translate", "--from", "en", "--to", "ti", "Hello."]) == 1
    assert "no model for en -> ti" in capsys.readouterr().err
