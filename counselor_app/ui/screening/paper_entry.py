"""纸质答卷录入: a class's paper answer sheets typed in by keyboard alone, then saved in one go.

The counsellor picks the day, the class (of the school year that holds the day) and the scale,
then types each sheet into the grid (:mod:`counselor_app.ui.screening.paper_grid`), students in
roster order (:mod:`counselor_app.screening.class_roster`: by 学号, the order of the class list).
Under the grid a running check says how many sheets are complete, absent and still to do; each
row shows answered/expected and the sum of its digits, to compare with the sheet.

保存 checks every row that is not absent (:meth:`Scale.problems`) and puts the cursor on the first
incomplete one; then consent is checked and the students without it are named: the counsellor
gives an exception's reason or leaves them out; then everything is saved through
``save_screenings(way="paper")`` on the worker, all or nothing.

Locking keeps what was typed (``pending_input``) and brings the dialog back after unlocking with
the same class, scale and day, and the answers put back once the class list has been read again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.school.core import School
from counselor_app.screening.answers import SavedScreenings, ScaleAnswers, save_screenings
from counselor_app.screening.class_roster import RosterStudent, classes_on, roster_on
from counselor_app.screening.consent import without_screening_consent
from counselor_app.screening.scales import Scale
from counselor_app.ui.questions import ask, inform
from counselor_app.ui.records.editors import DateEdit
from counselor_app.ui.screening.consent_prompt import ConsentPrompt, ask_consent_exception
from counselor_app.ui.screening.paper_grid import PaperGrid
from counselor_app.ui.screening.paper_model import FIRST_ITEM, PaperAnswersModel
from counselor_app.ui.screening.scale_choice import LoadScales, ScaleCombo
from counselor_app.ui.tasks import TaskRunner
from counselor_app.years.school_years import SchoolClass


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


def single_digit_answers(scale: Scale) -> bool:
    """Whether every answer of the scale is typed with one digit key."""
    return all(0 <= value <= 9 for item in scale.items for value in item.values)


class PaperEntryDialog(QDialog):
    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        prompt: ConsentPrompt = ask_consent_exception,
        load_scales: LoadScales | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._prompt = prompt
        self._classes: list[SchoolClass] = []
        self._restore: dict[str, Any] | None = None  # kept input waiting for the class list
        self._saving = False
        self.setWindowTitle(self.tr("纸质答卷录入"))

        today = school.today()
        self.date = DateEdit(False, QDate(today.year, today.month, today.day))
        self.class_box = QComboBox()
        self.class_box.setMinimumWidth(160)
        self.scales = ScaleCombo(runner, school.paths, load=load_scales)
        self.scales.failed.connect(self._show_problem)
        self.scales.loaded.connect(self._choices_ready)
        self.begin_button = QPushButton(self.tr("开始录入"))
        self.begin_button.clicked.connect(self.begin)
        self.date.dateChanged.connect(self._load_classes)
        choices = QHBoxLayout()
        for label, widget in (
            (self.tr("日期"), self.date),
            (self.tr("班级"), self.class_box),
            (self.tr("量表"), self.scales),
        ):
            choices.addWidget(QLabel(label))
            choices.addWidget(widget)
        choices.addWidget(self.begin_button)
        choices.addStretch(1)

        self.model = PaperAnswersModel(self)
        self.grid = PaperGrid(self.model)
        self.grid.refused.connect(self._refused)
        self.grid.accepted.connect(self._update_check)
        self.grid.reached_end.connect(self._reached_end)
        self.help_line = QLabel(
            self.tr(
                "数字键：录入并跳到下一题 · Backspace：退回上一题并清除 · 空格：留空（选答题）"
                " · -（减号）：标记或取消缺席 · 方向键：移动"
            )
        )
        self.help_line.setObjectName("mutedNote")
        self.help_line.setWordWrap(True)
        self.cue = QLabel()
        self.cue.setObjectName("fieldError")
        self.check = QLabel()
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.help_line)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.cue)
        layout.addWidget(self.problem)
        layout.addLayout(bottom)
        self.resize(1100, 680)
        self._load_classes()

    # -- choosing the sheets -------------------------------------------------------------------
    def _load_classes(self) -> None:
        db, day = self._school.db, _day(self.date.date())
        self._runner.run(classes_on, db, day, owner=self).on_success(self._show_classes)

    def _show_classes(self, classes: list[SchoolClass]) -> None:
        chosen = self.class_id
        self._classes = classes
        self.class_box.clear()
        for school_class in classes:
            self.class_box.addItem(f"{school_class.name}（{school_class.class_code}）")
        self.choose_class(chosen)
        self._choices_ready()

    @property
    def class_id(self) -> int | None:
        row = self.class_box.currentIndex()
        return self._classes[row].id if 0 <= row < len(self._classes) else None

    def choose_class(self, class_id: int | None) -> None:
        for row, school_class in enumerate(self._classes):
            if school_class.id == class_id:
                self.class_box.setCurrentIndex(row)

    def _choices_ready(self) -> None:
        if self._restore is not None and self._classes and self.scales.count():
            kept, self._restore = self._restore, None
            self.choose_class(kept.get("class_id"))
            self.scales.choose(str(kept.get("scale_id")))
            self.begin(kept)

    def begin(self, kept: dict[str, Any] | None = None) -> None:
        """Read the class list and lay out the grid (``kept``: answers to put back)."""
        scale, class_id = self.scales.scale, self.class_id
        if scale is None or class_id is None:
            self._show_problem(self.tr("请选择班级和量表。"))
            return
        if not single_digit_answers(scale):
            self._show_problem(
                self.tr("{scale} 有两位数的选项分值，不能逐键录入。").format(scale=scale.name)
            )
            return
        if (
            self._has_input()
            and not kept
            and not ask(
                self,
                self.tr("重新开始录入"),
                self.tr("已录入的答卷还没有保存，重新开始将清空。继续吗？"),
                yes=self.tr("清空并重新开始"),
                no=self.tr("取消"),
            )
        ):
            return
        db, day = self._school.db, _day(self.date.date())
        self._runner.run(roster_on, db, class_id, day, owner=self).on_success(
            lambda students: self._show_sheets(scale, students, kept)
        ).on_failure(lambda error: self._show_problem(str(error)))

    def _show_sheets(
        self, scale: Scale, students: list[RosterStudent], kept: dict[str, Any] | None
    ) -> None:
        if not students:
            self._show_problem(self.tr("这个班级在该日期没有学生。"))
            return
        self.problem.hide()
        self.model.set_sheets(scale, students)
        if kept and [s.id for s in students] == kept.get("student_ids"):
            for row, answers in enumerate(kept.get("answers") or []):
                self.model.answers[row] = [None if a is None else int(a) for a in answers]
            for row in kept.get("absent") or []:
                self.model.set_absent(int(row), True)
        self.save_button.setEnabled(True)
        self.grid.setFocus()
        self._update_check()

    # -- the running check ---------------------------------------------------------------------
    def _refused(self, row: int, item: int, digit: int) -> None:
        scale = self.model.scale
        assert scale is not None
        name = self.model.students[row].name
        if row in self.model.absent:
            self.cue.setText(
                self.tr("{name} 已标记缺席；按 - 取消缺席后再录入。").format(name=name)
            )
            return
        allowed = "、".join(str(v) for v in scale.items[item - 1].values)
        self.cue.setText(
            self.tr("{digit} 不是第 {item} 题的选项（可填：{allowed}），未录入。").format(
                digit=digit, item=item, allowed=allowed
            )
        )

    def _reached_end(self) -> None:
        self.cue.setText(self.tr("已到最后一名学生的最后一题。核对无误后请保存。"))

    def _update_check(self) -> None:
        self.cue.clear()
        complete, absent, to_do = self.model.counts()
        self.check.setText(
            self.tr(
                "共 {total} 人：已录完 {complete} 人，缺席 {absent} 人，未完成 {to_do} 人"
            ).format(total=len(self.model.students), complete=complete, absent=absent, to_do=to_do)
        )

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _has_input(self) -> bool:
        return any(self.model.answered(row) for row in range(self.model.rowCount())) or bool(
            self.model.absent
        )

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        scale = self.model.scale
        if scale is None or self._saving:
            return
        rows = [row for row in range(self.model.rowCount()) if row not in self.model.absent]
        problems = []
        for row in rows:
            found = scale.problems(self.model.answers[row])
            if found:
                student = self.model.students[row]
                problems.append((row, f"{row + 1}. {student.name}：{'；'.join(map(str, found))}"))
        if problems:
            shown = "\n".join(text for _, text in problems[:8])
            more = len(problems) - 8
            if more > 0:
                shown += "\n" + self.tr("……另有 {count} 名学生").format(count=more)
            self._show_problem(
                self.tr("以下答卷还不完整（或标记为缺席）：\n{problems}").format(problems=shown)
            )
            first = problems[0][0]
            missing = [n for n, a in enumerate(self.model.answers[first]) if a is None]
            self.grid.go_to(first, FIRST_ITEM + (missing[0] if missing else 0))
            self.grid.setFocus()
            return
        if not rows:
            self._show_problem(self.tr("没有要保存的答卷：每名学生都标记了缺席。"))
            return
        self.problem.hide()
        ids = [self.model.students[row].id for row in rows]
        day = _day(self.date.date())
        self._saving = True
        self.save_button.setEnabled(False)
        self._runner.run(without_screening_consent, self._school.db, ids, day, owner=self)\
            .on_success(lambda missing: self._consent_known(scale, day, rows, missing))\
            .on_failure(self._save_failed)  # fmt: skip

    def _consent_known(
        self, scale: Scale, day: dt.date, rows: list[int], missing: set[int]
    ) -> None:
        students = self.model.students
        reason = None
        if missing:
            names = [
                f"{students[row].name}（{students[row].student_no}）"
                for row in rows
                if students[row].id in missing
            ]
            decision = self._prompt(self, names, True)
            if decision is None:
                self._saving = False
                self.save_button.setEnabled(True)
                return
            if decision.leave_out:
                rows = [row for row in rows if students[row].id not in missing]
            reason = decision.reason
        if not rows:
            self._saving = False
            self.save_button.setEnabled(True)
            self._show_problem(self.tr("去掉没有知情同意的学生后，没有要保存的答卷。"))
            return
        entries = [
            ScaleAnswers(
                students[row].id,
                scale,
                day,
                tuple(self.model.answers[row]),
                reason if students[row].id in missing else None,
            )
            for row in rows
        ]
        self._runner.run(save_screenings, self._school, entries, "paper", owner=self).on_success(
            self._saved
        ).on_failure(self._save_failed)

    def _saved(self, saved: SavedScreenings) -> None:
        self._saving = False
        self.save_button.setEnabled(False)
        inform(
            self.parentWidget(),
            self.tr("纸质答卷录入"),
            self.tr("已保存 %n 名学生的答卷。", "", len(saved.ids)),
            wait=False,
        )
        self.done(QDialog.DialogCode.Accepted)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self._show_problem(str(error))

    # -- closing and locking ------------------------------------------------------------------
    def reject(self) -> None:
        if self._has_input() and not ask(
            self,
            self.tr("关闭纸质答卷录入"),
            self.tr("已录入的答卷还没有保存。关闭后这些录入将丢失。"),
            yes=self.tr("放弃并关闭"),
            no=self.tr("继续录入"),
        ):
            return
        super().reject()

    def pending_input(self) -> dict[str, Any]:
        scale = self.model.scale
        if scale is None or not self._has_input():
            return {}
        return {
            "date": _day(self.date.date()).isoformat(),
            "class_id": self.class_id,
            "scale_id": scale.id,
            "student_ids": [s.id for s in self.model.students],
            "answers": [list(a) for a in self.model.answers],
            "absent": sorted(self.model.absent),
        }

    def restore_input(self, state: dict[str, Any]) -> None:
        if not state.get("scale_id"):
            return
        day = dt.date.fromisoformat(state["date"])
        self._restore = dict(state)
        self.date.setDate(QDate(day.year, day.month, day.day))  # reads that day's classes
        self._choices_ready()

    @classmethod
    def reopen(
        cls, school: School, runner: TaskRunner, parent: QWidget, state: dict[str, Any]
    ) -> QDialog:
        dialog = cls(school, runner, parent)
        dialog.restore_input(state)
        return dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the grid must not press a default button and close the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
