"""Student search: what a counsellor types into the search box, and who comes back first."""

from __future__ import annotations

import pytest

from counselor_app.school.core import School
from counselor_app.students.search import (
    MAX_VARIANTS,
    refresh_search_keys,
    search_keys,
    search_students,
)

# (学号, 姓名, 性别, 班级编号, 状态)
ROSTER = [
    ("20230101", "张三", "M", "0701", "enrolled"),
    ("20230102", "张三丰", "M", "0701", "enrolled"),
    ("20230103", "曾小贤", "M", "0701", "enrolled"),
    ("20230104", "王喆", "M", "0701", "enrolled"),
    ("20230301", "李玥", "F", "0703", "enrolled"),
    ("20230302", "黄堃", "M", "0703", "enrolled"),
    ("20230303", "赵赟", "F", "0703", "enrolled"),
    ("20230304", "章思远", "F", "0703", "enrolled"),
    ("20220101", "张珊", "F", "0801", "transferred"),
    ("20220102", "欧阳娜娜", "F", "0801", "enrolled"),
]
CLASSES = [("0701", 7, "七年级1班"), ("0703", 7, "七年级3班"), ("0801", 8, "八年级1班")]


def add_roster(school: School, roster: list[tuple[str, str, str, str, str]]) -> None:
    with school.db.transaction():
        for code, grade, name in CLASSES:
            school.db.execute(
                "INSERT OR IGNORE INTO class (school_year, class_code, grade, name)"
                " VALUES (2025, ?, ?, ?)",
                (code, grade, name),
            )
        class_ids = {r["class_code"]: r["id"] for r in school.db.query("SELECT * FROM class")}
        school.db.executemany(
            "INSERT INTO student (student_no, name, sex, class_id, status, left_on, search_keys)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    no,
                    name,
                    sex,
                    class_ids[code],
                    status,
                    None if status == "enrolled" else "2025-09-30",
                    search_keys(name),
                )
                for no, name, sex, code, status in roster
            ],
        )


@pytest.fixture
def roster_school(school: School) -> School:
    add_roster(school, ROSTER)
    return school


def names(hits: list) -> list[str]:
    return [hit.name for hit in hits]


@pytest.mark.parametrize("query", ["zs", "zhangs", "zhangsan", "ZhangSan", "zhang san", "张三"])
def test_pinyin_initials_and_full_pinyin_find_zhang_san_first(roster_school: School, query: str):
    hits = search_students(roster_school.db, query)
    assert hits[0].name == "张三"
    assert hits[0].student_no == "20230101"
    assert hits[0].class_code == "0701"
    assert hits[0].class_name == "七年级1班"
    assert hits[0].status == "enrolled"


def test_initials_also_find_other_names_with_the_same_letters(roster_school: School):
    assert set(names(search_students(roster_school.db, "zs"))) >= {"张三", "章思远"}


def test_exact_name_ranks_before_a_longer_name_that_starts_with_it(roster_school: School):
    assert names(search_students(roster_school.db, "张三")) == ["张三", "张三丰"]
    assert names(search_students(roster_school.db, "zhangsan")) == ["张三", "张三丰"]


def test_surname_zeng_is_read_as_a_surname_and_the_other_reading_still_works(
    roster_school: School,
):
    keys = search_keys("曾小贤")
    assert keys.startswith(" zengxiaoxian zxx")
    for query in ("zeng", "zengxiaoxian", "zxx", "cengxiaoxian", "xiaoxian"):
        assert names(search_students(roster_school.db, query)) == ["曾小贤"], query


def test_polyphonic_characters_keep_a_bounded_number_of_spellings():
    keys = search_keys("乐乐").split()
    assert keys[0] == "yuele"  # surname reading first
    assert {"lele", "yueyue"} <= set(keys)
    long_name = search_keys("行行行行行行行行行行").split()
    full_spellings = [k for k in long_name if len(k) >= 40]  # ten syllables, not the given name
    assert 1 < len(full_spellings) <= MAX_VARIANTS


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [("王喆", "wangzhe"), ("李玥", "liyue"), ("黄堃", "huangkun"), ("赵赟", "zhaoyun")],
)
def test_rare_given_name_characters_get_pinyin(roster_school: School, name: str, pinyin: str):
    assert f" {pinyin} " in search_keys(name) + " "
    assert names(search_students(roster_school.db, pinyin)) == [name]


def test_compound_surname_gives_initials_per_syllable():
    assert " oynn" in search_keys("欧阳娜娜")
    assert " ycg" in search_keys("尉迟恭")


def test_student_number_prefix_and_exact_number_first(roster_school: School):
    hits = search_students(roster_school.db, "202301")
    assert [h.student_no for h in hits] == ["20230101", "20230102", "20230103", "20230104"]
    assert search_students(roster_school.db, "20230302")[0].name == "黄堃"


@pytest.mark.parametrize("query", ["0703", "七年级3班"])
def test_class_code_or_class_name_lists_that_class(roster_school: School, query: str):
    hits = search_students(roster_school.db, query)
    assert names(hits) == ["李玥", "黄堃", "赵赟", "章思远"]
    assert {h.class_code for h in hits} == {"0703"}


def test_left_students_are_left_out_unless_asked_for(roster_school: School):
    assert "张珊" not in names(search_students(roster_school.db, "张珊"))
    hits = search_students(roster_school.db, "张珊", include_left=True)
    assert names(hits) == ["张珊"]
    assert hits[0].status == "transferred"
    assert "张珊" not in names(search_students(roster_school.db, "0801"))


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_empty_query_finds_nobody(roster_school: School, query: str):
    assert search_students(roster_school.db, query) == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # A character stands for its reading, pinyin for itself; a name matches from its start.
        ("张san", {"张三", "张三丰"}),
        ("zhang三", {"张三", "张三丰"}),
        ("曾x", {"曾小贤"}),
        # zhang + a word starting with s: 章 reads zhāng too, so a mistyped surname still finds.
        ("张 s", {"张三", "张三丰", "章思远"}),
        # The class name: 七年级3班 holds the four students of 0703.
        ("七年级3", {"李玥", "黄堃", "赵赟", "章思远"}),
        # SQL's wildcards and quotes are plain characters no name holds; nor an emoji.
        ("%", set()),
        ("_", set()),
        ("'", set()),
        ("😀", set()),
    ],
)
def test_mixed_and_odd_queries_find_exactly_who_they_name(
    roster_school: School, query: str, found: set[str]
):
    assert set(names(search_students(roster_school.db, query))) == found


def test_mixed_chinese_and_pinyin_query_finds_the_student(roster_school: School):
    assert search_students(roster_school.db, "张san")[0].name == "张三"
    assert names(search_students(roster_school.db, "曾x")) == ["曾小贤"]


def test_limit_is_respected(roster_school: School):
    assert len(search_students(roster_school.db, "2023", limit=3)) == 3


def test_refresh_search_keys_fills_students_written_without_keys(roster_school: School):
    db = roster_school.db
    with db.transaction():
        db.execute("UPDATE student SET search_keys = ''")
    assert search_students(db, "zs") == []
    assert refresh_search_keys(db) == len(ROSTER)
    assert search_students(db, "zs")[0].name == "张三"
    assert refresh_search_keys(db) == 0  # nothing left to change


def test_search_keys_of_names_without_chinese_or_letters():
    assert search_keys("") == ""
    assert search_keys("  ") == ""
    assert search_keys("Anna李") == " annali al"
