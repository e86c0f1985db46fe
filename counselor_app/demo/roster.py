"""The people of the demo school: campuses, staff, and the classes and students of every school year.

Class codes are grade and number (0703 = 七年级3班), so every school year has its own 0703 holding
other students: a cohort joins the entry grade in September (入学日期 the first day of the autumn
term), moves up a grade each school year keeping its number (0703 of 2025 is 0803 of 2026) and
graduates from the top grade in July (毕业, left on the last day of the spring term). A 学号 is entry
year, entry grade, class number and seat (2025070315). The head teacher follows the class up the
grades and takes a new entry class after the top grade graduates.

Classes exist for every school year of the demo's terms, and for the year before them when the
demo holds only one: last year's leavers then keep the class they left from. The data is what a
school that rolled over each summer would hold: last year's classes and enrolments kept as history.
"""

from __future__ import annotations

import datetime as dt
import math

from counselor_app.demo.names import RARE_CHARACTERS, NameMaker, with_rare_character
from counselor_app.demo.school_calendar import autumn_term_days, spring_term_days
from counselor_app.demo.texts import GRADE_LABELS
from counselor_app.demo.world import DemoClass, DemoStudent, DemoWorld, Staffer
from counselor_app.students.search import search_keys

STAGE_GRADES = {
    "primary": range(1, 7),
    "junior": range(7, 10),
    "senior": range(10, 13),
    "nine_year": range(1, 10),
    "complete_secondary": range(7, 13),
}
CLASS_SIZE = 45
MONITOR_FROM_GRADE = 4
LESSON_CLASSES_PER_FULLTIME_TEACHER = 12
TRANSFER_SHARE = 0.01


def entry_grade(stage: str, grade: int) -> int:
    """The grade a student of this grade joined the school in."""
    if stage in ("primary", "nine_year"):
        return 1
    if stage == "senior" or grade >= 10:
        return 10
    return 7


def top_grade(stage: str, grade: int) -> int:
    """The grade a student of this grade graduates from (a 完全中学 has two: 初三 and 高三)."""
    if stage == "complete_secondary" and grade < 10:
        return 9
    return STAGE_GRADES[stage][-1]


# -- campuses and staff --------------------------------------------------------------------------


def add_campuses(world: DemoWorld, students: int) -> list[int]:
    names = ["本部", "东校区"] if students >= 1200 else ["本部"]
    return [world.rows.add("campus", name) for name in names]


def add_staff(world: DemoWorld, names: NameMaker, students: int, class_count: int) -> None:
    campuses = [row[0] for row in world.rows.rows("campus")]
    fulltime = max(1, math.ceil(students / 1000))
    parttime = math.ceil(students / 500)
    plan: list[tuple[tuple[str, ...], str, int]] = [
        (("leader",), "A", campuses[0]),
        (("leader", "subject_teacher"), "B", campuses[0]),
        (("leader",), "B", campuses[0]),
        (("leader", "subject_teacher"), "B", campuses[0]),
        (("middle_manager", "subject_teacher"), "B", campuses[0]),  # 中层干部
        (("middle_manager", "subject_teacher"), "B", campuses[-1]),
    ]
    for i in range(fulltime):
        plan.append((("fulltime_psych",), "A" if i == 0 else "B", campuses[i % len(campuses)]))
    for i in range(parttime):
        plan.append((("parttime_psych", "subject_teacher"), "B", campuses[i % len(campuses)]))
    for _ in range(class_count):  # head teachers: their campus is set with their class
        plan.append((("head_teacher", "subject_teacher"), _head_teacher_level(world), 0))
    for i in range(math.ceil(class_count * 1.3)):
        plan.append(
            (("subject_teacher",), _subject_teacher_level(world), campuses[i % len(campuses)])
        )
    plan += [(("other",), "none", campuses[0]), (("other",), "none", campuses[-1])]
    for number, (roles, level, campus) in enumerate(plan, start=1):
        sex = "F" if world.rng.random() < 0.65 else "M"
        name = names.adult(sex)
        staff_id = world.rows.add("staff", f"T{number:04d}", name, sex, level, campus or None)
        for role in roles:
            world.rows.add("staff_role", staff_id, role)
        world.staff.append(Staffer(staff_id, f"T{number:04d}", name, sex, roles, campus))


def _head_teacher_level(world: DemoWorld) -> str:
    return "A" if world.rng.random() < 0.2 else "B"


