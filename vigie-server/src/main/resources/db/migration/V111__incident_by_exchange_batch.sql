-- An incident can be scoped by an exchange batch: the persons of that batch, with the fields the
-- operator's reads for it disclosed. The batch keeps the window of those reads (the register's
-- clock, as in the audit log), so that the scoping reads only that part of the log.
alter table exchange_batch add column read_from timestamptz, add column read_to timestamptz;

alter table incident_scope add column batch_id uuid references exchange_batch (id);
alter table incident_scope drop constraint incident_scope_kind_check;
alter table incident_scope add constraint incident_scope_kind_check
  check (kind in ('ACCOUNTS', 'ORGANIZATION', 'BATCH'));
do $$
declare
  named text;
begin
  select conname into named from pg_constraint
   where conrelid = 'incident_scope'::regclass and contype = 'c'
     and pg_get_constraintdef(oid) like '%organization IS NULL%';
  execute format('alter table incident_scope drop constraint %I', named);
end
$$;
alter table incident_scope add constraint incident_scope_organization_check
  check ((kind = 'ORGANIZATION') = (organization is not null));
alter table incident_scope add constraint incident_scope_batch_check
  check ((kind = 'BATCH') = (batch_id is not null));
