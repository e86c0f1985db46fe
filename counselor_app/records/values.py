"""Turning what a person typed (or a workbook cell held) into the value a field stores.

Each converter returns the stored value or raises ``BadValue`` with a message that says what was
expected. The same converters serve the forms, the command line and the workbook.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Bilingual, Message, joined, msg
from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.years.school_years import SchoolYear

LIST_SEPARATORS = re.compile(r"[;；]")

EXPECTED_DATE = msg("应为日期，格式 YYYY-MM-DD，例如 2025-09-01", "expected a date as YYYY-MM-DD")
EXPECTED_TIME = msg("应为时间，格式 HH:MM，例如 08:30", "expected a time as HH:MM, e.g. 08:30")
EXPECTED_MONTH = msg("应为月份，格式 YYYY-MM，例如 2025-09", "expected a month as YYYY-MM")
EXPECTED_WHOLE = msg("应为整数", "expected a whole number")
EXPECTED_NUMBER = msg("应为数字", "expected a number")
EXPECTED_YES_NO = msg("应为“是”或“否”", "expected 是 (yes) or 否 (no)")
EXPECTED_ONE_OF = msg(
    "“{value}”不是可选值，应为：{choices}", "'{value}' is not allowed; expected one of: {choices}"
)
BELOW_MINIMUM = msg(
    "{value} 太小，最小为 {minimum}", "{value} is too small; the minimum is {minimum}"
)
ABOVE_MAXIMUM = msg(
    "{value} 太大，最大为 {maximum}", "{value} is too large; the maximum is {maximum}"
)
EXPECTED_ID = msg("应为已有记录的编号", "expected the id of an existing record")


class BadValue(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set)):
        return len(value) == 0
    return False


def to_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        # Tolerate 2025-9-1, which people type and Excel sometimes shows.
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
            except ValueError:
                pass
    raise BadValue(EXPECTED_DATE)


def to_time(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):  # some spreadsheets hand back times as durations
        minutes = int(value.total_seconds() // 60)
        if 0 <= minutes < 24 * 60:
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
    text = str(value).strip().replace("：", ":")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return f"{int(match[1]):02d}:{match[2]}"
    raise BadValue(EXPECTED_TIME)


def to_month(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m")
    text = str(value).strip().replace("/", "-")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if match and 1 <= int(match[2]) <= 12:
        return f"{match[1]}-{int(match[2]):02d}"
    raise BadValue(EXPECTED_MONTH)


def to_school_year(value: Any) -> int:
    """The start year of a school year typed as 2025—2026学年 (any dash), or given as the int."""
    try:
        return SchoolYear.parse(value).start
    except InvalidInput as exc:
        raise BadValue(exc.message) from None


def to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise BadValue(EXPECTED_WHOLE)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text):
        return int(float(text))
    raise BadValue(EXPECTED_WHOLE)


def to_real(value: Any) -> float:
    if isinstance(value, bool):
        raise BadValue(EXPECTED_NUMBER)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BadValue(EXPECTED_NUMBER) from None


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("是", "yes", "y", "true", "1", "有"):
        return True
    if text in ("否", "no", "n", "false", "0", "无"):
        return False
    raise BadValue(EXPECTED_YES_NO)


def split_list(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple, set)):
        return [item for item in value if not is_blank(item)]
    return [part.strip() for part in LIST_SEPARATORS.split(str(value)) if part.strip()]


def _choice(spec: FieldSpec, value: Any) -> str:
    assert spec.vocab is not None
    code = spec.vocab.code_for(str(value))
    if code is None:
        choices = joined(Bilingual(term.zh, term.en) for term in spec.vocab.terms)
        raise BadValue(EXPECTED_ONE_OF(value=value, choices=choices))
    return code


def _check_range(spec: FieldSpec, number: float) -> None:
    if spec.minimum is not None and number < spec.minimum:
        raise BadValue(BELOW_MINIMUM(value=_plain(number), minimum=_plain(spec.minimum)))
    if spec.maximum is not None and number > spec.maximum:
        raise BadValue(ABOVE_MAXIMUM(value=_plain(number), maximum=_plain(spec.maximum)))


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _to_id(value: Any) -> int:
    try:
        return to_int(value)
    except BadValue:
        raise BadValue(EXPECTED_ID) from None


def convert(spec: FieldSpec, value: Any) -> Any:
    """The stored form of ``value`` for ``spec``; blank gives None (or [] for lists)."""
    if is_blank(value):
        return [] if spec.is_list else None
    kind = spec.kind
    if kind is Kind.TEXT:
        return str(value).strip()
    if kind is Kind.DATE:
        return to_date(value)
    if kind is Kind.TIME:
        return to_time(value)
    if kind is Kind.MONTH:
        return to_month(value)
    if kind is Kind.SCHOOL_YEAR:
        return to_school_year(value)
    if kind is Kind.BOOL:
        return to_bool(value)
    if kind is Kind.INT:
        if spec.vocab is not None and not isinstance(value, int):
            code = spec.vocab.code_for(str(value))
            if code is not None:
                value = code
        number = to_int(value)
        _check_range(spec, number)
        return number
    if kind is Kind.REAL:
        real = to_real(value)
        _check_range(spec, real)
        return real
    if kind is Kind.CHOICE:
        return _choice(spec, value)
    if kind in (Kind.CHOICE_LIST, Kind.CHOICE_LINK):
        return sorted(
            {_choice(spec, item) for item in split_list(value)},
            key=spec.vocab.codes.index if spec.vocab else str,
        )
    if kind is Kind.TEXT_LIST:
        return [str(item).strip() for item in split_list(value)]
    if kind is Kind.REF:
        return _to_id(value)
    if kind is Kind.REF_LIST:
        return sorted({_to_id(item) for item in split_list(value)})
    if kind is Kind.REPORTER:
        who, ident = value
        if who not in ("staff", "student"):
            raise BadValue(EXPECTED_ID)
        return (who, _to_id(ident))
    raise AssertionError(f"unhandled kind {kind}")


def to_column(spec: FieldSpec, value: Any) -> Any:
    """The SQL parameter for a stored value of a row field."""
    if value is None:
        return None
    if spec.kind is Kind.BOOL:
        return int(bool(value))
    if spec.kind in (Kind.CHOICE_LIST, Kind.TEXT_LIST):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def from_column(spec: FieldSpec, value: Any) -> Any:
    if spec.kind is Kind.BOOL:
        return None if value is None else bool(value)
    if spec.kind in (Kind.CHOICE_LIST, Kind.TEXT_LIST):
        return [] if value is None else json.loads(value)
    return value
