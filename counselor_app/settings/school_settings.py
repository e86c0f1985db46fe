"""The school's own settings: the school row (学校与辅导室) and the per-school options.

The school row is described once, as the workbook's 学校信息 sheet (``workbook.layout.SCHOOL``), so
the settings screen, the workbook and the self-check read and check the same fields with the same
converters and messages. Campuses are a list of names here; a campus that staff or classes still
belong to cannot be removed.

Per-school options live in the encrypted ``setting`` table (per-machine ones, such as the language,
belong to the desktop program's QSettings). Each option is declared here once, with its default
and its allowed range, so the screen and whoever reads the option agree.

The school row's checks need the workbook package (openpyxl: half a second), imported by the
functions that use it, so that reading an option stays cheap (the screen lock reads one).

Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from counselor_app.foundation.errors import Problem, ValidationFailed
from counselor_app.foundation.i18n import joined, msg
from counselor_app.school.core import School, ensure_not_damaged, read_setting, write_setting

T = TypeVar("T")

INVALID_SCHOOL = msg(
    "学校信息有 {count} 处需要修改：",
    "The school details have {count} problems:",
    en_one="The school details have a problem:",
)
CAMPUS_IN_USE = msg(
    "校区“{campus}”不能删除：还有 {uses} 属于它。请先把他们改到其他校区。",
    "The campus '{campus}' cannot be removed: {uses} still belong to it. Move them first.",
)
CAMPUS_STAFF = msg("{count} 名教职工", "{count} staff members", en_one="1 staff member")
CAMPUS_CLASSES = msg("{count} 个班级", "{count} classes", en_one="1 class")


def read_school_info(school: School) -> dict[str, Any]:
    """The school row and its campuses as stored values, keyed by field name (see ``SCHOOL``)."""
    from counselor_app.workbook.school_sheet import read_school

    return read_school(school)


def check_school_info(school: School, values: Mapping[str, Any]) -> list[Problem]:
    """The problems a save would report, without saving (for validate-as-you-type).

    ``Problem.field`` is the field's *name* (``hotline``), so a form can put the message next to
    the field; :func:`save_school_info` raises them with the field's label instead.
    """
    _, problems = _validated(school, values)
    return problems


def save_school_info(school: School, values: Mapping[str, Any]) -> list[str]:
    """Write the school row and campuses; returns the names of the fields that changed.

    Fields missing from ``values`` keep their values. Raises :class:`ValidationFailed` (nothing
    written) when a value is wrong or a campus still in use would be removed.
    """
    from counselor_app.records.values import to_column
    from counselor_app.workbook.layout import SCHOOL, SCHOOL_COLUMNS
    from counselor_app.workbook.school_sheet import read_school

    ensure_not_damaged(school)
    clean, problems = _validated(school, values)
    if problems:
        raise ValidationFailed(
            INVALID_SCHOOL(count=len(problems)),
            [Problem(SCHOOL.field(p.field).label, p.message) for p in problems],
        )
    current = read_school(school)
    changed = [name for name in SCHOOL_COLUMNS if clean.get(name) != current.get(name)]
    wanted = _campus_names(clean)
    added = [name for name in wanted if name not in current["campuses"]]
    removed = [name for name in current["campuses"] if name not in wanted]
    with school.db.transaction():
        if changed:
            assignments = ", ".join(f"{name} = ?" for name in changed)
            school.db.execute(
                f"UPDATE school SET {assignments} WHERE id = 1",
                [to_column(SCHOOL.field(name), clean[name]) for name in changed],
            )
        for name in removed:
            school.db.execute("DELETE FROM campus WHERE name = ?", (name,))
        for name in added:
            school.db.execute("INSERT INTO campus (name) VALUES (?)", (name,))
        if added or removed:
            changed.append("campuses")
        if changed:
            school.log("update", "school", 1, fields=changed)
    return changed


def _campus_names(clean: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(name for name in clean.get("campuses") or [] if name))


def _validated(school: School, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    from counselor_app.records.validation import validate
    from counselor_app.workbook.layout import SCHOOL
    from counselor_app.workbook.school_sheet import read_school

    merged = {**read_school(school), **values}
    clean, problems = validate(school.db, SCHOOL, merged, today=school.today())
    if not any(p.field == "campuses" for p in problems):
        problems += _campuses_in_use(school, _campus_names(clean))
    return clean, problems


def _campuses_in_use(school: School, wanted: list[str]) -> list[Problem]:
    problems = []
    for row in school.db.query(
        "SELECT c.name,"
        " (SELECT count(*) FROM staff s WHERE s.campus_id = c.id) AS staff,"
        " (SELECT count(*) FROM class k WHERE k.campus_id = c.id) AS classes"
        " FROM campus c ORDER BY c.name"
    ):
        if row["name"] in wanted or not (row["staff"] or row["classes"]):
            continue
        uses = [
            part
            for part, count in (
                (CAMPUS_STAFF(count=row["staff"]), row["staff"]),
                (CAMPUS_CLASSES(count=row["classes"]), row["classes"]),
            )
            if count
        ]
        problems.append(Problem("campuses", CAMPUS_IN_USE(campus=row["name"], uses=joined(uses))))
    return problems


# -- terms -----------------------------------------------------------------------------------------
def suggested_term(
    existing: Sequence[tuple[dt.date, dt.date]], today: dt.date
) -> tuple[str, dt.date, dt.date]:
    """Name and typical dates of the term to add next: the one after the last recorded term, or
    (with none recorded) the one running or coming today. The counsellor corrects the dates."""
    from counselor_app.workbook.template import school_terms

    after = max((last for _, last in existing), default=None)
    start = (after or today).year - 1
    for year in range(start, start + 3):
        for name, first, last in school_terms(year):
            if (first > after) if after is not None else (last >= today):
                return name, first, last
    raise AssertionError("a later typical term always exists")


# -- per-school options ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SchoolOption(Generic[T]):
    """One option in the ``setting`` table: its key, its default, and which values are sensible.
    A stored value that is not (damaged or edited by hand) reads as the default."""

    key: str
    default: T
    sensible: Callable[[object], bool]

    def read(self, school: School) -> T:
        value = read_setting(school, self.key)
        return cast(T, value) if value is not None and self.sensible(value) else self.default

    def write(self, school: School, value: T) -> None:
        """Store ``value`` (the caller has checked it, with its own message)."""
        if not self.sensible(value):
            raise ValueError(f"{value!r} is no sensible value for {self.key}")
        write_setting(school, self.key, value)


MIN_IDLE_LOCK_MINUTES = 1
MAX_IDLE_LOCK_MINUTES = 60


def _lock_minutes(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_IDLE_LOCK_MINUTES <= value <= MAX_IDLE_LOCK_MINUTES
    )


#: How long nobody may use the program before it locks itself (设置 › 界面; ``screen_lock``).
#: Per school: part of how the school protects what is on screen, on whichever PC.
IDLE_LOCK_MINUTES: SchoolOption[int] = SchoolOption("ui.idle_lock_minutes", 5, _lock_minutes)
#: The checklist the self-check was run with last (by id; ``selfcheck_choices``).
SELF_CHECK_PROFILE: SchoolOption[str | None] = SchoolOption(
    "selfcheck.profile", None, lambda value: isinstance(value, str) and bool(value)
)
MIN_INTERVIEW_SCHOOL_DAYS = 1
MAX_INTERVIEW_SCHOOL_DAYS = 30


def _interview_days(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_INTERVIEW_SCHOOL_DAYS <= value <= MAX_INTERVIEW_SCHOOL_DAYS
    )


#: Within how many school days a student a screening flagged is interviewed (设置 › 筛查; a
#: critical item answered: the same school day whatever this says; ``screening_options``).
INTERVIEW_SCHOOL_DAYS: SchoolOption[int] = SchoolOption(
    "screening.interview_school_days", 5, _interview_days
)
#: Every option, for whoever lists them.
OPTIONS: tuple[SchoolOption[Any], ...] = (
    IDLE_LOCK_MINUTES,
    SELF_CHECK_PROFILE,
    INTERVIEW_SCHOOL_DAYS,
)
