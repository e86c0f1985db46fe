"""Every record type the program keeps (requirements.md §1), described once.

The Chinese label of each field is its column header in the school workbook (import-template.md).
The school itself (学校信息) is a single record with its own service; everything else is here.
"""

from __future__ import annotations

from counselor_app.foundation import vocab as v
from counselor_app.foundation.i18n import current_language, msg
from counselor_app.records.hooks import session_entered_today, student_search_keys
from counselor_app.records.spec import Counted, Hooks, Link, OwnedRows, RecordSpec
from counselor_app.records.spec import FieldSpec as F
from counselor_app.records.spec import Kind as K

TERM = RecordSpec(
    "term",
    "term",
    "学期",
    "Terms",
    (
        F("name", "学期名称", "Term name", K.TEXT, required=True),
        F("first_day", "开始日期", "First day", K.DATE, required=True),
        F("last_day", "结束日期", "Last day", K.DATE, required=True),
    ),
    natural_key=("name",),
    title="{name}",
)

CAMPUS = RecordSpec(
    "campus",
    "campus",
    "校区",
    "Campuses",
    (F("name", "校区", "Campus", K.TEXT, required=True),),
    natural_key=("name",),
    title="{name}",
)

STAFF = RecordSpec(
    "staff",
    "staff",
    "教职工",
    "Staff",
    (
        F("staff_no", "工号", "Staff no.", K.TEXT, required=True),
        F("name", "姓名", "Name", K.TEXT, required=True),
        F("sex", "性别", "Sex", K.CHOICE, vocab=v.SEX),
        F(
            "roles",
            "岗位",
            "Roles",
            K.CHOICE_LINK,
            required=True,
            vocab=v.STAFF_ROLE,
            link=Link("staff_role", "staff_id", "role"),
        ),
        F("qualification", "资格等级", "Qualification", K.CHOICE, vocab=v.QUALIFICATION),
        F("campus_id", "校区", "Campus", K.REF, ref="campus", cleared_on_delete=True),
    ),
    natural_key=("staff_no",),
    title="{name}（{staff_no}）",
)

CLASS = RecordSpec(
    "class",
    "class",
    "班级",
    "Classes",
    (
        # Blank means the current school year (counselor_app.years.school_years.current_school_year).
        F("school_year", "学年", "School year", K.SCHOOL_YEAR),
        F("class_code", "班级编号", "Class code", K.TEXT, required=True),
        F("grade", "年级", "Grade", K.INT, required=True, minimum=1, maximum=12),
        F("name", "班级名称", "Class name", K.TEXT, required=True),
        F(
            "head_teacher_id",
            "班主任工号",
            "Head teacher",
            K.REF,
            ref="staff",
            cleared_on_delete=True,
        ),
        F("campus_id", "校区", "Campus", K.REF, ref="campus", cleared_on_delete=True),
        F("graduating", "毕业年级", "Graduating year", K.BOOL, default=False),
    ),
    # The same 班级编号 comes back every year with other students.
    natural_key=("school_year", "class_code"),
    title="{name}",
)

STUDENT = RecordSpec(
    "student",
    "student",
    "学生",
    "Students",
    (
        F("student_no", "学号", "Student no.", K.TEXT, required=True),
        F("name", "姓名", "Name", K.TEXT, required=True),
        F("sex", "性别", "Sex", K.CHOICE, required=True, vocab=v.SEX),
        F("class_id", "班级编号", "Class", K.REF, required=True, ref="class"),
        F("birth_date", "出生日期", "Date of birth", K.DATE),
        F("status", "状态", "Status", K.CHOICE, vocab=v.STUDENT_STATUS, default="enrolled"),
        F("enrolled_on", "入学日期", "Enrolled on", K.DATE),
        F("left_on", "离校日期", "Left on", K.DATE),
        F("guardian", "监护人", "Guardian", K.TEXT),
        F("guardian_phone", "监护人电话", "Guardian's phone", K.TEXT),
    ),
    natural_key=("student_no",),
    title="{name}（{student_no}）",
    # The class of every school year the student was enrolled (学年分班); the latest is class_id.
    owned=(
        OwnedRows(
            "enrolment",
            "student_id",
            refers=(("class_id", "class"),),
            counted_as=Counted("学年分班", "school-year placements", "placement"),
        ),
    ),
    hooks=Hooks(after_write=student_search_keys),
    delete_advice=msg(
        "学生离校请把状态改为“毕业”或“转出”，记录会保留。",
        "When a student leaves, set the status to graduated or transferred; the records are kept.",
    ),
)

