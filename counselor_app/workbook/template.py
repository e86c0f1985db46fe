"""The blank school workbook (学校数据模板.xlsx): every sheet, one example row each, and 说明.

The example rows describe one small, consistent school: the example student is in the example
class (of the example term's school year, on 学年分班 too), whose head teacher is the example
teacher, and every dated example lies in the last school term that has already ended, so the
examples would import cleanly (which the tests check) and none is "in the future" or "outside every
term". They are never imported as they stand: the template marks them (:mod:`~counselor_app.
workbook.examples`) and the import leaves such rows out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from counselor_app.workbook.examples import example_names
from counselor_app.workbook.instructions import TEMPLATE_NOTE, Instructions
from counselor_app.workbook.layout import INSTRUCTIONS_SHEET, SHEETS
from counselor_app.workbook.saving import save_workbook
from counselor_app.workbook.scale_answers_sheet import SHEET_NOTE as SCALE_SHEET_NOTE
from counselor_app.workbook.scale_answers_sheet import sheet_layout
from counselor_app.workbook.sheet_writer import write_data_sheet, write_instructions_sheet
from counselor_app.years.school_years import school_year_of_term


def school_terms(year: int) -> list[tuple[str, dt.date, dt.date]]:
    """The two terms of the school year that starts in ``year`` (typical dates)."""
    name = f"{year}—{year + 1}学年"
    return [
        (f"{name}第一学期", dt.date(year, 9, 1), dt.date(year + 1, 1, 20)),
        (f"{name}第二学期", dt.date(year + 1, 2, 20), dt.date(year + 1, 7, 10)),
    ]


def last_finished_term(today: dt.date) -> tuple[str, dt.date, dt.date]:
    finished = [
        term
        for year in range(today.year - 2, today.year + 1)
        for term in school_terms(year)
        if term[2] < today
    ]
    return max(finished, key=lambda term: term[2])


def _weekday_after(day: dt.date, days: int) -> dt.date:
    """A Monday-to-Friday ``days`` or a little more after ``day``."""
    moved = day + dt.timedelta(days=days)
    while moved.weekday() >= 5:
        moved += dt.timedelta(days=1)
    return moved


def example_rows(today: dt.date) -> dict[str, dict[str, Any]]:
    """One example row per record type (and the school), as cell values keyed by field name."""
    term, first, last = last_finished_term(today)
    day = _weekday_after(first, 30)  # a school day a month into the term
    later = _weekday_after(day, 7)
    student, teacher, klass = "20250001", "T001", "0701"
    year = school_year_of_term(first).name
    return {
        "school": {
            "name": "示例中学",
            "stage": "初中",
            "campuses": "本部",
            "room_area_m2": 36,
            "room_functions": "个体辅导;团体辅导;心理测评;沙盘;放松宣泄",
            "room_equipment": "心理测量软件;沙盘;团体辅导箱",
            "hotline": "0000-1234567",
            "mailbox": "教学楼一楼心理信箱",
            "outside_hotline": "12356",
            "booking_channels": "当面;电话;网络",
        },
        "term": {"name": term, "first_day": first, "last_day": last},
        "staff": {
            "staff_no": teacher,
            "name": "李老师",
            "sex": "女",
            "roles": "专职心理教师;班主任",
            "qualification": "B",
            "campus_id": "本部",
        },
        "class": {
            "school_year": year,
            "class_code": klass,
            "grade": 7,
            "name": "七年级1班",
            "head_teacher_id": teacher,
            "campus_id": "本部",
            "graduating": "否",
        },
        "enrolment": {"school_year": year, "student_id": student, "class_id": klass},
        "student": {
            "student_no": student,
            "name": "张小明",
            "sex": "男",
            "class_id": klass,
            "birth_date": dt.date(first.year - 13, 5, 1),
            "status": "在读",
            "guardian": "张建国",
            "guardian_phone": "13800000000",
        },
        "room_hours": {
            "weekday": "一",
            "start_time": dt.time(12, 30),
            "end_time": dt.time(13, 30),
            "duty_staff_id": teacher,
            "valid_from": first,
        },
        "closure_day": {"date": later, "reason": "校运会", "scope": "全校停课"},
        "session": {
            "date": day,
            "start_time": dt.time(14, 0),
            "minutes": 45,
            "kind": "个体",
            "students": student,
            "counsellor_id": teacher,
            "source": "来访",
            "topic": "学业",
            "summary": "示例：考试前紧张，练习了放松方法",
            "follow_up": "两周后回访",
            "risk_level": 1,
            "entered_on": day,
        },
        "appointment": {
            "date": day,
            "start_time": dt.time(14, 0),
            "minutes": 45,
            "student_id": student,
            "channel": "当面",
            "state": "已完成",
        },
        "monitor": {"student_id": student, "from_date": first},
        "activity": {
            "date": day,
            "type": "心理主题班会",
            "title": "示例：情绪管理主题班会",
            "classes": klass,
            "participants": 45,
            "minutes": 45,
            "leaders": teacher,
            "psych_content": "是",
        },
        "external_training": {
            "date": day,
            "staff_id": teacher,
            "name": "示例：县心理健康教育教研活动",
            "kind": "教研",
            "level": "县级",
            "hours": 3,
        },
        "psych_lesson": {
            "date": day,
            "class_id": klass,
            "teacher_id": teacher,
            "periods": 1,
            "theme": "认识情绪",
        },
        "home_visit": {
            "date": day,
            "student_id": student,
            "teacher_id": teacher,
            "mode": "电话",
            "summary": "示例：与家长沟通在校情况",
        },
        "screening": {
            "date": first + dt.timedelta(days=14),
            "student_id": student,
            "instrument": "中学生心理健康量表",
            "score": 62,
            "result_level": 0,
        },
        "risk_assessment": {
            "date": day,
            "student_id": student,
            "level": 1,
            "assessed_by_id": teacher,
            "basis": "示例：辅导中评估",
        },
        "crisis_plan": {
            "student_id": student,
            "created_on": day,
            "level": 1,
            "care_teachers": teacher,
            "care_parents": "张建国",
            "safety_plan": "示例：约定情绪低落时找班主任或心理老师",
            "measures": "示例：每周一次个体辅导",
            "guardian_informed_on": day,
            "next_review_on": later,
        },
        "follow_up": {
            "date": later,
            "student_id": student,
            "teacher_id": teacher,
            "content": "示例：电话随访，情绪平稳",
        },
        "abnormal_report": {
            "date": day,
            "student_id": student,
            "reporter": teacher,
            "observation": "示例：课间独自哭泣",
            "handled_by_id": teacher,
        },
        "school_document": {
            "kind": "工作方案",
            "name": "示例：心理健康教育工作方案",
            "date": first,
        },
        "consent": {
            "student_id": student,
            "guardian": "张建国",
            "scope": "测评;辅导",
            "given_on": first,
        },
        "confidentiality_break": {
            "date": later,
            "student_id": student,
            "reason": "示例：存在自伤风险，需告知监护人",
            "notified": "班主任;监护人",
            "handled_by_id": teacher,
        },
        "monitor_report": {
            "month": day.strftime("%Y-%m"),
            "class_id": klass,
            "reporter_student_id": student,
            "nothing_to_report": "是",
        },
        "referral": {
            "student_id": student,
            "to_whom": "示例：市精神卫生中心",
            "date": later,
            "state": "建议",
        },
    }


def write_template(path: Path, *, today: dt.date | None = None) -> None:
    """Write the template to ``path`` (atomically). ``today`` places the example dates."""
    examples = example_rows(today or dt.date.today())

    def build() -> Workbook:
        workbook = Workbook(write_only=True)
        for layout in SHEETS:
            example = examples[layout.spec.type]
            write_data_sheet(
                workbook, layout, [[example.get(column.field.name) for column in layout.columns]]
            )
        # 量表作答 has no example row: a scale's answers are one student's, never made up.
        scale_sheet = sheet_layout()
        write_data_sheet(workbook, scale_sheet, [])
        write_instructions_sheet(
            workbook,
            INSTRUCTIONS_SHEET,
            Instructions((TEMPLATE_NOTE, SCALE_SHEET_NOTE), (*SHEETS, scale_sheet)).lines(),
        )
        for name in example_names(examples):
            workbook.defined_names[name.name] = name
        return workbook

    save_workbook(Path(path), build)
