-- foreign_keys: off
-- Schema 6: school years (学年). A class belongs to one school year, and a student has a class in
-- every school year they were enrolled (学年分班), so that a past term is judged on the classes and
-- students of its own year. Also: a closure day's scope (全校停课 / 仅辅导室), the external trainings
-- staff attended (外出培训), and the staff role 中层干部.
--
-- The first line asks storage.schema to run this as SQLite's 12-step table change
-- (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys OFF before the
-- transaction (so that dropping the old class table neither cascades nor is refused), PRAGMA
-- foreign_key_check before the commit (a dangling reference rolls everything back), and foreign
-- keys ON again afterwards. :today is the migrating clock's date (YYYY-MM-DD).
--
-- Existing data: every class gets the current school year and every student an enrolment in it
-- with their class. Ids, rows and every other table are kept as they are.

-- The current school year, as counselor_app.years.school_years.current_school_year defines it: the
-- school year of the latest term that started on or before today; with none started, of the first
-- term to come; with no terms at all, of today (September to August). A term's school year is its
-- first day's year, or the year before for a term starting before July.
CREATE TEMP TABLE schema6_current_year AS
SELECT coalesce(
    (SELECT CAST(substr(first_day, 1, 4) AS INTEGER) - (CAST(substr(first_day, 6, 2) AS INTEGER) < 7)
       FROM term WHERE first_day <= :today ORDER BY first_day DESC LIMIT 1),
    (SELECT CAST(substr(first_day, 1, 4) AS INTEGER) - (CAST(substr(first_day, 6, 2) AS INTEGER) < 7)
       FROM term ORDER BY first_day LIMIT 1),
    CAST(substr(:today, 1, 4) AS INTEGER) - (CAST(substr(:today, 6, 2) AS INTEGER) < 9)
) AS school_year;

-- -- class: a school year of its own; the same 班级编号 may come back in another year ------------
CREATE TABLE class_new (
    id              INTEGER PRIMARY KEY,
    -- The calendar year the school year starts in: 2025 for 2025—2026学年.
    school_year     INTEGER NOT NULL CHECK (school_year BETWEEN 1900 AND 2999),
    class_code      TEXT NOT NULL CHECK (length(trim(class_code)) > 0),
    grade           INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 12),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    head_teacher_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    campus_id       INTEGER REFERENCES campus (id) ON DELETE SET NULL,
    graduating      INTEGER NOT NULL DEFAULT 0 CHECK (graduating IN (0, 1)),
    UNIQUE (school_year, class_code)
);

INSERT INTO class_new (id, school_year, class_code, grade, name, head_teacher_id, campus_id,
                       graduating)
SELECT id, (SELECT school_year FROM schema6_current_year), class_code, grade, name,
       head_teacher_id, campus_id, graduating
FROM class;

-- With foreign keys off this neither cascades nor is refused: student, psych_lesson,
-- activity_class and monitor_report keep their REFERENCES class (id), which names the new table
-- once it is renamed.
DROP TABLE class;
ALTER TABLE class_new RENAME TO class;
CREATE INDEX class_by_grade ON class (grade);
-- (id, school_year) is unique because id is; the index lets enrolment refer to both columns, so a
-- student's class in a year is always a class of that year.
CREATE UNIQUE INDEX class_in_year ON class (id, school_year);

