-- Schema 8: the crisis case (一生一策) as a workflow with dates (issue 12).
--
-- A plan gains the day the crisis came to the school's notice (reported_on; blank means its
-- created_on), the day a student who was away is to come back (return_on), and the safety plan in
-- seven sections, each kept in the student's own words and sealed like safety_plan (the old
-- column stays, shown as 其他, so older plans still read).
--
-- Each step of the case (assess, inform the guardian, refer, assess before return, review, close)
-- is a dated row of crisis_step; a review may occur many times. A referral's history is the rows
-- of crisis_referral in date order: a change adds a row, nothing is overwritten. Both belong to
-- their plan (deleted, recycled and restored with it). note and place are sealed text.
--
-- Existing plans keep every value; their new columns are empty, and they have no steps yet.

ALTER TABLE crisis_plan ADD COLUMN reported_on TEXT
    CHECK (reported_on IS NULL OR reported_on IS date(reported_on));
ALTER TABLE crisis_plan ADD COLUMN return_on TEXT
    CHECK (return_on IS NULL OR return_on IS date(return_on));
ALTER TABLE crisis_plan ADD COLUMN warning_signs TEXT;
ALTER TABLE crisis_plan ADD COLUMN coping_alone TEXT;
ALTER TABLE crisis_plan ADD COLUMN people_places TEXT;
ALTER TABLE crisis_plan ADD COLUMN adults_to_ask TEXT;
ALTER TABLE crisis_plan ADD COLUMN professionals TEXT;
ALTER TABLE crisis_plan ADD COLUMN safe_surroundings TEXT;
ALTER TABLE crisis_plan ADD COLUMN reasons_to_live TEXT;

CREATE TABLE crisis_step (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES crisis_plan (id) ON DELETE CASCADE,
    step       TEXT NOT NULL CHECK (step IN ('assess','inform_guardian','refer',
                                             'return_assessment','review','close')),
    done_on    TEXT NOT NULL CHECK (done_on IS date(done_on)),
    done_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    note       TEXT
);
CREATE INDEX crisis_step_by_plan ON crisis_step (plan_id, done_on);
CREATE INDEX crisis_step_by_staff ON crisis_step (done_by_id);

CREATE TABLE crisis_referral (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES crisis_plan (id) ON DELETE CASCADE,
    changed_on TEXT NOT NULL CHECK (changed_on IS date(changed_on)),
    status     TEXT NOT NULL CHECK (status IN ('suggested','referred','attended','declined',
                                               'ended')),
    place      TEXT,
    by_id      INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    note       TEXT
);
CREATE INDEX crisis_referral_by_plan ON crisis_referral (plan_id, changed_on);
CREATE INDEX crisis_referral_by_staff ON crisis_referral (by_id);
