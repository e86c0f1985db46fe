-- Schema 2: the counsellor's confirmations of manual self-check rules, kept per term.

CREATE TABLE selfcheck_confirmation (
    term_id      INTEGER NOT NULL REFERENCES term (id) ON DELETE CASCADE,
    rule_id      TEXT NOT NULL CHECK (length(rule_id) > 0),
    confirmed    INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    note         TEXT NOT NULL DEFAULT '',
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (term_id, rule_id)
) WITHOUT ROWID;
