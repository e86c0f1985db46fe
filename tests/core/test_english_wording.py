"""The English program speaks English: lists with ", ", one record in the singular, "1 problem".

Each message is checked in English word for word, and in Chinese to be what it always was (Chinese
lists with 、, has no plural, and names one record and a list of them with the same word).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotPermitted,
    UsageError,
    ValidationFailed,
)
from counselor_app.foundation.fonts import FontCandidate, find_cjk_font
from counselor_app.foundation.i18n import Message, bracketed, joined, labelled, msg, set_language
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.accounts import add_account
from counselor_app.school.core import ADMIN, School, User, unlock_data_key
from counselor_app.selfcheck.metrics.home_visits import KEY_VISITED
from counselor_app.settings.school_settings import check_school_info, save_school_info
from counselor_app.student_file.timeline import student_timeline
from counselor_app.workbook import export_workbook, import_workbook
from counselor_app.workbook.counts import ImportReport
from counselor_app.workbook.layout import SHEETS
from tests.conftest import NOW, PASSWORD
from tests.core.test_workbook import write_book


def in_both(make) -> tuple[str, str]:
    """``make()`` rendered once in Chinese and once in English (each made in its language)."""
    set_language("zh")
    chinese = make()
    set_language("en")
    english = make()
    set_language("zh")
    return chinese, english


def refusal(action) -> str:
    with pytest.raises((InvalidInput, UsageError, NotPermitted, AuthenticationFailed)) as caught:
        action()
    return str(caught.value)


@pytest.fixture
def records(school: School) -> RecordService:
    return RecordService(school)


@pytest.fixture
def roster(records: RecordService) -> dict[str, int]:
    records.create(
        "term", {"name": "秋季学期", "first_day": "2025-09-01", "last_day": "2026-01-23"}
    )
    ids = {
        "teacher": records.create(
            "staff", {"staff_no": "T001", "name": "李心怡", "roles": "专职心理教师"}
        ).record_id,
        "class": records.create(
            "class", {"class_code": "0701", "grade": 7, "name": "七年级1班"}
        ).record_id,
    }
    ids["zhang"] = records.create(
        "student", {"student_no": "20250001", "name": "张三", "sex": "男", "class_id": ids["class"]}
    ).record_id
    return ids


def home_visit(roster: dict[str, int], date: str = "2025-10-09", **more: object) -> dict:
    return {
        "date": date,
        "student_id": roster["zhang"],
        "teacher_id": roster["teacher"],
        "mode": "入户",
        **more,
    }


# -- the messages themselves ---------------------------------------------------------------------
def test_a_count_of_one_has_its_own_english_and_the_chinese_is_the_same():
    problems = msg("有 {count} 处问题", "{count} problems", en_one="1 problem")
    assert [problems(count=n).render("en") for n in (0, 1, 2)] == [
        "0 problems",
        "1 problem",
        "2 problems",
    ]
    assert [problems(count=n).render("zh") for n in (1, 2)] == ["有 1 处问题", "有 2 处问题"]
    visits = msg("家访 {visits} 次", "{visits} visits", en_one="a visit", counted="visits")
    assert visits(visits=1).render("en") == "a visit"
    with pytest.raises(ValueError):
        msg("{count} 处", "{count} places", en_one="{other} place")
    with pytest.raises(ValueError):
        msg("没有数字", "no number", en_one="one")


def test_a_list_of_whole_clauses_is_joined_with_semicolons():
    clauses = joined(["应为整数", "太小"], zh="；", en="; ")
    assert (clauses.render("zh"), clauses.render("en")) == ("应为整数；太小", "应为整数; 太小")


def test_a_label_and_a_note_in_brackets_are_punctuated_for_the_language():
    assert (labelled("日期", "2025-10-09").render("zh"), labelled("Date", "x").render("en")) == (
        "日期：2025-10-09",
        "Date: x",
    )
    assert bracketed("市心理门诊", "2025-10-02").render("zh") == "市心理门诊（2025-10-02）"
    assert bracketed("市心理门诊", "2025-10-02").render("en") == "市心理门诊 (2025-10-02)"


def test_a_message_rendered_in_a_language_renders_its_lists_in_that_language_too():
    names = msg("账户：{users}", "Accounts: {users}")(users=joined(["王老师", "赵主任"]))
    assert isinstance(names.params["users"], Message)
    assert names.render("en") == "Accounts: 王老师, 赵主任"
    assert names.render("zh") == "账户：王老师、赵主任"


# -- one record ----------------------------------------------------------------------------------
def test_a_form_with_problems_names_one_record_and_counts_them(records, roster):
    def summary(**values: object) -> str:
        with pytest.raises(ValidationFailed) as caught:
            records.create("home_visit", {**home_visit(roster), **values})
        return str(caught.value)

    assert in_both(lambda: summary(date="")) == (
        "这条家访有 1 处需要修改：",
        "This home visit has a problem:",
    )
    assert in_both(lambda: summary(date="", teacher_id=None)) == (
        "这条家访有 2 处需要修改：",
        "This home visit has 2 problems:",
    )


def test_a_missing_record_is_named_in_the_singular(records):
    assert in_both(lambda: refusal(lambda: records.get("home_visit", 999))) == (
        "找不到这条家访（编号 999），可能已被删除。",
        "This home visit (id 999) was not found; it may have been deleted.",
    )


def test_a_record_is_titled_in_the_singular(records, roster):
    visit = records.get("home_visit", records.create("home_visit", home_visit(roster)).record_id)
    spec_title = lambda: records.title(records_spec("home_visit"), visit)  # noqa: E731
    assert in_both(spec_title) == ("家访“2025-10-09”", "home visit “2025-10-09”")


def records_spec(record_type: str):
    from counselor_app.records.catalog import spec_for

    return spec_for(record_type)


def test_a_student_still_referred_to_says_by_what_and_how_many(records, roster):
    records.create("home_visit", home_visit(roster))
    records.create("home_visit", home_visit(roster, date="2025-10-10"))
    records.create(
        "session",
        {
            "date": "2025-10-09",
            "start_time": "14:00",
            "minutes": 50,
            "kind": "个体",
            "students": [roster["zhang"]],
            "counsellor_id": roster["teacher"],
        },
    )
    assert in_both(lambda: refusal(lambda: records.delete("student", roster["zhang"]))) == (
        "不能删除学生“张三（20250001）”：还有 辅导记录 1、家访 2 引用它。"
        "学生离校请把状态改为“毕业”或“转出”，记录会保留。",
        "The student “张三（20250001）” cannot be deleted: it is still referred to by 1 session, "
        "2 home visits. When a student leaves, set the status to graduated or transferred; the "
        "records are kept.",
    )


def test_an_administrator_is_told_which_records_only_a_counsellor_may_change(
    school, records, roster
):
    school.user = User("赵主任", ADMIN)
    chinese, english = in_both(
        lambda: refusal(lambda: records.create("home_visit", home_visit(roster)))
    )
    assert chinese.startswith("只有心理教师可以修改家访。")
    assert english.startswith("Only a counsellor may change home visits.")


def test_the_students_timeline_names_each_entry_in_the_singular(school, records, roster):
    records.create("home_visit", home_visit(roster))
    kinds = in_both(lambda: student_timeline(school, roster["zhang"])[0].kind_label)
    assert kinds == ("家访", "Home visit")


# -- lists ---------------------------------------------------------------------------------------
def test_a_word_not_in_a_vocabulary_lists_the_words_in_the_programs_language(records, roster):
    def problem() -> str:
        with pytest.raises(ValidationFailed) as caught:
            records.create("home_visit", home_visit(roster, mode="信件"))
        return caught.value.problems[0].render()

    assert in_both(problem) == (
        "方式: “信件”不是可选值，应为：入户、电话、视频、到校",
        "Mode: '信件' is not allowed; expected one of: At home, Phone, Video, At school",
    )


def test_a_campus_in_use_says_who_still_belongs_to_it(school, records):
    save_school_info(school, {"campuses": ["本部", "东校区"]})
    campus = school.db.scalar("SELECT id FROM campus WHERE name = '东校区'")
    records.create(
        "staff", {"staff_no": "T01", "name": "李心怡", "campus_id": campus, "roles": "班主任"}
    )
    for code in ("0701", "0702"):
        records.create("class", {"class_code": code, "grade": 7, "name": code, "campus_id": campus})

    def problem() -> str:
        return str(check_school_info(school, {"campuses": ["本部"]})[0].message)

    assert in_both(problem) == (
        "校区“东校区”不能删除：还有 1 名教职工、2 个班级 属于它。请先把他们改到其他校区。",
        "The campus '东校区' cannot be removed: 1 staff member, 2 classes still belong to it. "
        "Move them first.",
    )


def test_an_unknown_account_lists_the_accounts(school, school_paths: SchoolPaths):
    def attempt() -> str:
        return refusal(lambda: unlock_data_key(school_paths, "李老师", PASSWORD, NOW))

    add_account(school, "赵主任", ADMIN, "admin-password-2")
    assert in_both(attempt) == (
        "没有名为“李老师”的账户。已有账户：王老师、赵主任。",
        "There is no account named '李老师'. Accounts: 王老师, 赵主任.",
    )


def test_what_an_import_ignored_is_listed_in_the_programs_language():
    report = ImportReport({}, ("Sheet1", "Sheet2"), {"学生": ("备注", "爱好")})
    assert in_both(report.summary) == (
        "工作簿中没有可导入的表。\n已忽略不认识的表：Sheet1、Sheet2\n“学生”表中已忽略不认识的列：备注、爱好",
        "The workbook holds no sheet to import.\nSheets not recognised and ignored: Sheet1, Sheet2"
        "\nColumns not recognised on 学生 and ignored: 备注, 爱好",
    )


def test_a_workbook_without_known_sheets_lists_what_it_has_and_what_it_needs(school, tmp_path):
    book = write_book(tmp_path / "b.xlsx", {"Sheet1": [["a"]], "Sheet2": [["b"]]})
    chinese, english = in_both(lambda: refusal(lambda: import_workbook(school, book)))
    assert chinese.startswith(
        "这个工作簿里没有可导入的表（找到的表：Sheet1、Sheet2）。表名应为：学校信息、学期、"
    )
    assert english == (
        "This workbook has no sheet to import (found: Sheet1, Sheet2). Sheet names are: "
        + ", ".join(sheet.name for sheet in SHEETS)
        + ". Use the file the template command wrote."
    )


def test_an_administrator_importing_confidential_sheets_is_told_which(school, tmp_path):
    school.user = User("赵主任", ADMIN)
    book = write_book(
        tmp_path / "b.xlsx",
        {
            "家访": [["日期", "学号", "教师工号"], ["2025-10-09", "20250001", "T001"]],
            "随访": [["日期", "学号", "教师工号"], ["2025-10-09", "20250001", "T001"]],
        },
    )
    chinese, english = in_both(lambda: refusal(lambda: import_workbook(school, book)))
    assert chinese.startswith("管理员账户不能导入含保密内容的表：家访、随访。")
    assert english.startswith(
        "An administrator may not import sheets with confidential content: 家访, 随访. "
    )


def test_a_workbook_with_one_problem_says_a_problem(school, tmp_path):
    book = write_book(
        tmp_path / "e.xlsx",
        {"学期": [["学期名称", "开始日期", "结束日期"], ["秋季", "2025-09-01", "yesterday"]]},
    )
    assert in_both(lambda: refusal(lambda: import_workbook(school, book))) == (
        "工作簿中有 1 处问题，没有导入任何内容。请逐条修改后重新导入：",
        "The workbook has a problem; nothing was imported. Fix it and import again:",
    )


def test_an_administrators_export_notes_the_sheets_left_out_in_the_files_language(school, tmp_path):
    import openpyxl

    school.user = User("赵主任", ADMIN)

    def note() -> str:
        path = tmp_path / "export.xlsx"
        export_workbook(school, path)
        sheet = openpyxl.load_workbook(path)["说明"]
        return next(
            str(row[0]) for row in sheet.iter_rows(values_only=True) if "家访" in str(row[0])
        )

    chinese, english = in_both(note)
    assert chinese.endswith(
        "未导出：辅导记录、家访、测评、风险等级、一生一策、随访、异常报告、突破保密、委员月报、转介、量表作答。"
    )
    assert english.endswith(
        "left out: 辅导记录, 家访, 测评, 风险等级, 一生一策, 随访, 异常报告, 突破保密, 委员月报, 转介, "
        "量表作答."
    )


def test_demo_data_lists_the_stages_and_the_tables_in_the_way(school, records):
    stage = lambda: refusal(lambda: generate_demo_school(school, students=50, stage="大学"))  # noqa: E731
    assert in_both(stage) == (
        "未知的学段：大学。可选：primary、junior、senior、nine_year、complete_secondary。",
        "Unknown stage: 大学. Choose from primary, junior, senior, nine_year, complete_secondary.",
    )
    records.create("term", {"name": "秋季", "first_day": "2025-09-01", "last_day": "2026-01-23"})
    records.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    chinese, english = in_both(lambda: refusal(lambda: generate_demo_school(school, students=50)))
    assert chinese.startswith("这所学校已有记录（term、class），")
    assert english.startswith("This school already holds records (term, class);")


def test_no_chinese_font_lists_the_files_looked_at(tmp_path: Path):
    tried = [FontCandidate(tmp_path / "a.ttc"), FontCandidate(tmp_path / "b.ttf")]
    chinese, english = in_both(lambda: refusal(lambda: find_cjk_font(tried)))
    assert f"已查找：{tmp_path / 'a.ttc'}、{tmp_path / 'b.ttf'}。" in chinese
    assert f"Looked for: {tmp_path / 'a.ttc'}, {tmp_path / 'b.ttf'}." in english


def test_one_key_student_visited_once_reads_in_the_singular():
    visited = KEY_VISITED(key=3, done=2, visits=1, period="this term")
    assert visited.render("en") == "3 key students, 2 with at least one home visit this term"
    assert KEY_VISITED(key=3, done=2, visits=2, period="this term").render("en") == (
        "3 key students, 2 with at least 2 home visits this term"
    )
    assert KEY_VISITED(key=3, done=2, visits=1, period="本学期").render("zh") == (
        "重点关爱学生 3 名，本学期家访不少于 1 次的 2 名"
    )


def test_the_demo_datas_summary_reads_in_the_programs_language():
    from counselor_app.demo.generator import DemoSummary

    counts = {"student": 200, "staff": 30, "class": 6, "counselling_session": 150}
    summary = DemoSummary(
        stage="junior",
        seed=1,
        terms=("2025—2026学年第一学期",),
        counts={**counts, "screening": 190, "crisis_plan": 3},
        gaps={"room_hours": ("周三",), "parent_class": ()},
        classes_per_year=6,
    )
    assert in_both(lambda: str(summary)) == (
        "初中，1 个学期（2025—2026学年第一学期 至 2025—2026学年第一学期），学生 200 人，"
        "教职工 30 人，每学年班级 6 个，辅导记录 150 条，测评 190 条，一生一策 3 份，共 579 行；"
        "预设问题 2 类（供学期自查发现）。",
        "Junior secondary, 1 term (2025—2026学年第一学期 to 2025—2026学年第一学期): 200 students, "
        "30 staff, 6 classes a school year, 150 sessions, 190 screenings, 3 crisis plans, "
        "579 rows in all; "
        "2 kinds of planted problems for the self-check to find.",
    )


@pytest.mark.parametrize(
    ("message", "one", "many"),
    [
        (
            "CLASS_STUDENTS_WHAT",
            "Class 0701: 1 student, no home visit",
            "Class 0701: 3 students, no home visit",
        ),
    ],
)
def test_self_check_evidence_counts_one_student_in_the_singular(message, one, many) -> None:
    from counselor_app.selfcheck.metrics import judging
    from counselor_app.selfcheck.words import words

    template = getattr(judging, message)
    params = {"code": "0701", "what": "no home visit"} if "{code}" in template.en else {}
    assert words(template(count=1, **params)).render("en") == one
    assert words(template(count=3, **params)).render("en") == many
    assert "1 名学生" in words(template(count=1, **params))  # the Chinese, as the district reads it


def test_a_class_named_with_one_student_in_the_singular() -> None:
    from counselor_app.selfcheck.metrics.activities import CLASS_STUDENTS
    from counselor_app.selfcheck.words import words

    assert words(CLASS_STUDENTS(name="七年级1班", count=1)).render("en") == "七年级1班 (1 student)"
    assert words(CLASS_STUDENTS(name="七年级1班", count=2)) == "七年级1班（2 名学生）"
