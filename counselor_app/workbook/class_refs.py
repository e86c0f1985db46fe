"""Which class a workbook cell names: a 班级编号 means the class of a school year.

The same 班级编号 comes back every year with other students (0701 is this year's grade-7 class 1,
and it was last year's too), so a cell alone does not name a class. The year comes from the row:

- a row with a date (心理课, 活动) or a month (委员月报, by the month's last day) means the class of
  the school year in which that date falls (``school_year_of`` with the school's terms);
- 学年分班 and 班级 carry the year in a column; 学生 names the class of the student's latest year
  (the importer works that year out, see :mod:`~counselor_app.workbook.record_sheet`);
- a cell may name the year itself, ``0701（2024—2025学年）``: the export writes that form where the
  plain number would mean another class (a record linked to a class of another year than its
  date's), so that importing an export changes nothing.

One exception keeps the history of a school from before school years readable: a date earlier
than every school year that has classes means the class with that 班级编号 of the earliest such
year. A database upgraded from schema 5 holds exactly that (its classes all became the current
year's, and its older lessons name them), and so does the export of such a school.

Used by the import and by the export, which must agree; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.storage.database import Database
from counselor_app.workbook.layout import normalize_code
from counselor_app.years.school_years import SchoolYear, TermInfo, load_terms, school_year_of

NO_CLASS_ON_DAY = msg(
    "{year}没有班级 {code}：本行的日期 {day} 在{year}内，班级编号指这个学年的班级。"
    "请在“班级”表中添加{year}的班级 {code}，或检查日期和班级编号是否填错",
    "{year} has no class {code}: this row's date {day} lies in {year}, and a 班级编号 means that "
    "school year's class. Add class {code} of {year} to the sheet 班级, or check the date and "
    "the class code",
)
NO_CLASS_IN_MONTH = msg(
    "{year}没有班级 {code}：本行的月份 {month} 在{year}内，班级编号指这个学年的班级。"
    "请在“班级”表中添加{year}的班级 {code}，或检查月份和班级编号是否填错",
    "{year} has no class {code}: this row's month {month} lies in {year}, and a 班级编号 means "
    "that school year's class. Add class {code} of {year} to the sheet 班级, or check the month "
    "and the class code",
)
NO_CLASS_IN_YEAR = msg(
    "{year}没有班级 {code}。请在“班级”表中添加这个学年的班级 {code}（“学年”列写 {year}），"
    "或检查学年和班级编号是否填错",
    "{year} has no class {code}. Add class {code} to the sheet 班级 with 学年 {year}, or check "
    "the school year and the class code",
)
OTHER_YEARS = msg(
    "；若指的是{years}的班级 {code}，请写成“{example}”",
    "; for class {code} of {years}, write {example}",
)
_WITH_MORE = msg("{text}{more}", "{text}{more}")

# 0701（2024—2025学年） once folded by NFKC: 0701(2024—2025学年).
_WITH_YEAR = re.compile(r"(.+?)\s*\(\s*([^()]+?)\s*\)")


@dataclass(frozen=True)
class ClassName:
    """What a cell item says: a 班级编号, and the school year when the item names one."""

    code: str
    year: SchoolYear | None = None


def read_class_name(text: str) -> ClassName:
    """``0701`` or ``0701（2024—2025学年）``. A bracket that holds no school year is part of the
    code (a school may number its classes 七(1))."""
    folded = normalize_code(text)
    match = _WITH_YEAR.fullmatch(folded)
    if match is not None:
        try:
            return ClassName(match[1].strip(), SchoolYear.parse(match[2]))
        except InvalidInput:
            pass
    return ClassName(folded)


def class_name_text(code: str, year: SchoolYear | int) -> str:
    """How a cell names a class together with its school year."""
    return f"{code}（{SchoolYear.parse(year).name}）"


def month_day(month: str) -> dt.date:
    """The day a month stands for when its school year is asked: its last day (a monthly report
    is written at the month's end, and a term that starts on 25 August puts the rest of August in
    the new school year)."""
    year, number = (int(part) for part in month.split("-"))
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass
class ClassLookup:
    """A class found, or why not: a problem to report, or a row of the workbook still pending."""

    ident: int | None = None
    problem: Message | None = None
    pending: bool = False


class ClassDirectory:
    """Every class by (school year, 班级编号), kept current during an import."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._ids: dict[tuple[int, str], int] = {}
        self._names: dict[int, tuple[int, str]] = {}
        self._pending: set[tuple[int | None, str]] = set()
        self._terms: list[TermInfo] | None = None
        for ident, year, code in db.query("SELECT id, school_year, class_code FROM class"):
            self.remember(int(year), str(code), int(ident))

    # -- what is known -----------------------------------------------------------------------------
    def remember(self, year: int, code: str, ident: int) -> None:
        code = normalize_code(code)
        self._ids[(year, code)] = ident
        self._names[ident] = (year, code)

    def mark_pending(self, year: int | None, code: str) -> None:
        """A class defined by a rejected row (``year`` None: its year could not be read)."""
        self._pending.add((year, normalize_code(code)))

    def find(self, year: int, code: str) -> int | None:
        return self._ids.get((year, normalize_code(code)))

    def name_of(self, ident: int) -> tuple[int, str]:
        """(school year, 班级编号) of a class."""
        return self._names[ident]

    def _is_pending(self, year: int, code: str) -> bool:
        code = normalize_code(code)
        return (year, code) in self._pending or (None, code) in self._pending

    def _years(self) -> set[int]:
        return {year for year, _ in self._ids} | {y for y, _ in self._pending if y is not None}

    def _years_with(self, code: str) -> list[int]:
        code = normalize_code(code)
        return sorted(year for year, known in self._ids if known == code)

    # -- which year ------------------------------------------------------------------------------
    @property
    def terms(self) -> list[TermInfo]:
        # Read when first needed: during an import the 学期 sheet is written before any row names
        # a class by its date.
        if self._terms is None:
            self._terms = load_terms(self._db)
        return self._terms

    def year_of_day(self, day: dt.date) -> int:
        """The school year whose class a plain 班级编号 on a row of ``day`` names."""
        year = school_year_of(day, self.terms).start
        years = self._years()
        if years and year < min(years):
            return min(years)  # history from before the school kept years
        return year

    # -- finding ---------------------------------------------------------------------------------
    def look_up(
        self,
        text: str,
        *,
        day: dt.date | None = None,
        year: int | None = None,
        month: str | None = None,
    ) -> ClassLookup:
        """The class a cell item names on a row of ``day`` (or in ``year``); a year written in the
        item itself wins. ``month`` (YYYY-MM): the row is dated by a month, ``day`` its last."""
        name = read_class_name(text)
        explicit = name.year is not None
        if name.year is not None:
            wanted = name.year.start
        elif year is not None:
            wanted = year
        elif day is not None:
            wanted = self.year_of_day(day)
        else:
            raise ValueError("a class is looked up by a day or a school year")
        found = self.find(wanted, name.code)
        if found is not None:
            return ClassLookup(found)
        if self._is_pending(wanted, name.code):
            return ClassLookup(pending=True)
        school_year = SchoolYear(wanted)
        if explicit or day is None:
            problem: Message = NO_CLASS_IN_YEAR(year=school_year.name, code=name.code)
        elif month is not None:
            problem = NO_CLASS_IN_MONTH(year=school_year.name, code=name.code, month=month)
        else:
            problem = NO_CLASS_ON_DAY(year=school_year.name, code=name.code, day=day.isoformat())
        others = self._years_with(name.code)
        if others:
            latest = SchoolYear(others[-1])
            problem = _WITH_MORE(
                text=problem,
                more=OTHER_YEARS(
                    years=joined(SchoolYear(y).name for y in others),
                    code=name.code,
                    example=class_name_text(name.code, latest),
                ),
            )
        return ClassLookup(problem=problem)

    def in_year(self, code: str, year: int) -> ClassLookup:
        """The class with this 班级编号 in ``year`` exactly (a sheet with a 学年 column)."""
        found = self.find(year, code)
        if found is not None:
            return ClassLookup(found)
        if self._is_pending(year, code):
            return ClassLookup(pending=True)
        code = normalize_code(code)
        return ClassLookup(problem=NO_CLASS_IN_YEAR(year=SchoolYear(year).name, code=code))

    def cell_text(self, ident: int, day: dt.date) -> str:
        """How the export names a class on a row of ``day``: the plain 班级编号 when that is what
        it means there, else with its school year."""
        year, code = self.name_of(ident)
        if self.find(self.year_of_day(day), code) == ident:
            return code
        return class_name_text(code, year)
