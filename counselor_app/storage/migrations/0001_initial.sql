-- Schema 1: every record of requirements.md §1 and every sheet of import-template.md.
-- Dates are ISO text (YYYY-MM-DD), times HH:MM, instants ISO 8601 with offset.
-- Vocabulary values are stable English codes; counselor_app.foundation.vocab maps them to Chinese and English.
-- Lists of free text are JSON arrays; lists of people or classes are link tables.
-- Frozen once released: change the schema with a new numbered migration, never by editing this file.

CREATE TABLE school (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    uid              TEXT NOT NULL,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    stage            TEXT CHECK (stage IN ('primary','junior','senior','nine_year','complete_secondary')),
    room_area_m2     REAL CHECK (room_area_m2 IS NULL OR room_area_m2 > 0),
    room_functions   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(room_functions)),
    room_equipment   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(room_equipment)),
    hotline          TEXT,
    mailbox          TEXT,
    outside_hotline  TEXT,
    booking_channels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(booking_channels)),
    created_at       TEXT NOT NULL
);

CREATE TABLE campus (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
);

CREATE TABLE term (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    first_day  TEXT NOT NULL CHECK (first_day IS date(first_day)),
    last_day   TEXT NOT NULL CHECK (last_day IS date(last_day)),
    CHECK (first_day <= last_day)
);
CREATE INDEX term_days ON term (first_day, last_day);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    staff_no      TEXT NOT NULL UNIQUE CHECK (length(trim(staff_no)) > 0),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sex           TEXT CHECK (sex IN ('M','F')),
    qualification TEXT CHECK (qualification IN ('A','B','C','none')),
    campus_id     INTEGER REFERENCES campus (id) ON DELETE SET NULL
);

CREATE TABLE staff_role (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN
             ('fulltime_psych','parttime_psych','head_teacher','subject_teacher','leader','other')),
    PRIMARY KEY (staff_id, role)
) WITHOUT ROWID;
CREATE INDEX staff_role_by_role ON staff_role (role, staff_id);

CREATE TABLE class (
    id              INTEGER PRIMARY KEY,
    class_code      TEXT NOT NULL UNIQUE CHECK (length(trim(class_code)) > 0),
    grade           INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 12),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    head_teacher_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    campus_id       INTEGER REFERENCES campus (id) ON DELETE SET NULL,
    graduating      INTEGER NOT NULL DEFAULT 0 CHECK (graduating IN (0, 1))
);
CREATE INDEX class_by_grade ON class (grade);

CREATE TABLE student (
    id             INTEGER PRIMARY KEY,
    student_no     TEXT NOT NULL UNIQUE CHECK (length(trim(student_no)) > 0),
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sex            TEXT NOT NULL CHECK (sex IN ('M','F')),
    class_id       INTEGER NOT NULL REFERENCES class (id) ON DELETE RESTRICT,
    birth_date     TEXT CHECK (birth_date IS NULL OR birth_date IS date(birth_date)),
    status         TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled','graduated','transferred')),
    left_on        TEXT CHECK (left_on IS NULL OR left_on IS date(left_on)),
    guardian       TEXT,
    guardian_phone TEXT,
    -- " zhangsan zs" : space-led pinyin forms, so a search is a prefix match on any form
    search_keys    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX student_by_class ON student (class_id, status);
CREATE INDEX student_by_status ON student (status);

CREATE TABLE counselling_session (
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
    entered_on    TEXT NOT NULL CHECK (entered_on IS date(entered_on))
);
CREATE INDEX session_by_date ON counselling_session (date);
CREATE INDEX session_by_counsellor ON counselling_session (counsellor_id, date);

CREATE TABLE session_student (
    session_id INTEGER NOT NULL REFERENCES counselling_session (id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    PRIMARY KEY (session_id, student_id)
) WITHOUT ROWID;
CREATE INDEX session_student_by_student ON session_student (student_id, session_id);

CREATE TABLE room_hours (
    id            INTEGER PRIMARY KEY,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time    TEXT NOT NULL CHECK (start_time IS strftime('%H:%M', start_time)),
    end_time      TEXT NOT NULL CHECK (end_time IS strftime('%H:%M', end_time)),
    duty_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    valid_from    TEXT NOT NULL CHECK (valid_from IS date(valid_from)),
    valid_to      TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to)),
    CHECK (start_time < end_time),
    CHECK (valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX room_hours_by_weekday ON room_hours (weekday, valid_from);

CREATE TABLE closure_day (
    id     INTEGER PRIMARY KEY,
    date   TEXT NOT NULL UNIQUE CHECK (date IS date(date)),
    reason TEXT
);

CREATE TABLE appointment (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL CHECK (date IS date(date)),
    start_time  TEXT NOT NULL CHECK (start_time IS strftime('%H:%M', start_time)),
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600),
    student_id  INTEGER REFERENCES student (id) ON DELETE RESTRICT,
    parent_name TEXT,
    channel     TEXT NOT NULL CHECK (channel IN ('in_person','phone','online')),
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending','confirmed','done','cancelled','no_show')),
    CHECK (student_id IS NOT NULL OR parent_name IS NOT NULL)
);
CREATE INDEX appointment_by_date ON appointment (date, start_time);
CREATE INDEX appointment_by_student ON appointment (student_id);

CREATE TABLE monitor (
    id         INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    from_date  TEXT NOT NULL CHECK (from_date IS date(from_date)),
    to_date    TEXT CHECK (to_date IS NULL OR to_date IS date(to_date)),
    CHECK (to_date IS NULL OR from_date <= to_date)
);
CREATE INDEX monitor_by_student ON monitor (student_id);

CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL CHECK (date IS date(date)),
    type          TEXT NOT NULL CHECK (type IN
                  ('leadership_meeting','staff_training','monitor_training','parent_class',
                   'parent_meeting','class_meeting','life_education','activity_month',
                   'orientation','monthly_check','other')),
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    participants  INTEGER CHECK (participants IS NULL OR participants >= 0),
    minutes       INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 1440),
    psych_content INTEGER NOT NULL DEFAULT 1 CHECK (psych_content IN (0, 1))
);
CREATE INDEX activity_by_type ON activity (type, date);
CREATE INDEX activity_by_date ON activity (date);

