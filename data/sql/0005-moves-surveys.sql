-- Schema version 5: a person's moves between managing villages and the
-- awareness surveys (docs/contract.md §3 "move" and "awareness survey").
-- jd-ledger.c rebuilds the audit triggers after this step, so the audit log
-- records both tables.

-- A person's managing village on a day is the village of their latest move on
-- or before that day, else person.village_id (their village before any move).
CREATE TABLE move (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED, -- as followup.person_id
  village_id  INTEGER NOT NULL REFERENCES village (id),
  moved_on    TEXT NOT NULL CHECK (date(moved_on) IS moved_on),
  UNIQUE (person_id, moved_on)
);
CREATE INDEX move_village ON move (village_id, moved_on);

CREATE TABLE awareness_survey (
  id           INTEGER PRIMARY KEY,
  village_id   INTEGER REFERENCES village (id), -- NULL: township-wide
  surveyed_on  TEXT NOT NULL CHECK (date(surveyed_on) IS surveyed_on),
  grp          TEXT NOT NULL CHECK ((grp = 'public' OR grp = 'migrant'
                                     OR grp = 'venue_staff' OR grp = 'students')),
  sampled      INTEGER NOT NULL CHECK (sampled >= 1),
  aware        INTEGER NOT NULL CHECK (aware >= 0 AND aware <= sampled),
  UNIQUE (village_id, surveyed_on, grp)
);
CREATE INDEX awareness_survey_date ON awareness_survey (surveyed_on);
