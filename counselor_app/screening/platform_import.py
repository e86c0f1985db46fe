"""Importing a screening platform's export: all or nothing, every problem listed.

The export's rows (read by :mod:`~counselor_app.workbook.platform_file`) are read through a
column mapping (:mod:`~counselor_app.screening.mapping`): each row names a student (学号, or 姓名
and 班级 as of the screening's date), a date, and the answers to every item (values, or the
option's words, 完全不会 / 好几天 …, as the scale file has them) or only a total. Every row is
checked before anything is written, and every problem is listed with its row and column: a
student not on the roll, a name that two students in the class share, an answer that is not an
option, an item left blank, the same student twice on one day, a screening already imported.

Students without a guardian's consent to screening on the day are listed; the import goes on
only when the counsellor confirms an exception with a reason, kept (sealed) with each of those
screenings and counted in the audit trail. Everything is saved through
:func:`~counselor_app.screening.answers.save_screenings`, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from counselor_app.foundation.change import Changes
from counselor_app.foundation.errors import Problem, ValidationFailed
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.progress import CountProgress, Ticker
from counselor_app.school.core import School
from counselor_app.screening.answers import (
    ScaleAnswers,
    least_total,
    read_answers,
    save_screenings,
)
from counselor_app.screening.consent import without_screening_consent
from counselor_app.screening.mapping import ColumnMapping, header_key
from counselor_app.screening.scales import Item, Scale
from counselor_app.years.school_years import load_terms, school_year_of

REJECTED = msg(
    "导出文件中有 {count} 处问题，没有导入任何内容。请逐条修改后重新导入：",
    "The export has {count} problems; nothing was imported. Fix each one and import again:",
    en_one="The export has a problem; nothing was imported. Fix it and import again:",
)
CONSENT_NEEDED = msg(
    "{count} 名学生在测评当天没有登记测评知情同意（知情同意，范围“测评”），没有导入任何内容。"
    '请先登记知情同意；或确认例外并写明理由（命令行：--consent-exception "理由"），理由会随每份测评'
    "保存并记入审计日志：",
    "{count} students had no consent to screening on file on the day (知情同意, scope "
    "'screening'); nothing was imported. Record the consents first, or confirm an exception with "
    'a reason (command line: --consent-exception "reason"); the reason is kept with each '
    "screening and counted in the audit trail:",
    en_one="A student had no consent to screening on file on the day (知情同意, scope "
    "'screening'); nothing was imported. Record the consent first, or confirm an exception with "
    'a reason (command line: --consent-exception "reason"); the reason is kept with the '
    "screening and counted in the audit trail:",
)
NO_CONSENT = msg(
    "学号 {student}（{name}）在 {date} 没有测评知情同意",
    "student {student} ({name}) had no consent to screening on {date}",
)
COLUMN_NOT_IN_FILE = msg(
    "对应方案中的列“{header}”不在文件中（文件的列：{found}）。请重新对应这一列",
    "the mapped column '{header}' is not in the file (its columns: {found}); map it again",
)
COLUMN_TWICE = msg(
    "文件中有两列都叫“{header}”，无法确定用哪一列。请改掉其中一列的列名",
    "two columns of the file are called '{header}'; rename one of them",
)
NO_STUDENT_COLUMN = msg(
    "没有对应学生的列：请对应“学号”列，或同时对应“姓名”和“班级”列",
    "no column names the student: map the 学号 column, or both 姓名 and 班级",
)
NO_DATE = msg(
    "没有对应日期的列：请对应日期列，或为整个文件指定一个测评日期",
    "no column gives the date: map the date column, or give one date for the whole file",
)
ITEM_NOT_MAPPED = msg(
    "第 {number} 题没有对应的列。请为每一题对应一列，或只对应总分列",
    "item {number} has no column; map a column to every item, or only the total column",
)
NO_ANSWERS = msg(
    "没有对应题目或总分的列：请为每一题对应一列，或对应总分列",
    "neither items nor a total are mapped: map a column to every item, or the total column",
)
UNKNOWN_STUDENT = msg(
    "学号 {student} 不在学生名单中。请改正学号，或先导入这名学生",
    "the student no. {student} is not on the roll; correct it, or add the student first",
)
UNKNOWN_NAME = msg(
    "{year}的班级“{klass}”中没有叫“{name}”的学生。请改正姓名或班级，或改用学号列",
    "no student called '{name}' is in the class '{klass}' of {year}; correct the name or the "
    "class, or use a 学号 column",
)
AMBIGUOUS_NAME = msg(
    "{year}的班级“{klass}”中有 {count} 名学生叫“{name}”（学号 {numbers}），无法确定是谁。请改用学号列",
    "{count} students called '{name}' are in the class '{klass}' of {year} ({numbers}); use a "
    "学号 column to say which",
)
BLANK_STUDENT = msg("没有填写学生", "the student is not filled in")
BAD_DATE = msg(
    "“{value}”不是日期。请写成 2025-10-09 这样的形式",
    "'{value}' is not a date; write it like 2025-10-09",
)
BLANK_DATE = msg("没有填写日期", "the date is not filled in")
FUTURE_DATE = msg(
    "日期 {date} 还没有到。请改正日期", "the date {date} is in the future; correct it"
)
NOT_AN_OPTION = msg(
    "“{value}”不是第 {number} 题的选项（可填：{allowed}）",
    "'{value}' is not an answer to item {number} (allowed: {allowed})",
)
ITEM_BLANK = msg("第 {number} 题没有作答", "item {number} is not answered")
BAD_TOTAL = msg(
    "总分“{value}”不是 {least}–{most} 之间的整数",
    "the total '{value}' is not a whole number from {least} to {most}",
)
TOTAL_DIFFERS = msg(
    "总分 {value} 与各题答案之和 {computed} 不符。请核对答案，或清空总分",
    "the total {value} differs from the sum of the answers, {computed}; check the answers, or "
    "clear the total",
)
DUPLICATE_ROW = msg(
    "与第 {first} 行是同一名学生（学号 {student}）同一天（{date}）的{scale}。请删去其中一行",
    "the same student ({student}) and day ({date}) as row {first} for {scale}; delete one of "
    "the two rows",
)
ALREADY_IMPORTED = msg(
    "学号 {student} 在 {date} 的{scale}已经导入过，不会重复导入。请从文件中删去这一行",
    "the {scale} of student {student} on {date} was imported already and is not imported "
    "twice; delete this row from the file",
)
SAVED_DIFFERENTLY = msg(
    "学号 {student} 在 {date} 已有一份答案不同的{scale}。同一天同一量表只能有一份：请核对这一行，"
    "或在程序中修改已有的那份",
    "student {student} already has a {scale} with other answers on {date}; there is one per "
    "scale and day: check this row, or correct the saved one in the program",
)
IMPORT_CANCELLED = msg(
    "已取消导入，没有导入任何内容。", "The import was cancelled; nothing was imported."
)


@dataclass(frozen=True)
class ExportTable:
    """A platform's export as read: where it came from, its header and its non-blank rows by
    their row (line) number in the file."""

    source: str  # the file (and sheet) as problems name it
    header: tuple[Any, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    encoding: str | None = None  # a CSV's encoding, as the counsellor is told

    def headers(self) -> list[str]:
        return ["" if blank(h) else str(h).strip() for h in self.header]


@dataclass(frozen=True)
class Unconsented:
    row: int
    student_id: int
    student_no: str
    name: str
    on: dt.date


@dataclass
class ImportPlan:
    """What the export would save, or why it cannot."""

    entries: list[ScaleAnswers] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    without_consent: list[Unconsented] = field(default_factory=list)
    unchanged: int = 0  # rows the same as a screening saved before (see ``keep_same``)


@dataclass(frozen=True)
class ImportedScreenings:
    """What an import saved: numbers only."""

    scale: Scale
    count: int
    flagged: int
    critical: int
    consent_exceptions: int
    by_total: bool
    encoding: str | None = None

    @property
    def changes(self) -> Changes:
        return Changes.of_types("screening")


class ConsentNeeded(ValidationFailed):
    """Students without screening consent on the day: confirm an exception with a reason."""

    def __init__(self, summary: Message, problems: list[Problem], students: list[Unconsented]):
        super().__init__(summary, problems)
        self.students = students


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: 20250001.0 → 20250001, full-width forms folded."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    return unicodedata.normalize("NFKC", str(value)).strip()


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")


def parse_date(value: Any) -> dt.date | None:
    """A cell as a date: an Excel date, an 8-digit number (20251009) or text such as 2025-10-09,
    2025/10/9, 2025年10月9日, with or without a time after it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.match(text)
    if match is None or not re.fullmatch(
        r"[\sT]*(\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?", text[match.end() :]
    ):
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _words(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def answer_value(item: Item, value: Any) -> int | None:
    """The option value a cell gives: the value itself, or the option's words in Chinese or
    English (完全不会, 好几天, Not at all). None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and int(value) in item.values else None
    text = cell_text(value)
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text):
        number = int(float(text))
        return number if number in item.values else None
    wanted = _words(text)
    for option in item.options:
        if wanted in (_words(option.zh), _words(option.en)):
            return option.value
    return None


class StudentFinder:
    """Students by 学号, and by 姓名 + class (code or name) in a school year."""

    def __init__(self, school: School) -> None:
        self.db = school.db
        self.by_no = {
            unicodedata.normalize("NFKC", str(no)).strip(): (int(sid), str(name))
            for sid, no, name in self.db.query("SELECT id, student_no, name FROM student")
        }
        self.by_id = {sid: (no, name) for no, (sid, name) in self.by_no.items()}
        self.terms = load_terms(self.db)
        self._years: dict[int, dict[tuple[str, str], list[tuple[int, str]]]] = {}

    def year_of(self, day: dt.date) -> int:
        return school_year_of(day, self.terms).start

    def in_class(self, name: str, klass: str, day: dt.date) -> list[tuple[int, str]]:
        year = self.year_of(day)
        if year not in self._years:
            index: dict[tuple[str, str], list[tuple[int, str]]] = {}
            for sid, sname, no, code, cname in self.db.query(
                "SELECT s.id, s.name, s.student_no, c.class_code, c.name FROM enrolment e"
                " JOIN student s ON s.id = e.student_id JOIN class c ON c.id = e.class_id"
                " WHERE e.school_year = ?",
                (year,),
            ):
                for class_key in {_words(str(code)), _words(str(cname))}:
                    index.setdefault((_words(str(sname)), class_key), []).append(
                        (int(sid), str(no))
                    )
            self._years[year] = index
        return self._years[year].get((_words(name), _words(klass)), [])


def _positions(
    table: ExportTable, mapping: ColumnMapping, problems: list[Problem]
) -> dict[str, int]:
    """Each mapped role's column position; problems for headers missing or twice in the file."""
    keys = [header_key(h) for h in table.header]
    found_headers = joined(h for h in table.headers() if h)
    positions: dict[str, int] = {}
    for role, header in mapping.roles().items():
        if header is None:
            continue
        wanted = header_key(header)
        where = [i for i, key in enumerate(keys) if key == wanted]
        if not where:
            problems.append(
                Problem(
                    header,
                    COLUMN_NOT_IN_FILE(header=header, found=found_headers),
                    table.source,
                    1,
                )
            )
        elif len(where) > 1:
            problems.append(Problem(header, COLUMN_TWICE(header=header), table.source, 1))
        else:
            positions[role] = where[0]
    return positions


def _item_headers(scale: Scale, mapping: ColumnMapping) -> tuple[str | None, ...]:
    """One header (or None) per item of the scale, however many the mapping has."""
    count = len(scale.items)
    return (mapping.items + (None,) * count)[:count]


def _check_mapping(
    table: ExportTable, scale: Scale, mapping: ColumnMapping, on: dt.date | None
) -> list[Problem]:
    problems: list[Problem] = []
    if not mapping.student_no and not (mapping.name and mapping.class_name):
        problems.append(Problem("", NO_STUDENT_COLUMN, table.source, 1))
    if not mapping.date and on is None:
        problems.append(Problem("", NO_DATE, table.source, 1))
    if mapping.by_total:
        if not mapping.total:
            problems.append(Problem("", NO_ANSWERS, table.source, 1))
    else:
        for item, header in zip(scale.items, _item_headers(scale, mapping), strict=True):
            if header is None and not item.optional:
                problems.append(Problem("", ITEM_NOT_MAPPED(number=item.number), table.source, 1))
    return problems


def plan_import(
    school: School,
    table: ExportTable,
    scale: Scale,
    mapping: ColumnMapping,
    *,
    on: dt.date | None = None,
    tick: Callable[[], None] | None = None,
    keep_same: bool = False,
) -> ImportPlan:
    """Every row checked against the roll, the scale and what is saved already; nothing written.
    ``on``: the date of every row (when the export has no date column, or overriding it).
    ``keep_same``: a row the same as a screening saved before is left out (counted unchanged)
    rather than refused."""
    plan = ImportPlan()
    plan.problems = _check_mapping(table, scale, mapping, on)
    if on is not None and on > school.today():
        plan.problems.append(Problem("", FUTURE_DATE(date=on.isoformat()), table.source, None))
    positions = _positions(table, mapping, plan.problems)
    if plan.problems:
        return plan
    items = (
        list(zip(scale.items, _item_headers(scale, mapping), strict=True))
        if not mapping.by_total
        else []
    )
    finder = StudentFinder(school)
    today = school.today()
    seen: dict[tuple[int, dt.date], int] = {}
    for row, cells in table.rows:
        if tick is not None:
            tick()

        def cell(role: str, cells: tuple[Any, ...] = cells) -> Any:
            position = positions.get(role)
            return cells[position] if position is not None and position < len(cells) else None

        def problem(header: str | None, message: Message, row: int = row) -> None:
            plan.problems.append(Problem(header or "", message, table.source, row))

        day = on
        if day is None:
            raw = cell("date")
            day = None if blank(raw) else parse_date(raw)
            if blank(raw):
                problem(mapping.date, BLANK_DATE)
            elif day is None:
                problem(mapping.date, BAD_DATE(value=cell_text(raw)))
            elif day > today:
                problem(mapping.date, FUTURE_DATE(date=day.isoformat()))
                day = None
        student = _student(finder, mapping, cell, day, problem)
        answers: list[int | None] = []
        for item, header in items:
            raw = cell(f"item:{item.number}") if header is not None else None
            if blank(raw):
                if not item.optional:
                    problem(header, ITEM_BLANK(number=item.number))
                answers.append(None)
                continue
            value = answer_value(item, raw)
            if value is None:
                allowed = joined(
                    msg(f"{o.value}={o.zh}", f"{o.value}={o.en or o.zh}") for o in item.options
                )
                problem(
                    header,
                    NOT_AN_OPTION(value=cell_text(raw), number=item.number, allowed=allowed),
                )
            answers.append(value)
        total = _total(scale, mapping, cell("total") if mapping.total else None, problem)
        if total is not None and items and None not in answers:
            computed = scale.score(answers).total if not scale.problems(answers) else None
            if computed is not None and computed != total:
                problem(mapping.total, TOTAL_DIFFERS(value=total, computed=computed))
        if student is None or day is None:
            continue
        key = (student, day)
        if key in seen:
            problem(
                None,
                DUPLICATE_ROW(
                    first=seen[key], student=_no(finder, student), date=day, scale=scale.name
                ),
            )
            continue
        seen[key] = row
        if mapping.by_total and total is None:
            continue
        plan.entries.append(
            ScaleAnswers(student, scale, day, tuple(answers), total=total if not items else None)
        )
        plan.rows.append(row)
    _refuse_already_saved(school, scale, plan, finder, table.source, keep_same)
    _find_unconsented(school, plan, finder)
    return plan


def _no(finder: StudentFinder, student_id: int) -> str:
    return finder.by_id[student_id][0]


def _student(
    finder: StudentFinder,
    mapping: ColumnMapping,
    cell: Callable[[str], Any],
    day: dt.date | None,
    problem: Callable[[str | None, Message], None],
) -> int | None:
    if mapping.student_no:
        raw = cell("student_no")
        if blank(raw):
            problem(mapping.student_no, BLANK_STUDENT)
            return None
        number = cell_text(raw)
        found = finder.by_no.get(number)
        if found is None:
            problem(mapping.student_no, UNKNOWN_STUDENT(student=number))
            return None
        return found[0]
    name, klass = cell("name"), cell("class_name")
    if blank(name) or blank(klass):
        problem(mapping.name if blank(name) else mapping.class_name, BLANK_STUDENT)
        return None
    if day is None:
        return None  # the date's problem is listed; which year's class is unknown
    year = f"{finder.year_of(day)}—{finder.year_of(day) + 1}学年"
    matches = finder.in_class(cell_text(name), cell_text(klass), day)
    if not matches:
        problem(mapping.name, UNKNOWN_NAME(year=year, klass=cell_text(klass), name=cell_text(name)))
        return None
    if len(matches) > 1:
        numbers = joined(sorted(no for _, no in matches))
        problem(
            mapping.name,
            AMBIGUOUS_NAME(
                year=year,
                klass=cell_text(klass),
                count=len(matches),
                name=cell_text(name),
                numbers=numbers,
            ),
        )
        return None
    return matches[0][0]


def _total(
    scale: Scale,
    mapping: ColumnMapping,
    raw: Any,
    problem: Callable[[str | None, Message], None],
) -> int | None:
    if not mapping.total or (blank(raw) and not mapping.by_total):
        return None
    least, most = least_total(scale), scale.most
    text = "" if blank(raw) else cell_text(raw)
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text) and least <= int(float(text)) <= most:
        return int(float(text))
    problem(mapping.total, BAD_TOTAL(value=text, least=least, most=most))
    return None