CREATE TABLE activity_class (
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    class_id    INTEGER NOT NULL REFERENCES class (id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, class_id)
) WITHOUT ROWID;
CREATE INDEX activity_class_by_class ON activity_class (class_id);

CREATE TABLE activity_leader (
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX activity_leader_by_staff ON activity_leader (staff_id);

CREATE TABLE psych_lesson (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL CHECK (date IS date(date)),
    class_id   INTEGER NOT NULL REFERENCES class (id) ON DELETE RESTRICT,
    teacher_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    periods    INTEGER NOT NULL CHECK (periods BETWEEN 1 AND 10),
    theme      TEXT
);
CREATE INDEX psych_lesson_by_class ON psych_lesson (class_id, date);
CREATE INDEX psych_lesson_by_teacher ON psych_lesson (teacher_id, date);

CREATE TABLE home_visit (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL CHECK (date IS date(date)),
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    teacher_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    mode       TEXT CHECK (mode IN ('in_home','phone','video','at_school')),
    summary    TEXT
);
CREATE INDEX home_visit_by_student ON home_visit (student_id, date);

CREATE TABLE screening (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL CHECK (date IS date(date)),
    student_id   INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    instrument   TEXT NOT NULL CHECK (length(trim(instrument)) > 0),
    score        REAL,
    result_level INTEGER NOT NULL CHECK (result_level BETWEEN 0 AND 3)
);
CREATE INDEX screening_by_student ON screening (student_id, date);
CREATE INDEX screening_by_date ON screening (date);

CREATE TABLE risk_assessment (
    id             INTEGER PRIMARY KEY,
    date           TEXT NOT NULL CHECK (date IS date(date)),
    student_id     INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    level          INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
    assessed_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    basis          TEXT
);
CREATE INDEX risk_by_student ON risk_assessment (student_id, date);

CREATE TABLE crisis_plan (
    id                   INTEGER PRIMARY KEY,
    student_id           INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    created_on           TEXT NOT NULL CHECK (created_on IS date(created_on)),
    level                INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
    care_parents         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(care_parents)),
    safety_plan          TEXT,
    measures             TEXT,
    referral_to          TEXT,
    referral_on          TEXT CHECK (referral_on IS NULL OR referral_on IS date(referral_on)),
    guardian_informed_on TEXT CHECK (guardian_informed_on IS NULL
                                     OR guardian_informed_on IS date(guardian_informed_on)),
    next_review_on       TEXT CHECK (next_review_on IS NULL OR next_review_on IS date(next_review_on)),
    closed_on            TEXT CHECK (closed_on IS NULL OR closed_on IS date(closed_on)),
    CHECK (closed_on IS NULL OR created_on <= closed_on)
);
CREATE INDEX crisis_plan_by_student ON crisis_plan (student_id, created_on);
CREATE INDEX crisis_plan_by_review ON crisis_plan (next_review_on) WHERE closed_on IS NULL;

