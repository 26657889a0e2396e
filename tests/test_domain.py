"""The domain is the one source of names: every custom action it lists exists, and back."""
from rasa_sdk.executor import ActionExecutor

from bot.domain_files import read_domain
from bot.paths import domain_dir


def test_domain_actions_and_action_server_actions_are_the_same() -> None:
    domain = read_domain(domain_dir())
    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {name for name in domain["actions"] if not name.startswith("utter_")}
    assert custom == set(executor.actions)
