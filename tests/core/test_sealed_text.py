"""Confidential notes are sealed under a key only counsellors and the recovery key hold: a 管理员
who opens the database with its own password outside the program reads no note."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import AuthenticationFailed, DamagedData, NotPermitted
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.catalog import SEALED_COLUMNS
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import RecordService
from counselor_app.school import sealing
from counselor_app.school.accounts import add_account, reset_password_with_recovery_key
from counselor_app.school.core import ADMIN, COUNSELLOR, create_school, unlock
from counselor_app.school.sealing import (
    COUNSELLORS_LACK_KEY,
    RECOVERY_LACKS_KEY,
    confidential_key_notices,
    confirm_recovery_key,
    replace_recovery_key,
)
from counselor_app.storage.database import Database
from counselor_app.storage.keys import KeyFile
from tests.conftest import NOW

NOTE = "学生说起父母离异后夜里睡不着"
PASSWORD = "first-password-1"
ADMIN_PASSWORD = "admin-password-2"
FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema1"


def add_student_and_session(school) -> int:
    service = RecordService(school)
    service.create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-23"},
    )
    teacher = service.create(
        "staff",
        {"staff_no": "T001", "name": "李心怡", "roles": "专职心理教师", "qualification": "B"},
    )
    klass = service.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    student = service.create(
        "student",
        {"student_no": "20250001", "name": "陈喆", "sex": "男", "class_id": klass.record_id},
    )
    return service.create(
        "session",
        {
            "date": "2025-10-09",
            "start_time": "14:00",
            "minutes": 50,
            "kind": "个体",
            "students": [student.record_id],
            "counsellor_id": teacher.record_id,
            "summary": NOTE,
        },
    ).record_id


def raw_summary(paths: SchoolPaths, user: str, password: str) -> str:
    """What someone with this account's password reads with SQLCipher, outside the program."""
    keys = KeyFile.load(paths.key_file).unlock(user, password)
    db = Database.open(paths.database, keys.data_key, read_only=True)
    try:
        return str(db.scalar("SELECT summary FROM counselling_session"))
    finally:
        db.close()


@pytest.fixture
def school_with_admin(tmp_path, clock):
    paths = SchoolPaths(tmp_path / "school")
    school = create_school(
        paths, school_name="实验中学", user_name="王老师", password=PASSWORD, clock=clock
    ).school
    session_id = add_student_and_session(school)
    add_account(school, "赵主任", ADMIN, ADMIN_PASSWORD)
    yield school, session_id
    school.close()


def test_a_note_is_stored_sealed_and_read_back_by_the_counsellor(school_with_admin):
    school, session_id = school_with_admin
    assert RecordService(school).get("session", session_id)["summary"] == NOTE
    stored = raw_summary(school.paths, "王老师", PASSWORD)
    assert stored.startswith("sealed:v1:") and NOTE not in stored


def test_an_admins_password_opens_the_database_but_no_note(school_with_admin):
    school, _ = school_with_admin
    admin_keys = KeyFile.load(school.paths.key_file).unlock("赵主任", ADMIN_PASSWORD)
    assert admin_keys.confidential_key is None
    assert NOTE not in raw_summary(school.paths, "赵主任", ADMIN_PASSWORD)
    with unlock(school.paths, "赵主任", ADMIN_PASSWORD, clock=fixed_clock(NOW)) as admin:
        assert admin.may_read_confidential is False
        with pytest.raises(NotPermitted):
            admin.open_text(
                "counselling_session.summary", raw_summary(school.paths, "王老师", PASSWORD)
            )


def test_a_deleted_session_stays_sealed_in_the_recycle_bin(school_with_admin):
    school, session_id = school_with_admin
    service = RecordService(school)
    service.delete("session", session_id)
    rows = school.db.scalar("SELECT rows FROM recycle_bin")
    assert NOTE not in rows and "sealed:v1:" in rows
    RecycleBin(school).undo_last_delete()
    assert service.get("session", session_id)["summary"] == NOTE


