-- The register of persons and the organizations that follow them.
-- Every personal field is a Tink AEAD ciphertext under the person's own data key; lookups go
-- through keyed blind indexes. Nothing in this schema is readable without keys that live outside
-- the database.

create table organization (
  id   uuid primary key,
  code text not null unique,
  kind text not null check (kind in ('FRANCE_TRAVAIL_AGENCY', 'CAP_EMPLOI', 'MISSION_LOCALE', 'SUBCONTRACTOR')),
  name text not null
);

create table staff_account (
  id              uuid primary key,
  organization_id uuid not null references organization (id),
  login           text not null unique,
  role            text not null
);

create table person (
  id               uuid primary key,
  organization_id  uuid references organization (id),
  -- The person's data key, wrapped by the key-encryption keyset; null once erased.
  wrapped_key      bytea,
  -- The id of the key-encryption key that wrapped it, so that rotation finds what to rewrap.
  kek_id           bigint,
  -- Blind indexes: keyed PRF values, one key per field; null once erased.
  identifier_index bytea,
  nir_index        bytea,
  email_index      bytea,
  name_birth_index bytea,
  -- Keyed PRF of the whole row, so that re-importing an unchanged row is a no-op.
  row_digest       bytea,
  identifier       bytea,
  nir              bytea,
  sex              bytea,
  birth_name       bytea,
  usual_name       bytea,
  first_names      bytea,
  birth_date       bytea,
  birth_place      bytea,
  email            bytea,
  phone            bytea,
  address          bytea,
  category         bytea,
  registered_on    bytea,
  left_on          bytea,
  -- The day the last registration ended, in clear so that the retention job can find who to
  -- erase without decrypting the register; null while registered.
  retention_from   date,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz,
  erased_at        timestamptz
);

create unique index person_identifier_index on person (identifier_index);
create index person_nir_index on person (nir_index);
create index person_email_index on person (email_index);
create index person_name_birth_index on person (name_birth_index);
create index person_retention_from on person (retention_from) where retention_from is not null;
create index person_kek_id on person (kek_id);
create index person_organization on person (organization_id);

create table caseload (
  advisor_id uuid not null references staff_account (id),
  person_id  uuid not null references person (id),
  primary key (advisor_id, person_id)
);
create index caseload_person on caseload (person_id);