ROOM_HOURS = RecordSpec(
    "room_hours",
    "room_hours",
    "开放时间",
    "Room hours",
    (
        F(
            "weekday",
            "星期",
            "Weekday",
            K.INT,
            required=True,
            vocab=v.WEEKDAY,
            minimum=1,
            maximum=7,
        ),
        F("start_time", "开始时间", "From", K.TIME, required=True),
        F("end_time", "结束时间", "To", K.TIME, required=True),
        F(
            "duty_staff_id",
            "值班教师工号",
            "Duty teacher",
            K.REF,
            ref="staff",
            cleared_on_delete=True,
        ),
        F("valid_from", "生效日期", "Valid from", K.DATE, required=True),
        F("valid_to", "失效日期", "Valid to", K.DATE),
    ),
    date_field="valid_from",
    title="{weekday} {start_time}–{end_time}",
)

CLOSURE_DAY = RecordSpec(
    "closure_day",
    "closure_day",
    "停开日期",
    "Closure days",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("reason", "原因", "Reason", K.TEXT),
        # 全校停课 lowers the room's weekly hours bar; 仅辅导室 (the room alone) does not.
        F("scope", "范围", "Closed", K.CHOICE, vocab=v.CLOSURE_SCOPE, default="room"),
    ),
    natural_key=("date",),
    date_field="date",
    title="{date}",
)

SESSION = RecordSpec(
    "session",
    "counselling_session",
    "辅导记录",
    "Counselling sessions",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("start_time", "开始时间", "Start", K.TIME, required=True),
        F("minutes", "时长(分钟)", "Minutes", K.INT, required=True, minimum=1, maximum=600),
        F("kind", "类型", "Kind", K.CHOICE, required=True, vocab=v.SESSION_KIND),
        F(
            "students",
            "学号",
            "Students",
            K.REF_LIST,
            required=True,
            ref="student",
            link=Link("session_student", "session_id", "student_id"),
        ),
        F("counsellor_id", "辅导教师工号", "Counsellor", K.REF, required=True, ref="staff"),
        F("source", "来源", "Came by", K.CHOICE, vocab=v.SESSION_SOURCE),
        F("topic", "问题类别", "Topic", K.CHOICE, vocab=v.TOPIC),
        F("summary", "摘要", "Notes", K.TEXT, confidential=True),
        F("follow_up", "后续安排", "Follow-up", K.TEXT, confidential=True),
        F("risk_level", "风险等级", "Risk level", K.INT, minimum=0, maximum=3, confidential=True),
        F("entered_on", "录入日期", "Entered on", K.DATE),
    ),
    student_field="students",
    date_field="date",
    title="{date} {start_time}",
    counted_as=Counted("辅导记录", "sessions", "session"),
    hooks=Hooks(on_entry=session_entered_today),
)

APPOINTMENT = RecordSpec(
    "appointment",
    "appointment",
    "预约",
    "Appointments",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("start_time", "开始时间", "Start", K.TIME, required=True),
        F("minutes", "时长(分钟)", "Minutes", K.INT, minimum=1, maximum=600),
        F("student_id", "学号", "Student", K.REF, ref="student"),
        F("parent_name", "家长姓名", "Parent", K.TEXT),
        F("channel", "渠道", "Channel", K.CHOICE, required=True, vocab=v.BOOKING_CHANNEL),
        F("state", "状态", "State", K.CHOICE, vocab=v.APPOINTMENT_STATE, default="pending"),
    ),
    student_field="student_id",
    date_field="date",
    title="{date} {start_time}",
)

MONITOR = RecordSpec(
    "monitor",
    "monitor",
    "心理委员",
    "Student monitors",
    (
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("from_date", "任职开始", "From", K.DATE, required=True),
        F("to_date", "任职结束", "To", K.DATE),
    ),
    student_field="student_id",
    date_field="from_date",
    title="{from_date}",
    counted_as=Counted("心理委员任职", "monitor terms", "monitor term"),
)