-- -- enrolment (学年分班): the class each student was in during each school year ------------------
CREATE TABLE enrolment (
    student_id  INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    school_year INTEGER NOT NULL,
    class_id    INTEGER NOT NULL,
    PRIMARY KEY (student_id, school_year),
    -- A class whose school year is corrected takes its enrolments along (the triggers below then
    -- put each student's latest class right); a class that still has enrolments is not deleted.
    FOREIGN KEY (class_id, school_year) REFERENCES class (id, school_year)
        ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX enrolment_by_class ON enrolment (class_id, school_year);

INSERT INTO enrolment (student_id, school_year, class_id)
SELECT s.id, c.school_year, c.id FROM student s JOIN class c ON c.id = s.class_id;

-- -- keeping student.class_id and enrolment in step ------------------------------------------------
-- student.class_id stays what search, the student list and headers show: the class of the latest
-- school year the student was enrolled. The program may write either side; these triggers keep
-- the other in step, inside the same statement:
--
--   student.class_id set (insert or change)  ->  the enrolment of that class's school year is
--                                                 inserted or pointed at that class;
--   enrolment inserted, changed or deleted    ->  student.class_id becomes the class of the
--                                                 student's latest enrolment.
--
-- So setting a student's class to a class of an earlier year records that year's class and leaves
-- class_id at the latest year's; moving a student into a new year's class keeps last year's
-- enrolment as history; changing the class within a year replaces that year's enrolment.
--
-- The triggers call each other (student -> enrolment -> student) and SQLite, with
-- recursive_triggers off as the program leaves it, never fires a trigger that is already running
-- (it is skipped, not an error); every write below also changes only what differs, so each chain
-- stops after at most one round trip. A student's last enrolment cannot be deleted while the
-- student exists (student.class_id would name a year the student has no class in); deleting the
-- student deletes all of them.

CREATE TRIGGER student_class_enrolled_after_insert AFTER INSERT ON student
BEGIN
    INSERT INTO enrolment (student_id, school_year, class_id)
    SELECT NEW.id, c.school_year, c.id FROM class c WHERE c.id = NEW.class_id
    ON CONFLICT (student_id, school_year) DO UPDATE SET class_id = excluded.class_id
        WHERE class_id IS NOT excluded.class_id;
END;

CREATE TRIGGER student_class_enrolled_after_update AFTER UPDATE OF class_id ON student
WHEN NEW.class_id IS NOT OLD.class_id
BEGIN
    INSERT INTO enrolment (student_id, school_year, class_id)
    SELECT NEW.id, c.school_year, c.id FROM class c WHERE c.id = NEW.class_id
    ON CONFLICT (student_id, school_year) DO UPDATE SET class_id = excluded.class_id
        WHERE class_id IS NOT excluded.class_id;
    -- A class of an earlier year than the student's latest: that year's class is recorded above,
    -- and class_id goes back to the latest year's (the enrolment triggers do not run when the
    -- enrolment already named this class).
    UPDATE student SET class_id = (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = NEW.id
        ORDER BY e.school_year DESC LIMIT 1)
    WHERE id = NEW.id AND class_id IS NOT (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = NEW.id
        ORDER BY e.school_year DESC LIMIT 1);
END;

CREATE TRIGGER enrolment_sets_latest_class_after_insert AFTER INSERT ON enrolment
BEGIN
    UPDATE student SET class_id = (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = NEW.student_id
        ORDER BY e.school_year DESC LIMIT 1)
    WHERE id = NEW.student_id AND class_id IS NOT (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = NEW.student_id
        ORDER BY e.school_year DESC LIMIT 1);
END;

CREATE TRIGGER enrolment_sets_latest_class_after_update AFTER UPDATE ON enrolment
BEGIN
    UPDATE student SET class_id = (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = student.id
        ORDER BY e.school_year DESC LIMIT 1)
    WHERE id IN (NEW.student_id, OLD.student_id)
      AND EXISTS (SELECT 1 FROM enrolment e WHERE e.student_id = student.id)
      AND class_id IS NOT (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = student.id
        ORDER BY e.school_year DESC LIMIT 1);
END;

-- Runs before the row goes, so the refusal leaves everything as it was. While a student is being
-- deleted (ON DELETE CASCADE) the student row is already gone and the check does not apply.
CREATE TRIGGER enrolment_keeps_one_before_delete BEFORE DELETE ON enrolment
WHEN EXISTS (SELECT 1 FROM student WHERE id = OLD.student_id)
 AND NOT EXISTS (SELECT 1 FROM enrolment e
                 WHERE e.student_id = OLD.student_id AND e.school_year != OLD.school_year)
BEGIN
    SELECT RAISE(ABORT, 'enrolment: a student keeps the class of at least one school year');
END;

CREATE TRIGGER enrolment_sets_latest_class_after_delete AFTER DELETE ON enrolment
BEGIN
    UPDATE student SET class_id = (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = OLD.student_id
        ORDER BY e.school_year DESC LIMIT 1)
    WHERE id = OLD.student_id
      AND EXISTS (SELECT 1 FROM enrolment e WHERE e.student_id = OLD.student_id)
      AND class_id IS NOT (
        SELECT e.class_id FROM enrolment e WHERE e.student_id = OLD.student_id
        ORDER BY e.school_year DESC LIMIT 1);
END;

-- -- closure_day: whether the whole school or only the room was closed -----------------------------
-- New days default to 仅辅导室 ('room'). Every day recorded before this schema lowered the room's
-- weekly hours bar, as only a whole-school closure will; they become 'school' so that old terms are
-- judged exactly as before.
ALTER TABLE closure_day ADD COLUMN scope TEXT NOT NULL DEFAULT 'room'
    CHECK (scope IN ('school', 'room'));
UPDATE closure_day SET scope = 'school';

-- -- staff_role: 中层干部 (middle_manager). The CHECK lists the roles, so the table is rebuilt. ----
CREATE TABLE staff_role_new (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN
             ('fulltime_psych','parttime_psych','head_teacher','subject_teacher','leader',
              'middle_manager','other')),
    PRIMARY KEY (staff_id, role)
) WITHOUT ROWID;
INSERT INTO staff_role_new (staff_id, role) SELECT staff_id, role FROM staff_role;
DROP TABLE staff_role;
ALTER TABLE staff_role_new RENAME TO staff_role;
CREATE INDEX staff_role_by_role ON staff_role (role, staff_id);

-- -- external_training (外出培训): events outside the school that a staff member attended -----------
CREATE TABLE external_training (
    id       INTEGER PRIMARY KEY,
    date     TEXT NOT NULL CHECK (date IS date(date)),
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE RESTRICT,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind     TEXT NOT NULL CHECK (kind IN ('research','training','exchange')),
    level    TEXT NOT NULL CHECK (level IN ('county','city','province','national')),
    hours    REAL CHECK (hours IS NULL OR hours > 0)
);
CREATE INDEX external_training_by_staff ON external_training (staff_id, date);

DROP TABLE schema6_current_year;
