-- Where the backfill of birth_name_index (V117) stands, so that a stopped run resumes after the
-- last person it finished: persons are visited in id order, and only those imported before V117
-- lack the index without needing none. Holds ids and counts, never a person's data.
create table registry_backfill (
  name        text primary key,
  after_id    uuid,
  visited     bigint not null default 0,
  filled      bigint not null default 0,
  started_at  timestamptz not null,
  finished_at timestamptz
);

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant select, insert, update on registry_backfill to vigie_app;
  end if;
end
$$;