def saved_screenings(
    school: School, scale_id: str, keys: Iterable[tuple[int, dt.date]]
) -> dict[tuple[int, dt.date], tuple[int, float | None]]:
    """Of these (student, day) pairs, those that already have a screening with this scale: its
    id and total."""
    wanted = set(keys)
    if not wanted:
        return {}
    found = {}
    for sid, day, ident, score in school.db.query(
        "SELECT student_id, date, id, score FROM screening WHERE scale_id = ?", (scale_id,)
    ):
        key = (int(sid), dt.date.fromisoformat(str(day)))
        if key in wanted:
            found[key] = (int(ident), score)
    return found


def _same_as_saved(school: School, entry: ScaleAnswers, saved: tuple[int, float | None]) -> bool:
    answers = read_answers(school, saved[0])
    if entry.total_only:
        return answers is None and saved[1] == entry.total
    return answers == entry.answers


def _refuse_already_saved(
    school: School,
    scale: Scale,
    plan: ImportPlan,
    finder: StudentFinder,
    source: str,
    keep_same: bool,
) -> None:
    """A screening saved already is never saved twice: refused, or (``keep_same``, a workbook
    imported again) left out when its answers are the same and refused when they differ."""
    saved = saved_screenings(school, scale.id, ((e.student_id, e.on) for e in plan.entries))
    if not saved:
        return
    kept_entries, kept_rows = [], []
    for entry, row in zip(plan.entries, plan.rows, strict=True):
        found = saved.get((entry.student_id, entry.on))
        if found is None:
            kept_entries.append(entry)
            kept_rows.append(row)
            continue
        if keep_same and _same_as_saved(school, entry, found):
            plan.unchanged += 1
            continue
        student = _no(finder, entry.student_id)
        message = (SAVED_DIFFERENTLY if keep_same else ALREADY_IMPORTED)(
            student=student, date=entry.on, scale=scale.name
        )
        plan.problems.append(Problem("", message, source, row))
    plan.entries, plan.rows = kept_entries, kept_rows


