-- A class's activation reads its teaching groups and their assignments by class: without this index each activation
-- scanned every group and assignment of the country (1-2 s per class on the large country, so a cold start of 9,142
-- classes took longer than 15 minutes).
CREATE INDEX IF NOT EXISTS teaching_groups_class_idx ON teaching_groups (class_id);
