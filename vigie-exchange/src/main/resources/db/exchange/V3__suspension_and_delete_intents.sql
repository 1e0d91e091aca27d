-- An account the register suspended (its detectors found it pulling more than it was sent, or
-- signing in at odd hours from a new place): every sign-in and operation is refused until the
-- register lifts it. The exchange never decides this itself; it only obeys the register's call.
alter table account add column suspended_at timestamptz;

-- Deletions (a pickup confirmed by the subcontractor or by the register) are logged with an intent
-- before the file goes, like purges: the intent names the operation that logged it.
comment on table purge_intent is 'A purge, deletion or confirmation logged before its file is deleted';
