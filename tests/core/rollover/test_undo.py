"""Undoing the latest roll-over: every row back as it was, and refused, saying why, once the new
year has a record of its own (the rule in counselor_app.rollover.undo)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import InvalidInput
from counselor_app.records.service import RecordService
from counselor_app.rollover.core import apply_rollover, preview_rollover
from counselor_app.rollover.record import rollover_history
from counselor_app.rollover.undo import UNDO_AUDIT_ACTION, undo_rollover, undo_status
from counselor_app.school.core import ADMIN, User
from counselor_app.years.school_years import ROLLOVERS_SETTING, classes_of_year, current_school_year
from tests.conftest import CHINA
from tests.core.rollover.conftest import AUTUMN_2026, Y2025, Y2026, table_contents

REFUSED = (
    "2025—2026学年到2026—2027学年的升级不能再撤销：{reasons}。"
    "撤销只能在新学年写入第一条记录之前进行。"
)


def roll_over(school) -> None:
    apply_rollover(school, preview_rollover(school, Y2025))


def into_september(school, records) -> None:
    """The new year's first term is entered and has begun: it is 3 September 2026."""
    records.create(
        "term", {"name": AUTUMN_2026, "first_day": "2026-09-01", "last_day": "2027-01-22"}
    )
    school.clock = fixed_clock(dt.datetime(2026, 9, 3, 16, 0, tzinfo=CHINA))


def session_on(make, ids, day: str) -> int:
    return make(
        "session",
        date=day,
        start_time="10:00",
        minutes=30,
        kind="individual",
        students=[ids["A1"]],
        counsellor_id=ids["T05"],
    )


def test_undoing_puts_every_row_back_as_it_was(school, junior, make, records):
    ids = junior
    # Something of everything the roll-over touches or leaves alone: a student already placed in
    # the new year, a class the new year already has, a September appointment booked in June.
    repeat = make("class", school_year=2026, class_code="0701", grade=7, name="七年级1班")
    records.update("student", ids["A2"], {"class_id": repeat})
    school.db.execute(
        "INSERT INTO appointment (date, start_time, channel, student_id)"
        " VALUES ('2026-09-02', '09:00', 'phone', ?)",
        (ids["B1"],),
    )
    before = table_contents(school)

    roll_over(school)
    assert table_contents(school) != before
    status = undo_status(school)
    assert status is not None and status.allowed
    assert (status.from_year, status.to_year, status.by) == (Y2025, Y2026, "王老师")

    result = undo_rollover(school)

    assert table_contents(school) == before
    assert (result.classes_removed, result.students_moved_back, result.graduations_undone) == (
        3,
        3,
        2,
    )
    assert current_school_year(school.db, school.today()) == Y2025
    assert [c.class_code for c in classes_of_year(school.db, Y2026)] == ["0701"]
    assert undo_status(school) is None
    # The year can be rolled over again, and that undone again.
    roll_over(school)
    undo_rollover(school)
    assert table_contents(school) == before


def test_undoing_is_audited_with_counts_and_no_names(school, junior):
    roll_over(school)
    undo_rollover(school)
    entries = school.db.query("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 2")
    assert [e["action"] for e in entries] == [UNDO_AUDIT_ACTION, "school_year_rollover"]
    assert json.loads(entries[0]["detail"]) == {
        "from_year": 2025,
        "to_year": 2026,
        "classes_removed": 3,
        "students_moved_back": 4,
        "graduations_undone": 2,
    }
    written = " ".join(e["detail"] for e in entries)
    assert not any(word in written for word in ("学生", "七年级", "0701", "A1", "老师"))
    assert school.audit.verify().intact


def test_nothing_to_undo_is_said_plainly(school, junior):
    assert undo_status(school) is None
    with pytest.raises(InvalidInput) as refused:
        undo_rollover(school)
    assert str(refused.value) == "没有可以撤销的学年升级。"


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ("activity", "活动，2026-09-03"),
        ("session", "辅导记录，2026-09-03"),
    ],
)
def test_a_record_of_the_new_year_ends_the_undo(school, junior, make, records, record, words):
    roll_over(school)
    into_september(school, records)
    if record == "activity":
        make("activity", date="2026-09-03", type="other", title="开学第一课")
    else:
        session_on(make, junior, "2026-09-03")
    before = table_contents(school)

    status = undo_status(school)
    reason = REFUSED.format(reasons=f"升级之后录入了2026—2027学年的记录（{words}）")
    assert status is not None and not status.allowed
    assert str(status.refusal) == reason
    with pytest.raises(InvalidInput) as refused:
        undo_rollover(school)
    assert str(refused.value) == reason
    assert table_contents(school) == before


