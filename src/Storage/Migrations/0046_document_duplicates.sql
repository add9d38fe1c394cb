-- Issue 22: a duplicate of an education document is issued into the register from the e-service's application. The
-- duplicate is a new document (a new blank's series and number, a new verification code, the original's kind,
-- distinction and marks); the original is revoked in the same transaction, so a pupil still holds one valid document
-- of a kind. The application's id makes the issue happen once however often its completion is retried.
ALTER TABLE education_documents ADD COLUMN IF NOT EXISTS duplicate_of uuid REFERENCES education_documents (id);
ALTER TABLE education_documents ADD COLUMN IF NOT EXISTS application_id uuid REFERENCES service_applications (id);
CREATE UNIQUE INDEX IF NOT EXISTS education_documents_application_key ON education_documents (application_id) WHERE application_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS education_documents_student_idx ON education_documents (student_id);
