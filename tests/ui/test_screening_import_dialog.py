"""The import dialog of a platform's export: columns guessed and corrected, a mapping kept,
problems listed, consent exceptions confirmed with a reason, the import off the UI thread."""

from __future__ import annotations

from pathlib import Path

from counselor_app.school.core import School
from counselor_app.screening.mapping import saved_mappings
from counselor_app.ui.pages.screening import ScreeningPage
from counselor_app.ui.screening.import_dialog import ScreeningImportDialog
from counselor_app.ui.tasks import TaskRunner
from tests.ui.conftest import finish_work

# 2025010101 and 2025010102 have consent; 2025010103 has none.
CSV = (
    "学籍号,姓名,提交时间,成绩\r\n"
    "2025010101,张三,2025-10-09 08:30,12\r\n"
    "2025010102,李玥,2025-10-09 08:31,3\r\n"
    "2025010103,王喆,2025-10-09 08:32,20\r\n"
)


def add_consents(school: School, numbers: list[str]) -> None:
    with school.db.transaction() as db:
        for number in numbers:
            db.execute(
                "INSERT INTO consent (student_id, guardian, scope, given_on) VALUES"
                " ((SELECT id FROM student WHERE student_no = ?), '家长', '[\"screening\"]',"
                " '2025-09-01')",
                (number,),
            )


def saved(school: School) -> list[tuple[str, int, int]]:
    return [
        (str(r[0]), int(r[1]), int(r[2]))
        for r in school.db.query(
            "SELECT s.student_no, sc.score, sc.flagged FROM screening sc"
            " JOIN student s ON s.id = sc.student_id ORDER BY s.student_no"
        )
    ]


def test_map_a_column_by_hand_keep_the_mapping_and_import_with_a_consent_exception(
    qtbot, school_with_students: School, runner: TaskRunner, tmp_path: Path
) -> None:
    school = school_with_students
    add_consents(school, ["2025010101", "2025010102"])
    path = tmp_path / "平台导出.csv"
    path.write_bytes(CSV.encode("gbk"))
    dialog = ScreeningImportDialog(school, runner)
    qtbot.addWidget(dialog)
    dialog.scale_box.setCurrentIndex(dialog.scale_box.findData("phq9"))
    dialog.open_file(path)
    finish_work(runner)
    assert "GB18030" in dialog.status.text() and "3 行" in dialog.status.text()
    # Guessed from the headers: 学籍号 and 提交时间; 成绩 is no header the guess knows.
    assert dialog.columns["student_no"].currentText() == "学籍号"
    assert dialog.columns["date"].currentText() == "提交时间"
    assert dialog.columns["total"].currentData() is None

    dialog.start_import()
    finish_work(runner)
    assert any("没有对应题目或总分的列" in dialog.problems.item(i).text()
               for i in range(dialog.problems.count()))  # fmt: skip
    assert saved(school) == []

    total = dialog.columns["total"]
    total.setCurrentIndex(total.findData("成绩"))
    dialog.save_mapping_as("区测评平台")
    finish_work(runner)
    [kept] = saved_mappings(school, "phq9")
    assert (kept.name, kept.mapping.total, kept.mapping.student_no) == (
        "区测评平台",
        "成绩",
        "学籍号",
    )
    assert dialog.mapping_box.currentText() == "区测评平台"

    dialog.start_import()
    finish_work(runner)
    assert not dialog.reason.isHidden()
    listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(listed) == 1 and "2025010103" in listed[0] and "王喆" in listed[0]
    assert saved(school) == []

    dialog.reason.setText("家长电话同意，书面补签中")
    dialog.start_import()
    finish_work(runner)
    assert dialog.imported is not None and dialog.imported.count == 3
    assert "需约谈 2 名" in dialog.status.text()
    # 12 and 20 are in PHQ-9's flagged bands (10 and up), 3 is not.
    assert saved(school) == [("2025010101", 12, 1), ("2025010102", 3, 0), ("2025010103", 20, 1)]
    reasons = [
        school.open_text("screening.consent_exception", r[0])
        for r in school.db.query("SELECT consent_exception FROM screening ORDER BY student_id")
    ]
    assert reasons == [None, None, "家长电话同意，书面补签中"]


def test_a_saved_mapping_is_offered_and_used_next_time(
    qtbot, school_with_students: School, runner: TaskRunner, tmp_path: Path
) -> None:
    from counselor_app.screening.mapping import ColumnMapping, save_mapping

    school = school_with_students
    save_mapping(
        school,
        "区测评平台",
        ColumnMapping("phq9", student_no="学籍号", date="提交时间", total="成绩"),
    )
    path = tmp_path / "平台导出.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    dialog = ScreeningImportDialog(school, runner)
    qtbot.addWidget(dialog)
    dialog.scale_box.setCurrentIndex(dialog.scale_box.findData("phq9"))
    dialog.open_file(path)
    finish_work(runner)
    dialog.mapping_box.setCurrentIndex(dialog.mapping_box.findData("区测评平台"))
    dialog.mapping_box.activated.emit(dialog.mapping_box.currentIndex())
    finish_work(runner)
    assert dialog.columns["total"].currentText() == "成绩"


def test_the_screening_page_opens_the_dialog(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    page = ScreeningPage(school_with_students, runner)
    qtbot.addWidget(page)
    page.import_button.click()
    finish_work(runner)
    dialog = page.findChild(ScreeningImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()
