"""The school workbook: template, all-or-nothing import, export, round trip, roles and privacy.

Workbooks are built here with openpyxl (no binary fixtures). Dates lie before the test clock's
"today" (2025-10-16) so that nothing is refused as being in the future.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import InvalidInput, NotPermitted, ValidationFailed
from counselor_app.foundation.i18n import set_language
from counselor_app.records.catalog import ALL
from counselor_app.records.service import RecordService
from counselor_app.school import backups as school_backups
from counselor_app.school.core import ADMIN, School, User
from counselor_app.workbook import export_workbook, import_workbook, write_template
from tests.conftest import NOW, make_school

TODAY = NOW.date()
CONTRACT_ORDER = [
    "学校信息", "学期", "教职工", "班级", "学年分班", "学生", "开放时间", "停开日期", "辅导记录", "预约", "心理委员",
    "活动", "外出培训", "心理课", "家访", "测评", "风险等级", "一生一策", "随访", "异常报告", "制度文件",
    "知情同意", "突破保密", "委员月报", "转介",
]  # fmt: skip
# The template and a counsellor's export also hold 量表作答 (a scale's answers), after the rest.
SCALE_SHEET = "量表作答"
CONFIDENTIAL_SHEETS = {
    "辅导记录", "家访", "测评", "风险等级", "一生一策", "随访", "异常报告", "突破保密", "委员月报", "转介",
}  # fmt: skip

# Distinctive text that must never appear unencrypted in the data folder.
SECRET_NAME = "赵喆玥"
SECRET_NOTE = "考试前夜失眠的秘密暗号蓝鲸"
SECRET_NUMBER = "20259871"

# The filled workbook of the round trip: rows keyed by column header, per sheet.
FILLED: dict[str, list[dict[str, Any]]] = {
    "学校信息": [{
        "学校名称": "青禾实验中学", "学段": "完全中学", "校区": "东校区;西校区",
        "辅导室面积(平方米)": 42.5, "辅导室功能": "个体辅导;沙盘", "辅导室设备": "沙盘;放松椅",
        "校内求助电话": "0571-8888", "心理信箱": "二楼信箱", "校外求助热线": "12356",
        "预约方式": "当面;网络",
    }],
    "学期": [
        {"学期名称": "2024—2025学年第二学期", "开始日期": "2025-02-17", "结束日期": "2025-07-11"},
        {"学期名称": "2025—2026学年第一学期", "开始日期": dt.date(2025, 9, 1),
         "结束日期": dt.date(2026, 1, 23)},
    ],
    "教职工": [
        {"工号": "T001", "姓名": "欧阳晞", "性别": "女", "岗位": "专职心理教师;任课教师",
         "资格等级": "B", "校区": "东校区"},
        {"工号": "T002", "姓名": "司马翀", "性别": "男", "岗位": "班主任", "资格等级": "C",
         "校区": "西校区"},
        {"工号": "T003", "姓名": "林芃", "岗位": "校领导；其他", "资格等级": "A"},
    ],
    "班级": [
        {"班级编号": "0701", "年级": 7, "班级名称": "七年级1班", "班主任工号": "T002",
         "校区": "东校区", "毕业年级": "否"},
        {"班级编号": "0302", "年级": 3, "班级名称": "三年级2班", "校区": "西校区"},
    ],
    "学生": [
        {"学号": SECRET_NUMBER, "姓名": SECRET_NAME, "性别": "女", "班级编号": "0701",
         "出生日期": "2012-03-04", "状态": "在读", "监护人": "赵淏", "监护人电话": "13900000001"},
        {"学号": "20250002", "姓名": "钱堃", "性别": "男", "班级编号": "0701"},
        {"学号": "20250003", "姓名": "孙赟", "性别": "男", "班级编号": "0302"},
        {"学号": "20240009", "姓名": "李旻", "性别": "女", "班级编号": "0701", "状态": "转出",
         "离校日期": "2025-06-30", "监护人": "李父"},
    ],
    "开放时间": [
        {"星期": "一", "开始时间": "12:30", "结束时间": "13:30", "值班教师工号": "T001",
         "生效日期": "2025-09-01"},
        {"星期": "三", "开始时间": "16:00", "结束时间": "17:00", "生效日期": "2025-09-01",
         "失效日期": "2026-01-23"},
    ],
    "停开日期": [{"日期": "2025-11-12", "原因": "校运会"}],
    "辅导记录": [
        {"日期": "2025-10-09", "开始时间": "14:00", "时长(分钟)": 50, "类型": "个体",
         "学号": SECRET_NUMBER, "辅导教师工号": "T001", "来源": "来访", "问题类别": "学业",
         "摘要": SECRET_NOTE, "后续安排": "两周后回访", "风险等级": 1, "录入日期": "2025-10-09"},
        {"日期": "2025-10-10", "开始时间": "15:00", "时长(分钟)": 90, "类型": "团体",
         "学号": f"{SECRET_NUMBER};20250002", "辅导教师工号": "T001", "来源": "预约",
         "问题类别": "人际", "摘要": "人际沟通练习", "风险等级": 0, "录入日期": "2025-10-11"},
        {"日期": "2025-03-05", "开始时间": "10:00", "时长(分钟)": 40, "类型": "个体",
         "学号": "20240009", "辅导教师工号": "T001", "来源": "转介", "问题类别": "家庭",
         "摘要": "家庭冲突", "风险等级": 2, "录入日期": "2025-03-06"},
    ],
    "预约": [
        {"日期": "2025-10-13", "开始时间": "10:00", "时长(分钟)": 30, "学号": "20250002",
         "渠道": "电话", "状态": "已确认"},
        {"日期": "2025-10-14", "开始时间": "11:00", "家长姓名": "孙父", "渠道": "网络"},
    ],
    "心理委员": [
        {"学号": SECRET_NUMBER, "任职开始": "2025-09-01"},
        {"学号": "20250002", "任职开始": "2025-09-01", "任职结束": "2026-01-23"},
    ],
    "活动": [
        {"日期": "2025-09-20", "类型": "心理主题班会", "标题": "学会表达情绪",
         "班级编号": "0701;0302", "参与人数": 80, "时长(分钟)": 40, "负责人工号": "T002;T001",
         "含心理健康内容": "是"},
        {"日期": "2025-10-08", "类型": "领导小组会议", "标题": "第一次领导小组会议", "参与人数": 6,
         "负责人工号": "T003", "含心理健康内容": "否"},
    ],
    "心理课": [
        # Two identical rows are two lessons, on every import.
        {"日期": "2025-09-15", "班级编号": "0701", "授课教师工号": "T001", "课时": 1,
         "主题": "认识自我"},
        {"日期": "2025-09-15", "班级编号": "0701", "授课教师工号": "T001", "课时": 1,
         "主题": "认识自我"},
        {"日期": "2025-09-16", "班级编号": "0302", "授课教师工号": "T001", "课时": 2},
    ],
    "家访": [{"日期": "2025-10-11", "学号": "20250003", "教师工号": "T002", "方式": "入户",
              "摘要": "家长反映孩子沉迷手机"}],
    "测评": [
        {"日期": "2025-09-10", "学号": SECRET_NUMBER, "量表": "MHT", "总分": 72.5, "结果等级": 2},
        {"日期": "2025-09-10", "学号": "20250002", "量表": "MHT", "结果等级": 0},
    ],
    "风险等级": [{"日期": "2025-10-09", "学号": SECRET_NUMBER, "等级": 2, "评定人工号": "T001",
                  "依据": "测评与访谈"}],
    "一生一策": [{
        "学号": SECRET_NUMBER, "建立日期": "2025-10-09", "等级": 2,
        "关爱小组教师工号": "T001;T002", "关爱小组同伴学号": "20250002", "关爱小组家长": "赵淏;赵母",
        "安全计划": "每日与班主任打招呼", "干预措施": "每周辅导", "转介机构": "市精神卫生中心",
        "转介日期": "2025-10-12", "家长知情日期": "2025-10-09", "下次评估日期": "2025-11-09",
    }],
    "随访": [{"日期": "2025-10-15", "学号": SECRET_NUMBER, "教师工号": "T001",
              "内容": "情绪较前平稳"}],
    "异常报告": [
        {"日期": "2025-10-14", "学号": SECRET_NUMBER, "报告人": "20250002", "情况": "课间独自哭泣",
         "处理人工号": "T001"},
        {"日期": "2025-10-15", "学号": "20250003", "报告人": "T002", "情况": "上课睡觉"},
    ],
    "制度文件": [
        {"类型": "工作方案", "名称": "2025年心理健康教育工作方案", "日期": "2025-09-01"},
        {"类型": "应急预案", "名称": "心理危机干预应急预案", "日期": "2025-09-01"},
    ],
    "知情同意": [
        {"学号": SECRET_NUMBER, "监护人": "赵淏", "范围": "测评;辅导;转介", "同意日期": "2025-09-01"},
        {"学号": "20250002", "监护人": "钱父", "范围": "测评", "同意日期": "2025-09-01",
         "撤回日期": "2025-10-01"},
    ],
    "突破保密": [{"日期": "2025-10-12", "学号": SECRET_NUMBER, "原因": "存在自伤念头",
                  "告知对象": "班主任;监护人", "经办人工号": "T001"}],
    "委员月报": [
        {"月份": "2025-09", "班级编号": "0701", "报告人学号": SECRET_NUMBER, "无异常": "是"},
        {"月份": "2025-10", "班级编号": "0701", "报告人学号": "20250002", "无异常": "否",
         "情况": "有同学情绪低落"},
    ],
    "转介": [{"学号": SECRET_NUMBER, "转介机构": "市精神卫生中心", "日期": "2025-10-12",
              "状态": "已转介", "返校安排": "返校后每周辅导"}],
}  # fmt: skip


# -- helpers ------------------------------------------------------------------------------------
def write_book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook whose sheets hold exactly these rows (row 1 is the header)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def fill_template(template: Path, target: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """What a counsellor does: delete the example rows and type rows under the template headers."""
    workbook = openpyxl.load_workbook(template)
    for sheet in workbook.worksheets:
        if sheet.title == "说明":
            continue
        sheet.delete_rows(2, sheet.max_row)
        headers = [str(cell.value).rstrip("*") for cell in sheet[1]]
        for row in rows.get(sheet.title, []):
            unknown = set(row) - set(headers)
            assert not unknown, f"{sheet.title}: {unknown}"
            sheet.append([row.get(header) for header in headers])
    workbook.save(target)
    return target


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def sheet_contents(path: Path) -> dict[str, tuple[tuple[Any, ...], Counter[tuple[Any, ...]]]]:
    """Per data sheet: its header and the multiset of its rows."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        result = {}
        for sheet in workbook.worksheets:
            if sheet.title == "说明":
                continue
            rows = [tuple(_plain(v) for v in row) for row in sheet.iter_rows(values_only=True)]
            width = len(rows[0])  # read-only rows stop at their last filled cell
            body = [row + (None,) * (width - len(row)) for row in rows[1:]]
            result[sheet.title] = (rows[0], Counter(body))
        return result
    finally:
        workbook.close()


