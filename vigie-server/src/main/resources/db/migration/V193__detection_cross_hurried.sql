-- An account whose last hour of unexplained reads is far faster than its usual hour counts as rising
-- in its organization for an hour (issue 9: many accounts of one agency reading their caseloads at a
-- few times their owners' pace, which no day's total shows yet). The observation says so, so that a
-- node replaying it, or a restart, counts it the same way.
alter table detection_cross_observation add column hurried boolean not null default false;
