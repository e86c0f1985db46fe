-- Schema 7: screenings given with a scale file (resources/scales/), their interviews and the
-- column mappings of screening platforms' exports. A screening typed in by hand (a total and a
-- level, as before) keeps scale_id NULL and is never put on the interview worklist.

-- The scale file's id (phq9, gad7 …) the answers were scored with.
ALTER TABLE screening ADD COLUMN scale_id TEXT;
-- The answers, one per item (JSON list, null for a blank), sealed with the confidential key.
ALTER TABLE screening ADD COLUMN answers TEXT;
-- The band of the total (the scale file's band id), as scored when the answers were saved.
ALTER TABLE screening ADD COLUMN band TEXT;
-- Whether the answers put the student on the interview worklist (a band that calls for an
-- interview, or any critical item answered), and which critical items were answered (JSON list
-- of item numbers; empty: none).
ALTER TABLE screening ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));
ALTER TABLE screening ADD COLUMN critical_items TEXT;
-- How the answers came in: a paper sheet typed in, student mode on this PC, a platform's
-- export, the school workbook.
ALTER TABLE screening ADD COLUMN way TEXT
    CHECK (way IS NULL OR way IN ('paper', 'student_mode', 'platform', 'workbook'));
-- Given without a guardian's consent on file: the counsellor's reason (sealed).
ALTER TABLE screening ADD COLUMN consent_exception TEXT;

CREATE INDEX screening_flagged ON screening (flagged, date);

-- An interview (约谈) that closes a worklist entry, with its outcome.
CREATE TABLE screening_interview (
    id           INTEGER PRIMARY KEY,
    screening_id INTEGER NOT NULL REFERENCES screening (id) ON DELETE CASCADE,
    date         TEXT NOT NULL CHECK (date IS date(date)),
    staff_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('excluded', 'watch', 'retest', 'crisis_plan')),
    retest_on    TEXT CHECK (retest_on IS NULL OR retest_on IS date(retest_on)),
    note         TEXT,
    CHECK (outcome <> 'retest' OR retest_on IS NOT NULL)
);
CREATE INDEX screening_interview_by_screening ON screening_interview (screening_id);

-- How a platform's export is read: its columns mapped once, kept by name for the next round.
CREATE TABLE screening_mapping (
    name     TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    scale_id TEXT NOT NULL,
    columns  TEXT NOT NULL,
    saved_on TEXT NOT NULL
);
