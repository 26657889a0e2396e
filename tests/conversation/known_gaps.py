"""Conversation tests that the current intent model fails, kept visible as expected
failures (not strict: a better model turns them into passes). Issue #12 tracks the work;
docs/answering.md gives the measured figures."""
import pytest

INTENT_GAP = pytest.mark.xfail(
    reason="issue #12: the intent model trained on 7 December sends some of these to other "
           "intents (check_eligibility, talk_to_person, goodbye, out_of_scope)",
    strict=False,
)
REPORT_QUESTION_GAP = pytest.mark.xfail(
    reason="issue #12: ask_report_help is new; the model confuses it with report_incident "
           "in some languages",
    strict=False,
)
DANGER_HEARD = pytest.mark.xfail(
    reason="issue #12: the intent model hears danger_now in some questions about an attack "
           "in the past and the reply starts with 112 (safety first: when only NLU hears "
           "danger, 112 comes as 'if you are in danger right now'); the advice follows no "
           "emergency reply",
    strict=False,
)