def database_content(school: School, *, with_audit: bool = False) -> dict[str, list[str]]:
    """Every row of every table (ids included), to show that nothing changed."""
    tables = [
        row[0]
        for row in school.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: sorted(repr(tuple(row)) for row in school.db.query(f"SELECT * FROM {table}"))
        for table in tables
        if with_audit or table != "audit_log"
    }


def file_hashes(folder: Path) -> dict[str, str]:
    # The -shm file is SQLite's shared-memory index, rebuilt at will; it holds no data.
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")
    }


def problem_places(error: ValidationFailed) -> set[tuple[str | None, int | None, str]]:
    return {(p.sheet, p.row, p.field) for p in error.problems}


def problem_at(error: ValidationFailed, sheet: str, row: int, field: str) -> str:
    found = [p for p in error.problems if (p.sheet, p.row, p.field) == (sheet, row, field)]
    assert len(found) == 1, [p.render() for p in error.problems]
    return found[0].message.render()


def new_school(root: Path, name: str = "空白学校") -> School:
    return make_school(root, name=name, user="陈老师").school


@pytest.fixture
def other_school(tmp_path: Path) -> Iterator[School]:
    school = new_school(tmp_path / "other")
    yield school
    school.close()


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "学校数据模板.xlsx"
    write_template(path, today=TODAY)
    return path