def test_a_changed_sealed_value_is_reported_as_damage(school_with_admin):
    school, session_id = school_with_admin
    stored = school.db.scalar("SELECT summary FROM counselling_session")
    flipped = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
    with school.db.transaction():
        school.db.execute("UPDATE counselling_session SET summary = ?", (flipped,))
    with pytest.raises(DamagedData) as caught:
        RecordService(school).get("session", session_id)
    assert "counselling_session.summary" in str(caught.value)


def test_a_sealed_value_moved_to_another_column_does_not_open(school_with_admin):
    school, _ = school_with_admin
    stored = school.db.scalar("SELECT summary FROM counselling_session")
    with pytest.raises(DamagedData):
        school.open_text("counselling_session.follow_up", stored)


def test_an_admin_adds_a_counsellor_only_with_the_recovery_key(tmp_path, clock):
    paths = SchoolPaths(tmp_path / "school")
    created = create_school(
        paths, school_name="实验中学", user_name="王老师", password=PASSWORD, clock=clock
    )
    school = created.school
    add_student_and_session(school)
    add_account(school, "赵主任", ADMIN, ADMIN_PASSWORD)
    school.close()
    with unlock(paths, "赵主任", ADMIN_PASSWORD, clock=clock) as admin:
        with pytest.raises(NotPermitted) as refused:
            add_account(admin, "李老师", COUNSELLOR, "third-password-3")
        assert "恢复密钥" in str(refused.value)
        assert "李老师" not in KeyFile.load(paths.key_file).user_names
        add_account(
            admin, "李老师", COUNSELLOR, "third-password-3", recovery_key=created.recovery_key
        )
    with unlock(paths, "李老师", "third-password-3", clock=clock) as new_counsellor:
        assert RecordService(new_counsellor).find("session")[0]["summary"] == NOTE


def test_a_counsellors_password_reset_with_the_recovery_key_keeps_the_notes(tmp_path, clock):
    paths = SchoolPaths(tmp_path / "school")
    created = create_school(
        paths, school_name="实验中学", user_name="王老师", password=PASSWORD, clock=clock
    )
    add_student_and_session(created.school)
    created.school.close()
    reset_password_with_recovery_key(
        paths, "王老师", created.recovery_key, "a-new-password-9", clock=clock
    )
    with unlock(paths, "王老师", "a-new-password-9", clock=clock) as school:
        assert RecordService(school).find("session")[0]["summary"] == NOTE


# -- a school from before sealing ------------------------------------------------------------------
@pytest.fixture
def old_school(tmp_path) -> SchoolPaths:
    shutil.copytree(FIXTURE, tmp_path / "old")
    return SchoolPaths(tmp_path / "old")


def test_unlocking_an_old_school_seals_every_column_the_catalogue_seals():
    """The one-time conversion keeps its own list of columns (see COLUMNS_TO_SEAL); a column the
    catalogue seals and the conversion misses would stay plain in every upgraded school."""
    assert sealing.COLUMNS_TO_SEAL == SEALED_COLUMNS


def test_the_first_counsellor_unlock_seals_an_old_schools_notes(old_school, clock):
    with unlock(old_school, "王老师", "fixture-password", clock=clock) as school:
        stored = school.db.scalar("SELECT summary FROM counselling_session")
        assert stored.startswith("sealed:v1:")
        assert RecordService(school).find("session")[0]["summary"] == "旧版记录的摘要"
        key_file = KeyFile.load(old_school.key_file)
        assert key_file.user_holds_confidential_key("王老师")
        # Kept under the data key until the recovery key holds it too, and said so.
        assert key_file.pending_confidential is not None
        assert RECOVERY_LACKS_KEY in confidential_key_notices(school)
    # A second unlock neither makes another key nor seals twice.
    with unlock(old_school, "王老师", "fixture-password", clock=clock) as again:
        assert RecordService(again).find("session")[0]["summary"] == "旧版记录的摘要"


