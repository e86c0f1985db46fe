"""设置 › 筛查: within how many school days a student a screening flagged is interviewed.

The worklist (:mod:`counselor_app.screening.worklist`) takes the number as an argument; the
command line, the dashboard and the screening page read it here. Nothing here imports Qt.
"""

from __future__ import annotations

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School
from counselor_app.settings.school_settings import (
    INTERVIEW_SCHOOL_DAYS,
    MAX_INTERVIEW_SCHOOL_DAYS,
    MIN_INTERVIEW_SCHOOL_DAYS,
)

INTERVIEW_DAYS_RANGE = msg(
    "筛查后约谈的期限应为 {low} 到 {high} 个上课日之间的整数，不能是“{value}”。",
    "The time to interview a flagged student must be a whole number of school days from {low} "
    "to {high}, not '{value}'.",
)


def interview_school_days(school: School) -> int:
    """The school's time to interview a flagged student, in school days (default 5)."""
    return INTERVIEW_SCHOOL_DAYS.read(school)


def set_interview_school_days(school: School, days: int) -> int:
    if not INTERVIEW_SCHOOL_DAYS.sensible(days):
        raise InvalidInput(
            INTERVIEW_DAYS_RANGE(
                low=MIN_INTERVIEW_SCHOOL_DAYS, high=MAX_INTERVIEW_SCHOOL_DAYS, value=days
            )
        )
    INTERVIEW_SCHOOL_DAYS.write(school, days)
    school.log("setting", key=INTERVIEW_SCHOOL_DAYS.key, value=days)
    return days
