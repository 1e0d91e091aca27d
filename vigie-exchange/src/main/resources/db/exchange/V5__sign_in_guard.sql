-- The register's answer to a flood of guessed tokens spread over many addresses (fr.vigie.transfer
-- SignInGuard): until this time, only the networks that signed in successfully lately are served.
-- One row at most; kept here so that a restart of the exchange does not lift it.
create table sign_in_guard (
  singleton boolean primary key default true check (singleton),
  until     timestamptz not null
);

-- Which networks signed in successfully, and since when, is read from the operation log.
create index operation_sign_in_ok on operation (at) where kind = 'SIGN_IN' and outcome = 'ok';
