"""Every core write answers with what it changed: the record, the types, or everything."""

from __future__ import annotations

from counselor_app.foundation.change import EVERYTHING, NOTHING, Change, Changes, changes_in
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import RecordService
from counselor_app.rollover.core import RolloverResult
from counselor_app.rollover.undo import UndoResult
from counselor_app.school.core import School
from counselor_app.workbook.counts import ImportReport


def test_a_record_write_is_the_change_of_that_record(school: School) -> None:
    service = RecordService(school)
    created = service.create("campus", {"name": "东校区"})
    assert changes_in(created) == Changes(records=(created,))
    assert changes_in(created).record_types == frozenset({"campus"})  # type: ignore[union-attr]
    updated = service.update("campus", created.record_id, {"name": "东区"})
    deleted = service.delete("campus", created.record_id)
    restored = RecycleBin(school).undo_last_delete()
    assert [c.action for c in (created, updated, deleted)] == ["created", "updated", "deleted"]
    assert restored == Change("campus", created.record_id, "restored")
    assert changes_in(restored) == Changes(records=(restored,))


def test_work_that_may_touch_anything_says_everything() -> None:
    # Read from the classes, not from a made-up instance: the answer does not depend on counts.
    for result_type in (ImportReport, RolloverResult, UndoResult):
        assert result_type.changes.fget(None) == EVERYTHING  # type: ignore[attr-defined]


def test_changes_combine_and_nothing_is_false() -> None:
    one, two = Change("student", 1, "updated"), Change("class", 2, "created")
    assert (Changes(records=(one,)) | Changes(records=(two,))).records == (one, two)
    assert Changes(records=(one,)) | EVERYTHING == EVERYTHING
    assert not NOTHING and Changes.of_types("staff") and EVERYTHING
    assert changes_in(42) is None and changes_in(None) is None
