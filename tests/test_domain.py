"""The domain is the one source of names: every custom action it lists exists, and back."""
import yaml
from rasa_sdk.executor import ActionExecutor


def test_domain_actions_and_action_server_actions_are_the_same() -> None:
    domain = yaml.safe_load(open("domain.yml", encoding="utf-8"))
    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {name for name in domain["actions"] if not name.startswith("utter_")}
    assert custom == set(executor.actions)