CREATE TABLE crisis_plan_teacher (
    plan_id  INTEGER NOT NULL REFERENCES crisis_plan (id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    PRIMARY KEY (plan_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE crisis_plan_peer (
    plan_id    INTEGER NOT NULL REFERENCES crisis_plan (id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    PRIMARY KEY (plan_id, student_id)
) WITHOUT ROWID;

CREATE TABLE follow_up (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL CHECK (date IS date(date)),
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    teacher_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    content    TEXT
);
CREATE INDEX follow_up_by_student ON follow_up (student_id, date);

CREATE TABLE abnormal_report (
    id                  INTEGER PRIMARY KEY,
    date                TEXT NOT NULL CHECK (date IS date(date)),
    student_id          INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    reporter_staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    reporter_student_id INTEGER REFERENCES student (id) ON DELETE SET NULL,
    observation         TEXT NOT NULL CHECK (length(trim(observation)) > 0),
    handled_by_id       INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    CHECK (reporter_staff_id IS NULL OR reporter_student_id IS NULL)
);
CREATE INDEX abnormal_report_by_student ON abnormal_report (student_id, date);

CREATE TABLE school_document (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('task_force','work_plan','emergency_plan','other')),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    date TEXT NOT NULL CHECK (date IS date(date))
);

CREATE TABLE consent (
    id           INTEGER PRIMARY KEY,
    student_id   INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    guardian     TEXT NOT NULL CHECK (length(trim(guardian)) > 0),
    scope        TEXT NOT NULL CHECK (json_valid(scope) AND json_array_length(scope) > 0),
    given_on     TEXT NOT NULL CHECK (given_on IS date(given_on)),
    withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on IS date(withdrawn_on)),
    CHECK (withdrawn_on IS NULL OR given_on <= withdrawn_on)
);
CREATE INDEX consent_by_student ON consent (student_id);

CREATE TABLE confidentiality_break (
    id            INTEGER PRIMARY KEY,
    date          TEXT NOT NULL CHECK (date IS date(date)),
    student_id    INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    notified      TEXT NOT NULL CHECK (json_valid(notified) AND json_array_length(notified) > 0),
    handled_by_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT
);
CREATE INDEX confidentiality_break_by_student ON confidentiality_break (student_id);

CREATE TABLE monitor_report (
    id                  INTEGER PRIMARY KEY,
    month               TEXT NOT NULL CHECK (month IS strftime('%Y-%m', month || '-01')),
    class_id            INTEGER NOT NULL REFERENCES class (id) ON DELETE RESTRICT,
    reporter_student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    nothing_to_report   INTEGER NOT NULL CHECK (nothing_to_report IN (0, 1)),
    details             TEXT
);
CREATE INDEX monitor_report_by_class ON monitor_report (class_id, month);

CREATE TABLE referral (
    id          INTEGER PRIMARY KEY,
    student_id  INTEGER NOT NULL REFERENCES student (id) ON DELETE RESTRICT,
    to_whom     TEXT NOT NULL CHECK (length(trim(to_whom)) > 0),
    date        TEXT NOT NULL CHECK (date IS date(date)),
    state       TEXT NOT NULL CHECK (state IN ('suggested','referred','in_treatment','returned','closed')),
    return_plan TEXT
);
CREATE INDEX referral_by_student ON referral (student_id, date);

-- Accounts. Passwords live only as key wraps in keys.json; this table holds who may do what.
CREATE TABLE app_user (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    role       TEXT NOT NULL CHECK (role IN ('counsellor','admin')),
    staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);

-- School settings that belong with the data (risk-level names, idle lock minutes, …): JSON values.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
);

-- Deleted records wait here (as JSON of their rows) until restored or purged.
CREATE TABLE recycle_bin (
    id          INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    label       TEXT NOT NULL,
    rows        TEXT NOT NULL CHECK (json_valid(rows)),
    deleted_at  TEXT NOT NULL,
    deleted_by  TEXT NOT NULL
);
CREATE INDEX recycle_bin_by_time ON recycle_bin (deleted_at);

-- Who did what, when, to which record; never the content. Each entry's MAC covers the previous
-- entry's MAC, so an edited or removed entry breaks the chain.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_type TEXT,
    record_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    prev_mac    TEXT NOT NULL,
    mac         TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_log (record_type, record_id);
