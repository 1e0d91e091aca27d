-- The watch over the exchange's refusals also counts token guesses per network (the /24 of an IPv4
-- address, the /64 of an IPv6 one: NETWORK) and across every address, the exchange's folded 'other'
-- included (ALL), so that a flood spread over many addresses is seen (docs/exchange.md). An address
-- alert then names an address, a network ('192.0.2.0/24') or '*': every network that did not sign
-- in successfully lately.
alter table exchange_refusal drop constraint exchange_refusal_subject_kind_check;
alter table exchange_refusal add constraint exchange_refusal_subject_kind_check
  check (subject_kind in ('ADDRESS', 'NETWORK', 'ALL', 'ACCOUNT'));
