"""Rasa NLU component: a message that is only a report reference asks about that report.

A reference ("LB-7K3Q-9XRM", typed back as "lb 7k3q 9xrm") is random letters and digits,
so the intent classifier reads it by chance: a model trained for 25 epochs took 17 of 62
fresh references for "yes", "hello" or nothing it knew, and the person got a greeting
instead of their report's status. The reference is recognised by its form and checksum
(bot.reports.followup.only_a_reference), and nothing is left to the classifier.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.reports.followup import only_a_reference
from rasa_addons.intent_override import IntentOverride

REPORT_STATUS_INTENT = "report_status"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ReferenceIntent(IntentOverride):
    """Placed last among the intent components: a bare reference is `report_status`."""

    confidence = 1.0

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": REPORT_STATUS_INTENT}

    def overrule(self, text: str, intent: str | None) -> str | None:
        return self._config["intent"] if only_a_reference(text) else None
