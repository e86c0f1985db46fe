"""The crisis case's four papers (一生一策, 家长告知书, 转介单, 复学评估表): each marked 保密 with
who printed it and when on every page, the font embedded, room for the school leader's approval,
every printout audited about the plan; the plan marks overdue steps; the notice to the guardian
keeps to general terms; a 管理员 reads "（无权查看）" for confidential text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from counselor_app.crisis.history import add_referral_change, add_step
from counselor_app.records.service import RecordService
from counselor_app.reports.crisis_case import CrisisCase, ReferralRow, StepRow, crisis_case
from counselor_app.reports.crisis_plan_pdf import build_crisis_plan_pdf
from counselor_app.reports.crisis_printouts import (
    CRISIS_PRINTOUTS,
    build_crisis_printout,
    write_crisis_printout,
)
from counselor_app.reports.referral_pdf import build_referral_pdf
from counselor_app.reports.return_assessment_pdf import build_return_assessment_pdf
from counselor_app.school.core import School
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    ADMIN_NAME,
    AFTER_TERM,
    RARE_NAMES,
    SAFETY_PLAN,
    SESSION_NOTE,
    administrator,
    assert_fonts_embedded,
    counsellor,
    filled_template,
    ids,
    open_copy,
    page_sizes,
    pdf_text,
    school_folder,
)

KEY_STUDENT = "20250001"  # 张喆, with a crisis plan referred to 市第四人民医院心理科
REPORTS = [p.report for p in CRISIS_PRINTOUTS]
MEASURES = "每周一次个体辅导；班主任每日观察；减少课业压力"


def squash(text: str) -> str:
    return "".join(text.split())


def pages(data: bytes) -> list[str]:
    return [squash(page) for page in pdf_text(data).split("\f") if page.strip()]


@pytest.mark.parametrize("report", REPORTS)
def test_every_printout_is_confidential_with_the_printer_and_leaves_room_for_approval(
    counsellor: School,  # noqa: F811
    tmp_path: Path,
    report: str,
) -> None:
    path = tmp_path / f"{report}.pdf"
    pdf = write_crisis_printout(counsellor, report, KEY_STUDENT, path)
    assert path.read_bytes() == pdf.data
    assert_fonts_embedded(pdf.data, tmp_path)
    assert all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in page_sizes(pdf.data))
    assert not pdf.missing_characters
    all_pages = pages(pdf.data)
    assert len(all_pages) == pdf.pages
    for n, page in enumerate(all_pages, start=1):
        assert "保密" in page
        assert "打印人：王老师（心理教师），打印时间：2026-02-1009:00" in page
        assert f"第{n}页/共{pdf.pages}页" in page
    text = "".join(all_pages)
    assert RARE_NAMES[0] in text
    assert "学校审批意见" in text and "分管校领导签字" in text


@pytest.mark.parametrize("report", REPORTS)
def test_every_printout_is_audited_about_the_plan_without_content(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
    tmp_path: Path,
    report: str,
) -> None:
    write_crisis_printout(counsellor, report, KEY_STUDENT, tmp_path / "x.pdf")
    entry = counsellor.audit.entries()[0]
    assert (entry.action, entry.record_type, entry.record_id) == (
        "print",
        "crisis_plan",
        ids["plan"],
    )
    assert entry.detail == {"report": report}


def test_the_plan_holds_the_seven_sections_the_measures_and_the_hotlines(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    text = "".join(pages(build_crisis_printout(counsellor, "crisis_plan", ids["plan"]).data))
    sections = [
        "1.预警信号",
        "2.我自己能做的事",
        "3.能帮我分散注意的人和地方",
        "4.可以求助的大人",
        "5.专业机构与热线",
        "6.让环境更安全",
        "7.我活下去的理由",
    ]
    places = [text.index(s) for s in sections]
    assert places == sorted(places)
    # The numbers a student can ring are printed even where the student wrote none.
    assert "全国青少年服务台12355" in text and "本校心理辅导室0527-88881234" in text
    # A plan written before the seven sections keeps its text.
    assert squash(SAFETY_PLAN) in text and "其他（原安全计划）" in text
    assert squash(MEASURES) in text
    assert "市第四人民医院心理科" in text and "2025-09-25" in text
    assert "监护人签字" in text and "班主任签字" in text


def _case_with_overdue_steps(school: School, plan_id: int) -> CrisisCase:
    """The plan with hand-made steps: assessed on time, guardian told late, a review overdue."""
    steps = (
        StepRow("assess", "评估", "2025-09-23", "2025-09-22", "李心怡", "初评 2 级"),
        StepRow("inform_guardian", "告知家长", "2025-09-22", "2025-09-22", "陈建国", None),
        StepRow("review", "复查", "2026-01-02", None, None, None, days_overdue=39),
    )
    referrals = (
        ReferralRow(
            "2025-09-23", "suggested", "建议转介", "市第四人民医院心理科", "李心怡", "家长同意"
        ),
        ReferralRow(
            "2025-09-25", "referred", "已转介", "市第四人民医院心理科", "李心怡", "门诊预约"
        ),
        ReferralRow("2025-10-09", "attended", "已就诊", None, "陈建国", "已开始服药"),
    )
    return dataclasses.replace(crisis_case(school, plan_id), steps=steps, referrals=referrals)


def test_an_overdue_step_is_marked_with_its_days_on_the_plan(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    case = _case_with_overdue_steps(counsellor, ids["plan"])
    pdf = build_crisis_plan_pdf(case, user=counsellor.user, printed_at=AFTER_TERM)
    all_pages = pages(pdf.data)
    # The warning stands on the first page, before anything else about the plan.
    assert "以下步骤已逾期：复查（应于2026-01-02前，逾期39天）" in all_pages[0]
    assert "在案（1项逾期）" in all_pages[0]
    text = "".join(all_pages)
    assert "复查2026-01-02逾期39天" in text
    assert "评估2025-09-232025-09-22李心怡已完成初评2级" in text
    # The referral's whole history, oldest first.
    history = ["2025-09-23建议转介", "2025-09-25已转介", "2025-10-09已就诊"]
    places = [text.index(row) for row in history]
    assert places == sorted(places)


def test_a_plan_with_nothing_overdue_warns_of_nothing(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    case = _case_with_overdue_steps(counsellor, ids["plan"])
    on_time = dataclasses.replace(case, steps=case.steps[:2])
    text = "".join(
        pages(build_crisis_plan_pdf(on_time, user=counsellor.user, printed_at=AFTER_TERM).data)
    )
    assert "逾期" not in text


def test_the_guardian_notice_keeps_to_general_terms_and_has_a_slip_to_sign(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    text = "".join(pages(build_crisis_printout(counsellor, "guardian_notice", ids["plan"]).data))
    assert "尊敬的张家长：" in text
    assert f"七年级1班{RARE_NAMES[0]}同学" in text
    assert "12355" in text and "0527-88881234" in text
    assert "学校建议的就诊机构：市第四人民医院心理科" in text
    assert "回执" in text and "监护人签字" in text and "与学生关系" in text
    # Nothing of the student's own words, the measures or the counselling notes.
    for private in (SAFETY_PLAN, MEASURES, SESSION_NOTE, "情绪较前稳定"):
        assert squash(private) not in text


def test_the_referral_form_names_where_and_when_and_has_a_receipt(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    text = "".join(pages(build_crisis_printout(counsellor, "referral", ids["plan"]).data))
    assert "转出学校阳光实验学校" in text
    assert "转介去向市第四人民医院心理科" in text and "转介日期2025-09-25" in text
    assert "风险等级2级（重点关注）" in text
    assert "接收回执" in text and "接诊日期" in text


def test_the_referral_form_takes_the_referral_its_place_and_its_newest_state(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    case = _case_with_overdue_steps(counsellor, ids["plan"])
    text = "".join(
        pages(build_referral_pdf(case, user=counsellor.user, printed_at=AFTER_TERM).data)
    )
    # The newest change names no place: the place is the last one named; the day and the
    # teacher are those of the change that referred; the state is the newest.
    assert "转介去向市第四人民医院心理科" in text
    assert "转介日期2025-09-25" in text and "经办人李心怡" in text and "转介状态已就诊" in text
    reason = text.index("二、转介原因")
    assert text.index("家长同意", reason) < text.index("三、转介经过")  # the first change's note
    assert "三、转介经过" in text


def test_the_return_assessment_lists_prerequisites_items_and_conclusions(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    case = dataclasses.replace(
        crisis_case(counsellor, ids["plan"]),
        return_on="2026-02-16",
        steps=(
            StepRow(
                "return_assessment", "复学评估", "2026-02-16", "2026-02-12", "李心怡", "情绪平稳"
            ),
        ),
    )
    pdf = build_return_assessment_pdf(case, user=counsellor.user, printed_at=AFTER_TERM)
    text = "".join(pages(pdf.data))
    assert "返校日期2026-02-16" in text and "评估日期2026-02-12" in text
    assert "评估人李心怡" in text and "情绪平稳" in text
    assert "诊断证明" in text and "安全承诺书" in text
    for item in ("情绪状态", "自伤自杀风险", "治疗与服药", "学习适应"):
        assert item in text
    assert "同意复学" in text and "暂缓复学" in text
    assert "评估人（心理教师）签字" in text and "监护人签字" in text


def test_the_administrator_reads_no_confidential_text(
    administrator: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    plan = "".join(pages(build_crisis_printout(administrator, "crisis_plan", ids["plan"]).data))
    assert squash(SAFETY_PLAN) not in plan and squash(MEASURES) not in plan
    assert "市第四人民医院" not in plan
    assert plan.count("（无权查看）") >= 7 + 2  # seven sections, the measures, the referral
    assert "李心怡" in plan  # the care group is not confidential
    referral = "".join(pages(build_crisis_printout(administrator, "referral", ids["plan"]).data))
    assert "市第四人民医院" not in referral and "转介去向（无权查看）" in referral
    notice = "".join(
        pages(build_crisis_printout(administrator, "guardian_notice", ids["plan"]).data)
    )
    assert "市第四人民医院" not in notice


# -- a case recorded through the workflow (counselor_app.crisis) ----------------------------------
OWN_WORDS = {
    "warning_signs": "晚上一个人躺着就开始胡思乱想",
    "coping_alone": "听歌、画画、给自己写信",
    "people_places": "同桌王同学、学校图书馆",
    "adults_to_ask": "班主任陈老师、外婆",
    "professionals": "市第四人民医院心理科门诊",
    "safe_surroundings": "药由妈妈保管",
    "reasons_to_live": "我想看妹妹长大",
}


def _new_case(school: School, known: dict[str, int]) -> int:
    """A level-3 plan for 王玥, reported on Monday 2026-02-02 (no term runs in February, so
    school days are weekdays); printed on Tuesday 2026-02-10 with nothing done yet."""

    return (
        RecordService(school)
        .create(
            "crisis_plan",
            {
                "student_id": known["yue"],
                "created_on": "2026-02-02",
                "reported_on": "2026-02-02",
                "return_on": "2026-02-16",
                "level": 3,
                "care_teachers": [known["psych"]],
                **OWN_WORDS,
            },
        )
        .record_id
    )


def test_the_plan_prints_the_students_own_words_in_the_seven_sections(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    plan_id = _new_case(counsellor, ids)
    text = "".join(pages(build_crisis_printout(counsellor, "crisis_plan", plan_id).data))
    for words in OWN_WORDS.values():
        assert squash(words) in text
    assert "报告日期2026-02-02" in text and "返校日期2026-02-16" in text
    assert "其他（原安全计划）" not in text  # nothing was written in the old single box


def test_steps_past_their_due_dates_are_overdue_on_the_plan(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    plan_id = _new_case(counsellor, ids)
    all_pages = pages(build_crisis_printout(counsellor, "crisis_plan", plan_id).data)
    text = "".join(all_pages)
    # Reported Monday 02-02: the guardian told that day, the assessment within one school day
    # (Tuesday 02-03), the referral of a level-3 plan within two days (Wednesday 02-04).
    assert "告知家长2026-02-02逾期8天" in text
    assert "评估2026-02-03逾期7天" in text
    assert "转介2026-02-04逾期6天" in text
    assert "以下步骤已逾期" in all_pages[0] and "（3项逾期）" in all_pages[0]
    # The return assessment is due on the return day, still ahead.
    assert "复学评估2026-02-16未到期" in text


def test_steps_done_and_the_referral_history_are_printed(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    plan_id = _new_case(counsellor, ids)
    add_step(counsellor, plan_id, "assess", dt.date(2026, 2, 3), ids["psych"], "访谈评估为3级")
    add_step(counsellor, plan_id, "inform_guardian", dt.date(2026, 2, 2), ids["head"])
    add_referral_change(
        counsellor, plan_id, dt.date(2026, 2, 3), "suggested", "市第四人民医院", ids["psych"]
    )
    add_referral_change(
        counsellor, plan_id, dt.date(2026, 2, 4), "referred", "市第四人民医院心理科", ids["psych"],
        "家长陪同前往",
    )  # fmt: skip
    text = "".join(pages(build_crisis_printout(counsellor, "crisis_plan", plan_id).data))
    assert "评估2026-02-032026-02-03李心怡已完成访谈评估为3级" in text
    assert "告知家长2026-02-022026-02-02陈建国已完成" in text
    assert "逾期" not in text
    suggested = text.index("2026-02-03建议转介市第四人民医院李心怡")
    referred = text.index("2026-02-04已转介市第四人民医院心理科李心怡家长陪同前往")
    assert suggested < referred
    # The referral form takes the newest change.
    form = "".join(pages(build_crisis_printout(counsellor, "referral", plan_id).data))
    assert "转介去向市第四人民医院心理科" in form and "转介日期2026-02-04" in form
    assert "家长陪同前往" in form


def test_the_administrator_reads_no_step_notes_or_places(
    school_folder: Path,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    with open_copy(school_folder) as school:
        plan_id = _new_case(school, ids)
        add_step(school, plan_id, "assess", dt.date(2026, 2, 3), ids["psych"], "访谈评估为3级")
        add_referral_change(school, plan_id, dt.date(2026, 2, 4), "referred", "市第四人民医院")
    with open_copy(school_folder, ADMIN_NAME) as school:
        text = "".join(pages(build_crisis_printout(school, "crisis_plan", plan_id).data))
    assert "访谈评估为3级" not in text and "市第四人民医院" not in text
    assert "晚上一个人躺着" not in text
    assert "评估2026-02-032026-02-03李心怡已完成（无权查看）" in text


def test_hotlines_the_student_wrote_down_are_not_printed_twice(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    case = crisis_case(counsellor, ids["plan"])
    sections = tuple(
        dataclasses.replace(s, text="青少年热线 12355，晚上也能打")
        if s.label == "专业机构与热线"
        else s
        for s in case.safety_sections
    )
    pdf = build_crisis_plan_pdf(
        dataclasses.replace(case, safety_sections=sections),
        user=counsellor.user,
        printed_at=AFTER_TERM,
    )
    text = "".join(pages(pdf.data))
    assert text.count("12355") == 1 and "青少年热线12355，晚上也能打" in text
    assert "本校心理辅导室0527-88881234" in text  # the one the student did not write


def test_a_step_done_after_its_due_date_says_so_on_the_plan(
    counsellor: School,  # noqa: F811
    ids: dict[str, int],  # noqa: F811
) -> None:
    plan_id = _new_case(counsellor, ids)
    # The guardian is to be told the day of the report (2026-02-02); told two days later.
    add_step(counsellor, plan_id, "inform_guardian", dt.date(2026, 2, 4), ids["head"])
    text = "".join(pages(build_crisis_printout(counsellor, "crisis_plan", plan_id).data))
    assert "告知家长2026-02-022026-02-04陈建国逾期后完成" in text
