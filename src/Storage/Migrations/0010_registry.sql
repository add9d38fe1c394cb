-- The registry: one unified information space (order point 5.1) of the management hierarchy,
-- organizations, classes, people, subjects and assignments.

-- Every change that moves a summary takes its number from this one sequence: journal rows, and also
-- roster changes (enrolments), so a class's version is a single watermark.
CREATE SEQUENCE IF NOT EXISTS journal_seq;

-- IIN (ЖСН / ИИН) check digit, DESIGN.md §2: Σ dᵢ·i mod 11; on 10 again with weights 3..11,1,2; 10 again = invalid.
-- The application validates on entry; this constraint keeps a bad IIN out whatever the client.
CREATE OR REPLACE FUNCTION iin_is_valid(iin text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    s integer := 0;
    d integer;
BEGIN
    IF iin !~ '^[0-9]{12}$' THEN RETURN false; END IF;
    FOR i IN 1..11 LOOP
        s := s + substr(iin, i, 1)::integer * i;
    END LOOP;
    d := s % 11;
    IF d = 10 THEN
        s := 0;
        FOR i IN 1..11 LOOP
            s := s + substr(iin, i, 1)::integer * (((i + 1) % 11) + 1);
        END LOOP;
        d := s % 11;
        IF d = 10 THEN RETURN false; END IF;
    END IF;
    RETURN d = substr(iin, 12, 1)::integer;
END $$;

-- Management bodies: the republic, regions (17 oblasts and 3 cities of republican significance), districts and cities.
CREATE TABLE IF NOT EXISTS nodes (
    id        text PRIMARY KEY,
    parent_id text REFERENCES nodes (id),
    kind      text NOT NULL CHECK (kind IN ('republic', 'region', 'district')),
    name_kk   text NOT NULL,
    name_ru   text NOT NULL,
    name_en   text NOT NULL,
    -- Ancestors from the republic down to this node, inclusive: subtree queries are one index probe.
    path      text[] NOT NULL,
    CHECK ((kind = 'republic') = (parent_id IS NULL))
);
CREATE INDEX IF NOT EXISTS nodes_parent_idx ON nodes (parent_id);

-- Organizations attach to the node that manages them: usually a district, colleges to a region,
-- republican schools to the republic.
CREATE TABLE IF NOT EXISTS organizations (
    id        text PRIMARY KEY,
    node_id   text NOT NULL REFERENCES nodes (id),
    kind      text NOT NULL CHECK (kind IN ('preschool', 'school', 'college', 'additional')),
    name_kk   text NOT NULL,
    name_ru   text NOT NULL,
    name_en   text NOT NULL,
    languages text[] NOT NULL CHECK (cardinality(languages) > 0),
    is_rural  boolean NOT NULL,
    path      text[] NOT NULL
);
CREATE INDEX IF NOT EXISTS organizations_node_idx ON organizations (node_id);

CREATE TABLE IF NOT EXISTS subjects (
    id      text PRIMARY KEY,
    name_kk text NOT NULL,
    name_ru text NOT NULL,
    name_en text NOT NULL
);

-- A class is the student's home group; roll-ups follow it.
CREATE TABLE IF NOT EXISTS classes (
    id              text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations (id),
    academic_year   text NOT NULL CHECK (academic_year ~ '^[0-9]{4}-[0-9]{4}$'),
    grade           smallint NOT NULL CHECK (grade BETWEEN 0 AND 12),
    letter          text NOT NULL,
    language        text NOT NULL,
    path            text[] NOT NULL
);
CREATE INDEX IF NOT EXISTS classes_organization_idx ON classes (organization_id);
CREATE INDEX IF NOT EXISTS classes_path_idx ON classes USING gin (path);

-- Teaching groups: the whole class, a subgroup or a cross-class profile group. A whole-class group has the class's id.
CREATE TABLE IF NOT EXISTS teaching_groups (
    id       text PRIMARY KEY,
    class_id text REFERENCES classes (id),
    kind     text NOT NULL CHECK (kind IN ('class', 'subgroup', 'profile'))
);

CREATE TABLE IF NOT EXISTS students (
    id          text PRIMARY KEY,
    iin         char(12) NOT NULL UNIQUE CHECK (iin_is_valid(iin)),
    last_name   text NOT NULL,
    first_name  text NOT NULL,
    middle_name text,
    birth_date  date NOT NULL
);

-- Dated enrolments in a home class; a transfer ends one and starts another. Numbered from journal_seq.
CREATE TABLE IF NOT EXISTS enrolments (
    seq        bigint PRIMARY KEY DEFAULT nextval('journal_seq'),
    student_id text NOT NULL REFERENCES students (id),
    class_id   text NOT NULL REFERENCES classes (id),
    from_date  date NOT NULL,
    to_date    date,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX IF NOT EXISTS enrolments_class_idx ON enrolments (class_id);
CREATE INDEX IF NOT EXISTS enrolments_student_idx ON enrolments (student_id);

CREATE TABLE IF NOT EXISTS teachers (
    id              text PRIMARY KEY,
    iin             char(12) NOT NULL UNIQUE CHECK (iin_is_valid(iin)),
    last_name       text NOT NULL,
    first_name      text NOT NULL,
    middle_name     text,
    organization_id text NOT NULL REFERENCES organizations (id)
);

-- Teacher × teaching group × subject, dated (substitutions are dated assignments too).
CREATE TABLE IF NOT EXISTS assignments (
    id         bigserial PRIMARY KEY,
    teacher_id text NOT NULL REFERENCES teachers (id),
    group_id   text NOT NULL REFERENCES teaching_groups (id),
    subject_id text NOT NULL REFERENCES subjects (id),
    from_date  date NOT NULL,
    to_date    date,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX IF NOT EXISTS assignments_group_idx ON assignments (group_id);
CREATE INDEX IF NOT EXISTS assignments_teacher_idx ON assignments (teacher_id);

CREATE TABLE IF NOT EXISTS parents (
    id          text PRIMARY KEY,
    iin         char(12) NOT NULL UNIQUE CHECK (iin_is_valid(iin)),
    last_name   text NOT NULL,
    first_name  text NOT NULL,
    middle_name text
);

CREATE TABLE IF NOT EXISTS student_parents (
    student_id text NOT NULL REFERENCES students (id),
    parent_id  text NOT NULL REFERENCES parents (id),
    relation   text NOT NULL CHECK (relation IN ('mother', 'father', 'guardian')),
    PRIMARY KEY (student_id, parent_id)
);
