"""The round summary for the school leader: numbers counted by hand from print_school's table,
small numbers withheld so that no child can be pointed at, and no name or 学号 anywhere."""

from __future__ import annotations

from counselor_app.reports.screening_printouts import round_summary_pdf
from counselor_app.screening.scales import load_scales, parse_scale
from counselor_app.screening.summary import Counts, round_summary, withheld
from counselor_app.years.school_years import SchoolYear
from tests.core.report_fixtures import assert_fonts_embedded, pdf_text
from tests.core.screening_printouts.print_school import OTHER_SCALE


def _rows(groups):
    return {g.key: (g.counts, g.flagged_shown, g.critical_shown) for g in groups}


def test_the_round_counts_each_student_once_by_the_class_of_that_year(print_school):
    summary = round_summary(print_school.db, load_scales().find("PHQ-9"), SchoolYear(2025))
    this, last = summary.this_year, summary.last_year
    assert this.total == Counts(56, 19, 3)
    assert (str(this.first_day), str(this.last_day)) == ("2025-10-09", "2025-10-09")
    assert _rows(this.by_grade) == {
        "7": (Counts(29, 6, 1), True, False),
        "8": (Counts(27, 13, 2), True, False),
    }
    assert _rows(this.by_class) == {
        # 0702's one flagged student is withheld, and 0701 with it: else 6 − 5 gives 1.
        "0701": (Counts(12, 5, 1), False, False),
        "0702": (Counts(7, 1, 0), False, False),
        "0703": (Counts(10, 0, 0), True, False),
        "0801": (Counts(13, 7, 2), True, False),
        "0802": (Counts(14, 6, 0), True, False),
    }
    assert _rows(this.by_sex) == {
        "F": (Counts(29, 10, 0), True, False),
        "M": (Counts(27, 9, 3), True, False),
    }
    # Last year: this year's 0801 were in grade 7 (their class of that year).
    assert last.total == Counts(24, 6, 1)
    assert {g.key: g.counts for g in last.by_grade} == {
        "7": Counts(12, 2, 0),
        "8": Counts(12, 4, 1),
    }
    assert not any(g.flagged_shown for g in last.by_grade + last.by_class + last.by_sex)


def test_another_scale_is_another_round(print_school):
    other = parse_scale(OTHER_SCALE, "mood2.toml")
    summary = round_summary(print_school.db, other, SchoolYear(2025))
    assert summary.this_year.total == Counts(1, 1, 0)
    assert summary.last_year.empty


def test_small_numbers_are_withheld_with_a_partner():
    # (screened, flagged): 1–4 flagged is withheld; so is a group with fewer than 5 not flagged.
    assert withheld([(40, 0), (40, 5), (40, 12)]) == set()
    assert withheld([(40, 3), (40, 5), (40, 12)]) == {0, 1}  # the smallest other one too
    assert withheld([(40, 3), (40, 0), (40, 12)]) == {0, 2}  # a non-zero partner first
    assert withheld([(40, 3), (40, 2), (40, 12)]) == {0, 1}  # two hide each other
    assert withheld([(8, 6), (40, 5), (40, 12)]) == {0, 1}  # 6 of 8: nearly everyone
    assert withheld([(30, 30)]) == {0}
    assert withheld([(40, 3)]) == {0}
    assert withheld([(8, 6), (40, 12)], complement_rule=False) == set()


def test_the_pdf_shows_the_numbers_and_no_name_or_student_number(print_school, facts, tmp_path):
    pdf = round_summary_pdf(print_school, load_scales().find("PHQ-9"))
    text = pdf_text(pdf.data)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "2025—2026学年 2025-10-09 56 19 33.9% 3" in lines
    assert "2024—2025学年 2024-10-10 24 6 25.0% 1" in lines
    assert "七年级 29 6 20.7% * 12 * * *" in lines
    assert "八年级 27 13 48.1% * 12 * * *" in lines
    assert "七年级2班（0702） 七年级 7 * *" in lines
    assert "八年级1班（0801） 八年级 13 7 53.8%" in lines
    assert "女 29 10 34.5% 15 * *" in lines
    flat = "".join(text.split())
    leaked = [word for word in facts.every_name_and_number() if word in flat]
    assert leaked == []
    # Nor in the file itself (its title, author and any uncompressed text).
    raw = pdf.data.decode("latin-1")
    assert not [n for n, _ in (p for r in facts.rosters.values() for p in r) if n in raw]
    assert_fonts_embedded(pdf.data, tmp_path)
    assert "内部资料" in text and "保密" not in text


def test_a_round_without_last_years_says_so(print_school):
    pdf = round_summary_pdf(print_school, load_scales().find("PHQ-9"), SchoolYear(2024))
    text = "".join(pdf_text(pdf.data).split())
    assert "上学年（2023—2024学年）没有同一量表的测评，无法对比。" in text