@pytest.fixture
def filled(template: Path, tmp_path: Path) -> Path:
    return fill_template(template, tmp_path / "填好的.xlsx", FILLED)


@pytest.fixture
def records(school: School) -> RecordService:
    return RecordService(school)


@pytest.fixture
def classes(records: RecordService) -> None:
    records.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    records.create("class", {"class_code": "0302", "grade": 3, "name": "三年级2班"})


def as_admin(school: School) -> School:
    school.user = User("赵主任", ADMIN)
    return school


# -- the template -------------------------------------------------------------------------------
def test_the_template_has_the_contract_sheets_in_order_then_the_instructions(template):
    workbook = openpyxl.load_workbook(template)
    assert workbook.sheetnames == [*CONTRACT_ORDER, SCALE_SHEET, "说明"]
    # Every record type has its sheet; 学年分班 and 学校信息 have no record type of their own.
    assert [spec.label_zh for spec in ALL] == [
        name for name in CONTRACT_ORDER if name not in ("学校信息", "学年分班")
    ]


def test_template_headers_mark_required_columns_and_match_the_contract(template):
    workbook = openpyxl.load_workbook(template)
    headers = {sheet.title: [c.value for c in sheet[1]] for sheet in workbook.worksheets}
    assert headers["学校信息"] == [
        "学校名称*", "学段", "校区", "辅导室面积(平方米)", "辅导室功能", "辅导室设备", "校内求助电话",
        "心理信箱", "校外求助热线", "预约方式",
    ]  # fmt: skip
    assert headers["学生"] == [
        "学号*", "姓名*", "性别*", "班级编号*", "出生日期", "状态", "入学日期", "离校日期", "监护人",
        "监护人电话",
    ]  # fmt: skip
    assert headers["辅导记录"] == [
        "日期*", "开始时间*", "时长(分钟)*", "类型*", "学号*", "辅导教师工号*", "来源", "问题类别",
        "摘要", "后续安排", "风险等级", "录入日期",
    ]  # fmt: skip
    assert headers["委员月报"] == ["月份*", "班级编号*", "报告人学号*", "无异常*", "情况"]
    student_sheet = workbook["学生"]
    assert all(cell.font.b for cell in student_sheet[1])
    assert "男、女" in student_sheet["C1"].comment.text
    assert student_sheet.freeze_panes == "A2"


def test_template_cells_are_formatted_and_vocabulary_columns_have_drop_downs(template):
    workbook = openpyxl.load_workbook(template)
    terms = workbook["学期"]
    assert isinstance(terms["B2"].value, dt.datetime) and terms["B2"].number_format == "yyyy-mm-dd"
    hours = workbook["开放时间"]
    assert isinstance(hours["B2"].value, dt.time) and hours["B2"].number_format == "hh:mm"
    students = workbook["学生"]
    assert students["A2"].value == "20250001" and students["A2"].number_format == "@"
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in students.data_validations.dataValidation
    }
    assert lists["C2"] == '"男,女"'
    assert lists["F2"] == '"在读,毕业,转出"'
    assert students.column_dimensions["B"].width >= 8
    rules = "\n".join(str(row[0]) for row in workbook["说明"].iter_rows(values_only=True) if row[0])
    assert "全部或全不" in rules and "示例" in rules and "；" in rules


