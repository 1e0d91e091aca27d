-- Erasing a person (crypto-shredding, the retention run) deletes the rows that link to it besides
-- the caseload: referrals, appointments, the link of its identity at an identity provider, the
-- reads it flagged (docs/security.md, "Erasure"). The application role needs to delete them; the
-- default privileges of V35 granted it already where the owner created the table, stated here so
-- an external PostgreSQL set up otherwise gets it too.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant delete on caseload, referral, appointment, person_link, read_flag to vigie_app;
  end if;
end
$$;
