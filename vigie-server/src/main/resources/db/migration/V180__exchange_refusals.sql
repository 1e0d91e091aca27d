-- The register's watch over the exchange's refusals (fr.vigie.exchange.ExchangeRefusalWatch): the
-- counted REFUSED rows of the exchange's log, per source address (no account: token guessing) or
-- per exchange account (signed in: probing), kept for the watch's window; and the addresses the
-- watch found guessing, each an alert with the refusals that raised it and until when the exchange
-- refuses the address (told: the exchange confirmed it heard).
create table exchange_refusal (
  subject_kind  text not null check (subject_kind in ('ADDRESS', 'ACCOUNT')),
  subject       text not null,
  at            timestamptz not null,
  refusals      integer not null check (refusals > 0)
);
create index exchange_refusal_subject on exchange_refusal (subject_kind, subject, at);
create index exchange_refusal_at on exchange_refusal (at);

create table exchange_address_alert (
  id         uuid primary key,
  address    text not null,
  raised_at  timestamptz not null,
  refusals   integer not null,
  until      timestamptz not null,
  told       boolean not null default false
);
create index exchange_address_alert_address on exchange_address_alert (address, until);
