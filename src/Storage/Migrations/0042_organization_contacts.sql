-- Issue 21, item 4: each organization's public page (order point 6) shows how to reach it, as its head publishes it
-- through the profile (OrganizationContactsValidator); an empty string is "not given".
ALTER TABLE organizations
    ADD COLUMN IF NOT EXISTS address_kk text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS address_ru text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS phone      text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS email      text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS website    text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS head_name  text NOT NULL DEFAULT '';
