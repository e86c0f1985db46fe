"""The district summary tells 学年末评定 and 不适用 apart, and its share met counts only the rules
judged in the term: a yearly demand left to the year's end or a rule that does not apply neither
raises nor lowers it."""

from __future__ import annotations

from counselor_app.bundle.summary import DistrictSummary, RuleColumn, SchoolRow
from counselor_app.bundle.summary_pdf import build_summary_pdf
from counselor_app.bundle.summary_xlsx import build_summary_workbook
from tests.core.report_fixtures import pdf_text

STATUSES = {
    "R1": "pass",
    "R2": "confirmed",
    "R3": "fail",
    "R4": "manual",
    "R5": "year_end",
    "R6": "not_applicable",
}


def summary() -> DistrictSummary:
    row = SchoolRow(
        source="a.zip",
        school_name="阳光实验学校",
        school_uid="uid-1",
        fingerprint="AB12",
        term="2025—2026学年第一学期",
        profile_id="sucheng-2023",
        profile_name="宿城",
        bundle_id="b1",
        created_at="2026-02-10T09:00:00+08:00",
        named_cases=False,
        statuses=dict(STATUSES),
        statistics={},
    )
    rules = [RuleColumn(rule, "sucheng-2023", "类别", f"项目{rule}") for rule in STATUSES]
    return DistrictSummary("宿城区教育局", "FP", rows=[row], rules=rules)


def test_the_share_met_counts_only_the_rules_judged_this_term():
    # Judged: R1–R4 (R5 waits for the year's end, R6 does not apply); met: R1 and R2. 2 / 4.
    assert summary().rows[0].pass_share == 0.5


def test_the_workbook_has_columns_and_words_for_both_statuses():
    workbook = build_summary_workbook(summary())
    matrix = workbook["达标情况"]
    header = [c.value for c in matrix[1]]
    row = dict(zip(header, [c.value for c in matrix[2]], strict=True))
    assert (row["学年末评定"], row["不适用"], row["需人工确认"]) == (1, 1, 1)
    assert row["R5\n项目R5"] == "学年末评定" and row["R6\n项目R6"] == "不适用"
    per_rule = workbook["分项汇总"]
    header = [c.value for c in per_rule[1]]
    lines = {
        r[0]: dict(zip(header, r, strict=True)) for r in per_rule.iter_rows(2, values_only=True)
    }
    # One school, whose R5 is 学年末评定: no school was judged on it, so its share met is 0, and it
    # is counted under 学年末评定, not under 未达标.
    assert (lines["R5"]["学年末评定"], lines["R5"]["未达标"], lines["R5"]["达标率"]) == (1, 0, 0)
    assert lines["R2"]["达标率"] == 1.0  # confirmed counts as met


def test_the_pdf_names_both_statuses():
    text = pdf_text(build_summary_pdf(summary(), generated_at="2026-02-10T09:00:00+08:00").data)
    assert "学年末评定" in "".join(text.split()) and "不适用" in text
