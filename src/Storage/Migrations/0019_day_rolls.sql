-- Some figures move with the date alone (headcount on the day, lessons the timetable scheduled up to today). Once per
-- day (Asia/Almaty) every class takes a new number from the journal sequence, so every summary moves with a higher
-- version and the periodic reconciliation refreshes them; this table makes the roll happen once across silos.
CREATE TABLE IF NOT EXISTS day_rolls (
    day date PRIMARY KEY,
    at  timestamptz NOT NULL DEFAULT now()
);
