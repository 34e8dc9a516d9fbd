-- Schema version 6: the history of imports, each of which can be undone as a
-- whole (docs/contract.md §3 "import batch", §6). jd-ledger.c rebuilds the
-- audit triggers after this step, so the audit log records the batches too.

-- One row per import that was committed. Which rows it added or changed is not
-- kept here nor in a column of every table: the audit log already records each
-- of its writes with the values before and after, in rows first_row … last_row
-- (an import holds the write lock from its first write to its commit, so no
-- other program's rows fall between them). Undoing a batch plays those rows back
-- in reverse (jd-import-history.c). Both are NULL when the import changed nothing.
CREATE TABLE import_batch (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,    -- the file's name, without its folder
  kind        TEXT NOT NULL,    -- a kind of docs/contract.md §6: persons, followups …
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  os_user     TEXT,             -- as the audit log names the user
  added       INTEGER NOT NULL CHECK (added >= 0),
  updated     INTEGER NOT NULL CHECK (updated >= 0),
  first_row   INTEGER,          -- the import's first and last rows in audit_log
  last_row    INTEGER CHECK ((first_row IS NULL) = (last_row IS NULL) AND last_row >= first_row),
  undone_at   TEXT,             -- when it was undone; NULL while it stands
  undo_first  INTEGER,          -- the undo's own rows in audit_log
  undo_last   INTEGER
);