ACTIVITY = RecordSpec(
    "activity",
    "activity",
    "活动",
    "Activities",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("type", "类型", "Type", K.CHOICE, required=True, vocab=v.ACTIVITY_TYPE),
        F("title", "标题", "Title", K.TEXT, required=True),
        F(
            "classes",
            "班级编号",
            "Classes",
            K.REF_LIST,
            ref="class",
            link=Link("activity_class", "activity_id", "class_id"),
        ),
        F("participants", "参与人数", "Participants", K.INT, minimum=0, maximum=100000),
        F("minutes", "时长(分钟)", "Minutes", K.INT, minimum=1, maximum=1440),
        F(
            "leaders",
            "负责人工号",
            "Led by",
            K.REF_LIST,
            ref="staff",
            link=Link("activity_leader", "activity_id", "staff_id"),
        ),
        F("psych_content", "含心理健康内容", "Psych content", K.BOOL, default=True),
    ),
    date_field="date",
    title="{date} {title}",
)

EXTERNAL_TRAINING = RecordSpec(
    "external_training",
    "external_training",
    "外出培训",
    "External trainings",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("staff_id", "工号", "Staff member", K.REF, required=True, ref="staff"),
        F("name", "名称", "Name", K.TEXT, required=True),
        F("kind", "类型", "Kind", K.CHOICE, required=True, vocab=v.TRAINING_KIND),
        F("level", "级别", "Level", K.CHOICE, required=True, vocab=v.TRAINING_LEVEL),
        F("hours", "学时", "Hours", K.REAL, minimum=0.1, maximum=1000),
    ),
    date_field="date",
    title="{date} {name}",
)

PSYCH_LESSON = RecordSpec(
    "psych_lesson",
    "psych_lesson",
    "心理课",
    "Psych lessons",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("class_id", "班级编号", "Class", K.REF, required=True, ref="class"),
        F("teacher_id", "授课教师工号", "Teacher", K.REF, required=True, ref="staff"),
        F("periods", "课时", "Periods", K.INT, required=True, minimum=1, maximum=10),
        F("theme", "主题", "Theme", K.TEXT),
    ),
    date_field="date",
    title="{date}",
)

HOME_VISIT = RecordSpec(
    "home_visit",
    "home_visit",
    "家访",
    "Home visits",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("teacher_id", "教师工号", "Teacher", K.REF, required=True, ref="staff"),
        F("mode", "方式", "Mode", K.CHOICE, vocab=v.VISIT_MODE),
        F("summary", "摘要", "Summary", K.TEXT, confidential=True),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
)

SCREENING = RecordSpec(
    "screening",
    "screening",
    "测评",
    "Screenings",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("instrument", "量表", "Instrument", K.TEXT, required=True, confidential=True),
        F("score", "总分", "Score", K.REAL, confidential=True),
        F(
            "result_level",
            "结果等级",
            "Result level",
            K.INT,
            required=True,
            minimum=0,
            maximum=3,
            confidential=True,
        ),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
)

RISK_ASSESSMENT = RecordSpec(
    "risk_assessment",
    "risk_assessment",
    "风险等级",
    "Risk levels",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("level", "等级", "Level", K.INT, required=True, minimum=0, maximum=3),
        F(
            "assessed_by_id",
            "评定人工号",
            "Assessed by",
            K.REF,
            ref="staff",
            cleared_on_delete=True,
        ),
        F("basis", "依据", "Basis", K.TEXT, confidential=True),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
)

# A teacher or a peer in a crisis plan's care group is counted by the group they are in.
CARE_GROUPS = Counted("关爱小组", "care groups", "care group")