def without_example_marks(template: Path, target: Path) -> Path:
    """The template as a workbook that does not know its rows are examples."""
    workbook = openpyxl.load_workbook(template)
    for name in list(workbook.defined_names):
        del workbook.defined_names[name]
    workbook.save(target)
    return target


def test_importing_the_template_as_written_adds_none_of_its_examples(school, template):
    before = database_content(school)
    report = import_workbook(school, template)
    assert not report.changed_anything and report.sheets == {}
    assert report.examples == dict.fromkeys(CONTRACT_ORDER, 1)
    assert "模板的示例行没有导入" in report.summary()
    assert database_content(school) == before
    assert school.name == "实验中学"  # not 示例中学


def test_the_template_examples_agree_with_each_other(school, template, tmp_path):
    # Imported as data (once the template's marks are gone), every example is valid and finds
    # what it names: the student in the class, of the example term's school year.
    report = import_workbook(school, without_example_marks(template, tmp_path / "无标记.xlsx"))
    assert report["学校信息"].updated == 1
    for name in CONTRACT_ORDER[1:]:
        assert report.sheets[name].rows == 1, name
    student = RecordService(school).find("student")[0]
    klass = RecordService(school).get("class", student["class_id"])
    assert (klass["class_code"], klass["school_year"]) == ("0701", 2024)  # 2024—2025学年第二学期


def test_a_filled_template_leaves_out_only_the_untouched_examples(school, template, tmp_path):
    workbook = openpyxl.load_workbook(template)
    students = workbook["学生"]
    students.append(["20250002", "钱堃", "男", "0701"])  # typed under the example
    classes = workbook["班级"]
    # The example class made the school's own: this year's, renamed, no head teacher or campus.
    for cell, value in (("A2", None), ("D2", "七年级一班"), ("E2", None), ("F2", None)):
        classes[cell] = value
    workbook.save(tmp_path / "填了一半.xlsx")

    report = import_workbook(school, tmp_path / "填了一半.xlsx")

    assert report["班级"].added == 1 and report["学生"].added == 1
    assert report.examples["学生"] == 1 and "班级" not in report.examples
    assert [s["student_no"] for s in RecordService(school).find("student")] == ["20250002"]


