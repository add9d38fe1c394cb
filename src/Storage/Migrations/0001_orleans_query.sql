-- Catalogue of the SQL that the Orleans ADO.NET providers (grain storage, clustering, reminders) run.
-- The providers load it at start-up with the fixed text "SELECT QueryKey, QueryText FROM OrleansQuery",
-- so this table's name and its two column names cannot change.
-- The providers then bind parameters and read result columns by name: the keys, those parameter names
-- and those column names are the contract. The SQL behind each key is ours and may change freely.
-- Migrations 0002-0004 fill the table with upserts, so running them again replaces the text in place.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT orleansquery_pk PRIMARY KEY (querykey)
);