CRISIS_PLAN = RecordSpec(
    "crisis_plan",
    "crisis_plan",
    "一生一策",
    "Crisis plans",
    (
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("created_on", "建立日期", "Created on", K.DATE, required=True),
        F("level", "等级", "Level", K.INT, required=True, minimum=0, maximum=3),
        F(
            "care_teachers",
            "关爱小组教师工号",
            "Care group: staff",
            K.REF_LIST,
            ref="staff",
            link=Link("crisis_plan_teacher", "plan_id", "staff_id"),
            counted_as=CARE_GROUPS,
        ),
        F(
            "care_peers",
            "关爱小组同伴学号",
            "Care group: peers",
            K.REF_LIST,
            ref="student",
            link=Link("crisis_plan_peer", "plan_id", "student_id"),
            counted_as=CARE_GROUPS,
        ),
        F("care_parents", "关爱小组家长", "Care group: parents", K.TEXT_LIST),
        F("safety_plan", "安全计划", "Safety plan", K.TEXT, confidential=True),
        F("measures", "干预措施", "Measures", K.TEXT, confidential=True),
        F("referral_to", "转介机构", "Referred to", K.TEXT, confidential=True),
        F("referral_on", "转介日期", "Referred on", K.DATE),
        F("guardian_informed_on", "家长知情日期", "Guardian informed on", K.DATE),
        F("next_review_on", "下次评估日期", "Next review", K.DATE),
        F("closed_on", "结案日期", "Closed on", K.DATE),
        # Added with the workflow (schema 8), after the older columns so that a workbook filled
        # in before them still reads. Blank 报告日期 means the plan's 建立日期.
        F("reported_on", "报告日期", "Reported on", K.DATE),
        F("return_on", "返校日期", "Returns on", K.DATE),
        # The safety plan in seven sections, each in the student's own words; 安全计划 above
        # keeps what older plans wrote (shown as 其他 beside these).
        F("warning_signs", "预警信号", "Warning signs", K.TEXT, confidential=True),
        F("coping_alone", "我自己能做的事", "What I can do alone", K.TEXT, confidential=True),
        F(
            "people_places",
            "能帮我分散注意的人和地方",
            "People and places that take my mind off it",
            K.TEXT,
            confidential=True,
        ),
        F("adults_to_ask", "可以求助的大人", "Adults I can ask", K.TEXT, confidential=True),
        F(
            "professionals",
            "专业机构与热线",
            "Professionals and hotlines",
            K.TEXT,
            confidential=True,
        ),
        F(
            "safe_surroundings",
            "让环境更安全",
            "Making my surroundings safe",
            K.TEXT,
            confidential=True,
        ),
        F("reasons_to_live", "我活下去的理由", "My reasons to live", K.TEXT, confidential=True),
    ),
    student_field="student_id",
    date_field="created_on",
    title="{created_on}",
    # Each step of the case and each change of its referral, dated (counselor_app.crisis). Who
    # did them is cleared when that staff member is deleted (ON DELETE SET NULL): no block.
    owned=(OwnedRows("crisis_step", "plan_id"), OwnedRows("crisis_referral", "plan_id")),
)

FOLLOW_UP = RecordSpec(
    "follow_up",
    "follow_up",
    "随访",
    "Follow-ups",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("teacher_id", "教师工号", "Teacher", K.REF, required=True, ref="staff"),
        F("content", "内容", "Content", K.TEXT, confidential=True),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
)

ABNORMAL_REPORT = RecordSpec(
    "abnormal_report",
    "abnormal_report",
    "异常报告",
    "Abnormal-situation reports",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F(
            "reporter",
            "报告人",
            "Reported by",
            K.REPORTER,
            columns=("reporter_staff_id", "reporter_student_id"),
            cleared_on_delete=True,
        ),
        F("observation", "情况", "What was seen", K.TEXT, required=True, confidential=True),
        F(
            "handled_by_id",
            "处理人工号",
            "Handled by",
            K.REF,
            ref="staff",
            cleared_on_delete=True,
        ),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
    counted_as=Counted("异常报告", "abnormal reports", "abnormal report"),
)

SCHOOL_DOCUMENT = RecordSpec(
    "school_document",
    "school_document",
    "制度文件",
    "Documents on file",
    (
        F("kind", "类型", "Kind", K.CHOICE, required=True, vocab=v.DOCUMENT_KIND),
        F("name", "名称", "Name", K.TEXT, required=True),
        F("date", "日期", "Date", K.DATE, required=True),
    ),
    date_field="date",
    title="{name}",
)

CONSENT = RecordSpec(
    "consent",
    "consent",
    "知情同意",
    "Consents",
    (
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("guardian", "监护人", "Guardian", K.TEXT, required=True),
        F("scope", "范围", "Covers", K.CHOICE_LIST, required=True, vocab=v.CONSENT_SCOPE),
        F("given_on", "同意日期", "Given on", K.DATE, required=True),
        F("withdrawn_on", "撤回日期", "Withdrawn on", K.DATE),
    ),
    student_field="student_id",
    date_field="given_on",
    title="{given_on}",
)

