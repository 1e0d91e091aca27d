-- The register's watch over the exchange's log (fr.vigie.exchange.ExchangeWatch): per exchange
-- account and outbound file, the bytes the register placed and the bytes the account downloaded (a
-- file never placed for it has no placed bytes); the networks each account signed in from; how far
-- the watch has read the log; and what the exchange was last told of each account's suspension.
create table exchange_pull (
  account           text not null,
  file              text not null,
  placed_bytes      bigint,
  downloaded_bytes  bigint not null default 0,
  primary key (account, file)
);

create table exchange_network (
  account     text not null,
  network     text not null,
  first_seen  timestamptz not null,
  primary key (account, network)
);

create table exchange_suspension (
  account    text primary key,
  suspended  boolean not null,
  told_at    timestamptz not null
);

alter table exchange_ingest add column watched_seq bigint not null default 0;
