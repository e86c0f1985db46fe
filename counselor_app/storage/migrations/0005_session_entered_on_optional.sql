-- Schema 5: a session's entry date (录入日期) may be unknown (NULL). Sessions imported from a
-- ledger that never noted when they were written down used to be stamped with the day of the
-- import, which made years of history look entered late. A session typed into the program still
-- gets the day it was typed (the service fills it in).
--
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt as in "Making Other Kinds Of Table
-- Schema Changes" (https://www.sqlite.org/lang_altertable.html), inside this migration's
-- transaction. The connection has foreign keys ON, and PRAGMA foreign_keys cannot be switched off
-- inside a transaction, so dropping counselling_session while session_student still refers to it
-- would delete every session's students (ON DELETE CASCADE). session_student, its only referrer,
-- is therefore rebuilt too, pointing at the new table before the old one is dropped.
-- Everything else is kept exactly: columns, order, CHECKs (entered_on IS date(entered_on) already
-- accepts NULL), foreign keys, indexes and ids. No trigger or view refers to these tables.

CREATE TABLE counselling_session_new (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL CHECK (date IS date(date)),
    start_time    TEXT NOT NULL CHECK (start_time IS strftime('%H:%M', start_time)),
    minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    kind          TEXT NOT NULL CHECK (kind IN ('individual','group')),
    counsellor_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    source        TEXT CHECK (source IN ('walk_in','appointment','referral','screening','crisis')),
    topic         TEXT CHECK (topic IN
                  ('study','relationships','emotion','family','puberty','internet','self','career','other')),
    summary       TEXT,
    follow_up     TEXT,
    risk_level    INTEGER CHECK (risk_level BETWEEN 0 AND 3),
    entered_on    TEXT CHECK (entered_on IS date(entered_on))
);

INSERT INTO counselling_session_new (id, date, start_time, minutes, kind, counsellor_id, source,
                                     topic, summary, follow_up, risk_level, entered_on)
SELECT id, date, start_time, minutes, kind, counsellor_id, source,
       topic, summary, follow_up, risk_level, entered_on
FROM counselling_session;

CREATE TABLE session_student_new (
    session_id INTEGER NOT NULL REFERENCES counselling_session_new (id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    PRIMARY KEY (session_id, student_id)
) WITHOUT ROWID;

INSERT INTO session_student_new (session_id, student_id)
SELECT session_id, student_id FROM session_student;

-- The old link table first: once it is gone nothing refers to the old session table, and dropping
-- that cascades nowhere.
DROP TABLE session_student;
DROP TABLE counselling_session;

-- Renaming also rewrites session_student_new's reference to the new name.
ALTER TABLE counselling_session_new RENAME TO counselling_session;
ALTER TABLE session_student_new RENAME TO session_student;

CREATE INDEX session_by_date ON counselling_session (date);
CREATE INDEX session_by_counsellor ON counselling_session (counsellor_id, date);
CREATE INDEX session_student_by_student ON session_student (student_id, session_id);

-- The procedure's foreign_key_check: a dangling reference in the rebuilt tables fails the
-- migration (and so rolls it back) instead of being carried into the new schema.
CREATE TEMP TABLE schema5_check (
    dangling_references INTEGER NOT NULL CHECK (dangling_references = 0)
);
INSERT INTO schema5_check (dangling_references)
SELECT (SELECT count(*) FROM pragma_foreign_key_check('counselling_session'))
     + (SELECT count(*) FROM pragma_foreign_key_check('session_student'));
DROP TABLE schema5_check;
