"""The self-check in words: Chinese for the district's printouts whatever the program's language,
and English for an English screen (``language="en"``), with the bilingual text that carries both."""

from __future__ import annotations

import json
import pickle
import re

import openpyxl
import pytest

from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.i18n import (
    Bilingual,
    bilingual,
    in_language,
    joined,
    msg,
    set_language,
)
from counselor_app.records.catalog import ALL, CAMPUS, one_record_label
from counselor_app.reports.selfcheck_json import selfcheck_json_bytes
from counselor_app.reports.selfcheck_words import (
    conclusion,
    confirmation_text,
    count_parts,
    evidence_row,
    fix_action,
    needs_action,
    passed_count,
    situation,
)
from counselor_app.reports.selfcheck_xlsx import write_selfcheck_xlsx
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.result import (
    FAIL,
    MANUAL,
    NO_DATA,
    NOT_APPLICABLE,
    PASS,
    YEAR_END,
    Evidence,
    RuleResult,
)
from counselor_app.selfcheck.words import listed, student_label
from tests.core.selfcheck.english import chinese_left, recorded_words

CJK = re.compile(r"[\u4e00-\u9fff]")
TERM = "2025—2026学年第一学期"


# -- bilingual text ------------------------------------------------------------------------------
def test_bilingual_text_is_its_chinese_everywhere_but_where_asked_for_english():
    week = msg("第 {number} 周（{days}）", "Week {number} ({days})")
    text = bilingual(week(number=3, days=joined([Bilingual("周一", "Mon"), "2"])))
    assert text == "第 3 周（周一、2）" and type(str(text)) is str
    assert f"{text}" == "第 3 周（周一、2）" and "".join([text]) == "第 3 周（周一、2）"
    assert json.dumps([text], ensure_ascii=False) == '["第 3 周（周一、2）"]'
    set_language("en")
    assert str(text) == "第 3 周（周一、2）"  # a printout made in English is still Chinese
    assert in_language(text) == text.render() == "Week 3 (Mon, 2)"
    assert in_language(text, "zh") == "第 3 周（周一、2）"
    assert pickle.loads(pickle.dumps(text)).en == "Week 3 (Mon, 2)"


def test_a_joined_list_follows_the_language_it_is_shown_in():
    names = joined(["甲", "乙"])
    assert str(names) == "甲、乙"
    set_language("en")
    assert str(names) == "甲, 乙"
    assert in_language(listed(["2025001", "2025002"]), "zh") == "2025001、2025002"


# -- a rule's words ------------------------------------------------------------------------------
FAILED = RuleResult(
    "SC-13-screening",
    FAIL,
    0.5,
    1.0,
    (
        Evidence(
            "student", "2025001", student_label("2025001", "0701"), Bilingual("没有测评", "None")
        ),
    ),
    bilingual(msg("在读学生 {n} 名", "{n} students enrolled")(n=2)),
)
COUNTED = RuleResult(
    "SC-09-lessons", PASS, {"classes": 15, "short": 0}, 10, (Evidence("class", "0701", "x"),)
)
EMPTY = RuleResult("SC-12-monitors", NO_DATA, None, {"staffed": 3}, (), "")
MANUAL_OPEN = RuleResult("SC-15", MANUAL, None, None)
MANUAL_DONE = RuleResult(
    "SC-15",
    MANUAL,
    None,
    None,
    confirmation={"confirmed": True, "by": "王老师", "at": "2026-02-09T10:00:00", "note": "ok"},
)


@pytest.mark.parametrize(
    ("result", "chinese", "english"),
    [
        (
            FAILED,
            "实测：50%\n标准：100%\n不达标 1 项，见证据\n在读学生 2 名",
            "Found: 50%\nRequired: 100%\n1 not met, see the evidence\n2 students enrolled",
        ),
        (
            COUNTED,
            "实测：班级 15；未达标 0\n标准：10\n计入 1 项",
            "Found: classes 15; not met 0\nRequired: 10\n1 counted",
        ),
        (
            EMPTY,
            "没有可据以判定的记录\n标准：有值班教师的时段 3",
            "No records to judge by\nRequired: slots with a duty teacher 3",
        ),
        (MANUAL_OPEN, "此项需人工核实", "To be checked by hand"),
    ],
)
def test_the_situation_of_a_rule(result, chinese, english):
    assert situation(result) == chinese  # what the report prints
    assert situation(result, "en") == english
    set_language("en")
    assert situation(result) == chinese  # the report's words do not follow the screen


def test_the_conclusion_of_a_rule():
    assert conclusion(FAILED) == "未达标" and conclusion(FAILED, "en") == "Not met"
    assert conclusion(MANUAL_OPEN) == "需人工确认\n尚未确认"
    assert conclusion(MANUAL_OPEN, "en") == "To confirm by hand\nNot confirmed yet"
    assert confirmation_text(MANUAL_DONE) == "已确认（王老师，2026-02-09）：ok"
    assert confirmation_text(MANUAL_DONE, "en") == "Confirmed (王老师, 2026-02-09): ok"
    assert [needs_action(r) for r in (FAILED, COUNTED, EMPTY, MANUAL_OPEN, MANUAL_DONE)] == [
        True,
        False,
        True,
        True,
        False,
    ]