def _subject_teacher_level(world: DemoWorld) -> str:
    draw = world.rng.random()
    return "none" if draw < 0.1 else "B" if draw < 0.2 else "C"


# -- classes -------------------------------------------------------------------------------------


def plan_classes(world: DemoWorld, students: int) -> None:
    """Every school year's classes; head teachers and lesson teachers come in :func:`add_classes`.

    Each year of the terms has every grade's classes; the year before the first term, when the
    terms hold one year only, has just its top grade's, for the leavers (see :func:`leaver_years`).
    """
    grades = list(STAGE_GRADES[world.stage])
    per_grade = max(1, math.ceil(students / len(grades) / CLASS_SIZE))
    two_campuses = len(world.rows.rows("campus")) > 1
    lower_half = grades[: len(grades) // 2]
    with_terms = world.school_years()
    for school_year in sorted({*with_terms, *leaver_years(world)}):
        for grade in grades:
            top = grade == top_grade(world.stage, grade)
            if school_year not in with_terms and not top:
                continue
            for number in range(1, per_grade + 1):
                world.add_class(
                    DemoClass(
                        id=len(world.classes) + 1,
                        school_year=school_year,
                        code=f"{grade:02d}{number:02d}",
                        grade=grade,
                        number=number,
                        name=f"{GRADE_LABELS[grade]}{number}班",
                        campus_id=2 if two_campuses and grade in lower_half else 1,
                        graduating=top,
                    )
                )


def leaver_years(world: DemoWorld) -> range:
    """The earlier school years whose graduates the demo holds: every earlier year of the terms,
    and last year even when the terms hold this year only, so that there are always some."""
    first = min(world.school_years()[0], world.this_year - 1)
    return range(first, world.this_year)


def add_classes(world: DemoWorld) -> None:
    """Class rows with their head teachers, and every year's lesson teachers.

    This year's classes take the head teachers in order. A head teacher follows the class up the
    grades and, once it has graduated, takes a new class of the entry grade: the head teacher of
    a class of another year is the one who has, this year, the class that many years further on.
    """
    head_teachers = world.staff_with("head_teacher")
    current_classes = world.classes_of_year(world.this_year)
    by_place: dict[tuple[int, int], Staffer] = {}
    for demo_class, teacher in zip(current_classes, head_teachers, strict=True):
        by_place[demo_class.grade, demo_class.number] = teacher
        teacher.campus_id = demo_class.campus_id
    for demo_class in world.classes:
        first = entry_grade(world.stage, demo_class.grade)
        span = top_grade(world.stage, demo_class.grade) - first + 1
        grade_now = (
            first + (demo_class.grade - first + world.this_year - demo_class.school_year) % span
        )
        demo_class.head_teacher_id = by_place[grade_now, demo_class.number].id
        world.rows.add(
            "class",
            demo_class.school_year,
            demo_class.code,
            demo_class.grade,
            demo_class.name,
            demo_class.head_teacher_id,
            demo_class.campus_id,
            int(demo_class.graduating),
        )
    # The head teacher's campus is known only now; staff rows are rewritten in place.
    staff_rows = world.rows.rows("staff")
    for teacher in head_teachers:
        row = staff_rows[teacher.id - 1]
        staff_rows[teacher.id - 1] = (*row[:5], teacher.campus_id)
    for school_year in world.year_classes:
        _assign_lesson_teachers(world, world.classes_of_year(school_year))


def _assign_lesson_teachers(world: DemoWorld, year_classes: list[DemoClass]) -> None:
    """Full-time psych teachers take up to 12 classes each, part-time teachers the rest."""
    for campus_id in dict.fromkeys(c.campus_id for c in year_classes):
        classes = [c for c in year_classes if c.campus_id == campus_id]
        fulltime = [s for s in world.fulltime_psych if s.campus_id == campus_id]
        parttime = [s for s in world.staff_with("parttime_psych") if s.campus_id == campus_id]
        parttime = parttime or world.staff_with("parttime_psych") or world.fulltime_psych
        capacity = LESSON_CLASSES_PER_FULLTIME_TEACHER * len(fulltime)
        for index, demo_class in enumerate(classes):
            if index < capacity:
                teacher = fulltime[index % len(fulltime)]
            else:
                teacher = parttime[(index - capacity) % len(parttime)]
            demo_class.lesson_teacher_id = teacher.id
            demo_class.lesson_weekday = index % 5


# -- students ------------------------------------------------------------------------------------


def add_students(world: DemoWorld, names: NameMaker, students: int) -> None:
    """This year's students class by class, then the leavers of each earlier year."""
    current_classes = world.classes_of_year(world.this_year)
    sizes = _class_sizes(students, len(current_classes))
    for demo_class, size in zip(current_classes, sizes, strict=True):
        _add_cohort(world, names, demo_class, size)
    for school_year in leaver_years(world):
        for demo_class in world.classes_of_year(school_year):
            if demo_class.graduating:
                _add_cohort(world, names, demo_class, CLASS_SIZE - world.rng.randrange(6))
    _give_rare_characters(world)
    _transfer_some_out(world)


def _class_sizes(students: int, classes: int) -> list[int]:
    base, extra = divmod(students, classes)
    return [base + (1 if i < extra else 0) for i in range(classes)]


def _add_cohort(world: DemoWorld, names: NameMaker, last_class: DemoClass, size: int) -> None:
    """The students of a class, with their class in every earlier school year of the demo.

    ``last_class`` is the class of the cohort's last year here: this year's, or the top grade's
    class it graduated from.
    """
    first_grade = entry_grade(world.stage, last_class.grade)
    entered = last_class.school_year - (last_class.grade - first_grade)
    history = {
        c.school_year: c
        for c in world.classes
        if c.number == last_class.number
        and first_grade <= c.grade <= last_class.grade
        and c.school_year - c.grade == entered - first_grade
    }
    joined_on = autumn_term_days(entered)[0]
    graduated = last_class.school_year < world.this_year
    left_on = spring_term_days(last_class.school_year)[1] if graduated else None
    for seat in range(1, size + 1):
        sex = "M" if world.rng.random() < 0.52 else "F"
        surname = names.surname()
        father = world.rng.random() < 0.6
        world.students.append(
            DemoStudent(
                id=len(world.students) + 1,
                student_no=f"{entered}{first_grade:02d}{last_class.number:02d}{seat:02d}",
                name=names.child(sex, surname),
                sex=sex,
                first_grade=first_grade,
                joined_on=joined_on,
                classes=dict(history),
                status="graduated" if graduated else "enrolled",
                left_on=left_on,
                guardian=names.adult("M" if father else "F", surname if father else None),
                guardian_is_father=father,
            )
        )


def _give_rare_characters(world: DemoWorld) -> None:
    """Make sure every rare character appears in at least one enrolled student's name."""
    enrolled = [s for s in world.students if s.status == "enrolled"]
    step = max(1, len(enrolled) // (len(RARE_CHARACTERS) + 1))
    position = step // 2
    for character, usual_sex in RARE_CHARACTERS:
        while position < len(enrolled) - 1 and usual_sex not in ("", enrolled[position].sex):
            position += 1
        student = enrolled[min(position, len(enrolled) - 1)]
        student.name = with_rare_character(student.name, character)
        position += step


def _transfer_some_out(world: DemoWorld) -> None:
    """A few students transferred out on a school day; they have no class after that year."""
    days = [d for d in world.all_past_days() if d < world.today]
    if not days:
        return
    enrolled = [s for s in world.students if s.status == "enrolled"]
    for student in world.rng.sample(enrolled, max(1, round(len(enrolled) * TRANSFER_SHARE))):
        left_on = world.pick(days)
        if left_on > student.joined_on:
            student.status, student.left_on = "transferred", left_on
            last_year = world.year_of(left_on)
            student.classes = {y: c for y, c in student.classes.items() if y <= last_year}


def write_students(world: DemoWorld, names: NameMaker) -> None:
    """Students are written last among the people: monitors may have changed their status."""
    for s in world.students:
        birth = _birth_date(world, s)
        world.rows.add(
            "student",
            s.student_no,
            s.name,
            s.sex,
            s.latest_class.id,
            birth.isoformat(),
            s.status,
            s.joined_on.isoformat(),
            s.left_on.isoformat() if s.left_on else None,
            s.guardian,
            names.phone(),
            search_keys(s.name),
        )
    for s in world.students:
        for school_year, demo_class in s.classes.items():
            world.rows.add("enrolment", s.id, school_year, demo_class.id)


def _birth_date(world: DemoWorld, student: DemoStudent) -> dt.date:
    """Six years old on 1 September of the year the student started grade 1."""
    grade_one_year = student.joined_on.year - (student.first_grade - 1)
    earliest = dt.date(grade_one_year - 7, 9, 1)
    return earliest + dt.timedelta(days=world.rng.randrange(365))
