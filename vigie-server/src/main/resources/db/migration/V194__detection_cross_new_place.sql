-- An account working from a device and a network both new to it within a day counts among the
-- register's accounts at new places (issue 9: many accounts' stolen credentials used from the
-- thieves' own machines, each like an advisor's first morning at home on a new laptop). The
-- observation says so, so that a node replaying it, or a restart, counts it the same way.
alter table detection_cross_observation add column new_place boolean not null default false;
