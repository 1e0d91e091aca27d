-- When the end of a person's registration (retention_from) was last set. Retention erases only
-- the persons whose end date is past the retention period AND has stood unchanged for a grace
-- time (vigie.retention.grace), so that no one advisor's update starts an erasure by itself.
-- Existing rows count from this migration: the safe side, they wait the grace once.
alter table person add column retention_set_at timestamptz not null default now();
