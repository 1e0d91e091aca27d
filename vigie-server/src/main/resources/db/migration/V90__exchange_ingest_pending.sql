-- The audit index from which the page being ingested may have landed: set before a page of the
-- exchange's log is appended, cleared once last_seq moved past it. When set at the next ingest
-- (a crash in between), the entries from there are searched for the exchange's sequence numbers
-- they carry, and those operations are not appended again.
alter table exchange_ingest add column pending_from bigint;
