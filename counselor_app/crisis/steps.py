"""The steps of a crisis case (一生一策) and the states of its referral, with their labels.

The keys are those the database allows (schema 8: ``crisis_step.step``, ``crisis_referral.status``);
the labels are what the counsellor reads on screen and on the printouts.
"""

from __future__ import annotations

from counselor_app.foundation.i18n import Message, msg

ASSESS = "assess"
INFORM_GUARDIAN = "inform_guardian"
REFER = "refer"
RETURN_ASSESSMENT = "return_assessment"
REVIEW = "review"
CLOSE = "close"

#: In the order a case goes through them.
STEP_LABELS: dict[str, Message] = {
    ASSESS: msg("评估", "Assessment"),
    INFORM_GUARDIAN: msg("告知家长", "Guardian informed"),
    REFER: msg("转介", "Referral"),
    RETURN_ASSESSMENT: msg("复学评估", "Return-to-school assessment"),
    REVIEW: msg("复查", "Review"),
    CLOSE: msg("结案", "Closing review"),
}
STEPS: tuple[str, ...] = tuple(STEP_LABELS)

REFERRAL_LABELS: dict[str, Message] = {
    "suggested": msg("建议转介", "Referral suggested"),
    "referred": msg("已转介", "Referred"),
    "attended": msg("已就诊", "Attended"),
    "declined": msg("未接受", "Declined"),
    "ended": msg("已结束", "Ended"),
}
REFERRAL_STATUSES: tuple[str, ...] = tuple(REFERRAL_LABELS)
#: Referral states that show the student was referred (the 转介 step is then done).
REFERRED = frozenset({"referred", "attended"})


def step_label(step: str) -> Message:
    return STEP_LABELS[step]


def referral_label(status: str) -> Message:
    return REFERRAL_LABELS[status]
