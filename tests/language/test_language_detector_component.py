"""The Rasa pipeline component, built and run the way Rasa's graph runner does."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.language_detector import LanguageDetector


@pytest.fixture
def component(tmp_path: Path) -> LanguageDetector:
    return LanguageDetector.create(
        {**LanguageDetector.get_default_config()},
        LocalModelStorage(tmp_path),
        Resource("language_detector"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def test_language_detector_is_registered_as_a_rasa_component() -> None:
    registered = DefaultV1Recipe._from_registry("rasa_addons.language_detector.LanguageDetector")
    assert registered.clazz is LanguageDetector
    assert registered.is_trainable is False


def test_language_detector_adds_detection_to_parse_output(component: LanguageDetector) -> None:
    message = Message.build(text="Привіт, мені потрібна допомога з житлом")
    [processed] = component.process([message])
    output = processed.as_dict(only_output_properties=True)
    assert output["language_detection"]["language"] == "uk"
    assert output["language_detection"]["unsupported"] is None
    assert set(output["language_detection"]) == {"language", "confidence", "reason", "unsupported"}


def test_language_detector_reports_unsupported_language(component: LanguageDetector) -> None:
    [processed] = component.process([Message.build(text="你好，我需要帮助")])
    assert processed.get("language_detection")["unsupported"] == "zh"


def test_language_detector_leaves_training_data_unchanged(component: LanguageDetector) -> None:
    examples = [
        Message.build(text="Hallo", intent="greet"),
        Message.build(text="hello", intent="greet"),
    ]
    data = TrainingData(training_examples=examples)
    result = component.process_training_data(data)
    assert result is data
    assert all(m.get("language_detection") is None for m in result.training_examples)


def test_language_detector_passes_rasa_graph_validation_first_in_pipeline() -> None:
    from rasa.engine.recipes.recipe import Recipe
    from rasa.engine.validation import validate
    from rasa.shared.data import TrainingType

    config = {
        "recipe": "default.v1",
        "language": "xx",
        "pipeline": [
            {"name": "rasa_addons.language_detector.LanguageDetector"},
            {"name": "WhitespaceTokenizer"},
            {"name": "CountVectorsFeaturizer"},
            {"name": "DIETClassifier", "epochs": 1},
        ],
        "policies": [{"name": "RulePolicy"}],
    }
    recipe = Recipe.recipe_for_name("default.v1")
    model_config = recipe.graph_config_for_recipe(config, {}, training_type=TrainingType.BOTH)
    validate(model_config)
    nodes = model_config.predict_schema.nodes
    detector = [n for n in nodes.values() if n.uses is LanguageDetector]
    assert len(detector) == 1
