-- Schema version 1 of a Jindu ledger: one township.
-- Dates are ISO 8601 text (YYYY-MM-DD); "date(x) IS x" refuses impossible days.
-- Enumerated values are stored by their key (docs/contract.md §3); their CHECKs are chains of
-- equalities because SQLite 3.40 builds a temporary table for every row it checks
-- against an IN list of three or more values (that tripled the cost of an insert).

CREATE TABLE township (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  name      TEXT NOT NULL CHECK (name <> ''),
  county    TEXT,
  city      TEXT,
  province  TEXT
);

CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT
);

CREATE TABLE village (
  id                     INTEGER PRIMARY KEY,
  code                   TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name                   TEXT NOT NULL CHECK (name <> ''),
  kind                   TEXT NOT NULL DEFAULT 'village' CHECK (kind IN ('village', 'community')),
  registered_population  INTEGER NOT NULL DEFAULT 0 CHECK (registered_population >= 0),
  resident_population    INTEGER NOT NULL DEFAULT 0 CHECK (resident_population >= 0),
  floating_population    INTEGER NOT NULL DEFAULT 0 CHECK (floating_population >= 0),
  grid_count             INTEGER NOT NULL DEFAULT 0 CHECK (grid_count >= 0),
  secretary              TEXT,
  police_officer         TEXT,
  education_site         INTEGER NOT NULL DEFAULT 0 CHECK (education_site IN (0, 1)),
  retired_on             TEXT CHECK (retired_on IS NULL OR date(retired_on) IS retired_on)
);
CREATE INDEX village_name ON village (name);

CREATE TABLE person (
  id                      INTEGER PRIMARY KEY,
  id_number               TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
  name                    TEXT NOT NULL CHECK (name <> ''),
  -- Sex and birth date are the ID number's (GB 11643): stored once, derived here.
  sex                     TEXT GENERATED ALWAYS AS
                            (CASE WHEN CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1
                                  THEN 'male' ELSE 'female' END) VIRTUAL,
  birth_date              TEXT GENERATED ALWAYS AS
                            (substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-'
                             || substr(id_number, 13, 2)) VIRTUAL,
  phone                   TEXT,
  household_address       TEXT,
  household_village_id    INTEGER REFERENCES village (id),
  household_village_name  TEXT, -- when the household village is outside the township
  residence_address       TEXT,
  village_id              INTEGER NOT NULL REFERENCES village (id),
  first_found_on          TEXT NOT NULL CHECK (date(first_found_on) IS first_found_on),
  drug_type               TEXT,
  key_category            TEXT,
  note                    TEXT
);
CREATE INDEX person_village ON person (village_id);
CREATE INDEX person_first_found ON person (first_found_on);
CREATE INDEX person_name ON person (name);
-- Covering: the indicators walk the persons in order with these two (jd-indicators.c).
CREATE INDEX person_found ON person (id, village_id, first_found_on);

CREATE TABLE status_span (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK ((status = 'community_detox'
                                        OR status = 'community_rehab' OR status = 'compulsory'
                                        OR status = 'voluntary' OR status = 'maintenance'
                                        OR status = 'custody' OR status = 'at_large'
                                        OR status = 'missing' OR status = 'deceased'
                                        OR status = 'emigrated' OR status = 'moved_out')),
  started_on      TEXT NOT NULL CHECK (date(started_on) IS started_on),
  planned_end_on  TEXT CHECK (planned_end_on IS NULL OR date(planned_end_on) IS planned_end_on),
  ended_on        TEXT CHECK (ended_on IS NULL
                              OR (date(ended_on) IS ended_on AND ended_on >= started_on)),
  note            TEXT
);
CREATE INDEX status_span_person ON status_span (person_id, started_on);
-- Covering, without the at-large spans (a person with no span is at large just
-- the same): the indicators walk the open spans in person order, and the ended
-- ones by the year they ended in, from the first year asked for (jd-indicators.c).
CREATE INDEX status_span_open
  ON status_span (person_id, started_on, ended_on, status, planned_end_on)
  WHERE status <> 'at_large' AND ended_on IS NULL;