def test_the_template_is_written_without_temporary_files_left_behind(tmp_path):
    write_template(tmp_path / "t.xlsx", today=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


# -- round trip ---------------------------------------------------------------------------------
def test_template_fill_import_export_import_export_gives_the_same_content(
    school, other_school, filled, tmp_path
):
    first = import_workbook(school, filled)
    assert first["学生"].added == 4
    assert first["心理课"].added == 3  # the identical rows are two lessons
    exported = tmp_path / "导出1.xlsx"
    export_workbook(school, exported)

    import_workbook(other_school, exported)
    exported_again = tmp_path / "导出2.xlsx"
    export_workbook(other_school, exported_again)

    assert sheet_contents(exported) == sheet_contents(exported_again)
    assert other_school.name == "青禾实验中学"
    # And the content is what was typed, not just self-consistent.
    contents = sheet_contents(exported)
    header, rows = contents["辅导记录"]
    session = dict(zip(header, next(r for r in rows if SECRET_NOTE in r), strict=True))
    assert session["学号*"] == SECRET_NUMBER and session["开始时间*"] == "14:00:00"
    assert session["日期*"] == "2025-10-09" and session["风险等级"] == 1
    group = dict(zip(header, next(r for r in rows if "团体" in r), strict=True))
    assert group["学号*"] == f"20250002;{SECRET_NUMBER}" and group["摘要"] == "人际沟通练习"
    header, rows = contents["异常报告"]
    assert {dict(zip(header, row, strict=True))["报告人"] for row in rows} == {"20250002", "T002"}
    assert sum(rows.values()) == 2
    assert sum(contents["心理课"][1].values()) == 3


def test_reimporting_an_export_changes_nothing(school, filled, tmp_path):
    import_workbook(school, filled)
    exported = tmp_path / "导出.xlsx"
    export_workbook(school, exported)
    before = database_content(school)

    report = import_workbook(school, exported)

    assert not report.changed_anything
    # Every row typed, and a 学年分班 row per student (the export writes every year's classes).
    assert report.unchanged == sum(len(rows) for rows in FILLED.values()) + len(FILLED["学生"])
    assert report["学年分班"].unchanged == 4
    assert database_content(school) == before


def test_reimporting_the_filled_workbook_changes_nothing(school, filled):
    import_workbook(school, filled)
    before = database_content(school)
    report = import_workbook(school, filled)
    assert (report.added, report.updated) == (0, 0)
    assert report["心理课"].unchanged == 3
    assert database_content(school) == before


def test_a_session_without_entry_date_keeps_it_unknown_and_is_not_added_again(school, tmp_path):
    book = write_book(tmp_path / "s.xlsx", {
        "学期": [["学期名称", "开始日期", "结束日期"], ["秋季", "2025-09-01", "2026-01-23"]],
        "教职工": [["工号", "姓名", "岗位"], ["T001", "欧阳晞", "专职心理教师"]],
        "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
        "学生": [["学号", "姓名", "性别", "班级编号"], ["20250002", "钱堃", "男", "0701"]],
        "辅导记录": [
            ["日期", "开始时间", "时长(分钟)", "类型", "学号", "辅导教师工号"],
            ["2025-10-09", "14:00", 50, "个体", "20250002", "T001"],
        ],
    })  # fmt: skip
    import_workbook(school, book)
    assert RecordService(school).find("session")[0]["entered_on"] is None
    school.clock = fixed_clock(NOW + dt.timedelta(days=3))
    report = import_workbook(school, book)
    assert report["辅导记录"].unchanged == 1 and RecordService(school).count("session") == 1


def test_a_changed_row_updates_the_record_it_names_and_absent_columns_keep_their_values(
    school, filled, tmp_path
):
    import_workbook(school, filled)
    book = write_book(tmp_path / "转班.xlsx", {
        "学生": [["学号", "姓名", "性别", "班级编号"], [SECRET_NUMBER, SECRET_NAME, "女", "0302"]],
    })  # fmt: skip
    report = import_workbook(school, book)
    assert (report["学生"].updated, report["学生"].added) == (1, 0)
    student = RecordService(school).find("student", equals={"student_no": SECRET_NUMBER})[0]
    assert RecordService(school).get("class", student["class_id"])["class_code"] == "0302"
    assert student["guardian"] == "赵淏" and student["birth_date"] == "2012-03-04"


# -- many errors at once ------------------------------------------------------------------------
def test_a_workbook_with_many_errors_is_rejected_with_every_error_and_changes_nothing(
    school, records, classes, tmp_path
):
    records.create("term", {"name": "秋季", "first_day": "2025-09-01", "last_day": "2026-01-23"})
    before = database_content(school, with_audit=True)
    files_before = file_hashes(school.paths.root)
    book = write_book(tmp_path / "错误很多.xlsx", {
        "教职工": [["工号*", "姓名*", "性别"], ["T001", "欧阳晞", "女"]],  # 岗位* is missing
        "学生": [
            ["学号*", "姓名*", "性别*", "班级编号*", "出生日期"],
            ["20250001", "张三", "男", "0701", "2012-13-45"],
            ["20250001", "李四", "女", "0701", None],
            ["20250005", None, "男", "0701", None],
            ["20250006", "王五", "未知", "0701", None],
            ["20250007", "赵六", "男", "0999", None],
        ],
        "辅导记录": [
            ["日期", "开始时间", "时长(分钟)", "类型", "学号", "辅导教师工号", "风险等级"],
            ["2025-10-09", "14:00", 50, "个体", "20259999", "T001", 5],
            ["2025/02/30", "14:00", 50, "个体", "20250001", "T001", 1],
        ],
    })  # fmt: skip

    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, book)

    error = caught.value
    # Every problem, in workbook order and left to right within a row, each with its place.
    assert [(p.sheet, p.row, p.field) for p in error.problems] == [
        ("教职工", 1, "岗位"),
        ("学生", 2, "出生日期"),
        ("学生", 3, "学号"),
        ("学生", 4, "姓名"),
        ("学生", 5, "性别"),
        ("学生", 6, "班级编号"),
        ("辅导记录", 2, "学号"),
        ("辅导记录", 2, "风险等级"),
        ("辅导记录", 3, "日期"),
    ]
    assert "岗位*" in problem_at(error, "教职工", 1, "岗位")
    bad_date = problem_at(error, "学生", 2, "出生日期")
    assert "2012-13-45" in bad_date and "YYYY-MM-DD" in bad_date
    assert "第 2 行" in problem_at(error, "学生", 3, "学号")
    assert "必填" in problem_at(error, "学生", 4, "姓名")
    assert "“未知”不是可选值" in problem_at(error, "学生", 5, "性别")
    assert "男、女" in problem_at(error, "学生", 5, "性别")
    assert "0999" in problem_at(error, "学生", 6, "班级编号")
    assert "20259999" in problem_at(error, "辅导记录", 2, "学号")
    assert "不能是 5" in problem_at(error, "辅导记录", 2, "风险等级")
    assert "2025/02/30" in problem_at(error, "辅导记录", 3, "日期")
    assert "9 处问题" in str(error)
    assert error.problems[1].render().startswith("学生 / 2 / 出生日期: ")
    # Nothing was written, not even an audit entry, and no file changed.
    assert database_content(school, with_audit=True) == before
    assert file_hashes(school.paths.root) == files_before


def test_problems_are_reported_in_english_when_the_program_is_in_english(school, tmp_path):
    set_language("en")
    book = write_book(
        tmp_path / "e.xlsx",
        {"学期": [["学期名称", "开始日期", "结束日期"], ["秋季", "2025-09-01", "yesterday"]]},
    )
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, book)
    (problem,) = caught.value.problems
    assert problem.render() == (
        "学期 / 2 / 结束日期: the cell holds 'yesterday': expected a date as YYYY-MM-DD"
    )


