"""A screening platform's export imported through a column mapping: all or nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counselor_app.foundation.errors import InvalidInput, ValidationFailed
from counselor_app.screening.answers import read_answers
from counselor_app.screening.library import scale_library
from counselor_app.screening.mapping import (
    ColumnMapping,
    guess_mapping,
    load_mapping,
    save_mapping,
    saved_mappings,
)
from counselor_app.screening.platform_import import (
    ConsentNeeded,
    ExportTable,
    import_table,
)

ITEMS = tuple(f"第{n}题" for n in range(1, 10))
DAY = "2025-10-09"


def phq9(school):
    return scale_library(school).find("PHQ-9")


def table(header, *rows, source="导出.xlsx"):
    return ExportTable(source, tuple(header), tuple((n, tuple(r)) for n, r in enumerate(rows, 2)))


def screenings(school):
    return [
        (r[0], r[1], r[2], r[3], r[4], r[5], r[6])
        for r in school.db.query(
            "SELECT s.student_no, sc.date, sc.score, sc.band, sc.flagged, sc.critical_items,"
            " sc.way FROM screening sc JOIN student s ON s.id = sc.student_id ORDER BY s.student_no"
        )
    ]


def problems_of(refused):
    return [(p.row, p.field, p.message.render()) for p in refused.value.problems]


def test_item_columns_with_values_and_option_words_are_scored_from_the_scale(roll):
    school = roll.school
    header = ("学号", "姓名", "提交时间", *ITEMS)
    export = table(
        header,
        # 好几天 is 1 on every item: total 9 (mild), but item 9 answered: critical.
        ("20250001", "张小明", "2025-10-09 08:31:02", *["好几天"] * 9),
        # 2+2+2+2+1+1+0+0+0 = 10, the first total of the moderate band: flagged, no critical.
        ("20250002", "王芳", dt.datetime(2025, 10, 9), 2, 2, 2, 2, 1, 1, 0, 0, 0),
        # Words in English, a number as text: 0 everywhere, total 0, nothing flagged.
        ("20250003", "刘洋", "2025/10/9", "Not at all", *["0"] * 8),
    )
    mapping = guess_mapping(header, phq9(school))
    done = import_table(school, export, phq9(school), mapping)
    assert (done.count, done.flagged, done.critical) == (3, 2, 1)
    assert screenings(school) == [
        ("20250001", DAY, 9, "mild", 1, "[9]", "platform"),
        ("20250002", DAY, 10, "moderate", 1, "[]", "platform"),
        ("20250003", DAY, 0, "minimal", 0, "[]", "platform"),
    ]
    first = school.db.scalar(
        "SELECT id FROM screening WHERE student_id = ?", (roll.ids["20250001"],)
    )
    assert read_answers(school, first) == (1,) * 9


def test_a_total_column_alone_scores_the_band_and_says_critical_items_are_unknown(roll):
    school = roll.school
    header = ("学号", "测评日期", "总分")
    export = table(header, ("20250001", DAY, 10), ("20250002", DAY, "9"), ("20250003", DAY, 27))
    mapping = guess_mapping(header, phq9(school))
    assert mapping.by_total and mapping.total == "总分"
    done = import_table(school, export, phq9(school), mapping)
    assert done.by_total and (done.count, done.flagged, done.critical) == (3, 2, 0)
    # 10 is moderate (flag band): on the worklist although no item is known; 9 is mild.
    assert screenings(school) == [
        ("20250001", DAY, 10, "moderate", 1, None, "platform"),
        ("20250002", DAY, 9, "mild", 0, None, "platform"),
        ("20250003", DAY, 27, "severe", 1, None, "platform"),
    ]
    ids = [r[0] for r in school.db.query("SELECT id FROM screening")]
    assert all(
        school.db.scalar("SELECT answers FROM screening WHERE id = ?", (i,)) is None for i in ids
    )
    assert read_answers(school, ids[0]) is None


def test_name_and_class_find_the_student_of_that_school_years_class(roll):
    school = roll.school
    header = ("姓名", "班级", "日期", "总分")
    export = table(header, ("刘洋", "七年级1班", DAY, 3), ("陈晨", "0702", DAY, 12))
    mapping = ColumnMapping("phq9", name="姓名", class_name="班级", date="日期", total="总分")
    import_table(school, export, phq9(school), mapping, consent_exception="家长口头同意，补签中")
    assert [(r[0], r[2]) for r in screenings(school)] == [("20250003", 3), ("20250006", 12)]


def test_every_problem_is_listed_with_row_and_column_and_nothing_is_written(roll):
    school = roll.school
    scale = phq9(school)
    # 20250003 was imported for that day before: a second import of it is refused.
    earlier = table(("学号", "日期", "总分"), ("20250003", DAY, 4))
    import_table(school, earlier, scale, guess_mapping(earlier.header, scale))
    header = ("学号", "日期", *ITEMS)
    ok = ("1",) * 9
    export = table(
        header,
        ("20259999", DAY, *ok),  # row 2: not on the roll
        ("20250001", DAY, "4", *ok[1:]),  # row 3: 4 is not an option
        ("20250002", DAY, *ok[:4], None, *ok[5:]),  # row 4: item 5 left blank
        ("20250001", DAY, *ok),  # row 5: 20250001 again on the same day
        ("20250003", DAY, *ok),  # row 6: imported already
        ("20250004", "十月九日", *ok),  # row 7: not a date
        ("20250005", "2030-01-01", "有时", *ok[1:]),  # row 8: future, 有时 no option
    )
    with pytest.raises(ValidationFailed) as refused:
        import_table(school, export, scale, guess_mapping(header, scale))
    found = problems_of(refused)
    assert [(row, column) for row, column, _ in found] == [
        (2, "学号"),
        (3, "第1题"),
        (4, "第5题"),
        (5, ""),
        (7, "日期"),
        (8, "日期"),
        (8, "第1题"),
        (6, ""),
    ]
    texts = [text for _, _, text in found]
    assert "20259999" in texts[0] and "不在学生名单" in texts[0]
    assert "“4”不是第 1 题的选项" in texts[1] and "0=完全不会" in texts[1]
    assert "第 5 题没有作答" in texts[2]
    assert "与第 3 行是同一名学生" in texts[3]
    assert "还没有到" in texts[5]
    assert "已经导入过" in texts[7]
    assert refused.value.problems[0].sheet == "导出.xlsx"
    assert school.db.scalar("SELECT count(*) FROM screening") == 1  # only the earlier one


def test_a_name_two_students_of_the_class_share_is_refused_with_their_numbers(roll):
    school = roll.school
    export = table(("姓名", "班级", "日期", "总分"), ("李娜", "0702", DAY, 3))
    mapping = ColumnMapping("phq9", name="姓名", class_name="班级", date="日期", total="总分")
    with pytest.raises(ValidationFailed) as refused:
        import_table(school, export, phq9(school), mapping)
    [(row, column, text)] = problems_of(refused)
    assert (row, column) == (2, "姓名")
    assert "2 名学生叫“李娜”" in text and "20250004" in text and "20250005" in text


def test_a_mapped_column_missing_from_the_file_and_unmapped_items_are_named(roll):
    school = roll.school
    export = table(("学号", "日期", *ITEMS[:8]), ("20250001", DAY, *["0"] * 8))
    mapping = ColumnMapping("phq9", student_no="学籍号", date="日期", items=(*ITEMS[:8], None))
    with pytest.raises(ValidationFailed) as refused:
        import_table(school, export, phq9(school), mapping)
    texts = [text for _, _, text in problems_of(refused)]
    assert any("第 9 题没有对应的列" in t for t in texts)
    assert any("“学籍号”不在文件中" in t for t in texts)


def test_students_without_consent_are_listed_and_need_an_exception_with_a_reason(roll):
    school = roll.school
    header = ("学号", "日期", "总分")
    export = table(header, ("20250001", DAY, 3), ("20250006", DAY, 12))
    mapping = guess_mapping(header, phq9(school))
    with pytest.raises(ConsentNeeded) as refused:
        import_table(school, export, phq9(school), mapping)
    assert [(s.row, s.student_no) for s in refused.value.students] == [(3, "20250006")]
    assert "20250006" in refused.value.problems[0].message.render()
    assert school.db.scalar("SELECT count(*) FROM screening") == 0
    with pytest.raises(ConsentNeeded):
        import_table(school, export, phq9(school), mapping, consent_exception="   ")

    done = import_table(school, export, phq9(school), mapping, consent_exception="家长电话同意")
    assert done.consent_exceptions == 1
    rows = {
        r[0]: school.open_text("screening.consent_exception", r[1])
        for r in school.db.query("SELECT student_id, consent_exception FROM screening")
    }
    assert rows == {roll.ids["20250001"]: None, roll.ids["20250006"]: "家长电话同意"}
    sealed = school.db.scalar(
        "SELECT consent_exception FROM screening WHERE student_id = ?", (roll.ids["20250006"],)
    )
    assert "家长电话同意" not in sealed
    entry = school.db.query_one(
        "SELECT detail FROM audit_log WHERE action = 'screenings_saved' ORDER BY id DESC"
    )
    assert json.loads(entry[0])["consent_exceptions"] == 1


def test_one_date_for_the_whole_file(roll):
    school = roll.school
    header = ("学号", "总分")
    export = table(header, ("20250001", 3))
    mapping = guess_mapping(header, phq9(school))
    with pytest.raises(ValidationFailed) as refused:
        import_table(school, export, phq9(school), mapping)
    assert "日期" in problems_of(refused)[0][2]
    import_table(school, export, phq9(school), mapping, on=dt.date(2025, 10, 10))
    assert screenings(school)[0][1] == "2025-10-10"


def test_a_platforms_own_headers_are_guessed_and_the_mapping_is_kept_by_name(roll):
    school = roll.school
    scale = phq9(school)
    header = (
        "序号",
        "学籍号",
        "作答时间",
        *(f"{item.number}. {item.zh}" for item in scale.items),
        "量表总分",
    )
    guessed = guess_mapping(header, scale)
    assert guessed.student_no == "学籍号" and guessed.date == "作答时间"
    assert guessed.items == tuple(header[3:12]) and guessed.total == "量表总分"
    # The platform's item text without the number is found by the item's wording.
    by_words = guess_mapping(("学号", "做事时提不起劲或没有兴趣（单选）"), scale)
    assert by_words.items[0] == "做事时提不起劲或没有兴趣（单选）"

    save_mapping(school, "心理测评云平台", guessed)
    assert [m.name for m in saved_mappings(school, "phq9")] == ["心理测评云平台"]
    assert load_mapping(school, "心理测评云平台", scale) == guessed
    export = table(header, ("1", "20250001", DAY, *["0"] * 9, 0))
    import_table(school, export, scale, load_mapping(school, "心理测评云平台", scale))
    assert screenings(school)[0][:3] == ("20250001", DAY, 0)

    save_mapping(school, "另一平台", ColumnMapping("gad7", student_no="学号", total="总分"))
    with pytest.raises(InvalidInput, match="是为量表 gad7 保存的，不能用于 PHQ-9"):
        load_mapping(school, "另一平台", scale)
    with pytest.raises(InvalidInput, match="没有名为“别的平台”"):
        load_mapping(school, "别的平台", scale)


def test_a_mapping_with_fewer_items_than_the_scale_names_each_missing_one(roll):
    school = roll.school
    export = table(("学号", "日期", "第1题"), ("20250001", DAY, 0))
    mapping = ColumnMapping("phq9", student_no="学号", date="日期", items=("第1题",))
    with pytest.raises(ValidationFailed) as refused:
        import_table(school, export, phq9(school), mapping)
    texts = [text for _, _, text in problems_of(refused)]
    assert [t for t in texts if "没有对应的列" in t] == [
        f"第 {n} 题没有对应的列。请为每一题对应一列，或只对应总分列" for n in range(2, 10)
    ]