CONFIDENTIALITY_BREAK = RecordSpec(
    "confidentiality_break",
    "confidentiality_break",
    "突破保密",
    "Confidentiality breaks",
    (
        F("date", "日期", "Date", K.DATE, required=True),
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("reason", "原因", "Reason", K.TEXT, required=True, confidential=True),
        F("notified", "告知对象", "Told", K.TEXT_LIST, required=True),
        F("handled_by_id", "经办人工号", "Handled by", K.REF, required=True, ref="staff"),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
    counted_as=Counted("突破保密记录", "confidentiality breaks", "confidentiality break"),
)

MONITOR_REPORT = RecordSpec(
    "monitor_report",
    "monitor_report",
    "委员月报",
    "Monitor reports",
    (
        F("month", "月份", "Month", K.MONTH, required=True),
        F("class_id", "班级编号", "Class", K.REF, required=True, ref="class"),
        F("reporter_student_id", "报告人学号", "Reported by", K.REF, required=True, ref="student"),
        F("nothing_to_report", "无异常", "Nothing to report", K.BOOL, required=True),
        F("details", "情况", "Details", K.TEXT, confidential=True),
    ),
    date_field="month",
    title="{month}",
)

REFERRAL = RecordSpec(
    "referral",
    "referral",
    "转介",
    "Referrals",
    (
        F("student_id", "学号", "Student", K.REF, required=True, ref="student"),
        F("to_whom", "转介机构", "Referred to", K.TEXT, required=True, confidential=True),
        F("date", "日期", "Date", K.DATE, required=True),
        F("state", "状态", "State", K.CHOICE, required=True, vocab=v.REFERRAL_STATE),
        F("return_plan", "返校安排", "Return plan", K.TEXT, confidential=True),
    ),
    student_field="student_id",
    date_field="date",
    title="{date}",
)

# In workbook order; a record's references point only backwards in this list, so importing in
# this order always finds what a row refers to.
ALL: tuple[RecordSpec, ...] = (
    TERM,
    STAFF,
    CLASS,
    STUDENT,
    ROOM_HOURS,
    CLOSURE_DAY,
    SESSION,
    APPOINTMENT,
    MONITOR,
    ACTIVITY,
    EXTERNAL_TRAINING,
    PSYCH_LESSON,
    HOME_VISIT,
    SCREENING,
    RISK_ASSESSMENT,
    CRISIS_PLAN,
    FOLLOW_UP,
    ABNORMAL_REPORT,
    SCHOOL_DOCUMENT,
    CONSENT,
    CONFIDENTIALITY_BREAK,
    MONITOR_REPORT,
    REFERRAL,
)
BY_TYPE: dict[str, RecordSpec] = {spec.type: spec for spec in (*ALL, CAMPUS)}
# The columns holding sealed text, per table (see FieldSpec.sealed).
SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    spec.table: spec.sealed_fields for spec in BY_TYPE.values() if spec.sealed_fields
}

# A record type's label names its list ("Home visits": a tab, a section, a sheet). One record is
# named in the singular in English: a form's heading, "delete this …?", a timeline entry, "this …
# was not found". Chinese says both with the same word (家访).
ONE_RECORD_EN: dict[str, str] = {
    "term": "term",
    "campus": "campus",
    "staff": "staff member",
    "class": "class",
    "student": "student",
    "room_hours": "opening slot",
    "closure_day": "closure day",
    "session": "counselling session",
    "appointment": "appointment",
    "monitor": "student monitor",
    "activity": "activity",
    "external_training": "external training",
    "psych_lesson": "psych lesson",
    "home_visit": "home visit",
    "screening": "screening",
    "risk_assessment": "risk level",
    "crisis_plan": "crisis plan",
    "follow_up": "follow-up",
    "abnormal_report": "abnormal-situation report",
    "school_document": "document on file",
    "consent": "consent",
    "confidentiality_break": "confidentiality break",
    "monitor_report": "monitor report",
    "referral": "referral",
}


def spec_for(record_type: str) -> RecordSpec:
    try:
        return BY_TYPE[record_type]
    except KeyError:
        raise KeyError(f"unknown record type {record_type!r}") from None


def one_record_label(
    record_type: str, language: str | None = None, *, capital: bool = False
) -> str:
    """How one record of the type is named in a sentence: 家访 / "home visit" (lower case: it
    stands inside a sentence; ``capital`` gives "Home visit" for a heading or a table cell).
    The label (``spec.label``) names a list."""
    spec = spec_for(record_type)
    if (language or current_language()) == "en":
        label = ONE_RECORD_EN.get(record_type, spec.label_en)
        return label[:1].upper() + label[1:] if capital else label
    return spec.label_zh
