-- Issue 20: the final attestation's rules as data, versioned by effective date like the assessment policies (a year
-- ends under the version in force on its first day). The version in force since 2020 is the first row.
CREATE TABLE IF NOT EXISTS final_attestation_policies (
    effective_from date PRIMARY KEY,
    document       jsonb NOT NULL
);

INSERT INTO final_attestation_policies (effective_from, document) VALUES ('2020-09-01', '{
    "effectiveFrom": "2020-09-01",
    "documents": [{"grade": 9, "document": "basicSecondaryCertificate"}, {"grade": 11, "document": "generalSecondaryAttestat"}],
    "finalGrade": 11, "annualWeight": 1, "examWeight": 1, "passMark": 3, "maxReexaminations": 2
}') ON CONFLICT DO NOTHING;
