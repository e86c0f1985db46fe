"""The year roll-over (升级到新学年): every class of a school year moves up a grade into the next
year, the top grade graduates, and the counsellor sees all of it before it happens.

:func:`preview_rollover` proposes a :class:`RolloverPlan`, one row per class of the year, by the
rules of :mod:`counselor_app.years.grade_names` (codes that encode the grade are renumbered, names follow
the grade, the stage's last grade graduates); every row's new code, name, head teacher and
"graduates" can be changed (:meth:`RolloverPlan.edited`), and :meth:`RolloverPlan.problems` says
what is wrong with the plan as it stands. :func:`apply_rollover` carries it out in one transaction:

* a class of the new year for each row that does not graduate, with the head teacher carried;
* each of its students in 在读 moves into it (``student.class_id``; the database keeps last year's
  class as that year's enrolment, 学年分班, so past terms are still judged on it);
* the students of a graduating row become 毕业 with ``left_on`` the plan's graduation day (by
  default the last day of the old school year, so they still count for all of its terms);
* students who left (毕业/转出) stay where they were; a student who already has a class in a later
  year (placed by a roster workbook before the roll-over) is left in it;
* the school moves into the new year at once (``school_years.current_school_year``), so that the
  roster workbook imported next and the forms default to it;
* one audit entry, with counts only.

A year can be rolled over once, from 30 days before its last term ends (:func:`rollover_refusal`):
a roll-over moves the school into the next year at once, which must not happen by a mis-click in
the middle of a running year.

The new cohort and any reshuffle (重新分班) come afterwards from a roster workbook (班级 with 学年 =
the new year, 学生, 学年分班), imported in 设置 › 数据导入导出.

Undoing (:mod:`counselor_app.rollover.undo`) is possible until the first record of the new
year is written.

Plain Python and SQL; nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from counselor_app.foundation.change import EVERYTHING, Changes
from counselor_app.foundation.errors import InvalidInput, NotPermitted, ValidationFailed
from counselor_app.foundation.i18n import Message, msg
from counselor_app.records.permissions import may_write
from counselor_app.rollover.plan import RolloverPlan, RolloverRow, StaffChoice, summary_of
from counselor_app.rollover.record import (
    new_year_records,
    record_rollover,
    rollover_history,
    roster_digests,
)
from counselor_app.school.core import School, ensure_not_damaged
from counselor_app.storage.database import Database
from counselor_app.years.grade_names import (
    TOP_GRADE,
    graduation_grades,
    next_class_code,
    next_class_name,
)
from counselor_app.years.school_years import (
    ROLLOVERS_SETTING,
    SchoolYear,
    classes_of_year,
    load_terms,
    school_year_by_terms,
    school_year_days,
    terms_of_year,
    years_with_classes,
)

AUDIT_ACTION = "school_year_rollover"
# A year may be rolled over from this many days before its last term ends (see
# earliest_rollover_day): the roll-over is prepared in June or done in the summer holiday.
DAYS_BEFORE_END = 30

# -- messages -------------------------------------------------------------------------------------
NO_CLASSES = msg(
    "{year}没有班级，无法升级。请先在“数据导入导出”中导入该学年的班级和学生。",
    "{year} has no classes to move up. Import its classes and students first (Data import and "
    "export).",
)
ALREADY_ROLLED = msg(
    "{year}已于 {day} 升级到{next}。",
    "{year} was already rolled over to {next} on {day}.",
)
TOO_EARLY = msg(
    "{year}还没有结束：从 {day} 起（学年最后一个学期结束前 {days} 天）才可以升级。",
    "{year} has not ended yet: it can be rolled over from {day} ({days} days before its last "
    "term ends).",
)
NOT_ALLOWED = msg(
    "这个账户不能修改班级和学生名册，不能升级学年。",
    "This account may not change classes and students, so it cannot roll the school year over.",
)
PLAN_IS_STALE = msg(
    "预览之后{year}的班级有了变化，请重新预览。",
    "The classes of {year} changed after the preview; preview the roll-over again.",
)
INVALID_PLAN = msg(
    "升级方案有 {count} 处需要修改：",
    "The roll-over plan has {count} problems:",
    en_one="The roll-over plan has a problem:",
)


# -- which year, and may we ---------------------------------------------------------------------
def may_roll_over(school: School) -> bool:
    """Whoever may change classes and students (a counsellor or a 管理员, record_permissions) may
    roll the year over and undo it; nobody may on a database opened read-only."""
    return may_write(school, "class") and may_write(school, "student")


def require_roll_over(school: School) -> None:
    ensure_not_damaged(school)
    if not may_roll_over(school):
        raise NotPermitted(NOT_ALLOWED)


def rollover_source(school: School) -> SchoolYear | None:
    """The year 升级到新学年 starts from: the latest year with classes that has begun by the
    school's terms (the school is in it, or later), so that classes imported early for a coming
    year are not taken for the year to roll over. None when no year has classes."""
    begun = school_year_by_terms(school.db, school.today())
    years = [year for year in years_with_classes(school.db) if year <= begun]
    return years[-1] if years else None


def rollover_refusal(school: School, from_year: SchoolYear) -> Message | None:
    """Why the year cannot be rolled over now, or None."""
    db = school.db
    for entry in rollover_history(db):
        if entry["from_year"] == from_year.start:
            return ALREADY_ROLLED(
                year=from_year.name, next=from_year.next.name, day=entry["at"][:10]
            )
    if not classes_of_year(db, from_year):
        return NO_CLASSES(year=from_year.name)
    earliest = earliest_rollover_day(db, from_year)
    if school.today() < earliest:
        return TOO_EARLY(year=from_year.name, day=earliest.isoformat(), days=DAYS_BEFORE_END)
    return None


def earliest_rollover_day(db: Database, year: SchoolYear) -> dt.date:
    """The first day a year may be rolled over: ``DAYS_BEFORE_END`` days before its spring term
    ends (before 1 July of its second calendar year when no spring term is recorded). A roll-over
    moves the school into the next year at once (forms, pickers, counts), so it must not happen
    by mistake while the year is still running."""
    spring = [t for t in terms_of_year(load_terms(db), year) if t.first_day.year == year.start + 1]
    end = max(t.last_day for t in spring) if spring else dt.date(year.start + 1, 7, 1)
    return end - dt.timedelta(days=DAYS_BEFORE_END)


# -- preview -------------------------------------------------------------------------------------
_MOVING = (
    # 在读 students of the class that year who have no class in a later year yet.
    "SELECT e.student_id FROM enrolment e JOIN student s ON s.id = e.student_id"
    " WHERE e.school_year = :year AND e.class_id = :class AND s.status = 'enrolled'"
    " AND NOT EXISTS (SELECT 1 FROM enrolment later"
    "                 WHERE later.student_id = e.student_id AND later.school_year > :year)"
)


def preview_rollover(school: School, from_year: SchoolYear | int) -> RolloverPlan:
    """What rolling ``from_year`` over into the next year would do, as a plan to look at and
    change. Raises :class:`InvalidInput` when the year cannot be rolled over (see
    :func:`rollover_refusal`)."""
    year = SchoolYear.parse(from_year)
    refusal = rollover_refusal(school, year)
    if refusal is not None:
        raise InvalidInput(refusal)
    db = school.db
    classes = classes_of_year(db, year)
    stage = db.scalar("SELECT stage FROM school WHERE id = 1")
    exits, stage_known = graduation_grades(stage, (c.grade for c in classes))
    rows = []
    for school_class in classes:
        graduate = (
            school_class.graduating
            or school_class.grade in exits
            or school_class.grade >= TOP_GRADE
        )
        code, _ = next_class_code(school_class.class_code, school_class.grade)
        name, followed = next_class_name(school_class.name, school_class.grade)
        campus = db.scalar("SELECT campus_id FROM class WHERE id = ?", (school_class.id,))
        students = db.scalar(
            f"SELECT count(*) FROM ({_MOVING})", {"year": year.start, "class": school_class.id}
        )
        rows.append(
            RolloverRow(
                old_class_id=school_class.id,
                old_code=school_class.class_code,
                old_name=school_class.name,
                old_grade=school_class.grade,
                campus_id=campus,
                students=int(students),
                graduate=graduate,
                code=code,
                name=name,
                head_teacher_id=school_class.head_teacher_id,
                name_kept=not followed,
                marked_graduating=school_class.graduating and school_class.grade not in exits,
            )
        )
    earliest, latest = graduation_window(db, year)
    left, placed = _not_moving(db, year)
    return RolloverPlan(
        from_year=year,
        rows=tuple(rows),
        graduation_day=latest,
        earliest_graduation_day=earliest,
        latest_graduation_day=latest,
        graduating_grades=exits,
        stage_known=stage_known,
        taken_codes=_taken_codes(db, year.next),
        staff=staff_choices(db),
        left=left,
        placed=placed,
    )


def graduation_window(db: Database, year: SchoolYear) -> tuple[dt.date, dt.date]:
    """From the last day of the year's last term (or its first day, without terms) to the year's
    last day."""
    terms = load_terms(db)
    first, last = school_year_days(year, terms)
    own = terms_of_year(terms, year)
    earliest = min(max(t.last_day for t in own), last) if own else first
    return earliest, last


def staff_choices(db: Database) -> tuple[StaffChoice, ...]:
    """Everyone on the staff list, head teachers first, by 工号."""
    return tuple(
        StaffChoice(r["id"], f"{r['name']}（{r['staff_no']}）")
        for r in db.query(
            "SELECT s.id, s.name, s.staff_no,"
            " EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = s.id"
            "         AND r.role = 'head_teacher') AS head"
            " FROM staff s ORDER BY head DESC, s.staff_no"
        )
    )


def _taken_codes(db: Database, year: SchoolYear) -> dict[str, str]:
    return {c.class_code: c.name for c in classes_of_year(db, year)}


def _not_moving(db: Database, year: SchoolYear) -> tuple[int, int]:
    """Students of the year who left (毕业/转出), and 在读 ones already placed in a later year."""
    row = db.query_one(
        "SELECT"
        " (SELECT count(*) FROM enrolment e JOIN student s ON s.id = e.student_id"
        "  WHERE e.school_year = :year AND s.status != 'enrolled'),"
        " (SELECT count(*) FROM enrolment e JOIN student s ON s.id = e.student_id"
        "  WHERE e.school_year = :year AND s.status = 'enrolled' AND EXISTS"
        "  (SELECT 1 FROM enrolment later WHERE later.student_id = e.student_id"
        "   AND later.school_year > :year))",
        {"year": year.start},
    )
    return int(row[0]), int(row[1])


# -- apply ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RolloverResult:
    from_year: SchoolYear
    to_year: SchoolYear
    classes_created: int
    students_moved: int
    classes_graduated: int
    students_graduated: int

    @property
    def changes(self) -> Changes:
        return EVERYTHING  # classes, students, and every list that names them

    def summary(self) -> Message:
        return summary_of(
            self.classes_created,
            self.students_moved,
            self.classes_graduated,
            self.students_graduated,
        )


def apply_rollover(school: School, plan: RolloverPlan) -> RolloverResult:
    """Carry the plan out, all or nothing. The plan is checked again against the database as it
    is now: :class:`ValidationFailed` (with the plan's problems) or :class:`InvalidInput` (the year
    cannot be rolled over, or its classes changed since the preview), and nothing is written."""
    require_roll_over(school)
    db = school.db
    with db.transaction():
        fresh = preview_rollover(school, plan.from_year)
        if [r.old_class_id for r in fresh.rows] != [r.old_class_id for r in plan.rows]:
            raise InvalidInput(PLAN_IS_STALE(year=plan.from_year.name))
        plan = replace(plan, taken_codes=fresh.taken_codes, staff=fresh.staff)
        problems = plan.problems()
        if problems:
            raise ValidationFailed(INVALID_PLAN(count=len(problems)), problems)
        setting_before = db.scalar("SELECT value FROM setting WHERE key = ?", (ROLLOVERS_SETTING,))
        roster_before = roster_digests(db)
        dated_before = new_year_records(db, plan.to_year)
        created: list[int] = []
        moved = 0
        graduated: list[list[Any]] = []
        for row in plan.rows:
            students = [
                int(r[0])
                for r in db.query(
                    _MOVING, {"year": plan.from_year.start, "class": row.old_class_id}
                )
            ]
            if row.graduate:
                for student_id in students:
                    before = db.query_one(
                        "SELECT status, left_on FROM student WHERE id = ?", (student_id,)
                    )
                    graduated.append([student_id, before["status"], before["left_on"]])
                db.executemany(
                    "UPDATE student SET status = 'graduated', left_on = ? WHERE id = ?",
                    [(plan.graduation_day.isoformat(), s) for s in students],
                )
                continue
            new_id = db.execute(
                "INSERT INTO class (school_year, class_code, grade, name, head_teacher_id,"
                " campus_id, graduating) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    plan.to_year.start,
                    row.code.strip(),
                    row.new_grade,
                    row.name.strip(),
                    row.head_teacher_id,
                    row.campus_id,
                    int(row.new_grade in plan.graduating_grades),
                ),
            ).lastrowid
            created.append(int(new_id))
            # The database's triggers record the new year's class as an enrolment and keep the
            # old year's as history.
            db.executemany(
                "UPDATE student SET class_id = ? WHERE id = ?", [(new_id, s) for s in students]
            )
            moved += len(students)
        result = RolloverResult(
            plan.from_year,
            plan.to_year,
            classes_created=len(created),
            students_moved=moved,
            classes_graduated=len(plan.graduating_rows),
            students_graduated=len(graduated),
        )
        undo = {
            "created_classes": created,
            "graduated": graduated,
            "setting_before": setting_before,
            "dated_before": dated_before,
            "roster_before": roster_before,
            "roster": roster_digests(db),
        }
        record_rollover(school, plan.from_year, plan.to_year, undo)
        school.log(AUDIT_ACTION, None, None, **_counts(result))
    return result


def _counts(result: RolloverResult) -> dict[str, object]:
    return {
        "from_year": result.from_year.start,
        "to_year": result.to_year.start,
        "classes_created": result.classes_created,
        "students_moved": result.students_moved,
        "classes_graduated": result.classes_graduated,
        "students_graduated": result.students_graduated,
    }


__all__ = [
    "AUDIT_ACTION",
    "RolloverPlan",
    "RolloverResult",
    "RolloverRow",
    "StaffChoice",
    "apply_rollover",
    "may_roll_over",
    "preview_rollover",
    "rollover_refusal",
    "rollover_source",
]
