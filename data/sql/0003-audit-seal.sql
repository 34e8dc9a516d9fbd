-- Schema version 3: an audit log that cannot be rewritten quietly, and a record of
-- what leaves the ledger (docs/audit-log.md).

-- Every file the program writes out of the ledger: an export, a print, a backup, a
-- restore. A row here is audited like any other (jd-ledger.c adds the audit
-- triggers), so the audit log says who wrote which file, and when.
CREATE TABLE output_event (
  id      INTEGER PRIMARY KEY,
  kind    TEXT NOT NULL CHECK ((kind = 'export' OR kind = 'print' OR kind = 'backup'
                                OR kind = 'restore')),
  file    TEXT NOT NULL,             -- the file written (or, for a restore, read)
  masked  INTEGER NOT NULL CHECK ((masked = 0 OR masked = 1)),
  details TEXT CHECK (details IS NULL OR json_valid(details)) -- what, sheets, year …
);

-- The seals: the program's word, at each commit, on the audit rows that commit
-- wrote. Each seal carries on a SHA-256 chain over every audit row in id order
-- (rows first_row … last_row are the ones it vouches for; rows between the
-- previous seal's last_row and this first_row were written by someone else), and
-- the first four bytes of each vouched row's own hash, so a check can name the
-- row that changed (docs/audit-log.md gives the exact bytes hashed).
CREATE TABLE audit_seal (
  id        INTEGER PRIMARY KEY,
  first_row INTEGER NOT NULL,
  last_row  INTEGER NOT NULL CHECK (last_row >= first_row),
  link      TEXT NOT NULL CHECK (length(link) = 64),
  digests   BLOB NOT NULL CHECK (length(digests) = 4 * (last_row - first_row + 1))
);

-- Append-only: the database itself refuses to change or remove an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');
END;
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal BEGIN
  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');
END;
CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal BEGIN
  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');
END;
CREATE TRIGGER output_event_no_update BEFORE UPDATE ON output_event BEGIN
  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');
END;
CREATE TRIGGER output_event_no_delete BEFORE DELETE ON output_event BEGIN
  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');
END;
