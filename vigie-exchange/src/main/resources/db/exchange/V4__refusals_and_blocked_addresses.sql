-- Refusals (forged tokens, paths outside the routes, bad headers, blocked addresses...) are logged
-- counted: one row per source address, account and reason over a short window, with how many.
-- Rows of every other kind leave it null (one operation each).
alter table operation add column count integer check (count > 0);

-- Addresses the register told the exchange to refuse (its watch saw them guess tokens), until when.
-- Kept here so that a restart of the exchange does not lift them.
create table blocked_address (
  address text primary key,
  until   timestamptz not null
);
