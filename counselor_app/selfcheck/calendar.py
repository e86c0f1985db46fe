"""The school calendar moved to ``counselor_app.years.calendar`` (issue 12), below the crisis
workflow that counts school days and that the self-check reads. This name stays so that code
written against the old place (a parallel branch) still imports; new code imports from years."""

from counselor_app.years.calendar import (
    MONTH,
    QUARTER,
    Period,
    TermCalendar,
    Week,
    holiday_name,
    monday_of,
    month_end,
)

__all__ = [
    "MONTH",
    "QUARTER",
    "Period",
    "TermCalendar",
    "Week",
    "holiday_name",
    "monday_of",
    "month_end",
]
