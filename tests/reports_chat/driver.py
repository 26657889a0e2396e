"""Drives bot.reports.chat as the Rasa adapter does: start, then answer and ask in turn."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.reports import FiledReport, ReportDraft
from bot.reports.chat import Intake, Reply, answer, ask, next_question, start
from bot.reports.chat_texts import ChatContext, Message


@dataclass
class Chat:
    context: ChatContext
    language: str = "en"
    file: Callable[[ReportDraft], FiledReport] | None = None
    intake: Intake | None = None
    form_active: bool = False
    log: list[Message] = field(default_factory=list)

    def first(self, text: str, *, intent: str = "report_incident", choice: str | None = None,
              danger: bool = False) -> list[Message]:
        begun = start(Reply(text, intent, choice), self.language, self.context,
                      previous=self.intake, danger=danger)
        self.intake, self.form_active = begun.intake, begun.start_form
        return self._sent(begun.messages + self._ask())

    def say(self, text: str, *, intent: str | None = None, choice: str | None = None,
            confidence: float = 1.0) -> list[Message]:
        assert self.form_active and self.intake is not None
        step = answer(self.intake, Reply(text, intent, choice, confidence), self.language,
                      self.context, file=self.file)
        assert not step.rejected
        self.intake = step.intake
        return self._sent(step.messages + self._ask())

    def yes(self) -> list[Message]:
        return self.say("/affirm", intent="affirm")

    def no(self) -> list[Message]:
        return self.say("/deny", intent="deny")

    def skip(self) -> list[Message]:
        return self.say("/skip_question", intent="skip_question")

    def button(self, choice: str) -> list[Message]:
        return self.say(f'/report_incident{{"report_choice":"{choice}"}}',
                        intent="report_incident", choice=choice)

    @property
    def question(self) -> str | None:
        return self.intake.asked if self.intake else None

    def _ask(self) -> list[Message]:
        if not self.form_active or self.intake is None:
            return []
        question = next_question(self.intake, self.context.routes)
        if question is None:
            self.form_active = False
            return []
        self.intake, messages = ask(self.intake, question, self.language, self.context)
        return messages

    def _sent(self, messages: list[Message]) -> list[Message]:
        self.log += messages
        return messages


def responses(messages: list[Message]) -> list[str]:
    return [message.response for message in messages]


def office_kind(messages: list[Message]) -> str | None:
    """The contract's office kind of the first message that names an office."""
    return next((m.arguments["office"]["kind"] for m in messages if "office" in m.arguments),
                None)