def test_what_to_do_about_a_rule():
    assert fix_action(FAIL, "") == "对照标准整改"
    assert fix_action(FAIL, "", "en") == "Put it right against the standard"
    assert fix_action(NO_DATA, "补录") == "补录相关记录后重新自查。补录"
    assert fix_action(NO_DATA, "", "en") == (
        "Enter the missing records, then run the self-check again."
    )
    assert fix_action(MANUAL, "", "en") == (
        "Check it by hand, then confirm it in the program (selfcheck confirm)"
    )


def test_an_evidence_line_in_both_languages():
    chinese, english = evidence_row(FAILED.evidence[0]), evidence_row(FAILED.evidence[0], "en")
    assert (chinese.kind, chinese.key_name, chinese.label, chinese.detail) == (
        "学生",
        "学号",
        "学号 2025001（班级 0701）",
        "没有测评",
    )
    assert (english.kind, english.key_name, english.label, english.detail) == (
        "Student",
        "Student no.",
        "Student no. 2025001 (class 0701)",
        "None",
    )


# -- the district's printouts stay Chinese -------------------------------------------------------
@pytest.fixture
def demo(school):
    generate_demo_school(school, students=120, years=1, seed=3)
    return school


def running_term(school) -> str:
    """The term of the school's today: not over, so the report carries a note about it."""
    today = school.today().isoformat()
    return school.db.scalar(
        "SELECT name FROM term WHERE first_day <= ? AND last_day >= ?", (today, today)
    )


def test_the_report_a_program_in_english_writes_is_the_chinese_one(demo, tmp_path):
    term = running_term(demo)
    chinese = run_self_check(demo, term, "sucheng-2023", audit=False)
    set_language("en")
    english = run_self_check(demo, term, "sucheng-2023", audit=False)

    assert english.notes[0].startswith("本学期尚未结束")  # it used to be written in English
    assert in_language(english.notes[0]).startswith("The term is not over yet")
    assert selfcheck_json_bytes(english) == selfcheck_json_bytes(chinese)
    set_language("zh")
    assert selfcheck_json_bytes(english) == selfcheck_json_bytes(chinese)
    set_language("en")
    sheets = []
    for report, name in ((chinese, "zh.xlsx"), (english, "en.xlsx")):
        write_selfcheck_xlsx(report, tmp_path / name)
        workbook = openpyxl.load_workbook(tmp_path / name)
        sheets.append([list(sheet.iter_rows(values_only=True)) for sheet in workbook])
    assert sheets[0] == sheets[1]


def test_the_page_s_words_for_a_whole_report_are_english(demo):
    term = running_term(demo)
    report = run_self_check(demo, term, "sucheng-2023", audit=False)
    data = recorded_words(demo.db)  # class and staff names are shown as recorded
    for result in report.results:
        texts = [situation(result, "en"), conclusion(result, "en")]
        texts.append(fix_action(result.status, "", "en"))
        for item in result.evidence:
            row = evidence_row(item, "en")
            texts += [row.kind, row.key_name, row.key, row.label, row.detail]
        assert not chinese_left("\n".join(texts), data), (result.rule_id, texts)
    assert all(not CJK.search(in_language(note, "en")) for note in report.notes)


# -- record types --------------------------------------------------------------------------------
def test_one_record_is_named_in_the_singular_in_english():
    assert one_record_label("home_visit", "en") == "home visit"
    assert one_record_label("home_visit", "zh") == "家访"
    for spec in (*ALL, CAMPUS):
        assert spec.label_en[0].isupper() and one_record_label(spec.type, "en").islower()
        assert one_record_label(spec.type, "zh") == spec.label_zh


def test_counts_are_told_in_one_order_with_confirmed_apart_from_waiting():
    counts = {"pass": 9, "confirmed": 1, "fail": 0, "no_data": 2, "manual": 1, "year_end": 3,
              "not_applicable": 0}  # fmt: skip
    # 未达标 0 is told (it is news); 不适用 0 is not.
    assert [(w, n) for _, w, n in count_parts(counts)] == [
        ("达标", 9), ("已确认", 1), ("未达标", 0), ("无记录", 2), ("待确认", 1), ("学年末评定", 3),
    ]  # fmt: skip
    assert [w for _, w, _ in count_parts(counts, "en")][:2] == ["Met", "Confirmed"]
    # A count written before this release has no "confirmed": nothing is made up.
    assert [w for _, w, _ in count_parts({"pass": 1, "fail": 1, "no_data": 0, "manual": 1})] == [
        "达标", "未达标", "无记录", "待确认",
    ]  # fmt: skip
    assert passed_count(counts) == 10  # met: passed, or manual and confirmed


def test_year_end_and_not_applicable_ask_nothing_of_the_school():
    waiting = RuleResult(
        "SC-13-screening", YEAR_END, 0.6, 1.0, (Evidence("student", "S1", "学号 S1", "未测评"),)
    )
    idle = RuleResult("HY-5-orientation", NOT_APPLICABLE, None, None)
    assert not needs_action(waiting) and not needs_action(idle)
    assert fix_action(YEAR_END, "补测") == "" and fix_action(NOT_APPLICABLE, "参观") == ""
    assert conclusion(waiting) == "学年末评定" and conclusion(idle, "en") == "Not applicable"
    assert situation(waiting) == "实测：60%\n标准：100%\n本学年尚差 1 项，见证据"
    assert situation(idle) == "本学期不适用"
