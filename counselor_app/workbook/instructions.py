"""What the workbook tells the person filling it in: a hint per column and the 说明 sheet.

The hints are generated from the field descriptions (kind, vocabulary, range, default), so a new
field or a new vocabulary word shows up in the template without anyone editing prose. The text is
bilingual like every user-visible message and follows the program's language; the sheet and column
names stay Chinese because they are the contract.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from counselor_app.foundation import vocab as v
from counselor_app.foundation.i18n import Message, msg
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.workbook.layout import (
    REFERENCE_KEYS,
    RISK_LEVEL_FIELDS,
    SHEETS,
    SheetLayout,
)

REQUIRED = msg("必填", "required")
OPTIONAL = msg("选填", "optional")
CONFIDENTIAL = msg("保密", "confidential")
HINT_DATE = msg(
    "日期，如 2025-09-01（也可用 Excel 日期）", "a date, e.g. 2025-09-01 (or an Excel date)"
)
HINT_TIME = msg("时间，如 08:30（也可用 Excel 时间）", "a time, e.g. 08:30 (or an Excel time)")
HINT_MONTH = msg("月份，如 2025-09", "a month, e.g. 2025-09")
HINT_WHOLE = msg("整数", "a whole number")
HINT_NUMBER = msg("数字", "a number")
HINT_RANGE = msg("{minimum}–{maximum}", "{minimum}–{maximum}")
HINT_YES_NO = msg("是 / 否", "是 (yes) / 否 (no)")
HINT_ONE_OF = msg("填以下之一：{words}", "one of: {words}")
HINT_SOME_OF = msg("可填多项，用 ; 分隔：{words}", "one or more, separated by ; : {words}")
HINT_TEXT_LIST = msg("可填多项，用 ; 分隔", "one or more, separated by ;")
HINT_REF = msg("填{target}的{key}", "the {target}'s {key}")
HINT_REF_LIST = msg("填{target}的{key}，多个用 ; 分隔", "the {target}s' {key}s, separated by ;")
HINT_REPORTER = msg("教职工的工号或学生的学号", "a staff no. or a student no.")
HINT_CAMPUS = msg("填“学校信息”表“校区”列中的校区名", "a campus named in 学校信息's 校区 column")
HINT_DEFAULT = msg("不填时为“{word}”", "'{word}' when left empty")
HINT_RISK = msg("0 一般、1 关注、2 重点关注、3 危机", "0 general, 1 watch, 2 close watch, 3 crisis")
HINT_NATURAL_KEY = msg("每行唯一，用来识别记录", "unique per row; identifies the record")
HINT_NATURAL_KEY_WITHIN = msg(
    "同一{within}内唯一，与{within}一起识别记录",
    "unique within one {within}; identifies the record together with the {within}",
)
HINT_SCHOOL_YEAR = msg(
    "学年，如 2025—2026学年（也可写 2025-2026）；不填时为当前学年",
    "a school year, e.g. 2025—2026学年 (or 2025-2026); the current school year when left empty",
)
HINT_SCHOOL_YEAR_REQUIRED = msg(
    "学年，如 2025—2026学年（也可写 2025-2026）",
    "a school year, e.g. 2025—2026学年 (or 2025-2026)",
)
HINT_CLASS_ON_DAY = msg(
    "指{day}所在学年的班级；别的学年的班级写成“0701（2024—2025学年）”",
    "the class of the school year in which the {day} falls; a class of another year is written "
    "0701（2024—2025学年）",
)
HINT_CLASS_LATEST = msg(
    "学生最近一个学年的班级（与“学年分班”表中该生最近学年的一行一致；没有那一行时指当前学年的班级）",
    "the class of the student's latest school year (as on the student's latest row of 学年分班; "
    "without such a row, a class of the current school year)",
)
HINT_CLASS_OF_YEAR = msg("这一学年的班级", "a class of that school year")
HINT_ENTERED_ON = msg(
    "记录写下的日期；不清楚就留空，留空的记录不计入“及时录入”的自查",
    "the day the record was written down; leave it empty if unknown, and the record is left out "
    "of the self-check on prompt recording",
)

TITLE = msg("学校数据工作簿 · 填写说明", "School workbook · how to fill it in")
RULES: tuple[Message, ...] = (
    msg(
        "每张表的第一行是列名，请不要修改列名；列名带 * 的是必填列。列的顺序可以调整，多余的列会被忽略。",
        "Row 1 of each sheet holds the column names; do not change them. Columns marked * are "
        "required. Columns may be reordered; extra columns are ignored.",
    ),
    msg(
        "不需要的表可以整张删除：导入只处理工作簿里有的表，只有一张“学生”名册也可以导入。",
        "Delete any sheet you do not need: an import touches only the sheets it holds; a roster "
        "alone is a valid workbook.",
    ),
    msg(
        "日期写成 YYYY-MM-DD（如 2025-09-01），时间写成 HH:MM（如 14:30），也可以用 Excel 的日期和时间格式。",
        "Write dates as YYYY-MM-DD (2025-09-01) and times as HH:MM (14:30), or use Excel dates and "
        "times.",
    ),
    msg(
        "一个单元格里有多项时，用分号 ; 或 ； 隔开，例如“专职心理教师;班主任”。",
        "Several items in one cell are separated by ; or ；, e.g. 专职心理教师;班主任.",
    ),
    msg(
        "其他表里的学生、教职工、班级用学号、工号、班级编号来指代，校区用校区名称。被引用的记录要么已经在程序里，"
        "要么在本工作簿里（例如“学生”表引用“班级”表的班级编号）。",
        "Students, staff and classes are referred to by 学号, 工号 and 班级编号, campuses by name. "
        "What a row refers to must already be in the program or in this workbook (学生 refers to "
        "班级 by 班级编号).",
    ),
    msg(
        "班级属于学年：同一个班级编号每年是另一批学生（今年的 0701 和去年的 0701 不是同一个班）。"
        "“班级”表的“学年”写明班级所在的学年（不填为当前学年）；“学年分班”表写每名学生在每个学年所在的班级；"
        "“学生”表的班级编号是学生最近一个学年的班级，须与“学年分班”表中该生最近学年的一行一致"
        "（没有“学年分班”表时，指当前学年的班级）。“心理课”“活动”“委员月报”中的班级编号，指该行日期"
        "（月份）所在学年的班级；要指别的学年的班级，写成“0701（2024—2025学年）”。",
        "Classes belong to a school year: the same 班级编号 holds other students each year (this "
        "year's 0701 is not last year's). 班级's 学年 says the class's school year (empty: the "
        "current one); 学年分班 gives each student's class in each school year; 学生's 班级编号 is "
        "the class of the student's latest school year and must agree with the student's latest "
        "row on 学年分班 (without 学年分班, a class of the current school year). On 心理课, 活动 "
        "and 委员月报, a 班级编号 means the class of the school year of the row's date (month); "
        "for a class of another year write 0701（2024—2025学年）.",
    ),
    msg(
        "学号、工号、班级编号请设为文本格式，以免 Excel 去掉开头的 0。",
        "Keep 学号, 工号 and 班级编号 as text so Excel does not drop leading zeros.",
    ),
    msg(
        "导入是“全部或全不”：只要有一处错误，就什么都不导入，并列出每一处错误所在的表、行、列和应填的内容。",
        "An import is all or nothing: if anything is wrong, nothing is imported, and every problem is "
        "listed with its sheet, row, column and what was expected.",
    ),
    msg(
        "同一份工作簿可以重复导入，不会产生重复记录：学期、教职工、班级、学年分班、学生、停开日期按学期名称、工号、"
        "学年和班级编号、学年和学号、学号、日期识别，已有的记录按表中内容更新；其他带日期的记录按整行内容识别，"
        "完全相同的行不会重复添加。",
        "Importing the same workbook again changes nothing: terms, staff, classes, 学年分班 rows, "
        "students and closure days are matched by name, 工号, 学年 and 班级编号, 学年 and 学号, "
        "学号 and date and updated from the sheet; other dated records are matched by the whole "
        "row, so an identical row is not added twice.",
    ),
    msg(
        "因此，改动已导入的辅导记录等带日期的行再导入，会新增一条记录而不是修改原记录；请在程序中修改原记录。",
        "So changing an already imported dated row (a session, say) and importing again adds a new "
        "record instead of changing the old one: correct the old one in the program.",
    ),
    msg(
        "空单元格表示“无”；表中没有的列，已有记录的该项保持不变。导入从不删除记录。",
        "An empty cell means none; a column the sheet does not have leaves that field of existing "
        "records as it is. An import never deletes anything.",
    ),
    msg(
        "各表第 2 行是示例。原样留着的示例行导入时会被跳过，不会成为数据；改动过的示例行就是真实数据，会被导入。"
        "请删除示例行，或把整行改成真实数据。",
        "Row 2 of each sheet is an example. An example row left as it is is skipped by the import "
        "and never becomes data; an example row you changed is your data and is imported. Delete "
        "the example rows, or change them into real rows throughout.",
    ),
    msg(
        "管理员账户只能导入和导出不含保密内容的表（{sheets}）。",
        "An administrator account may import and export only the sheets without confidential "
        "content ({sheets}).",
    ),
    msg(
        "本文件不加密。填有学生信息的工作簿请妥善保管，导入后及时删除。",
        "This file is not encrypted. Keep a workbook with student data safe and delete it after "
        "the import.",
    ),
)
EXPORTED_AT = msg("导出时间：{at}，导出人：{user}。", "Exported at {at} by {user}.")
EXPORT_CONFIDENTIAL = msg(
    "本文件包含保密内容（辅导记录、一生一策、测评等），仅限心理教师使用，请勿外传。",
    "This file holds confidential content (sessions, crisis plans, screenings): for the "
    "counsellor only; do not pass it on.",
)
EXPORT_BY_ADMIN = msg(
    "由管理员导出：只含不涉及保密内容的表，未导出：{sheets}。",
    "Exported by an administrator: only sheets without confidential content; left out: {sheets}.",
)
TEMPLATE_NOTE = msg(
    "本模板由心理辅导工作台生成。列说明见下表，也可把鼠标停在各表的列名上查看。",
    "Written by Counselor Desk. The columns are described below and in the note on each header.",
)
TABLE_HEADER = (
    msg("表", "Sheet"),
    msg("列", "Column"),
    msg("必填", "Required"),
    msg("填写要求", "What to enter"),
)


def _words(vocabulary: v.Vocabulary) -> str:
    return "、".join(vocabulary.words_zh)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def column_hint(spec: RecordSpec, field: FieldSpec) -> list[Message]:
    """What a column expects, as short phrases."""
    parts: list[Message] = []
    kind = field.kind
    if spec.natural_key and field.name == spec.natural_key[-1]:
        # 班级编号 is unique within its 学年: the same number comes back every year.
        within = "、".join(spec.field(name).label_zh for name in spec.natural_key[:-1])
        parts.append(HINT_NATURAL_KEY_WITHIN(within=within) if within else HINT_NATURAL_KEY)
    if kind is Kind.SCHOOL_YEAR:
        parts.append(HINT_SCHOOL_YEAR_REQUIRED if field.required else HINT_SCHOOL_YEAR)
    elif kind is Kind.DATE:
        parts.append(HINT_DATE)
        if (spec.type, field.name) == ("session", "entered_on"):
            parts.append(HINT_ENTERED_ON)
    elif kind is Kind.TIME:
        parts.append(HINT_TIME)
    elif kind is Kind.MONTH:
        parts.append(HINT_MONTH)
    elif kind is Kind.BOOL:
        parts.append(HINT_YES_NO)
    elif kind is Kind.CHOICE or (kind is Kind.INT and field.vocab is not None):
        assert field.vocab is not None
        parts.append(HINT_ONE_OF(words=_words(field.vocab)))
    elif kind in (Kind.CHOICE_LIST, Kind.CHOICE_LINK):
        assert field.vocab is not None
        parts.append(HINT_SOME_OF(words=_words(field.vocab)))
    elif kind is Kind.TEXT_LIST:
        parts.append(HINT_TEXT_LIST)
    elif kind is Kind.REPORTER:
        parts.append(HINT_REPORTER)
    elif kind in (Kind.REF, Kind.REF_LIST) and field.ref == "campus":
        parts.append(HINT_CAMPUS)
    elif kind in (Kind.REF, Kind.REF_LIST):
        key = REFERENCE_KEYS[field.ref or ""]
        hint = HINT_REF if kind is Kind.REF else HINT_REF_LIST
        parts.append(hint(target=key.target, key=key.key_label))
        if field.ref == "class":
            parts.append(_class_hint(spec))
    elif kind in (Kind.INT, Kind.REAL):
        parts.append(HINT_WHOLE if kind is Kind.INT else HINT_NUMBER)
        if (spec.type, field.name) in RISK_LEVEL_FIELDS:
            parts.append(HINT_RISK)
        elif field.minimum is not None and field.maximum is not None:
            parts.append(HINT_RANGE(minimum=_plain(field.minimum), maximum=_plain(field.maximum)))
    if field.default is not None and field.vocab is not None and kind is Kind.CHOICE:
        parts.append(HINT_DEFAULT(word=field.vocab.label(str(field.default), "zh")))
    elif field.default is not None and kind is Kind.BOOL:
        parts.append(HINT_DEFAULT(word="是" if field.default else "否"))
    return parts


def _class_hint(spec: RecordSpec) -> Message:
    """Which school year's class a 班级编号 column means (see ``class_refs``)."""
    if spec.type == "student":
        return HINT_CLASS_LATEST
    if spec.date_field is None:
        return HINT_CLASS_OF_YEAR  # 学年分班: the row's own 学年
    return HINT_CLASS_ON_DAY(day=spec.field(spec.date_field).label_zh)


