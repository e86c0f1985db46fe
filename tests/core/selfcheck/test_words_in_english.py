"""The metrics' words in both languages: Chinese exactly as the district's report prints them, and
English for the self-check page. (Every test that measures through the ``measure`` fixture also
checks that the English holds no Chinese but the school's own data; these cover the wordings the
other tests do not reach, and spell the English out.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from counselor_app.foundation.i18n import Bilingual, in_language, set_language
from counselor_app.reports.selfcheck_words import evidence_row
from counselor_app.selfcheck.metrics.judging import bad_param
from counselor_app.selfcheck.result import FAIL, Evidence


def both(text: str) -> tuple[str, str]:
    """The words as the report prints them, and as an English screen shows them."""
    return str(text), in_language(text, "en")


@pytest.fixture
def pupil(make: Callable[..., int]) -> Callable[..., int]:
    """A grade-7 student of class ``class_code`` (made when first needed)."""
    classes: dict[str, int] = {}

    def create(number: str, sex: str, class_code: str = "C0701") -> int:
        if class_code not in classes:
            classes[class_code] = make("class", class_code=class_code, grade=7, name="七年级1班")
        return make(
            "student", student_no=number, name="学生", sex=sex, class_id=classes[class_code]
        )

    return create


def test_what_a_class_s_monitors_lack(make, pupil, measure):
    make("monitor", student_id=pupil("S1", "M"), from_date="2025-09-01")
    make("monitor", student_id=pupil("S2", "F"), from_date="2025-09-01")
    make("monitor", student_id=pupil("S3", "F", "C0702"), from_date="2025-09-01")

    result = measure("monitors_per_class", {"min_grade": 4, "minimum": 3, "both_sexes": True})

    assert {e.key: both(e.detail) for e in result.evidence} == {
        "C0701": ("2 名（男 1、女 1），至少需要 3 名", "2 (boys 1, girls 1), at least 3 needed"),
        "C0702": (
            "仅 1 名女生，至少需要 3 名，缺少男生",
            "Only 1, a girl, at least 3 needed, no boy",
        ),
    }
    assert both(result.evidence[0].label) == ("班级 C0701", "Class C0701")
    assert both(result.note) == (
        "4 年级及以上 2 个班，0 个班的心理委员达标（每班不少于 3 名，男女生均有）",
        "2 classes in grade 4 or above, 0 with enough monitors (at least 3 per class, boys and "
        "girls)",
    )


def test_a_warning_network_without_a_psych_teacher(make, pupil, measure):
    make("staff", staff_no="L01", name="校长", roles=["leader"])
    make("monitor", student_id=pupil("S1", "M"), from_date="2025-09-01")

    result = measure("warning_network", {"monitor_min_grade": 4})

    assert [(both(e.label), both(e.detail)) for e in result.evidence] == [
        (
            ("预警网络：心理教师", "Warning network: psych teacher"),
            ("没有登记专职或兼职心理教师", "No full-time or part-time psych teacher is recorded"),
        ),
        (("班级 C0701", "Class C0701"), ("未登记班主任", "No head teacher recorded")),
    ]


def test_certification_where_nobody_holds_a_key_role(make, measure):
    make("staff", staff_no="T01", name="教师", roles=["subject_teacher"], qualification="C")

    result = measure("certification", {
        "all_staff_level": "C", "all_staff_share": 0.8, "key_roles": ["leader", "head_teacher"],
        "key_roles_level": "B", "key_roles_share": 0.9,
    })  # fmt: skip

    assert both(result.note) == (
        "全体教师 1/1 人达到 C 级及以上；未登记班主任、校领导，该项不适用。",
        "All teachers: 1/1 at level C or above; None recorded of Head teacher, School leader, so "
        "this part does not apply.",
    )


def test_activities_without_psych_content_are_named_so(measure):
    result = measure(
        "activity_count", {"type": "parent_class", "minimum": 1, "psych_content": False}
    )

    assert result.status == FAIL
    item = result.evidence[0]
    assert both(item.label) == (
        "家长课堂（不含心理健康内容）",
        "Parent class (without mental-health content)",
    )
    assert both(item.detail) == ("本学期 0 次 < 1 次", "This term: 0 of 1 required")


def test_a_bad_parameter_lists_the_choices_in_the_language_of_the_reader():
    error = bad_param("period", "week", ("school_year", "term"))
    assert str(error).endswith("可用的值：school_year、term")
    set_language("en")
    assert str(error).endswith("use one of: school_year, term")


def test_an_evidence_row_for_an_english_screen():
    week = Evidence(
        "week",
        "2025-09-29",
        Bilingual("第 5 周（09-29～10-05，2 个上学日）", "Week 5 (09-29 – 10-05, 2 school days)"),
        "0.0 h < 3.2 h",
    )
    english, chinese = evidence_row(week, "en"), evidence_row(week)
    assert (english.kind, english.key_name, english.key, english.label, english.detail) == (
        "Teaching week",
        "Monday",
        "2025-09-29",
        "Week 5 (09-29 – 10-05, 2 school days)",
        "0.0 h < 3.2 h",
    )
    assert (chinese.kind, chinese.key_name, chinese.label) == (
        "教学周",
        "周一日期",
        "第 5 周（09-29～10-05，2 个上学日）",
    )
