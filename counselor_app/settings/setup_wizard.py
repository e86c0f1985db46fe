"""Setting up a school the first time: what the first-run wizard asks, checks and creates.

The wizard's screens only show what this module decides: the order of the steps, the checks of
each answer (the terms by the same validation every term passes later), the suggested terms, the
password hint, and the creation itself: the school with its first account and recovery key first,
then its terms. No Qt here, so all of it is tested without a window.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from counselor_app.bundle.school_keys import ensure_school_keys
from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import CounselorError, InvalidInput, Problem
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.catalog import TERM
from counselor_app.records.validation import validate
from counselor_app.school.core import NewSchool, create_school
from counselor_app.storage.database import Database
from counselor_app.storage.keys import MIN_PASSWORD_LENGTH, KdfParams

SCHOOL_NAME_MAX = 60
ACCOUNT_NAME_MAX = 30

SCHOOL_NAME_NEEDED = msg("请填写学校名称。", "Enter the school's name.")
SCHOOL_NAME_TOO_LONG = msg(
    "学校名称最多 {maximum} 个字。", "The school's name may have at most {maximum} characters."
)
ACCOUNT_NAME_NEEDED = msg(
    "请填写账户名，例如您的姓名“王老师”。", "Enter an account name, for example your own name."
)
ACCOUNT_NAME_TOO_LONG = msg(
    "账户名最多 {maximum} 个字。", "An account name may have at most {maximum} characters."
)
PASSWORD_TOO_SHORT = msg(
    "密码至少需要 {minimum} 个字符，现在只有 {length} 个。",
    "The password needs at least {minimum} characters; it has {length}.",
)
PASSWORDS_DIFFER = msg(
    "两次输入的密码不一致，请重新输入。", "The two passwords differ; type them again."
)
PASSWORD_SPACES = msg(
    "密码的开头或结尾有空格，解锁时很容易漏掉。请去掉这些空格。",
    "The password starts or ends with a space, which is easy to miss when unlocking. Remove it.",
)
TERM_NEEDED = msg(
    "请至少添加一个学期（通常是当前学期）。",
    "Add at least one term (usually the current one).",
)
TERM_NAME_TWICE = msg(
    "学期名称“{name}”出现了两次，每个学期的名称应不同。",
    "The term name '{name}' appears twice; every term needs its own name.",
)
TODAY_OUTSIDE_TERMS = msg(
    "今天（{today}）不在所填的任何学期内。可以继续，但登记今天的辅导记录前需要先添加当前学期。",
    "Today ({today}) lies outside every term entered. You may go on, but add the current term "
    "before recording today's sessions.",
)
TERMS_NOT_SAVED = msg(
    "学校已建立，但学期没有保存：{problems}。请在“设置 › 学期”中添加。",
    "The school was created but its terms were not saved: {problems}. Add them under "
    "Settings › Terms.",
)

PASSWORD_HINTS = (
    msg("太短", "too short"),
    msg(
        "较弱：可以更长一些，或混合字母、数字和符号",
        "weak: make it longer or mix letters, digits and symbols",
    ),
    msg("中等：再长一些会更安全", "fair: a little longer would be safer"),
    msg("较强", "strong"),
)
# Passwords people reach for first; long enough to pass the length rule, guessed at once.
COMMON_PASSWORDS = frozenset(
    {
        "12345678", "123456789", "1234567890", "87654321", "11111111", "88888888", "66666666",
        "00000000", "12341234", "password", "password1", "qwertyui", "qwerty123", "abcd1234",
        "1qaz2wsx", "a1234567", "woaini1314", "iloveyou", "abc12345", "aa123456", "admin123",
    }
)  # fmt: skip


class Step(Enum):
    """The wizard's pages, in order. The school is created when the account step is done."""

    SCHOOL = "school"
    TERMS = "terms"
    ACCOUNT = "account"
    RECOVERY_KEY = "recovery_key"


STEPS = (Step.SCHOOL, Step.TERMS, Step.ACCOUNT, Step.RECOVERY_KEY)
CREATE_AFTER = Step.ACCOUNT


@dataclass(frozen=True)
class TermDraft:
    """A term as typed: the dates may still be text (``2025-09-01``, ``2025/9/1``)."""

    name: str
    first_day: str
    last_day: str

    def values(self) -> dict[str, str]:
        return {"name": self.name, "first_day": self.first_day, "last_day": self.last_day}


