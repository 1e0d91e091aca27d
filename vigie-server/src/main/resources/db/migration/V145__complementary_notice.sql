-- GDPR article 34, complementary notices: when a widened scope finds that more fields left for a
-- person already in the outbox, that person gets a second notice naming only the new fields.
-- A notice is now (incident, person, seq): seq 1 is the first notice, 2 and more the complements,
-- each with the fields no earlier notice of the same incident named.
alter table breach_notice add column seq integer not null default 1 check (seq >= 1);
alter table breach_notice drop constraint breach_notice_pkey;
alter table breach_notice add primary key (incident_id, person_id, seq);
