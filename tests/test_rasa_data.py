"""`rasa data validate` is clean: no error, and no warning but the ones Rasa cannot know.

Rasa warns about a response used by no story or rule, even when a custom action sends
it; the domain lists such responses under `actions:`, and only those warnings are allowed.
"""
import re
import warnings

from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from bot.domain_files import read_domain
from bot.paths import domain_dir


def test_training_data_and_domain_validate_without_unexpected_warnings() -> None:
    importer = TrainingDataImporter.load_from_config(
        config_path="config.yml", domain_path="domain", training_data_paths=["data"]
    )
    validator = Validator.from_importer(importer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        valid = all(
            [
                validator.verify_domain_validity(),
                validator.verify_intents_in_stories(ignore_warnings=False),
                validator.verify_utterances_in_stories(ignore_warnings=True),
                validator.verify_story_structure(ignore_warnings=False),
                validator.verify_forms_in_stories_rules(),
                validator.verify_actions_in_stories_rules(),
                validator.verify_slot_mappings(),
            ]
        )
    domain = read_domain(domain_dir())
    sent_by_code = {name for name in domain["actions"] if name.startswith("utter_")}
    unexpected = []
    for warning in caught:
        text = str(warning.message)
        unused = re.search(r"The utterance '(\w+)' is not used in any story or rule", text)
        if unused and unused.group(1) in sent_by_code:
            continue
        if issubclass(warning.category, UserWarning) and "rasa" in (warning.filename or ""):
            unexpected.append(text)
    assert valid
    assert unexpected == []
