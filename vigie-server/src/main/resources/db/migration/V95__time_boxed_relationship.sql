-- Out-of-caseload work a manager makes explicit and time-boxed (issue 9): covering an absent
-- colleague (every person of the colleague's caseload, while the colleague is away) or a list of
-- persons (a collective session, a reception desk's visitors of the day). While one holds, the
-- advisor reads those persons without breaking the glass, and the detectors see the read as
-- explained. No personal field: persons are named by their pseudonymous id only.
create table time_boxed_relationship (
  id          bigint generated always as identity primary key,
  grant_id    uuid not null,
  kind        text not null check (kind in ('ABSENCE_COVER', 'SESSION', 'RECEPTION')),
  advisor_id  uuid not null references staff_account (id),
  colleague_id uuid references staff_account (id),
  person_id   uuid references person (id),
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  granted_by  uuid not null references staff_account (id),
  granted_at  timestamptz not null,
  revoked_at  timestamptz,
  check (ends_at > starts_at),
  check (ends_at <= starts_at + interval '31 days'),
  check ((kind = 'ABSENCE_COVER') = (colleague_id is not null)),
  check ((kind = 'ABSENCE_COVER') = (person_id is null)),
  check (colleague_id is distinct from advisor_id)
);
create index time_boxed_relationship_grant on time_boxed_relationship (grant_id);
-- The policy's lookup: an advisor's relationships holding now.
create index time_boxed_relationship_advisor
  on time_boxed_relationship (advisor_id, ends_at) where revoked_at is null;

-- The application creates and revokes them (a manager's request); it never deletes one, so the
-- history of who was allowed what, when, stays.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant select, insert, update on time_boxed_relationship to vigie_app;
    revoke delete, truncate on time_boxed_relationship from vigie_app;
  end if;
end
$$;