def _find_unconsented(school: School, plan: ImportPlan, finder: StudentFinder) -> None:
    by_day: dict[dt.date, set[int]] = {}
    for entry in plan.entries:
        by_day.setdefault(entry.on, set()).add(entry.student_id)
    missing = {
        (sid, day)
        for day, ids in by_day.items()
        for sid in without_screening_consent(school.db, ids, day)
    }
    for entry, row in zip(plan.entries, plan.rows, strict=True):
        if (entry.student_id, entry.on) in missing:
            no, name = finder.by_id[entry.student_id]
            plan.without_consent.append(Unconsented(row, entry.student_id, no, name, entry.on))


def import_table(
    school: School,
    table: ExportTable,
    scale: Scale,
    mapping: ColumnMapping,
    *,
    on: dt.date | None = None,
    consent_exception: str | None = None,
    progress: CountProgress | None = None,
) -> ImportedScreenings:
    """Check every row, then save them all (way ``platform``) or nothing.

    Raises ValidationFailed listing every problem; ConsentNeeded listing the students without
    consent when no ``consent_exception`` reason is given."""
    ticker = Ticker(progress, IMPORT_CANCELLED)
    ticker.start(len(table.rows))
    reason = (consent_exception or "").strip() or None
    with school.db.transaction():
        plan = plan_import(school, table, scale, mapping, on=on, tick=ticker)
        if plan.problems:
            raise ValidationFailed(REJECTED(count=len(plan.problems)), plan.problems)
        exceptions = {u.student_id for u in plan.without_consent}
        if exceptions and reason is None:
            raise ConsentNeeded(
                CONSENT_NEEDED(count=len(plan.without_consent)),
                [
                    Problem(
                        "",
                        NO_CONSENT(student=u.student_no, name=u.name, date=u.on),
                        table.source,
                        u.row,
                    )
                    for u in plan.without_consent
                ],
                plan.without_consent,
            )
        entries = [
            ScaleAnswers(
                e.student_id,
                e.scale,
                e.on,
                e.answers,
                consent_exception=reason if e.student_id in exceptions else None,
                total=e.total,
            )
            for e in plan.entries
        ]
        ticker.check()
        saved = save_screenings(school, entries, "platform")
    return ImportedScreenings(
        scale,
        len(saved.ids),
        sum(1 for r in saved.results if r.flagged),
        sum(1 for r in saved.results if r.critical_items),
        sum(1 for e in entries if e.consent_exception),
        mapping.by_total,
        table.encoding,
    )