def test_a_rejected_student_does_not_bury_later_sheets_under_unknown_references(school, tmp_path):
    book = write_book(tmp_path / "b.xlsx", {
        "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
        "学生": [["学号", "姓名", "性别", "班级编号"], ["20250002", "钱堃", "?", "0701"]],
        "心理委员": [["学号", "任职开始"], ["20250002", "2025-09-01"]],
    })  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, book)
    assert problem_places(caught.value) == {("学生", 2, "性别")}


def test_a_reference_may_point_to_an_earlier_sheet_of_the_same_workbook(school, tmp_path):
    book = write_book(tmp_path / "b.xlsx", {
        "学生": [["学号", "姓名", "性别", "班级编号"], ["20250002", "钱堃", "男", "0701"]],
        "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],  # sheet order is free
    })  # fmt: skip
    report = import_workbook(school, book)
    assert report["学生"].added == 1 and report["班级"].added == 1


# -- partial and untidy workbooks ---------------------------------------------------------------
def test_a_roster_alone_is_a_valid_workbook(school, classes, tmp_path):
    book = write_book(tmp_path / "名册.xlsx", {
        "学生": [
            # Columns reordered, with and without *, plus a column the contract does not know.
            ["姓名", "学号*", "班级编号*", "性别", "备注"],
            ["钱堃", 20250002, "0701", "男", "体育委员"],
            ["孙赟", "20250003", "0302", "男", None],
            [None, None, None, None, None],
            ["周祎", "２０２５０００４", "0302", "女", None],
        ],
        "Sheet1": [["随便什么"]],
        "说明": [["这张表被静默忽略"]],
    })  # fmt: skip
    report = import_workbook(school, book)
    assert report["学生"].added == 3
    assert report.ignored_sheets == ("Sheet1",)
    assert report.ignored_columns == {"学生": ("备注",)}
    assert "Sheet1" in report.summary() and "学生：新增 3" in report.summary()
    numbers = {s["student_no"] for s in RecordService(school).find("student")}
    assert numbers == {"20250002", "20250003", "20250004"}  # no "20250002.0", no full width


def test_excel_native_dates_times_and_numbers_are_understood(school, tmp_path):
    book = write_book(tmp_path / "excel.xlsx", {
        "学期": [["学期名称", "开始日期", "结束日期"],
                 ["秋季", dt.datetime(2025, 9, 1), "2026年1月23日"]],
        "教职工": [["工号", "姓名", "岗位"], [1001, "欧阳晞", "专职心理教师"]],
        "班级": [["班级编号", "年级", "班级名称", "班主任工号", "毕业年级"],
                 [701, 7.0, "七年级1班", 1001, False]],
        "学生": [["学号", "姓名", "性别", "班级编号", "出生日期"],
                 [20250002, "钱堃", "男", 701, 40972]],  # an Excel serial day: 2012-03-04
        "开放时间": [["星期", "开始时间", "结束时间", "生效日期"],
                     ["星期一", dt.time(12, 30), 0.5625, 20250901],
                     ["周三", "１６：００", "17:00:00", "2025.9.1"]],
        "委员月报": [["月份", "班级编号", "报告人学号", "无异常"],
                     [dt.datetime(2025, 9, 1), 701, 20250002, True]],
    })  # fmt: skip
    import_workbook(school, book)
    records = RecordService(school)
    assert records.find("term")[0]["last_day"] == "2026-01-23"
    assert records.find("class")[0]["class_code"] == "701"
    assert records.find("class")[0]["graduating"] is False
    student = records.find("student")[0]
    assert (student["student_no"], student["birth_date"]) == ("20250002", "2012-03-04")
    hours = records.find("room_hours", order=["weekday"])
    assert [(h["weekday"], h["start_time"], h["end_time"], h["valid_from"]) for h in hours] == [
        (1, "12:30", "13:30", "2025-09-01"),
        (3, "16:00", "17:00", "2025-09-01"),
    ]
    report = records.find("monitor_report")[0]
    assert (report["month"], report["nothing_to_report"]) == ("2025-09", True)


def test_a_sheet_without_a_required_column_gets_one_problem_not_one_per_row(school, tmp_path):
    rows = [["学号", "姓名", "班级编号"]] + [[f"2025000{i}", "某某", "0701"] for i in range(5)]
    book = write_book(tmp_path / "缺列.xlsx", {"学生": rows})
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, book)
    assert problem_places(caught.value) == {("学生", 1, "性别")}


def test_a_column_given_twice_is_a_problem(school, classes, tmp_path):
    book = write_book(tmp_path / "重复列.xlsx", {
        "学生": [["学号", "姓名", "性别", "班级编号", "姓名*"], ["20250002", "钱堃", "男", "0701", "钱"]],
    })  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, book)
    assert problem_places(caught.value) == {("学生", 1, "姓名")}
    assert "第 2 列和第 5 列" in caught.value.problems[0].message.render()