def test_the_refusal_reads_in_english(school, junior, make, records):
    roll_over(school)
    into_september(school, records)
    make("activity", date="2026-09-03", type="other", title="开学第一课")
    status = undo_status(school)
    assert status is not None and status.refusal is not None
    assert status.refusal.render("en") == (
        "The roll-over from 2025—2026学年 to 2026—2027学年 can no longer be undone: a record of "
        "2026—2027学年 was written after the roll-over (activity, 2026-09-03). It can be undone "
        "only until the first record of the new year is written."
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("student", "学生名册"),
        ("class", "班级"),
        ("placement", "学生名册、学年分班"),
    ],
)
def test_a_change_to_the_roster_ends_the_undo(school, junior, records, change, words):
    ids = junior
    roll_over(school)
    new = {c.class_code: c.id for c in classes_of_year(school.db, Y2026)}
    if change == "student":
        records.update("student", ids["A1"], {"guardian_phone": "13800000000"})
    elif change == "class":
        records.update("class", new["0801"], {"head_teacher_id": ids["T04"]})
    else:  # a reshuffle: A1 into the other grade-8 class
        records.update("student", ids["A1"], {"class_id": new["0802"]})

    status = undo_status(school)
    assert status is not None
    assert str(status.refusal) == REFUSED.format(reasons=f"升级之后{words}有了改动")


def test_a_record_naming_a_new_class_ends_the_undo(school, junior):
    roll_over(school)
    new = classes_of_year(school.db, Y2026)[0].id
    teacher = school.db.scalar("SELECT id FROM staff WHERE staff_no = 'T05'")
    school.db.execute(
        "INSERT INTO psych_lesson (date, class_id, teacher_id, periods)"
        " VALUES ('2026-06-30', ?, ?, 1)",
        (new, teacher),
    )
    status = undo_status(school)
    assert status is not None
    assert str(status.refusal) == REFUSED.format(reasons="升级新建的班级已被记录引用（心理课）")


def test_records_of_the_old_year_and_new_terms_do_not_end_the_undo(school, junior, make, records):
    roll_over(school)
    # June's sessions typed in July, and the new year's terms entered for September.
    session = session_on(make, junior, "2026-06-30")
    records.create(
        "term", {"name": AUTUMN_2026, "first_day": "2026-09-01", "last_day": "2027-01-22"}
    )
    assert undo_status(school).allowed
    undo_rollover(school)
    assert RecordService(school).get("session", session)["date"] == "2026-06-30"


def test_an_early_autumn_term_brings_the_new_year_forward(school, junior, records):
    roll_over(school)
    # Written after the roll-over, dated before 1 September: still 2025—2026 …
    school.db.execute(
        "INSERT INTO activity (date, type, title) VALUES ('2026-08-27', 'other', '新生入学教育')"
    )
    assert undo_status(school).allowed
    # … until the new year's first term is found to start on 25 August.
    records.create(
        "term", {"name": AUTUMN_2026, "first_day": "2026-08-25", "last_day": "2027-01-22"}
    )
    assert "（活动，2026-08-27）" in str(undo_status(school).refusal)


def test_an_administrator_may_undo(school, junior):
    roll_over(school)
    school.user = User("赵主任", ADMIN)
    assert undo_rollover(school).classes_removed == 3


def test_an_earlier_roll_over_stays_on_record_and_only_the_latest_is_undone(school, junior):
    earlier = [
        {"from_year": 2024, "to_year": 2025, "at": "2025-07-08T10:00:00+08:00", "by": "王老师"}
    ]
    school.db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)",
        (ROLLOVERS_SETTING, json.dumps(earlier, ensure_ascii=False)),
    )
    before = table_contents(school)

    roll_over(school)
    assert [(e["from_year"], "undo" in e) for e in rollover_history(school.db)] == [
        (2024, False),
        (2025, True),
    ]
    undo_rollover(school)

    assert table_contents(school) == before
    assert undo_status(school) is None  # the earlier one kept nothing to undo it with
