"""The roll-over plan (升级方案): one row per class of the old year and what becomes of it, the
graduation day, and what the counsellor should look at or must change before confirming.

A plan is a frozen value: editing a row gives a new plan (:meth:`RolloverPlan.edited`), and
:meth:`RolloverPlan.problems` checks it without the database (the classes the new year already has
and the staff list travel with it), so a screen can check every edit at once.

Plain Python; nothing here imports Qt or touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.years.grade_names import TOP_GRADE
from counselor_app.years.school_years import SchoolYear

CODE_BLANK = msg("{old}：新的班级编号不能为空", "{old}: the new class code is empty")
NAME_BLANK = msg("{old}：新的班级名称不能为空", "{old}: the new class name is empty")
CODE_TWICE = msg(
    "{old}：新的班级编号“{code}”与 {other} 的相同",
    "{old}: the new class code {code} is also given to {other}",
)
CODE_TAKEN = msg(
    "{old}：{year}已有班级编号为“{code}”的班级（{name}）",
    "{old}: {year} already has a class with the code {code} ({name})",
)
UNKNOWN_HEAD_TEACHER = msg(
    "{old}：所选班主任不在教职工名单中", "{old}: the chosen head teacher is not on the staff list"
)
TOP_GRADE_ONLY_GRADUATES = msg(
    "{old}：{grade} 年级是最高年级，只能毕业",
    "{old}: grade {grade} is the last one; it can only graduate",
)
GRADUATION_DAY_OUTSIDE = msg(
    "毕业日期应在 {earliest} 至 {latest} 之间：早于学年最后一个学期结束，毕业生会从该学期的自查中"
    "消失；晚于学年的最后一天，新学年会把他们算作在读。",
    "The graduation day must be from {earliest} to {latest}: before the year's last term ends, "
    "the graduates would drop out of that term's self-check; after the year's last day, the new "
    "year would count them as enrolled.",
)
NAME_KEPT = msg(
    "班级名称不含年级，升级后保留原名，请核对",
    "The class name does not name its grade; it is kept as it is. Please check it",
)
NO_STUDENTS = msg("没有在读学生", "No enrolled students")
STAGE_UNKNOWN = msg(
    "学校信息中没有填写学段，按本学年最高的 {grade} 年级毕业。请核对，或先在“学校与辅导室”中填写学段。",
    "The school's stage is not recorded, so grade {grade}, the highest this year, graduates. "
    "Check it, or record the stage under School and room first.",
)
MARKED_GRADUATING = msg("标为毕业年级", "Marked as a graduating class")
CLASSES_UP = msg(
    "{count} 个班升级（{students}）",
    "{count} classes move up ({students})",
    en_one="1 class moves up ({students})",
)
CLASSES_GRADUATE = msg(
    "{count} 个班毕业（{students}）",
    "{count} classes graduate ({students})",
    en_one="1 class graduates ({students})",
)
STUDENTS = msg("{count} 名学生", "{count} students", en_one="1 student")
GRADUATES = msg("{count} 人", "{count} students", en_one="1 student")
LEFT_NOT_CARRIED = msg(
    "{count} 名已转出或离校的学生不再分班",
    "{count} students who left are not carried over",
    en_one="1 student who left is not carried over",
)
ALREADY_PLACED = msg(
    "{count} 名学生已在{year}分班，保持不变",
    "{count} students already placed in {year} stay where they are",
    en_one="1 student already placed in {year} stays where they are",
)


# -- the plan -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffChoice:
    id: int
    label: str  # 姓名（工号）


@dataclass(frozen=True)
class RolloverRow:
    """One class of the old year and what becomes of it. ``code``, ``name``, ``head_teacher_id``
    and ``graduate`` are the counsellor's to change; the rest describes the old class."""

    old_class_id: int
    old_code: str
    old_name: str
    old_grade: int
    campus_id: int | None
    students: int  # 在读 students who move up (or graduate) with the class
    graduate: bool
    code: str
    name: str
    head_teacher_id: int | None
    name_kept: bool = False  # the name does not follow the grade: kept as it was
    # The class graduates only because it is marked 毕业年级 (its grade is not the stage's last).
    marked_graduating: bool = False

    EDITABLE = frozenset({"code", "name", "head_teacher_id", "graduate"})

    @property
    def new_grade(self) -> int:
        return self.old_grade + 1

    @property
    def old_label(self) -> str:
        return f"{self.old_code} {self.old_name}"

    def notes(self) -> list[Message]:
        """What the counsellor should look at before confirming (not problems)."""
        notes = []
        if self.marked_graduating and self.graduate:
            notes.append(MARKED_GRADUATING)
        if self.name_kept and not self.graduate:
            notes.append(NAME_KEPT)
        if not self.students:
            notes.append(NO_STUDENTS)
        return notes


