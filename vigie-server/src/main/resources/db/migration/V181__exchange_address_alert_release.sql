-- Address alerts of the exchange's watch (V180), decided by the security analysts
-- (fr.vigie.exchange.AddressAlerts): audited once the raising is in the audit log; released by an
-- analyst before the block ends, with the exchange told to lift it (lift_told: it confirmed).
alter table exchange_address_alert
  add column audited     boolean not null default false,
  add column released_at timestamptz,
  add column released_by uuid,
  add column lift_told   boolean not null default false;
create index exchange_address_alert_open on exchange_address_alert (until) where released_at is null;
