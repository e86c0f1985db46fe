"""The shared base of the thin table models: columns declared once, rows replaced whole."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from counselor_app.selfcheck.result import Evidence
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.selfcheck.evidence_model import EvidenceTableModel


@dataclass(frozen=True)
class Pupil:
    name: str
    score: int | None


class PupilModel(RowTableModel[Pupil]):
    NAME, SCORE = range(2)
    ROW_ROLE = Qt.ItemDataRole.UserRole

    def columns(self) -> tuple[Column[Pupil], ...]:
        return (
            Column(lambda: "name", lambda p: p.name, tooltip=lambda p: f"about {p.name}"),
            Column(
                lambda: "score",
                lambda p: "—" if p.score is None else str(p.score),
                foreground=lambda p: QColor("red") if p.score is None else None,
                alignment=Qt.AlignmentFlag.AlignRight,
                sort_key=lambda p: -1 if p.score is None else p.score,
            ),
        )


def test_columns_say_what_each_role_shows(qtmodeltester) -> None:
    model = PupilModel()
    qtmodeltester.check(model)
    rows = [Pupil("Ann", 9), Pupil("Bo", None)]
    model.set_rows(rows)
    qtmodeltester.check(model)

    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.headerData(PupilModel.SCORE, Qt.Orientation.Horizontal) == "score"
    assert model.headerData(2, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    bo = model.index(1, PupilModel.SCORE)
    assert model.data(bo) == "—"
    assert model.data(bo, Qt.ItemDataRole.ForegroundRole) == QColor("red")
    assert model.data(bo, Qt.ItemDataRole.TextAlignmentRole) == Qt.AlignmentFlag.AlignRight
    assert model.data(bo, PupilModel.SORT_ROLE) == -1
    assert model.data(model.index(0, PupilModel.NAME), PupilModel.SORT_ROLE) is None
    assert model.data(model.index(0, PupilModel.NAME), Qt.ItemDataRole.ToolTipRole) == "about Ann"
    assert model.data(bo, PupilModel.ROW_ROLE) is rows[1]
    assert model.row_at(0) is rows[0]


def test_evidence_model_passes_qt_checks(qtmodeltester) -> None:
    model = EvidenceTableModel()
    qtmodeltester.check(model)
    evidence = [Evidence("class", "0701", "七年级1班", "9 课时"), Evidence("document", "x", "预案")]
    model.set_rows(evidence)
    qtmodeltester.check(model)
    assert model.evidence_at(1) is evidence[1]
    assert model.data(model.index(0, model.LABEL)) == "七年级1班"
    assert model.data(model.index(0, 0), model.EVIDENCE_ROLE) is evidence[0]
