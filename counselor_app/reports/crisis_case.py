"""What the four crisis printouts (一生一策, 家长告知书, 转介单, 复学评估表) show about one case,
gathered once through the record service so that a 管理员 reads "（无权查看）" where text is
confidential.

The case's steps with their due dates and its referral history are
:mod:`counselor_app.crisis`'s (the screen and the dashboard count overdue steps the same way);
this module only puts them in the printout's words, in Chinese. No layout here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counselor_app.crisis import case_status
from counselor_app.foundation.errors import InvalidInput
from counselor_app.records.service import Record, RecordService
from counselor_app.reports.student_file import (
    NO_CRISIS_PLAN,
    PlanView,
    find_student,
    plan_view,
)
from counselor_app.school.core import School
from counselor_app.student_file.facts import StudentCard, student_card

#: The safety plan's seven sections, in the order the student fills them in (Stanley & Brown's
#: safety planning), each kept in the student's own words.
SAFETY_SECTIONS: tuple[tuple[str, str], ...] = (
    ("warning_signs", "预警信号"),
    ("coping_alone", "我自己能做的事"),
    ("people_places", "能帮我分散注意的人和地方"),
    ("adults_to_ask", "可以求助的大人"),
    ("professionals", "专业机构与热线"),
    ("safe_surroundings", "让环境更安全"),
    ("reasons_to_live", "我活下去的理由"),
)

#: 全国青少年心理咨询和法律援助热线 (共青团中央), printed on every safety plan and notice.
YOUTH_HOTLINE = "12355"


@dataclass(frozen=True)
class StepRow:
    """One step of the case as printed; ``days_overdue`` is 0 unless it is overdue."""

    step: str  # assess, inform_guardian, refer, return_assessment, review, close
    label: str
    due_on: str | None
    done_on: str | None
    done_by: str | None
    note: str | None  # None: withheld for this reader, or none written
    days_overdue: int = 0
    done_late: bool = False


@dataclass(frozen=True)
class ReferralRow:
    """One dated change of the referral: who changed it to what, and where to."""

    changed_on: str
    status: str  # suggested, referred, attended, declined, ended
    state: str  # its label: 建议转介 …
    place: str | None
    by: str | None
    note: str | None


@dataclass(frozen=True)
class SafetySection:
    label: str
    text: str | None  # None: withheld for this reader, or not written yet (see ``redacted``)


@dataclass(frozen=True)
class CrisisCase:
    """One crisis plan with everything its printouts show."""

    student: StudentCard
    plan: PlanView
    school_name: str
    school_hotline: str  # 校内求助电话, "" if not set
    outside_hotline: str  # 校外求助热线 set in 设置, "" if not set
    reported_on: str  # the day the crisis came to the school's notice
    return_on: str | None  # the day a student who was away is to come back
    safety_sections: tuple[SafetySection, ...]
    steps: tuple[StepRow, ...] = ()
    referrals: tuple[ReferralRow, ...] = ()  # oldest first

    @property
    def overdue(self) -> tuple[StepRow, ...]:
        return tuple(step for step in self.steps if step.days_overdue > 0)

    @property
    def latest_referral(self) -> ReferralRow | None:
        return self.referrals[-1] if self.referrals else None

    @property
    def referral_place(self) -> str | None:
        """Where the student is referred to: the newest change that names a place, else the
        plan's own 转介机构 (older plans)."""
        for row in reversed(self.referrals):
            if row.place:
                return row.place
        return self.plan.referral_to

    def step(self, key: str) -> StepRow | None:
        """The last step of this kind (a review may occur many times)."""
        found = [row for row in self.steps if row.step == key]
        return found[-1] if found else None


def plan_id_for(school: School, student_no: str) -> int:
    """The student's open plan, or else the most recent closed one; exit 3 if there is none."""
    student_id = find_student(school, student_no)
    row = school.db.query_one(
        "SELECT id FROM crisis_plan WHERE student_id = ?"
        " ORDER BY closed_on IS NULL DESC, created_on DESC, id DESC LIMIT 1",
        (student_id,),
    )
    if row is None:
        raise InvalidInput(NO_CRISIS_PLAN(number=student_no))
    return int(row["id"])


def crisis_case(school: School, plan_id: int) -> CrisisCase:
    """The plan with this id as its printouts show it, for the reader ``school`` was opened by."""
    record = RecordService(school).get("crisis_plan", plan_id)
    student_id = int(record["student_id"])
    plan = plan_view(school, record, student_id)
    hotlines = school.db.query_one("SELECT hotline, outside_hotline FROM school WHERE id = 1")
    steps, referrals = _workflow(school, plan_id)
    return CrisisCase(
        student=student_card(school, student_id),
        plan=plan,
        school_name=school.name,
        school_hotline=(hotlines["hotline"] or "") if hotlines else "",
        outside_hotline=(hotlines["outside_hotline"] or "") if hotlines else "",
        reported_on=record.get("reported_on") or plan.created_on,
        return_on=record.get("return_on") or None,
        safety_sections=_safety_sections(record),
        steps=steps,
        referrals=referrals,
    )


def _safety_sections(record: Record) -> tuple[SafetySection, ...]:
    return tuple(SafetySection(label, record.get(key) or None) for key, label in SAFETY_SECTIONS)


def _workflow(school: School, plan_id: int) -> tuple[tuple[StepRow, ...], tuple[ReferralRow, ...]]:
    """The steps and the referral history (:mod:`counselor_app.crisis`), as of today; notes and
    places are ``None`` where this reader may not read them."""
    status = case_status(school, plan_id, school.today())
    steps = tuple(
        StepRow(
            step=s.step,
            label=s.label.render("zh"),
            due_on=_iso(s.due_on),
            done_on=_iso(s.done_on),
            done_by=s.done_by,
            note=s.note,
            days_overdue=s.days_overdue if s.overdue else 0,
            done_late=s.done_late,
        )
        for s in status.steps
    )
    changes = sorted(status.referrals, key=lambda r: (r.changed_on, r.id))
    referrals = tuple(
        ReferralRow(r.changed_on.isoformat(), r.status, r.label.render("zh"), r.place, r.by, r.note)
        for r in changes
    )
    return steps, referrals


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
