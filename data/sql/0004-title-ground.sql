-- Schema version 4: the ground (事由) of a yellow card or a revocation
-- (docs/contract.md §3 "title event"). Older rows keep no ground; the store
-- requires one for every new yellow card and revocation. jd-ledger.c rebuilds
-- the audit triggers after this step, so the audit log records the column.
ALTER TABLE title_event ADD COLUMN ground TEXT
  CHECK (ground IS NULL OR ground = 'ranking' OR ground = 'sewage' OR ground = 'other'
         OR ground = 'two_yellow' OR ground = 'student_case' OR ground = 'incident'
         OR ground = 'cultivation' OR ground = 'manufacture' OR ground = 'key_area');