CREATE INDEX status_span_ended
  ON status_span (substr(ended_on, 1, 4), person_id, started_on, ended_on, status, planned_end_on)
  WHERE status <> 'at_large' AND ended_on IS NOT NULL;
CREATE INDEX status_span_status ON status_span (status, started_on);

-- A person's spans never overlap, so at most one is open (docs/contract.md §3).
CREATE TRIGGER status_span_no_overlap_insert BEFORE INSERT ON status_span
WHEN EXISTS (SELECT 1 FROM status_span s
             WHERE s.person_id = NEW.person_id
               AND s.started_on <= coalesce(NEW.ended_on, '9999-12-31')
               AND coalesce(s.ended_on, '9999-12-31') >= NEW.started_on)
BEGIN
  SELECT RAISE(ABORT, 'jd:span_overlap');
END;

CREATE TRIGGER status_span_no_overlap_update BEFORE UPDATE ON status_span
WHEN EXISTS (SELECT 1 FROM status_span s
             WHERE s.person_id = NEW.person_id AND s.id <> NEW.id
               AND s.started_on <= coalesce(NEW.ended_on, '9999-12-31')
               AND coalesce(s.ended_on, '9999-12-31') >= NEW.started_on)
BEGIN
  SELECT RAISE(ABORT, 'jd:span_overlap');
END;

CREATE TABLE use_event (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE
                 DEFERRABLE INITIALLY DEFERRED, -- as followup.person_id
  occurred_on  TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
  source       TEXT NOT NULL CHECK ((source = 'police' OR source = 'urine_positive'
                                     OR source = 'hair_positive' OR source = 'other')),
  UNIQUE (person_id, occurred_on, source)
);

CREATE TABLE help_member (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE
                 DEFERRABLE INITIALLY DEFERRED, -- as followup.person_id
  member_name  TEXT NOT NULL CHECK (member_name <> ''),
  role         TEXT NOT NULL CHECK ((role = 'family' OR role = 'cadre' OR role = 'police'
                                     OR role = 'social_worker' OR role = 'volunteer'
                                     OR role = 'other')),
  phone        TEXT,
  since        TEXT NOT NULL CHECK (date(since) IS since),
  until        TEXT CHECK (until IS NULL OR (date(until) IS until AND until >= since)),
  UNIQUE (person_id, member_name, since)
);
-- Covering: who is helping whom on a day, in person order (jd-indicators.c).
CREATE INDEX help_member_person ON help_member (person_id, since, until);

CREATE TABLE agreement (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE
                 DEFERRABLE INITIALLY DEFERRED, -- as followup.person_id
  signed_on  TEXT NOT NULL CHECK (date(signed_on) IS signed_on),
  note       TEXT,
  UNIQUE (person_id, signed_on)
);

-- The foreign key is checked at commit (here and in use_event, help_member and
-- agreement, whose rows the demo and imports write by the thousand): an
-- immediate one would make SQLite keep a statement journal for every insert
-- (the audit trigger writes a second row), which cost a fifth of the time of a
-- follow-up. jd-store.c checks the person before it inserts, with INSERT OR
-- FAIL; outside a transaction a missing person still fails the statement.
CREATE TABLE followup (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE
                 DEFERRABLE INITIALLY DEFERRED,
  kind         TEXT NOT NULL CHECK ((kind = 'talk' OR kind = 'urine_test'
                                     OR kind = 'home_visit' OR kind = 'assistance')),
  occurred_on  TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
  result       TEXT CHECK ((kind = 'urine_test' AND (result = 'negative' OR result = 'positive'
                                                     OR result = 'refused'))
                           OR (kind <> 'urine_test' AND result IS NULL)),
  staff        TEXT,
  place        TEXT,
  content      TEXT
);
CREATE INDEX followup_person ON followup (person_id, kind, occurred_on);
CREATE INDEX followup_date ON followup (occurred_on);
-- Small covering indexes for the indicators (jd-indicators.c): positive tests
-- are use dates, and negative or positive ones are the tests that count, read
-- one year at a time (docs/contract.md §4).
CREATE INDEX followup_positive ON followup (person_id, occurred_on, kind, result)
  WHERE kind = 'urine_test' AND result = 'positive';
