"""The table of a record type: readable cells, sorting by value, search, and what a 管理员 sees."""

from __future__ import annotations

import dataclasses
import random

from PySide6.QtCore import Qt

from counselor_app.records.catalog import spec_for
from counselor_app.records.permissions import hidden_fields
from counselor_app.records.service import RecordService
from counselor_app.records.text import NameBook, load_names
from counselor_app.school.core import ADMIN, School
from counselor_app.ui.records.filter_proxy import RecordFilterProxy
from counselor_app.ui.records.table_model import RecordTableModel, in_date_range
from tests.ui.record_data import add_roster, session_values

SESSION = spec_for("session")


def session_model(school: School, *, hidden: frozenset[str] = frozenset()) -> RecordTableModel:
    model = RecordTableModel(SESSION, hidden=hidden)
    records = RecordService(school).find("session")
    model.set_rows(model.make_rows(records, load_names(school.db)))
    return model


def test_cells_read_as_words_and_names(qtmodeltester, school: School) -> None:
    roster = add_roster(school)
    records = RecordService(school)
    records.create("session", session_values(roster))
    records.create(
        "session",
        session_values(roster, date="2025-10-10", kind="group", students=[roster.li, roster.wang],
                       summary="第一行\n第二行", risk_level=None),
    )  # fmt: skip
    model = session_model(school)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.headerData(model.column_of("students"), Qt.Orientation.Horizontal) == "学生"
    newest = {f.name: model.index(0, c).data() for c, f in enumerate(model.fields)}
    assert newest["date"] == "2025-10-10"
    assert newest["students"] == "李玥（20250002）；王喆（20250003）"
    assert newest["counsellor_id"] == "李心怡"
    assert newest["kind"] == "团体" and newest["topic"] == "学业"
    assert newest["summary"] == "第一行 第二行"  # one line in a cell
    assert newest["risk_level"] == ""
    assert model.index(1, model.column_of("risk_level")).data() == "1 关注"


def test_a_manager_sees_that_notes_are_withheld(qtmodeltester, school: School) -> None:
    roster = add_roster(school)
    RecordService(school).create("session", session_values(roster))
    school.user = dataclasses.replace(school.user, role=ADMIN)
    model = session_model(school, hidden=hidden_fields(school, "session"))
    qtmodeltester.check(model)
    for name in ("summary", "follow_up", "risk_level"):
        assert model.index(0, model.column_of(name)).data() == "（无权查看）"
    assert model.index(0, model.column_of("students")).data() == "张三（20250001）"
    # Withheld text is not searchable (the marker is not the record's content).
    assert not model.matches(0, "无权", None, None)
    assert model.matches(0, "张三", None, None)


def synthetic_sessions(count: int) -> tuple[list[dict[str, object]], NameBook]:
    rng = random.Random(4)
    names = NameBook(
        students={i: f"学生{i:05d}（2025{i:05d}）" for i in range(1, 3001)},
        staff={1: "李心怡", 2: "周老师"},
    )
    records = []
    for ident in range(1, count + 1):
        records.append(
            {
                "id": ident,
                "date": f"2025-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}",
                "start_time": f"{rng.randint(8, 17):02d}:{rng.choice(('00', '30'))}",
                "minutes": rng.choice((20, 40, 50, 90, 120)),
                "kind": "individual",
                "students": [rng.randint(1, 3000)],
                "counsellor_id": rng.choice((1, 2)),
                "source": rng.choice(("walk_in", "appointment")),
                "topic": rng.choice(("study", "family", "emotion")),
                "summary": "【演示】" + "谈话" * rng.randint(1, 20),
                "follow_up": None,
                "risk_level": rng.choice((None, 0, 1, 2)),
                "entered_on": "2025-12-31",
            }
        )
    return records, names


def test_ten_thousand_sessions_build_sort_and_filter(qapp) -> None:
    records, names = synthetic_sessions(10_000)
    model = RecordTableModel(SESSION)
    model.set_rows(model.make_rows(records, names))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 10_000

    minutes = model.column_of("minutes")
    proxy.sort(minutes, Qt.SortOrder.AscendingOrder)
    shown = [int(proxy.index(row, minutes).data()) for row in range(proxy.rowCount())]
    assert shown == sorted(shown)  # as numbers: 120 after 90
    proxy.sort(minutes, Qt.SortOrder.DescendingOrder)
    assert int(proxy.index(0, minutes).data()) == 120

    risk = model.column_of("risk_level")
    proxy.sort(risk, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, risk).data() == "0 一般"
    assert proxy.index(proxy.rowCount() - 1, risk).data() == ""  # no value: last

    proxy.set_search("学生00042")
    assert 0 < proxy.rowCount() < 50
    assert all("学生00042" in proxy.index(r, model.column_of("students")).data()
               for r in range(proxy.rowCount()))  # fmt: skip
    proxy.set_search("")
    proxy.set_date_range("2025-10-01", "2025-10-31")
    dates = {proxy.index(r, 0).data()[:7] for r in range(proxy.rowCount())}
    assert dates == {"2025-10"}


def test_a_changed_record_keeps_its_sorted_place(qapp) -> None:
    records, names = synthetic_sessions(50)
    model = RecordTableModel(SESSION)
    model.set_rows(model.make_rows(records, names))
    date = model.column_of("date")
    model.sort(date, Qt.SortOrder.DescendingOrder)
    changed = {**records[0], "date": "2026-01-05"}
    row = model.upsert(model.make_rows([changed], names)[0])
    assert row == 0 and model.rowCount() == 50
    new = {**records[1], "id": 999, "date": "2025-01-01"}
    assert model.upsert(model.make_rows([new], names)[0]) == 50
    assert model.remove(999) and model.row_of(999) is None


def test_month_records_fall_in_a_day_range() -> None:
    assert in_date_range("2025-10", "2025-10-15", "2025-11-30")
    assert not in_date_range("2025-09", "2025-10-01", None)
    assert in_date_range("2025-10-01", None, "2025-10-01")
    assert not in_date_range(None, "2025-10-01", None)
    assert in_date_range(None, None, None)
