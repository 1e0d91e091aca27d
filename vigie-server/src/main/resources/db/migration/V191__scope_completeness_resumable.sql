-- A scope answered by the index keeps the entries the index gave and the size of the log it read,
-- so that the walk confirming it can run again after a stop: at start, Vigie resumes the check of
-- every scope still PENDING (its notices stay refused until the check ends).
alter table incident_scope
  add column indexed_entries bigint[],
  add column log_size bigint check (log_size >= 0);