@dataclass(frozen=True)
class RolloverPlan:
    from_year: SchoolYear
    rows: tuple[RolloverRow, ...]
    graduation_day: dt.date
    # The graduation day may be chosen between these (see GRADUATION_DAY_OUTSIDE).
    earliest_graduation_day: dt.date
    latest_graduation_day: dt.date
    graduating_grades: frozenset[int]
    stage_known: bool
    # Classes the new year already holds (a workbook imported before the roll-over): code -> name.
    taken_codes: Mapping[str, str] = field(default_factory=dict)
    staff: tuple[StaffChoice, ...] = ()
    left: int = 0  # students of the year who left (毕业/转出): not carried over
    placed: int = 0  # students of the year who already have a class in a later year: left there

    @property
    def to_year(self) -> SchoolYear:
        return self.from_year.next

    @property
    def moving_rows(self) -> list[RolloverRow]:
        return [row for row in self.rows if not row.graduate]

    @property
    def graduating_rows(self) -> list[RolloverRow]:
        return [row for row in self.rows if row.graduate]

    def edited(self, index: int, **changes: Any) -> RolloverPlan:
        """The plan with row ``index`` changed (``code``, ``name``, ``head_teacher_id``,
        ``graduate``)."""
        unknown = set(changes) - RolloverRow.EDITABLE
        if unknown:
            raise KeyError(f"not editable: {sorted(unknown)}")
        rows = list(self.rows)
        rows[index] = replace(rows[index], **changes)
        return replace(self, rows=tuple(rows))

    def with_graduation_day(self, day: dt.date) -> RolloverPlan:
        return replace(self, graduation_day=day)

    def notes(self) -> list[Message]:
        """What concerns the whole plan."""
        if self.stage_known or not self.graduating_grades:
            return []
        return [STAGE_UNKNOWN(grade=max(self.graduating_grades))]

    def problems(self) -> list[Problem]:
        """What must be changed before the plan can be carried out; ``Problem.row`` is the row's
        number (from 1), ``Problem.field`` the field (``code``, ``name``, ``head_teacher_id``,
        ``graduate``, or ``graduation_day`` for the plan)."""
        problems: list[Problem] = []
        staff = {choice.id for choice in self.staff}
        first_with_code: dict[str, RolloverRow] = {}
        for number, row in enumerate(self.rows, start=1):
            old = row.old_label
            if row.graduate:
                continue
            code = row.code.strip()
            if row.new_grade > TOP_GRADE:
                problems.append(
                    Problem(
                        "graduate",
                        TOP_GRADE_ONLY_GRADUATES(old=old, grade=row.old_grade),
                        row=number,
                    )
                )
            if not code:
                problems.append(Problem("code", CODE_BLANK(old=old), row=number))
            elif code in self.taken_codes:
                taken = CODE_TAKEN(
                    old=old, year=self.to_year.name, code=code, name=self.taken_codes[code]
                )
                problems.append(Problem("code", taken, row=number))
            elif code in first_with_code:
                other = first_with_code[code].old_label
                problems.append(
                    Problem("code", CODE_TWICE(old=old, code=code, other=other), row=number)
                )
            else:
                first_with_code[code] = row
            if not row.name.strip():
                problems.append(Problem("name", NAME_BLANK(old=old), row=number))
            if row.head_teacher_id is not None and row.head_teacher_id not in staff:
                problems.append(
                    Problem("head_teacher_id", UNKNOWN_HEAD_TEACHER(old=old), row=number)
                )
        if not self.earliest_graduation_day <= self.graduation_day <= self.latest_graduation_day:
            problems.append(
                Problem(
                    "graduation_day",
                    GRADUATION_DAY_OUTSIDE(
                        earliest=self.earliest_graduation_day.isoformat(),
                        latest=self.latest_graduation_day.isoformat(),
                    ),
                )
            )
        return problems

    def summary(self) -> Message:
        """21 个班升级（870 名学生），3 个班毕业（142 人）；…"""
        moving, graduating = self.moving_rows, self.graduating_rows
        return summary_of(
            len(moving),
            sum(row.students for row in moving),
            len(graduating),
            sum(row.students for row in graduating),
            left=self.left,
            placed=self.placed,
            to_year=self.to_year,
        )


def summary_of(
    moving_classes: int,
    moving: int,
    graduating_classes: int,
    graduates: int,
    *,
    left: int = 0,
    placed: int = 0,
    to_year: SchoolYear | None = None,
) -> Message:
    """How a roll-over reads in one line, planned or done."""
    head = joined(
        [
            CLASSES_UP(count=moving_classes, students=STUDENTS(count=moving)),
            CLASSES_GRADUATE(count=graduating_classes, students=GRADUATES(count=graduates)),
        ],
        zh="，",
        en=", ",
    )
    parts = [head]
    if left:
        parts.append(LEFT_NOT_CARRIED(count=left))
    if placed and to_year is not None:
        parts.append(ALREADY_PLACED(count=placed, year=to_year.name))
    return joined(parts, zh="；", en="; ")


__all__ = [
    "RolloverPlan",
    "RolloverRow",
    "StaffChoice",
    "summary_of",
]
