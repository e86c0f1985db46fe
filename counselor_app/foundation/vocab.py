"""The closed vocabularies of the records: stable codes in the database, words for people.

The database stores the English code; the workbook and the screens show the Chinese word (or the
English one). A vocabulary is declared once here and used by the schema checks, the validation, the
workbook and the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.foundation.i18n import current_language


@dataclass(frozen=True)
class Term:
    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    @property
    def words_zh(self) -> tuple[str, ...]:
        return tuple(t.zh for t in self.terms)

    def label(self, code: str | None, language: str | None = None) -> str:
        if code is None:
            return ""
        for term in self.terms:
            if term.code == code:
                return term.en if (language or current_language()) == "en" else term.zh
        return str(code)

    def code_for(self, word: str) -> str | None:
        """The code for a Chinese word, an English word or the code itself; None if unknown."""
        wanted = word.strip()
        for term in self.terms:
            if wanted in (term.zh, term.code) or wanted.lower() == term.en.lower():
                return term.code
        return None


def _vocab(name: str, *terms: tuple[str, str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*t) for t in terms))


STAGE = _vocab(
    "stage",
    ("primary", "小学", "Primary"),
    ("junior", "初中", "Junior secondary"),
    ("senior", "高中", "Senior secondary"),
    ("nine_year", "九年一贯", "Nine-year school"),
    ("complete_secondary", "完全中学", "Complete secondary"),
)
ROOM_FUNCTION = _vocab(
    "room_function",
    ("individual", "个体辅导", "Individual counselling"),
    ("group", "团体辅导", "Group counselling"),
    ("assessment", "心理测评", "Assessment"),
    ("sandplay", "沙盘", "Sand play"),
    ("relaxation", "放松宣泄", "Relaxation"),
)
BOOKING_CHANNEL = _vocab(
    "booking_channel",
    ("in_person", "当面", "In person"),
    ("phone", "电话", "Phone"),
    ("online", "网络", "Online"),
)
STAFF_ROLE = _vocab(
    "staff_role",
    ("fulltime_psych", "专职心理教师", "Full-time psych teacher"),
    ("parttime_psych", "兼职心理教师", "Part-time psych teacher"),
    ("head_teacher", "班主任", "Head teacher"),
    ("subject_teacher", "任课教师", "Subject teacher"),
    ("leader", "校领导", "School leader"),
    ("middle_manager", "中层干部", "Middle manager"),
    ("other", "其他", "Other"),
)
QUALIFICATION = _vocab(
    "qualification",
    ("A", "A", "A"),
    ("B", "B", "B"),
    ("C", "C", "C"),
    ("none", "无", "None"),
)
SEX = _vocab("sex", ("M", "男", "Male"), ("F", "女", "Female"))
STUDENT_STATUS = _vocab(
    "student_status",
    ("enrolled", "在读", "Enrolled"),
    ("graduated", "毕业", "Graduated"),
    ("transferred", "转出", "Transferred out"),
)
SESSION_KIND = _vocab(
    "session_kind", ("individual", "个体", "Individual"), ("group", "团体", "Group")
)
SESSION_SOURCE = _vocab(
    "session_source",
    ("walk_in", "来访", "Walk-in"),
    ("appointment", "预约", "Appointment"),
    ("referral", "转介", "Referral"),
    ("screening", "筛查", "Screening"),
    ("crisis", "危机", "Crisis"),
)
TOPIC = _vocab(
    "topic",
    ("study", "学业", "Study"),
    ("relationships", "人际", "Relationships"),
    ("emotion", "情绪", "Emotions"),
    ("family", "家庭", "Family"),
    ("puberty", "青春期", "Puberty"),
    ("internet", "网络", "Internet"),
    ("self", "自我认知", "Self-image"),
    ("career", "生涯", "Career"),
    ("other", "其他", "Other"),
)
APPOINTMENT_STATE = _vocab(
    "appointment_state",
    ("pending", "待确认", "Pending"),
    ("confirmed", "已确认", "Confirmed"),
    ("done", "已完成", "Done"),
    ("cancelled", "取消", "Cancelled"),
    ("no_show", "未到", "No-show"),
)
ACTIVITY_TYPE = _vocab(
    "activity_type",
    ("leadership_meeting", "领导小组会议", "Leadership meeting"),
    ("staff_training", "教职工培训", "Staff training"),
    ("monitor_training", "心理委员培训", "Monitor training"),
    ("parent_class", "家长课堂", "Parent class"),
    ("parent_meeting", "家长会", "Parent meeting"),
    ("class_meeting", "心理主题班会", "Psych class meeting"),
    ("life_education", "生命教育", "Life education"),
    ("activity_month", "心理健康活动月", "Mental-health month"),
    ("orientation", "新生参观辅导室", "New-student room visit"),
    ("monthly_check", "月度检查", "Monthly check"),
    ("other", "其他", "Other"),
)
VISIT_MODE = _vocab(
    "visit_mode",
    ("in_home", "入户", "At home"),
    ("phone", "电话", "Phone"),
    ("video", "视频", "Video"),
    ("at_school", "到校", "At school"),
)
DOCUMENT_KIND = _vocab(
    "document_kind",
    ("task_force", "工作专班", "Task force decision"),
    ("work_plan", "工作方案", "Work plan"),
    ("emergency_plan", "应急预案", "Emergency plan"),
    ("other", "其他", "Other"),
)
CONSENT_SCOPE = _vocab(
    "consent_scope",
    ("screening", "测评", "Screening"),
    ("counselling", "辅导", "Counselling"),
    ("referral", "转介", "Referral"),
)
REFERRAL_STATE = _vocab(
    "referral_state",
    ("suggested", "建议", "Suggested"),
    ("referred", "已转介", "Referred"),
    ("in_treatment", "就诊中", "In treatment"),
    ("returned", "已返校", "Back at school"),
    ("closed", "结束", "Closed"),
)
CLOSURE_SCOPE = _vocab(
    "closure_scope",
    ("school", "全校停课", "Whole school closed"),
    ("room", "仅辅导室", "Counselling room only"),
)
TRAINING_KIND = _vocab(
    "training_kind",
    ("research", "教研", "Teaching research"),
    ("training", "培训", "Training"),
    ("exchange", "交流", "Exchange"),
)
TRAINING_LEVEL = _vocab(
    "training_level",
    ("county", "县级", "County"),
    ("city", "市级", "City"),
    ("province", "省级", "Province"),
    ("national", "国家级", "National"),
)
WEEKDAY = _vocab(
    "weekday",
    ("1", "一", "Mon"),
    ("2", "二", "Tue"),
    ("3", "三", "Wed"),
    ("4", "四", "Thu"),
    ("5", "五", "Fri"),
    ("6", "六", "Sat"),
    ("7", "日", "Sun"),
)
YES_NO = _vocab("yes_no", ("1", "是", "Yes"), ("0", "否", "No"))
USER_ROLE = _vocab(
    "user_role", ("counsellor", "心理教师", "Counsellor"), ("admin", "管理员", "Administrator")
)
RISK_LEVEL = _vocab(
    "risk_level",
    ("0", "一般", "General"),
    ("1", "关注", "Watch"),
    ("2", "重点关注", "Close watch"),
    ("3", "危机", "Crisis"),
)
