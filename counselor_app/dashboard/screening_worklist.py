"""The screening worklist (筛查待约谈) as the school sees it today: with the school's setting.

:func:`counselor_app.screening.worklist.worklist` takes the number of school days as an
argument; the dashboard, the screening page and the command line read it from 设置 here, so all
three show the same due dates. No Qt; reads only.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.school.core import School
from counselor_app.screening.worklist import WorklistEntry, worklist
from counselor_app.settings.screening_options import interview_school_days


def screening_worklist(school: School, today: dt.date | None = None) -> list[WorklistEntry]:
    """Every open entry on ``today`` (the school's clock by default), overdue first."""
    return worklist(school.db, today or school.today(), interview_school_days(school))


__all__ = ["screening_worklist"]