@dataclass(frozen=True)
class TermProblem:
    row: int  # index into the drafts; -1 for the list as a whole
    field: str  # "name", "first_day", "last_day" or "" for the row / the list
    message: Message

    def __str__(self) -> str:
        return self.message.render()


@dataclass(frozen=True)
class PasswordStrength:
    level: int  # 0 too short … 3 strong
    hint: Message


# -- suggestions ---------------------------------------------------------------------------------


def school_year_terms(year: int) -> list[TermDraft]:
    """The two terms of the school year starting in ``year``, with typical first and last days
    (the school corrects them to its own calendar)."""
    name = f"{year}—{year + 1}学年"
    return [
        TermDraft(f"{name}第一学期", f"{year}-09-01", f"{year + 1}-01-20"),
        TermDraft(f"{name}第二学期", f"{year + 1}-02-20", f"{year + 1}-07-10"),
    ]


def suggested_terms(today: dt.date, count: int = 2) -> list[TermDraft]:
    """``count`` consecutive terms starting with the one holding ``today`` (in a holiday: the
    next one to begin)."""
    terms = [t for year in range(today.year - 1, today.year + 3) for t in school_year_terms(year)]
    start = next(i for i, t in enumerate(terms) if dt.date.fromisoformat(t.last_day) >= today)
    return terms[start : start + count]


def next_suggestion(existing: Sequence[TermDraft], today: dt.date) -> TermDraft | None:
    """The first suggested term not entered yet, for an 添加学期 button."""
    names = {draft.name.strip() for draft in existing}
    for term in suggested_terms(today, 6):
        if term.name not in names:
            return term
    return None


# -- checks ---------------------------------------------------------------------------------------


def check_school_name(name: str) -> list[Problem]:
    text = name.strip()
    if not text:
        return [Problem("school_name", SCHOOL_NAME_NEEDED)]
    if len(text) > SCHOOL_NAME_MAX:
        return [Problem("school_name", SCHOOL_NAME_TOO_LONG(maximum=SCHOOL_NAME_MAX))]
    return []


def _scratch_terms(drafts: Sequence[TermDraft], today: dt.date) -> sqlite3.Connection:
    """The drafts in a throwaway in-memory table, so the real term validation (dates in order,
    no overlap with another term) can check each against the others before any school exists."""
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row
    connection.execute(
        "CREATE TABLE term (id INTEGER PRIMARY KEY, name TEXT, first_day TEXT, last_day TEXT)"
    )
    empty = Database(connection, Path(":memory:"), read_only=False)
    # Each draft on its own first (the table still empty); only well-formed ones go in.
    checked = [validate(empty, TERM, draft.values(), today=today) for draft in drafts]
    for row, (clean, problems) in enumerate(checked):
        if not problems:
            connection.execute(
                "INSERT INTO term (id, name, first_day, last_day) VALUES (?, ?, ?, ?)",
                (row + 1, clean["name"], clean["first_day"], clean["last_day"]),
            )
    return connection


def check_terms(drafts: Sequence[TermDraft], today: dt.date) -> list[TermProblem]:
    """Every problem with the terms as entered, each with its row and field."""
    if not drafts:
        return [TermProblem(-1, "", TERM_NEEDED)]
    connection = _scratch_terms(drafts, today)
    scratch = Database(connection, Path(":memory:"), read_only=False)
    problems: list[TermProblem] = []
    try:
        for row, draft in enumerate(drafts):
            _, found = validate(scratch, TERM, draft.values(), record_id=row + 1, today=today)
            problems += [TermProblem(row, p.field, p.message) for p in found]
    finally:
        connection.close()  # not Database.close: there is no WAL to checkpoint in memory
    seen: dict[str, int] = {}
    for row, draft in enumerate(drafts):
        name = draft.name.strip()
        if name and name in seen:
            problems.append(TermProblem(row, "name", TERM_NAME_TWICE(name=name)))
        seen.setdefault(name, row)
    return problems


def today_outside_terms(drafts: Sequence[TermDraft], today: dt.date) -> Message | None:
    """A note (not a refusal) when no term entered holds today."""
    for draft in drafts:
        try:
            first = dt.date.fromisoformat(draft.first_day.strip().replace("/", "-"))
            last = dt.date.fromisoformat(draft.last_day.strip().replace("/", "-"))
        except ValueError:
            continue
        if first <= today <= last:
            return None
    return TODAY_OUTSIDE_TERMS(today=today.isoformat())


