-- GDPR article 33: the notifications drafted for the regulator, initial then complementary, each a
-- structured document (counts, categories, the DPO's texts; no person's data). Never changed: a
-- new version is a new row. notified_at is set once the DPO has filed that version.
create table incident_notification (
  incident_id  uuid not null references incident (id),
  version      integer not null check (version >= 1),
  kind         text not null check (kind in ('INITIAL', 'COMPLEMENTARY')),
  drafted_at   timestamptz not null,
  drafted_by   uuid not null references staff_account (id),
  document     jsonb not null,
  notified_at  timestamptz,
  primary key (incident_id, version),
  check ((version = 1) = (kind = 'INITIAL'))
);
