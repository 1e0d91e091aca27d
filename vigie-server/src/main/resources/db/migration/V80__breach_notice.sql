-- GDPR article 34: the outbox of the notices to persons, one row per (incident, person), created
-- once from incident_person. Holds field names, dates and states, never a person's data: the
-- contact is read through the one read path when the notice goes out.
--
-- state: PENDING (to send), CLAIMED (a sender took it and may be sending it now), SENT (an SMTP
-- server accepted the email), LETTER_DUE (no email address: waits for a letter batch),
-- LETTER_BATCHED (in a batch whose PDF is not written yet), PRINTED (in a written PDF batch).
-- message_id is fixed at creation: a notice sent again after a crash goes under the same id.
create table breach_letter_batch (
  id           uuid primary key,
  incident_id  uuid not null references incident (id),
  seq          integer not null,
  created_at   timestamptz not null,
  letters      integer not null,
  printed_at   timestamptz,
  file_name    text,
  unique (incident_id, seq)
);

create table breach_notice (
  incident_id   uuid not null references incident (id),
  person_id     uuid not null,
  fields        text[] not null,
  first_at      timestamptz not null,
  last_at       timestamptz not null,
  message_id    text not null unique,
  state         text not null default 'PENDING'
                check (state in ('PENDING', 'CLAIMED', 'SENT', 'LETTER_DUE', 'LETTER_BATCHED',
                                 'PRINTED')),
  channel       text check (channel in ('EMAIL', 'LETTER')),
  created_at    timestamptz not null,
  claimed_at    timestamptz,
  attempts      integer not null default 0,
  done_at       timestamptz,
  letter_batch  uuid references breach_letter_batch (id),
  primary key (incident_id, person_id),
  check ((state in ('LETTER_BATCHED', 'PRINTED')) = (letter_batch is not null))
);

create index breach_notice_person on breach_notice (person_id);
create index breach_notice_to_send on breach_notice (incident_id, state, person_id);
