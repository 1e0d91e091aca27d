-- The statements inside the ceilings' functions planned once per connection (issue 13). Their
-- queries unnest the limits' arrays: with the arrays' actual lengths a custom plan always looked
-- cheaper than the generic one, so PostgreSQL planned every statement again on every read (parse,
-- rewrite, inline ceiling_counts and ceiling_in_window, plan): in a profile of the read benchmark,
-- planning and what goes with it (catalog lookups, memory) took most of PostgreSQL's CPU, the
-- execution itself an eighth. The plans do not depend on the arrays' contents (an account's rows
-- by its primary key, a few limits), so the generic plan is as good and is kept.
alter function ceiling_admit(uuid, timestamptz, text, uuid, boolean, integer, text[], integer[],
                             integer[], boolean[])
  set plan_cache_mode = force_generic_plan;
alter function ceiling_uncount(uuid, timestamptz, text, uuid, timestamptz, text[], integer[])
  set plan_cache_mode = force_generic_plan;
