"""The errors a user can meet, each with the exit code the command line gives it.

Every error carries a :class:`~counselor_app.foundation.i18n.Message` that says what was wrong and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.foundation.i18n import Message


class CounselorError(Exception):
    exit_code = 1

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message

    def __str__(self) -> str:
        return self.message.render()


class UsageError(CounselorError):
    exit_code = 2


class InvalidInput(CounselorError):
    exit_code = 3


class AuthenticationFailed(CounselorError):
    exit_code = 4


class WrongPassword(AuthenticationFailed):
    """The password does not open the account's key wrap (the only failure that counts towards
    the slow-down after repeated tries; an unknown account or a wait does not)."""


class NotPermitted(CounselorError):
    """The signed-in role may not do this (管理员 and confidential text)."""

    exit_code = 4


class DamagedData(CounselorError):
    exit_code = 5


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what was expected."""

    field: str
    message: Message
    sheet: str | None = None
    row: int | None = None

    def render(self, language: str | None = None) -> str:
        where = " / ".join(
            part
            for part in (self.sheet, None if self.row is None else str(self.row), self.field)
            if part
        )
        return (
            f"{where}: {self.message.render(language)}" if where else self.message.render(language)
        )


class ValidationFailed(InvalidInput):
    """One or more problems with a record or a workbook; nothing was written."""

    def __init__(self, summary: Message, problems: list[Problem]) -> None:
        super().__init__(summary)
        self.problems = problems