CREATE INDEX followup_urine_tested
  ON followup (substr(occurred_on, 1, 4), person_id, occurred_on, kind, result)
  WHERE kind = 'urine_test' AND result IN ('negative', 'positive');

CREATE TABLE activity (
  id            INTEGER PRIMARY KEY,
  village_id    INTEGER REFERENCES village (id), -- NULL: township-wide
  held_on       TEXT NOT NULL CHECK (date(held_on) IS held_on),
  form          TEXT NOT NULL CHECK ((form = 'exhibition' OR form = 'lecture'
                                      OR form = 'materials' OR form = 'banner' OR form = 'film'
                                      OR form = 'new_media' OR form = 'contest'
                                      OR form = 'other')),
  title         TEXT NOT NULL CHECK (title <> ''),
  location      TEXT,
  audience      TEXT CHECK (audience IS NULL OR (audience = 'community' OR audience = 'unit'
                                                 OR audience = 'school' OR audience = 'venue'
                                                 OR audience = 'building' OR audience = 'rural'
                                                 OR audience = 'family')),
  participants  INTEGER CHECK (participants IS NULL OR participants >= 0),
  materials     INTEGER CHECK (materials IS NULL OR materials >= 0),
  banners       INTEGER CHECK (banners IS NULL OR banners >= 0)
);
CREATE INDEX activity_village ON activity (village_id, held_on);
CREATE INDEX activity_date ON activity (held_on, village_id); -- covering for the indicators

CREATE TABLE letter (
  id          INTEGER PRIMARY KEY,
  village_id  INTEGER NOT NULL REFERENCES village (id),
  level       TEXT NOT NULL CHECK ((level = 'township_village' OR level = 'village_group'
                                    OR level = 'village_household' OR level = 'unit')),
  signed_on   TEXT NOT NULL CHECK (date(signed_on) IS signed_on),
  party       TEXT,
  copies      INTEGER CHECK (copies IS NULL OR copies >= 0)
);
CREATE INDEX letter_village ON letter (village_id, signed_on);

CREATE TABLE venue (
  id          INTEGER PRIMARY KEY,
  village_id  INTEGER NOT NULL REFERENCES village (id),
  name        TEXT NOT NULL CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK ((kind = 'entertainment' OR kind = 'hotel' OR kind = 'rental'
                                    OR kind = 'internet_cafe' OR kind = 'pharmacy'
                                    OR kind = 'chemical' OR kind = 'logistics'
                                    OR kind = 'other')),
  address     TEXT,
  manager     TEXT,
  phone       TEXT,
  key_spot    TEXT,
  UNIQUE (village_id, name)
);

CREATE TABLE inspection (
  id            INTEGER PRIMARY KEY,
  venue_id      INTEGER NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
  inspected_on  TEXT NOT NULL CHECK (date(inspected_on) IS inspected_on),
  inspector     TEXT,
  passed        INTEGER NOT NULL CHECK (passed IN (0, 1)),
  finding       TEXT
);
CREATE INDEX inspection_venue ON inspection (venue_id, inspected_on);

CREATE TABLE title_event (
  id           INTEGER PRIMARY KEY,
  village_id   INTEGER NOT NULL REFERENCES village (id),
  event        TEXT NOT NULL CHECK ((event = 'applied' OR event = 'accepted'
                                     OR event = 'assessed_pass' OR event = 'assessed_fail'
                                     OR event = 'named' OR event = 'reviewed'
                                     OR event = 'yellow_card' OR event = 'revoked')),
  occurred_on  TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
  note         TEXT
);
CREATE INDEX title_event_village ON title_event (village_id, occurred_on);

