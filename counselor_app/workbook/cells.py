"""What a workbook cell holds, in both directions.

Reading: Excel hands back numbers where people typed codes (学号 20250001 as an int), serial numbers
or datetimes where they typed dates, fractions of a day for times, and full-width digits and
punctuation from a Chinese input method. ``for_converter`` smooths those into what
``records.values.convert`` accepts; it never decides whether a value is valid (that stays with the
converters, so the forms, the command line and the workbook give the same messages).

Writing: ``to_cell`` turns a stored value (codes, ids already replaced by natural keys) into the cell
a person reads: real Excel dates and times, Chinese vocabulary words, lists joined with ``;``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel

from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.years.school_years import SchoolYear

LIST_JOINER = ";"
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
TEXT_FORMAT = "@"

_CHINESE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_CHINESE_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?")
_EXCEL_SERIAL_DAYS = (1, 2958465)  # 1900-01-01 to 9999-12-31
_WEEKDAY_PREFIX = re.compile(r"^(星期|礼拜|周)")
# Kinds whose text is digits and separators, so folding full-width forms cannot change meaning.
_FOLDED_KINDS = {
    Kind.DATE,
    Kind.TIME,
    Kind.MONTH,
    Kind.INT,
    Kind.REAL,
    Kind.BOOL,
    Kind.CHOICE,
    Kind.CHOICE_LIST,
    Kind.CHOICE_LINK,
}


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain_text(value: Any) -> str:
    """A cell as text: 20250001 (int or 20250001.0) → "20250001", a midnight datetime → a date."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def display(value: Any) -> str:
    """How a cell is quoted back in a problem message."""
    return plain_text(value)


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (０８：３０ → 08:30)."""
    return unicodedata.normalize("NFKC", text).strip()


def for_converter(field: FieldSpec, value: Any) -> Any:
    """The cell's value in a form ``records.values.convert`` understands for ``field``."""
    if is_blank(value):
        return None
    kind = field.kind
    if kind is Kind.DATE:
        return _date_input(value)
    if kind is Kind.TIME:
        return _time_input(value)
    if kind is Kind.MONTH:
        return _month_input(value)
    if kind is Kind.SCHOOL_YEAR:
        # Text always, so a bare 2025 is refused as ambiguous rather than taken as a start year.
        return fold(plain_text(value))
    if kind is Kind.BOOL and isinstance(value, bool):
        return value
    if (
        kind in (Kind.INT, Kind.REAL)
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        return value
    text = plain_text(value)
    if kind in _FOLDED_KINDS:
        text = fold(text)
    if kind is Kind.INT and field.vocab is not None:
        # 星期一 / 周一 / 星期天 are how people write a weekday.
        text = _WEEKDAY_PREFIX.sub("", text).replace("天", "日")
    return text


def _date_input(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 19000101 <= number <= 99991231:
            text = str(int(number))  # 20250901 typed as a number
            return f"{text[:4]}-{text[4:6]}-{text[6:]}"
        if _EXCEL_SERIAL_DAYS[0] <= number <= _EXCEL_SERIAL_DAYS[1]:
            converted = from_excel(number)
            return converted.date() if isinstance(converted, dt.datetime) else converted
        return plain_text(value)
    text = fold(plain_text(value))
    match = _CHINESE_DATE.fullmatch(text)
    if match:
        return f"{match[1]}-{match[2]}-{match[3]}"
    # A date-time typed as text ("2025-09-01 00:00:00", as some exports write it).
    date_part = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?", text)
    return date_part[1] if date_part else text


def _time_input(value: Any) -> Any:
    if isinstance(value, (dt.time, dt.datetime, dt.timedelta)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # An Excel time without a time format is a fraction of a day.
        if 0 <= value < 1:
            minutes = round(float(value) * 24 * 60)
            if minutes < 24 * 60:
                return dt.time(minutes // 60, minutes % 60)
        return plain_text(value)
    text = fold(plain_text(value))
    chinese = re.fullmatch(r"(\d{1,2})\s*[点时]\s*(?:(\d{1,2})\s*分?|半)?", text)
    if chinese:
        minute = "30" if text.endswith("半") else (chinese[2] or "00")
        return f"{chinese[1]}:{int(minute):02d}"
    return text


def _month_input(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 190001 <= number <= 999912:
            text = str(int(number))  # 202509 typed as a number
            return f"{text[:4]}-{text[4:]}"
        if _EXCEL_SERIAL_DAYS[0] <= number <= _EXCEL_SERIAL_DAYS[1]:
            return from_excel(number)
        return plain_text(value)
    text = fold(plain_text(value))
    match = _CHINESE_MONTH.fullmatch(text)
    return f"{match[1]}-{match[2]}" if match else text


def split_cell(value: Any) -> list[str]:
    """The items of a list cell, split on ``;`` or ``；``."""
    if is_blank(value):
        return []
    return [part.strip() for part in re.split(r"[;；]", plain_text(value)) if part.strip()]


# -- writing --------------------------------------------------------------------------------------
def safe_text(text: str) -> str:
    """Text openpyxl can store: control characters (from pasted notes) are not allowed in XML."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def to_cell(field: FieldSpec, value: Any) -> Any:
    """The cell for a stored value whose references are already natural keys (text)."""
    if value is None or value == []:
        return None
    kind = field.kind
    if kind is Kind.DATE:
        return dt.date.fromisoformat(value)
    if kind is Kind.TIME:
        return dt.time.fromisoformat(value)
    if kind is Kind.BOOL:
        return "是" if value else "否"
    if kind is Kind.SCHOOL_YEAR:
        return SchoolYear(value).name
    if kind is Kind.CHOICE:
        assert field.vocab is not None
        return field.vocab.label(value, "zh")
    if kind is Kind.INT and field.vocab is not None:
        return field.vocab.label(str(value), "zh")
    if kind in (Kind.CHOICE_LIST, Kind.CHOICE_LINK):
        assert field.vocab is not None
        return LIST_JOINER.join(field.vocab.label(code, "zh") for code in value)
    if kind in (Kind.TEXT_LIST, Kind.REF_LIST):
        return LIST_JOINER.join(safe_text(str(item)) for item in value)
    if kind in (Kind.INT, Kind.REAL):
        return value
    return safe_text(str(value))


def number_format(field: FieldSpec) -> str | None:
    """The column's cell format, so that what people type lands as the right kind of value."""
    if field.kind is Kind.DATE:
        return DATE_FORMAT
    if field.kind is Kind.TIME:
        return TIME_FORMAT
    if field.kind in (Kind.INT, Kind.REAL):
        return None
    # Text, so Excel keeps 学号 0701 with its zero and does not turn 2025-09 into a date.
    return TEXT_FORMAT