def header_note(layout: SheetLayout, field: FieldSpec) -> str:
    """The comment on a header cell."""
    parts = [REQUIRED if field.required else OPTIONAL, *column_hint(layout.spec, field)]
    if field.confidential:
        parts.append(CONFIDENTIAL)
    return "；".join(part.render() for part in parts)


def non_confidential_sheets() -> str:
    return "、".join(sheet.name for sheet in SHEETS if not sheet.confidential)


@dataclass(frozen=True)
class Instructions:
    """The 说明 sheet: title, notes about this file, the rules, and the column table."""

    notes: tuple[Message, ...]
    sheets: tuple[SheetLayout, ...]

    def lines(self) -> list[list[str]]:
        rows: list[list[str]] = [[TITLE.render()], []]
        rows += [[note.render()] for note in self.notes]
        rows.append([])
        for number, rule in enumerate(RULES, start=1):
            text = rule(sheets=non_confidential_sheets()).render()
            rows.append([f"{number}. {text}"])
        rows.append([])
        rows.append([part.render() for part in TABLE_HEADER])
        rows += list(_column_table(self.sheets))
        return rows


def _column_table(sheets: Iterable[SheetLayout]) -> Iterable[list[str]]:
    for sheet in sheets:
        for column in sheet.columns:
            hint = column_hint(sheet.spec, column.field)
            if column.field.confidential:
                hint.append(CONFIDENTIAL)
            yield [
                sheet.name,
                column.header,
                "*" if column.field.required else "",
                "；".join(part.render() for part in hint),
            ]