def test_a_reporter_number_shared_by_staff_and_student_is_written_with_its_kind(
    school, classes, tmp_path
):
    book = write_book(tmp_path / "报告人.xlsx", {
        "教职工": [["工号", "姓名", "岗位"], ["1001", "欧阳晞", "班主任"]],
        "学生": [["学号", "姓名", "性别", "班级编号"], ["1001", "钱堃", "男", "0701"],
                 ["1002", "孙赟", "男", "0701"]],
        "异常报告": [["日期", "学号", "报告人", "情况"], ["2025-10-14", "1002", "1001", "哭泣"],
                     ["2025-10-15", "1002", "学号：1001", "打架"]],
    })  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, book)
    assert problem_places(caught.value) == {("异常报告", 2, "报告人")}
    assert "工号:1001" in caught.value.problems[0].message.render()

    fixed = write_book(tmp_path / "报告人2.xlsx", {
        "教职工": [["工号", "姓名", "岗位"], ["1001", "欧阳晞", "班主任"]],
        "学生": [["学号", "姓名", "性别", "班级编号"], ["1001", "钱堃", "男", "0701"],
                 ["1002", "孙赟", "男", "0701"]],
        "异常报告": [["日期", "学号", "报告人", "情况"], ["2025-10-14", "1002", "工号:1001", "哭泣"],
                     ["2025-10-15", "1002", "学号：1001", "打架"]],
    })  # fmt: skip
    import_workbook(school, fixed)
    path = tmp_path / "导出.xlsx"
    export_workbook(school, path)
    header, rows = sheet_contents(path)["异常报告"]
    assert {dict(zip(header, row, strict=True))["报告人"] for row in rows} == {
        "工号:1001",
        "学号:1001",
    }
    assert not import_workbook(school, path).changed_anything


def test_a_header_row_with_only_empty_sheets_imports_nothing(school, tmp_path):
    book = write_book(tmp_path / "空.xlsx", {"学生": [["学号", "姓名", "性别", "班级编号"]]})
    report = import_workbook(school, book)
    assert report.sheets == {} and not report.changed_anything


def test_a_workbook_with_none_of_our_sheets_is_refused_with_the_expected_names(school, tmp_path):
    book = write_book(tmp_path / "别的.xlsx", {"Sheet1": [["姓名"], ["张三"]]})
    with pytest.raises(InvalidInput) as caught:
        import_workbook(school, book)
    assert "Sheet1" in str(caught.value) and "学生" in str(caught.value)


# -- wrong files --------------------------------------------------------------------------------
def _zip_without_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")


def _truncated_workbook(path: Path) -> None:
    write_template(path, today=TODAY)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _encrypted_workbook(path: Path) -> None:
    # What Excel writes for a password-protected workbook: a Compound File holding the
    # EncryptedPackage stream instead of a zip.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + bytes(1024))


def _old_excel(path: Path) -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + "Workbook".encode("utf-16-le") + bytes(1024))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda p: p.write_text("学号,姓名\n20250001,张三\n", encoding="utf-8"),
            "不是 Excel 工作簿",
        ),
        (_zip_without_workbook, "不是 Excel 工作簿"),
        (_truncated_workbook, "已损坏"),
        (_encrypted_workbook, "设置了打开密码"),
        (_old_excel, "旧版 Excel 文件"),
        (lambda p: None, "找不到文件"),
    ],
    ids=["csv", "docx-like zip", "truncated", "password", "xls", "missing"],
)
def test_a_wrong_file_gets_a_clear_message_and_changes_nothing(school, tmp_path, make, expected):
    path = tmp_path / "数据.xlsx"
    make(path)
    before = database_content(school, with_audit=True)
    with pytest.raises(InvalidInput) as caught:
        import_workbook(school, path)
    assert expected in str(caught.value)
    assert not isinstance(caught.value, ValidationFailed)
    assert database_content(school, with_audit=True) == before


