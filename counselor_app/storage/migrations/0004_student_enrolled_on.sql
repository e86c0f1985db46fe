-- Schema 4: the day a student joined the school, so that a student counts only for the terms they
-- were at the school (class codes are reused every year; without it this year's new students would
-- be counted, unscreened, in last year's terms). Unknown (NULL) means "has always been here".

ALTER TABLE student ADD COLUMN enrolled_on TEXT
    CHECK (enrolled_on IS NULL OR enrolled_on IS date(enrolled_on));
