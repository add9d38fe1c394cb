-- Issue 12: journal partitions are created ahead of need, for the academic year of the domain clock and the next one,
-- when a process starts and at every day roll (0011 created 2025-2026 to 2027-2028 only). Safe to call from many
-- processes at once; true when it created the partition.
CREATE OR REPLACE FUNCTION ensure_journal_partition(academic_year text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    partition text := 'journal_' || replace(academic_year, '-', '_');
BEGIN
    IF academic_year !~ '^[0-9]{4}-[0-9]{4}$'
       OR substr(academic_year, 6, 4)::int <> substr(academic_year, 1, 4)::int + 1 THEN
        RAISE EXCEPTION 'not an academic year: %', academic_year;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('ensure_journal_partition'));
    IF to_regclass(partition) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF journal FOR VALUES IN (%L)', partition, academic_year);
    RETURN true;
END $$;
