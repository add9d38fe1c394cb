-- Issue 20: the register of education documents issued at the final attestation (the certificate of basic secondary
-- education after grade 9, the attestat after grade 11). A document is never updated but to revoke it, and never
-- deleted; its verification code (160 random bits, Crockford base32) is what the public checks page looks up.
CREATE TABLE IF NOT EXISTS education_documents (
    id                uuid PRIMARY KEY,
    verification_code text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{32}$'),
    kind              text NOT NULL CHECK (kind IN ('basicSecondaryCertificate', 'generalSecondaryAttestat')),
    with_distinction  boolean NOT NULL,
    series            text NOT NULL,
    number            text NOT NULL CHECK (number ~ '^[0-9]{1,10}$'),
    issued_on         date NOT NULL,
    academic_year     text NOT NULL,
    student_id        text NOT NULL REFERENCES students (id),
    class_id          text NOT NULL REFERENCES classes (id),
    organization_id   text NOT NULL REFERENCES organizations (id),
    marks             jsonb NOT NULL,
    issued_by         text NOT NULL,
    revoked_on        date,
    revoked_reason    text,
    revoked_by        text,
    CONSTRAINT education_documents_number_key UNIQUE (kind, series, number),
    CHECK ((revoked_on IS NULL) = (revoked_reason IS NULL))
);

-- One valid document of a kind per pupil: a second one is a duplicate (an e-service of its own), not a re-issue.
CREATE UNIQUE INDEX IF NOT EXISTS education_documents_valid_key ON education_documents (student_id, kind) WHERE revoked_on IS NULL;
CREATE INDEX IF NOT EXISTS education_documents_class_idx ON education_documents (class_id);