def password_strength(password: str) -> PasswordStrength:
    if len(password) < MIN_PASSWORD_LENGTH:
        return PasswordStrength(0, PASSWORD_HINTS[0])
    kinds = sum(
        (
            any(ch.islower() for ch in password),
            any(ch.isupper() for ch in password),
            any(ch.isdigit() for ch in password),
            any(not ch.isalnum() for ch in password),
            any(ord(ch) > 127 and ch.isalpha() for ch in password),
        )
    )
    if password.lower() in COMMON_PASSWORDS or len(set(password)) <= 3 or kinds <= 1:
        level = 1
    elif len(password) >= 12 and kinds >= 2:
        level = 3
    else:
        level = 2
    return PasswordStrength(level, PASSWORD_HINTS[level])


def check_account(user_name: str, password: str, again: str) -> list[Problem]:
    problems = []
    name = user_name.strip()
    if not name:
        problems.append(Problem("user_name", ACCOUNT_NAME_NEEDED))
    elif len(name) > ACCOUNT_NAME_MAX:
        problems.append(Problem("user_name", ACCOUNT_NAME_TOO_LONG(maximum=ACCOUNT_NAME_MAX)))
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            Problem(
                "password", PASSWORD_TOO_SHORT(minimum=MIN_PASSWORD_LENGTH, length=len(password))
            )
        )
    elif password != password.strip():
        problems.append(Problem("password", PASSWORD_SPACES))
    elif password != again:
        problems.append(Problem("password_again", PASSWORDS_DIFFER))
    return problems


# -- the whole setup -------------------------------------------------------------------------------


@dataclass
class FirstRunAnswers:
    """What the wizard has gathered so far; each step's problems come from :meth:`problems`."""

    school_name: str = ""
    terms: list[TermDraft] = field(default_factory=list)
    user_name: str = ""
    password: str = field(default="", repr=False)
    password_again: str = field(default="", repr=False)

    def problems(self, step: Step, today: dt.date) -> list[Problem] | list[TermProblem]:
        if step is Step.SCHOOL:
            return check_school_name(self.school_name)
        if step is Step.TERMS:
            return check_terms(self.terms, today)
        if step is Step.ACCOUNT:
            return check_account(self.user_name, self.password, self.password_again)
        return []


@dataclass
class SetupResult:
    new_school: NewSchool
    # Set when the school was made but its terms could not be saved (they were checked first, so
    # this should not happen); the wizard says so and still shows the recovery key.
    terms_problem: Message | None = None


def create_first_school(
    paths: SchoolPaths,
    answers: FirstRunAnswers,
    *,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> SetupResult:
    """Check every answer again, create the school (key file, database, first account), then
    add its terms through the record service. Runs on the database worker.

    Once the school exists it is returned even if a term fails: its recovery key must be shown.
    """
    from counselor_app.foundation.errors import ValidationFailed
    from counselor_app.records.service import RecordService

    today = clock().date()
    for step in STEPS:
        problems = answers.problems(step, today)
        if problems:
            raise InvalidInput(problems[0].message)
    created = set_up_school(
        paths,
        school_name=answers.school_name,
        user_name=answers.user_name,
        password=answers.password,
        clock=clock,
        kdf=kdf,
    )
    service = RecordService(created.school)
    try:
        with created.school.db.transaction():
            for draft in answers.terms:
                service.create("term", draft.values())
    except ValidationFailed as exc:
        detail = str(joined((p.render() for p in exc.problems), zh="；", en="; ")) or str(exc)
        return SetupResult(created, TERMS_NOT_SAVED(problems=detail))
    except CounselorError as exc:
        return SetupResult(created, TERMS_NOT_SAVED(problems=str(exc)))
    return SetupResult(created)


def set_up_school(
    paths: SchoolPaths,
    *,
    school_name: str,
    user_name: str,
    password: str,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> NewSchool:
    """A new school (:func:`create_school`) with its signing key for the district bundle made at
    once, so that its fingerprint is printed on the first self-check report (schools set up
    before the key existed get theirs on first need). Made here rather than in
    ``create_school`` because the bundle builds on the school, not the other way round."""
    created = create_school(
        paths,
        school_name=school_name,
        user_name=user_name,
        password=password,
        clock=clock,
        kdf=kdf,
    )
    ensure_school_keys(created.school, log=False)
    return created
