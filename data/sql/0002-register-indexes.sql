-- Schema version 2: two indexes widened for the inspection workbook (docs/contract.md §7),
-- whose registers read a year of the city's ledger at once. Each keeps the
-- columns the old one led with, so every query that used it still can.

-- The status on a day D (the span with started_on <= D <= ended_on) without a
-- look-up in the table for each person.
DROP INDEX status_span_person;
CREATE INDEX status_span_person ON status_span (person_id, started_on, ended_on, status);

-- A year's follow-ups of one kind (谈话, 尿检, 家访) without reading the others'
-- rows: the three registers, and their counts, take only their own.
DROP INDEX followup_date;
CREATE INDEX followup_date ON followup (occurred_on, kind);