CREATE TABLE assessment (
  id            INTEGER PRIMARY KEY,
  village_id    INTEGER NOT NULL REFERENCES village (id),
  year          INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
  standard_set  TEXT NOT NULL DEFAULT 'ten_standards',
  assessed_on   TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on),
  assessor      TEXT,
  UNIQUE (village_id, year)
);

CREATE TABLE assessment_item (
  id             INTEGER PRIMARY KEY,
  assessment_id  INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  standard_no    INTEGER NOT NULL CHECK (standard_no BETWEEN 1 AND 10),
  finding        INTEGER CHECK (finding IS NULL OR finding IN (0, 1)), -- automatic; NULL: manual
  verdict        INTEGER CHECK (verdict IS NULL OR verdict IN (0, 1)), -- recorded: met / not met
  points         REAL,
  note           TEXT,
  UNIQUE (assessment_id, standard_no)
);

CREATE TABLE staff (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (name <> ''),
  role        TEXT NOT NULL CHECK ((role = 'social_worker' OR role = 'grid_worker'
                                    OR role = 'informant' OR role = 'publicist'
                                    OR role = 'volunteer' OR role = 'cadre')),
  village_id  INTEGER REFERENCES village (id),
  phone       TEXT,
  since       TEXT CHECK (since IS NULL OR date(since) IS since),
  until       TEXT CHECK (until IS NULL OR date(until) IS until)
);
CREATE INDEX staff_village ON staff (village_id);

-- Written only by the triggers that jd-ledger.c derives from the audited tables' columns.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  os_user   TEXT,
  tbl       TEXT NOT NULL,
  row_id    INTEGER NOT NULL,
  person_id INTEGER, -- the person the row is about (the person's own row or a row of theirs)
  action    TEXT NOT NULL CHECK ((action = 'insert' OR action = 'update' OR action = 'delete')),
  before    TEXT, -- JSON object of the row's values, NULL on insert
  after     TEXT  -- JSON object of the row's values, NULL on delete
);
-- No index on at: the log's order is its id's, and an index that nothing reads
-- cost a second index insert for every change.
CREATE INDEX audit_log_row ON audit_log (tbl, row_id);
CREATE INDEX audit_log_person ON audit_log (person_id) WHERE person_id IS NOT NULL;

-- Search as you type over the persons (docs/contract.md §8): a trigram index of name, ID
-- number and both addresses, kept by the triggers below (jd-person-query.c).
-- case_sensitive 1, so that a MATCH finds what instr() finds; SQLite 3.40's
-- trigram finds nothing for queries under three characters, which
-- jd-person-query.c answers from the person table instead.
CREATE VIRTUAL TABLE person_fts USING fts5 (
  name, id_number, household_address, residence_address,
  content = 'person', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
);

CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN
  INSERT INTO person_fts (rowid, name, id_number, household_address, residence_address)
  VALUES (NEW.id, NEW.name, NEW.id_number, NEW.household_address, NEW.residence_address);
END;

CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
  INSERT INTO person_fts (person_fts, rowid, name, id_number, household_address,
                          residence_address)
  VALUES ('delete', OLD.id, OLD.name, OLD.id_number, OLD.household_address,
          OLD.residence_address);
END;

CREATE TRIGGER person_fts_update
AFTER UPDATE OF name, id_number, household_address, residence_address ON person BEGIN
  INSERT INTO person_fts (person_fts, rowid, name, id_number, household_address,
                          residence_address)
  VALUES ('delete', OLD.id, OLD.name, OLD.id_number, OLD.household_address,
          OLD.residence_address);
  INSERT INTO person_fts (rowid, name, id_number, household_address, residence_address)
  VALUES (NEW.id, NEW.name, NEW.id_number, NEW.household_address, NEW.residence_address);
END;
