-- The detectors as a Kafka consumer group (issue 13, docs/operations.md "Several nodes"): for each
-- partition of the access events topic, the offset of the next event the detectors have not applied
-- yet, written in the same transaction as the detectors' memory of the accounts it moved. A node
-- that takes a partition over starts from here, and skips what is below it: no event is lost or
-- applied twice, whatever Kafka's own committed offset says. The grants come from V35's defaults.
create table detection_offset (
  topic       text not null,
  partition   integer not null,
  next_offset bigint not null,
  primary key (topic, partition)
);

-- How many access events the detectors applied for each account, in the same transaction: what an
-- operator (and the tests) compare with the audit log. Counts only.
create table detection_applied (
  account_id uuid primary key,
  accesses   bigint not null,
  refusals   bigint not null
);
