-- How a scope was verified: WALK, every entry of the window recomputed (complete by construction);
-- INDEX, the selected entries found by the actor or organization index, each proven by an inclusion
-- proof, then the window walked after the answer to confirm that the index missed none.
alter table incident_scope
  add column method text not null default 'WALK' check (method in ('WALK', 'INDEX')),
  add column completeness text not null default 'CONFIRMED'
    check (completeness in ('PENDING', 'CONFIRMED', 'FAILED')),
  add column completeness_detail text,
  add column completeness_seconds double precision;
