-- What the detectors across accounts remember (issue 9): before, it lived in one node's memory and
-- was lost on a restart, and each node saw only the accesses it served. Now each node writes the
-- observations that hold that state (a read outside the caseload, a read of an account rising
-- today) and every other node replays them into its own detectors within a moment; a starting node
-- replays the last week's. What each organization taught of its usual days is stored too.
-- Pseudonymous ids and counts only: no name, no NIR.
create table detection_cross_observation (
  id                 bigserial primary key,
  node               uuid not null,
  organization       text not null,
  account_id         uuid not null,
  person_id          uuid not null,
  link               text not null,
  observed_at        timestamptz not null,
  outside            integer not null,
  usual_outside      double precision not null,
  unexplained        integer not null,
  usual_unexplained  double precision not null
);
create index detection_cross_observation_at on detection_cross_observation (observed_at);

create table detection_cross_organization (
  organization text primary key,
  usual        double precision not null,
  days         integer not null,
  rising_sum   double precision not null,
  saved_at     timestamptz not null
);
-- The grants come from V35's defaults (select, insert, update, delete for vigie_app).
