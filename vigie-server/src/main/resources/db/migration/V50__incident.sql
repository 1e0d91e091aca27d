-- Breach response: incidents, the scopes that define them, and what the audit log says they touched.
-- Pseudonymous ids only: the persons' data stays in the register.

create table incident (
  id           uuid primary key,
  -- A short reference the analyst gives, such as INC-2026-004: letters, digits and dashes.
  reference    text not null unique check (reference ~ '^[A-Za-z0-9._-]{1,64}$'),
  declared_at  timestamptz not null,
  declared_by  uuid not null references staff_account (id)
);

-- Each scope an incident was given, in order: the first at declaration, the others when it was
-- widened. Never changed or removed, so the incident keeps its history.
create table incident_scope (
  incident_id  uuid not null references incident (id),
  seq          integer not null,
  added_at     timestamptz not null,
  added_by     uuid not null references staff_account (id),
  kind         text not null check (kind in ('ACCOUNTS', 'ORGANIZATION')),
  accounts     uuid[] not null default '{}',
  organization uuid,
  window_from  timestamptz not null,
  window_to    timestamptz not null,
  -- What the scoping of this scope verified and found: entries [first_index, end_index) of the
  -- log, the checkpoints whose roots held, the entries past the last checkpoint, the seconds taken.
  first_index  bigint not null,
  end_index    bigint not null,
  checkpoints  bigint not null,
  signed_to    bigint not null,
  unsigned_entries bigint not null,
  selected     bigint not null,
  persons      integer not null,
  seconds      double precision not null,
  primary key (incident_id, seq),
  check (window_from <= window_to),
  check ((kind = 'ACCOUNTS') = (organization is null))
);

-- Every person an incident touched, with the fields that left and when: the union of its scopes.
create table incident_person (
  incident_id  uuid not null references incident (id),
  person_id    uuid not null,
  fields       text[] not null,
  first_at     timestamptz not null,
  last_at      timestamptz not null,
  reads        integer not null,
  -- The scope that first found the person.
  found_by     integer not null,
  primary key (incident_id, person_id)
);