def test_a_damaged_workbook_part_is_reported_as_damaged(school, template, tmp_path):
    damaged = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet5.xml":
                data = data[: len(data) // 2]  # a sheet cut off mid-way
            target.writestr(item, data)
    with pytest.raises(InvalidInput) as caught:
        import_workbook(school, damaged)
    assert "已损坏" in str(caught.value)


# -- roles --------------------------------------------------------------------------------------
def test_an_administrator_may_not_import_confidential_sheets(school, filled):
    as_admin(school)
    before = database_content(school, with_audit=True)
    with pytest.raises(NotPermitted) as caught:
        import_workbook(school, filled)
    assert "辅导记录" in str(caught.value) and "转介" in str(caught.value)
    assert "学生、" not in str(caught.value)
    assert database_content(school, with_audit=True) == before


def test_an_administrator_may_import_the_roster_even_beside_empty_confidential_sheets(
    school, classes, tmp_path
):
    as_admin(school)
    book = write_book(tmp_path / "名册.xlsx", {
        "学生": [["学号", "姓名", "性别", "班级编号"], ["20250002", "钱堃", "男", "0701"]],
        "辅导记录": [["日期", "开始时间", "时长(分钟)", "类型", "学号", "辅导教师工号"]],
    })  # fmt: skip
    assert import_workbook(school, book)["学生"].added == 1


def test_an_administrators_export_leaves_out_confidential_sheets_and_says_so(
    school, filled, tmp_path
):
    import_workbook(school, filled)
    as_admin(school)
    path = tmp_path / "管理员导出.xlsx"
    report = export_workbook(school, path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    names = workbook.sheetnames
    assert set(names) == (set(CONTRACT_ORDER) - CONFIDENTIAL_SHEETS) | {"说明"}
    assert set(report.left_out) == CONFIDENTIAL_SHEETS | {SCALE_SHEET}
    notes = " ".join(str(r[0]) for r in workbook["说明"].iter_rows(values_only=True) if r and r[0])
    workbook.close()
    assert "由管理员导出" in notes and "辅导记录" in notes
    contents = sheet_contents(path)
    assert SECRET_NOTE not in json.dumps({k: list(v[1]) for k, v in contents.items()},
                                         ensure_ascii=False, default=str)  # fmt: skip


def test_text_that_looks_like_a_formula_is_exported_as_text(school, records, classes, tmp_path):
    klass = records.find("class", equals={"class_code": "0701"})[0]
    records.create("student", {"student_no": "20250002", "name": "钱堃", "sex": "男",
                               "class_id": klass["id"], "guardian": "=HYPERLINK(\"x\")"})  # fmt: skip
    path = tmp_path / "导出.xlsx"
    export_workbook(school, path)
    cell = openpyxl.load_workbook(path)["学生"]["I2"]  # 监护人
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
    before = database_content(school)
    assert not import_workbook(school, path).changed_anything
    assert database_content(school) == before


# -- audit and privacy --------------------------------------------------------------------------
def test_import_and_export_are_audited_with_counts_and_never_content(school, filled, tmp_path):
    import_workbook(school, filled)
    export_workbook(school, tmp_path / "导出.xlsx")
    entries = school.audit.entries(limit=10)
    assert [e.action for e in entries[:2]] == ["export", "import"]
    assert entries[1].detail["sheets"]["student"] == {"added": 4, "updated": 0, "unchanged": 0}
    assert entries[0].detail["sheets"]["session"] == 3
    assert not any(e.action in ("create", "update") for e in entries)
    everything = json.dumps([e.detail for e in school.audit.entries(limit=1000)],
                            ensure_ascii=False)  # fmt: skip
    for secret in (SECRET_NAME, SECRET_NOTE, SECRET_NUMBER, "填好的"):
        assert secret not in everything
    assert school.audit.verify().intact


def _readable_bytes(path: Path) -> list[bytes]:
    """A file's bytes, and for a zip (a backup) each member's uncompressed bytes too."""
    data = [path.read_bytes()]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data += [archive.read(name) for name in archive.namelist()]
    return data


def test_nothing_from_an_imported_workbook_is_readable_in_the_data_folder(school, filled):
    import_workbook(school, filled)
    school.paths.backups.mkdir(exist_ok=True)
    school_backups.create_backup(school, school.paths.backups)
    files = [p for p in school.paths.root.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"school.db", "keys.json"} <= names and any(p.parent.name == "backups" for p in files)
    assert "school.db-wal" in names  # the write-ahead log holds the import until a checkpoint
    secrets = [SECRET_NAME, SECRET_NOTE, SECRET_NUMBER, "欧阳晞", "市精神卫生中心"]
    for path in files:
        for data in _readable_bytes(path):
            for secret in secrets:
                for encoding in ("utf-8", "utf-16-le", "gb18030"):
                    assert secret.encode(encoding) not in data, (path.name, secret, encoding)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        connection = sqlite3.connect(school.paths.database)
        try:
            connection.execute("SELECT name FROM sqlite_master").fetchall()
        finally:
            connection.close()


# -- the crisis workflow's columns (issue 12) ---------------------------------------------------
def test_the_crisis_plan_sheet_gains_the_workflow_columns_after_the_old_ones(template):
    headers = [c.value for c in openpyxl.load_workbook(template)["一生一策"][1]]
    assert headers == [
        "学号*", "建立日期*", "等级*", "关爱小组教师工号", "关爱小组同伴学号", "关爱小组家长", "安全计划",
        "干预措施", "转介机构", "转介日期", "家长知情日期", "下次评估日期", "结案日期", "报告日期",
        "返校日期", "预警信号", "我自己能做的事", "能帮我分散注意的人和地方", "可以求助的大人",
        "专业机构与热线", "让环境更安全", "我活下去的理由",
    ]  # fmt: skip


def test_a_crisis_plan_sheet_written_before_the_workflow_still_imports(school, tmp_path):
    book = write_book(tmp_path / "旧.xlsx", {
        "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
        "学生": [["学号", "姓名", "性别", "班级编号"], ["20250002", "钱堃", "男", "0701"]],
        "一生一策": [
            ["学号", "建立日期", "等级", "安全计划", "家长知情日期"],
            ["20250002", "2025-10-09", 2, "每日与班主任打招呼", "2025-10-09"],
        ],
    })  # fmt: skip
    assert import_workbook(school, book)["一生一策"].added == 1
    (plan,) = RecordService(school).find("crisis_plan")
    assert plan["safety_plan"] == "每日与班主任打招呼"
    assert plan["reported_on"] is None and plan["reasons_to_live"] is None
