"""A real Argos package (Chinese -> English 1.9, Transformer-base, from ../shared/models)
through the product's own path: installer, loader, sentence splitting, placeholders, the
quality gate, the cache, understanding a Chinese message, and the reply contract.

Random-weight packages cannot show what a real model does: given a whole text, this one
translated the last sentence and silently dropped the others.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language import detect
from bot.machine_translation import ArgosTranslator, MemoryCache, TranslationSettings
from bot.machine_translation.understanding import MessageUnderstanding
from bot.paths import PROJECT_ROOT, domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from rasa_addons.language_detector import LanguageDetector

# <project>/../shared/models, as beside a CI checkout; SHARED_MODELS_DIR for a git worktree
# whose parent folder holds no shared/.
MODELS = Path(os.environ.get("SHARED_MODELS_DIR") or PROJECT_ROOT.parent / "shared" / "models")
REAL_PACKAGE = MODELS / "argos" / "translate-zh_en-1_9.argosmodel"
pytestmark = pytest.mark.skipif(
    not REAL_PACKAGE.is_file(),
    reason=f"the real Argos package is not at {REAL_PACKAGE} (shared/models beside the project;"
    " see shared/models/README.md)",
)

THREE_SENTENCES = (
    "您可以在教育局为您的孩子办理入学登记。请携带您的护照和户籍登记证明。"
    "电话号码是 {office_phone}。"
)
SCHOOL_QUESTION = "我怎么给孩子报名上学？"


def _command(*arguments: str, packages: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ, "ARGOS_PACKAGES_DIR": str(packages), "PYTHONPATH": str(PROJECT_ROOT)
    }
    environment.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.machine_translation", *arguments],
        capture_output=True, text=True, env=environment, cwd=PROJECT_ROOT, timeout=300,
    )


@pytest.fixture(scope="module")
def real_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real package, installed by the administrator's command."""
    folder = tmp_path_factory.mktemp("real-argos") / "packages"
    installed = _command("install", str(REAL_PACKAGE), packages=folder)
    assert installed.returncode == 0, installed.stderr
    assert "installed zh -> en 1.9" in installed.stdout
    return folder


@pytest.fixture(scope="module")
def real_translator(real_packages: Path) -> ArgosTranslator:
    translator = ArgosTranslator(TranslationSettings(packages_dir=real_packages), MemoryCache(64))
    assert translator.warm_up() == [("zh", "en")]
    return translator


def test_real_model_is_installed_and_listed_by_the_command(real_packages: Path) -> None:
    listing = _command("list", packages=real_packages)
    assert listing.returncode == 0
    assert "zh -> en  1.9" in listing.stdout


def test_real_model_translates_all_three_sentences_and_keeps_the_placeholder(
    real_translator: ArgosTranslator,
) -> None:
    result = real_translator.translate(THREE_SENTENCES, "zh", "en")
    assert result is not None
    text = result.text
    assert "register" in text and "Education" in text  # the first sentence
    assert "passport" in text  # the second
    assert text.count("{office_phone}") == 1  # the third, with its field
    assert text.count(". ") == 2 and text.endswith("{office_phone}.")
    assert result.text.format(office_phone="05551 1234").count("05551 1234") == 1
    assert result.model.startswith("argos:zh-en@1.9#")


def test_real_model_answer_is_cached_for_the_second_request(
    real_translator: ArgosTranslator,
) -> None:
    text = "请携带您的护照。"
    first = real_translator.translate(text, "zh", "en")
    second = real_translator.translate(text, "zh", "en")
    assert first is not None and second is not None
    assert (first.cached, second.cached) == (False, True) and first.text == second.text


def test_real_model_keeps_numbers_and_times_and_passes_the_gate(
    real_translator: ArgosTranslator,
) -> None:
    result = real_translator.translate("紧急电话是112，营业时间是8:00到16:00。", "zh", "en")
    assert result is not None
    assert "112" in result.text and "8:00" in result.text and "16:00" in result.text
    rows = {(r["source"], r["target"]): r for r in real_translator.counts.figures()}
    assert rows[("zh", "en")]["shown"] >= 1


def test_real_model_translates_a_long_sentence_in_pieces_without_losing_any(
    real_translator: ArgosTranslator,
) -> None:
    clauses = ["您可以在教育局为您的孩子办理入学登记", "请携带您的护照和户籍登记证明",
               "您也可以在市民服务中心咨询住房问题", "语言课程在每周一和周四上课"]
    two = real_translator.translate("，".join(clauses[:2]) + "。", "zh", "en")
    # Given both clauses at once the model translates the first and drops the second; the
    # gate finds it too short and the sentence is translated again clause by clause.
    assert two is not None and "register" in two.text and "passport" in two.text
    long_sentence = "，".join(clauses * 2) + "。"
    result = real_translator.translate(long_sentence, "zh", "en")
    assert result is not None
    assert "passport" in result.text and "register" in result.text
    assert result.text.lower().count("language") >= 1


def test_real_model_translates_through_the_command(real_packages: Path) -> None:
    done = _command(
        "translate", "--from", "zh", "--to", "en", THREE_SENTENCES, packages=real_packages
    )
    assert done.returncode == 0, done.stderr
    assert "passport" in done.stdout and "{office_phone}" in done.stdout
    assert "register" in done.stdout


def test_real_model_lets_the_assistant_understand_a_chinese_question(
    real_translator: ArgosTranslator,
) -> None:
    understanding = MessageUnderstanding(real_translator)
    assert understanding.languages() == {"zh": "Chinese"}
    understood = understanding.understand(SCHOOL_QUESTION, detect(SCHOOL_QUESTION))
    assert understood is not None
    assert understood.language == "zh" and understood.original == SCHOOL_QUESTION
    assert "school" in understood.english.lower()
    # A language we speak, or one without a package, is not machine-read.
    for other in ("Wie melde ich mein Kind an?", "こんにちは、学校"):
        assert understanding.understand(other, detect(other)) is None


def test_real_model_gives_nlu_the_english_text_in_the_pipeline_component(
    real_packages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(real_packages))
    component = LanguageDetector.create(
        {}, LocalModelStorage(tmp_path), Resource("language_detector"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    chinese = Message.build(text=SCHOOL_QUESTION)
    german = Message.build(text="Hallo, ich brauche Hilfe")
    component.process([chinese, german])
    output = chinese.as_dict(only_output_properties=True)
    assert "school" in output[TEXT].lower()
    assert output["language_detection"]["unsupported"] == "zh"
    assert output["machine_understanding"]["original"] == SCHOOL_QUESTION
    assert output["machine_understanding"]["language_name"] == "Chinese"
    assert german.get(TEXT) == "Hallo, ich brauche Hilfe"
    assert german.get("machine_understanding") is None


def test_real_model_reply_says_in_english_that_it_answers_in_english_labelled_machine(
    real_translator: ArgosTranslator,
) -> None:
    understood = MessageUnderstanding(real_translator).understand(
        SCHOOL_QUESTION, detect(SCHOOL_QUESTION)
    )
    assert understood is not None
    renderer = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
    reply = renderer.render(
        "utter_understood_by_machine_translation",
        "en",
        {
            "content_language": "en",
            "content_original": understood.original,
            "language_name": understood.language_name,
            "understood": understood.english,
        },
    )
    assert reply.text.startswith("I cannot write in Chinese yet, so I answer in English.")
    assert understood.english in reply.text
    custom = reply.custom()
    assert (custom["language"], custom["translation"]) == ("en", "machine")
    assert custom["original"] == SCHOOL_QUESTION
    assert "notice" not in custom
