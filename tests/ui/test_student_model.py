"""The student table model, without a window: Qt's model checks and what each column shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from counselor_app.foundation.i18n import set_language
from counselor_app.ui.student_model import StudentTableModel


@dataclass(frozen=True)
class Hit:
    id: int
    student_no: str
    name: str
    class_code: str
    class_name: str
    status: str


ROWS = [
    Hit(1, "2025010101", "张三", "J2501", "初一(1)班", "enrolled"),
    Hit(2, "2023010201", "陈祎", "J2302", "", "graduated"),
]


def test_passes_qt_model_checks(qtmodeltester) -> None:
    model = StudentTableModel()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_columns_show_the_student() -> None:
    model = StudentTableModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 2
    assert model.columnCount() == StudentTableModel.COLUMN_COUNT

    def shown(row: int, column: int) -> object:
        return model.data(model.index(row, column))

    assert shown(0, StudentTableModel.STUDENT_NO) == "2025010101"
    assert shown(0, StudentTableModel.NAME) == "张三"
    assert shown(0, StudentTableModel.CLASS) == "初一(1)班"
    assert shown(1, StudentTableModel.CLASS) == "J2302"  # no class name: the code, not a blank
    assert shown(0, StudentTableModel.STATUS) == "在读"
    assert shown(1, StudentTableModel.STATUS) == "毕业"
    assert model.data(model.index(1, 0), StudentTableModel.ROW_ROLE) is ROWS[1]
    assert model.headerData(StudentTableModel.NAME, Qt.Orientation.Horizontal) == "姓名"


def test_status_follows_the_core_language() -> None:
    model = StudentTableModel()
    model.set_rows(ROWS)
    set_language("en")
    assert model.data(model.index(0, StudentTableModel.STATUS)) == "Enrolled"
