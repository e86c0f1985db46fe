"""A stand-in for the program's message boxes (``counselor_app.ui.questions``): questions are
answered in advance, and what was asked and told is written down. Every UI test has one (the
``boxes`` fixture in conftest.py); a question nobody answered fails the test instead of waiting
for a click that never comes."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from counselor_app.ui.questions import Notice, Question


@dataclass
class AnsweredBoxes:
    """``answers`` are given in order, then ``always`` (``None``: a further question fails)."""

    answers: list[bool] = field(default_factory=list)
    always: bool | None = None
    asked: list[Question] = field(default_factory=list)
    told: list[Notice] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the notices' texts, in order

    def answer(self, *answers: bool) -> None:
        self.answers.extend(answers)

    def ask(self, parent: QWidget | None, question: Question) -> bool:
        self.asked.append(question)
        if self.answers:
            return self.answers.pop(0)
        if self.always is None:
            raise AssertionError(f"a question nobody answered: {question.title}: {question.text}")
        return self.always

    def tell(self, parent: QWidget | None, notice: Notice) -> None:
        self.told.append(notice)
        self.texts.append(notice.text)

    @property
    def questions(self) -> list[str]:
        """The texts of the questions asked, in order."""
        return [question.text for question in self.asked]
