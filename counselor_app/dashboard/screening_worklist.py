"""The screening worklist (筛查待约谈) as the school sees it today: with the school's setting.

:func:`counselor_app.screening.worklist.worklist` takes the number of school days as an
argument; the dashboard, the screening page and the command line read it from 设置 here, so all
three show the same due dates. No Qt; reads only.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.foundation.errors import CounselorError
from counselor_app.school.core import School
from counselor_app.screening.scales import ScaleLibrary, load_scales, school_scales
from counselor_app.screening.worklist import WorklistEntry, worklist
from counselor_app.settings.screening_options import interview_school_days


def screening_worklist(school: School, today: dt.date | None = None) -> list[WorklistEntry]:
    """Every open entry on ``today`` (the school's clock by default), overdue first."""
    day = today or school.today()
    return worklist(school.db, day, interview_school_days(school), _library(school))


def _library(school: School) -> ScaleLibrary:
    """The school's scales, for names and band labels; the shipped ones alone when a file of the
    school's own is broken (the screening page says why), so the list is never lost over it."""
    try:
        return school_scales(school.paths)
    except CounselorError:
        return load_scales()


__all__ = ["screening_worklist"]