def test_a_second_counsellor_of_an_old_school_gets_the_key_at_their_unlock(old_school, clock):
    with unlock(old_school, "王老师", "fixture-password", clock=clock) as school:
        add_account(school, "李老师", COUNSELLOR, "third-password-3")
    # Made by a counsellor holding the key: the new account holds it from the start.
    assert KeyFile.load(old_school.key_file).user_holds_confidential_key("李老师")
    with unlock(old_school, "李老师", "third-password-3", clock=clock) as second:
        assert RecordService(second).find("session")[0]["summary"] == "旧版记录的摘要"


def test_an_old_schools_other_counsellor_is_named_until_they_sign_in(old_school, clock):
    # Before sealing existed the second counsellor's wrap held the data key alone.
    from counselor_app.storage.keys import SchoolKeys

    first = KeyFile.load(old_school.key_file)
    data_key = first.unlock("王老师", "fixture-password").data_key
    first.with_user("李老师", "third-password-3", SchoolKeys(data_key)).save(old_school.key_file)
    with unlock(old_school, "王老师", "fixture-password", clock=clock) as school:
        with school.db.transaction():
            school.db.execute(
                "INSERT INTO app_user (name, role, created_at) VALUES ('李老师', 'counsellor', ?)",
                (NOW.isoformat(),),
            )
        notices = [notice.render() for notice in confidential_key_notices(school)]
        assert COUNSELLORS_LACK_KEY(users="李老师").render() in notices
    with unlock(old_school, "李老师", "third-password-3", clock=clock) as second:
        assert RecordService(second).find("session")[0]["summary"] == "旧版记录的摘要"
        assert KeyFile.load(old_school.key_file).user_holds_confidential_key("李老师")


def test_a_new_recovery_key_ends_the_pending_copy(old_school, clock):
    with unlock(old_school, "王老师", "fixture-password", clock=clock) as school:
        recovery_key = replace_recovery_key(school)
        assert confidential_key_notices(school) == []
    key_file = KeyFile.load(old_school.key_file)
    assert key_file.pending_confidential is None  # now the data key alone opens no note
    assert key_file.unlock_with_recovery_key(recovery_key).confidential_key is not None


def test_confirming_the_printed_recovery_key(tmp_path, clock):
    # A school whose recovery key was printed before sealing existed: made by removing the
    # confidential key from the recovery wrap of a new school.
    paths = SchoolPaths(tmp_path / "school")
    created = create_school(
        paths, school_name="实验中学", user_name="王老师", password=PASSWORD, clock=clock
    )
    school = created.school
    keys = school.keys
    key_file = KeyFile.load(paths.key_file)
    key_file.with_recovery_key(
        created.recovery_key, keys.without_confidential()
    ).with_pending_confidential(keys).save(paths.key_file)
    assert RECOVERY_LACKS_KEY in confidential_key_notices(school)
    with pytest.raises(AuthenticationFailed):
        confirm_recovery_key(school, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    assert KeyFile.load(paths.key_file).pending_confidential is not None  # nothing changed
    confirm_recovery_key(school, created.recovery_key)
    key_file = KeyFile.load(paths.key_file)
    assert key_file.recovery_holds_confidential_key
    assert key_file.pending_confidential is None
    assert confidential_key_notices(school) == []
    school.close()


def test_an_admin_may_not_replace_the_recovery_key(school_with_admin, clock):
    school, _ = school_with_admin
    with unlock(school.paths, "赵主任", ADMIN_PASSWORD, clock=clock) as admin:
        before = school.paths.key_file.read_bytes()
        with pytest.raises(NotPermitted):
            replace_recovery_key(admin)
        assert (
            KeyFile.load(school.paths.key_file).wraps
            == KeyFile.from_bytes(before, school.paths.key_file).wraps
        )
