-- Schema 3: the district bundle (上报包): the school's keys, the district keys it imported, and
-- the bundles it sealed (with the district's receipt once imported).

-- One row, made at init (or on first need for schools set up before schema 3). The secret key is
-- minisign's unencrypted key file: the encrypted database is what protects it. The pseudonym key
-- (64 hex digits) keys the HMAC that turns a 学号 into a stable pseudonym; it never leaves here.
CREATE TABLE school_bundle_key (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    signing_secret_key TEXT NOT NULL CHECK (length(signing_secret_key) > 0),
    signing_public_key TEXT NOT NULL CHECK (length(signing_public_key) > 0),
    pseudonym_key      TEXT NOT NULL CHECK (length(pseudonym_key) = 64),
    created_at         TEXT NOT NULL
);

-- District public keys the school imported (the newest import is the one used); the document is
-- the district's public key file as JSON.
CREATE TABLE district_key (
    id          INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    district    TEXT NOT NULL DEFAULT '',
    document    TEXT NOT NULL CHECK (json_valid(document)),
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);

-- Every bundle sealed, with the district key it was made for; a receipt closes the hand-over.
CREATE TABLE bundle_export (
    bundle_id            TEXT PRIMARY KEY,
    term_id              INTEGER REFERENCES term (id) ON DELETE SET NULL,
    term_name            TEXT NOT NULL,
    profile              TEXT NOT NULL,
    district_fingerprint TEXT NOT NULL,
    district_document    TEXT NOT NULL CHECK (json_valid(district_document)),
    named_cases          INTEGER NOT NULL CHECK (named_cases IN (0, 1)),
    payload_sha256       TEXT NOT NULL CHECK (length(payload_sha256) = 64),
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    receipt_opened_at    TEXT,
    receipt_imported_at  TEXT
) WITHOUT ROWID;
CREATE INDEX bundle_export_by_time ON bundle_export (created_at);
