-- Releases and answered step-ups, for the detectors of every node (issue 13): an analyst's release
-- or a step-up served by one node resets what the detectors hold in the memory of the node that
-- runs them for that account (any node without Kafka, the partition's owner with it). Each node
-- reads the rows the others wrote a moment ago and applies them. Ids and kinds only.
create table detection_reset (
  id          bigserial primary key,
  account_id  uuid not null,
  kind        text not null check (kind in ('RELEASE', 'STEP_UP')),
  node        uuid not null,
  recorded_at timestamptz not null default clock_timestamp()
);
create index detection_reset_recorded on detection_reset (recorded_at);
-- The grants come from V35's defaults.
