-- The ceilings' counters in PostgreSQL, shared by every node (issue 13): an account reading through
-- several nodes meets its ceilings at the same access as on one. Pseudonymous ids and instants
-- only, no personal data. No foreign keys: these rows are checked and written on every read, and
-- an account's rows outlive nothing but its longest window (a day), after which they are deleted.

-- Per account: when an analyst's release forgave what the suspending ceilings had counted, and
-- when a throttled account may next go on.
create table ceiling_account (
  account_id     uuid primary key,
  forgiven_until timestamptz,
  throttle_next  timestamptz
);

-- The distinct persons each account disclosed: when it last did, and when last outside the
-- persons it follows. A ceiling on distinct persons counts the rows after its window's start.
create table ceiling_person (
  account_id uuid not null,
  person_id  uuid not null,
  last_at    timestamptz not null,
  outside_at timestamptz,
  primary key (account_id, person_id)
);
-- No index on the instants: an account's rows are found by the primary key's first column (a day's
-- persons, a few hundred at most), and each read updates its row in place (a HOT update), with no
-- index to rewrite.

-- Counts of accesses, searches and changes in buckets of a six-hundredth of each window (a second
-- for a minute, six seconds for an hour), with the instants of each bucket's first and last one. A
-- window counts a bucket whole if its first one is in it, less that first one if only its last one
-- is: exact for buckets of one or two, and otherwise never less than happened, at most the earlier
-- part of one bucket more.
create table ceiling_tally (
  account_id uuid not null,
  measure    text not null,
  width_s    integer not null,
  bucket     bigint not null,
  n          integer not null,
  first_at   timestamptz not null,
  last_at    timestamptz not null,
  primary key (account_id, measure, width_s, bucket)
);

-- Whether an access of this kind is counted by a measure that counts events (not persons).
create function ceiling_counts(p_measure text, p_kind text, p_found integer, p_checking boolean)
returns boolean
language sql immutable as $$
  select case p_measure
    when 'SEARCHES' then p_kind = 'SEARCH'
    -- Checked before the search runs (whether it will find anybody is not known yet), counted
    -- only when it found nobody.
    when 'EMPTY_SEARCHES' then p_kind = 'SEARCH' and (p_checking or p_found = 0)
    when 'ACCESSES' then p_kind <> 'REFUSED'
    when 'CHANGES' then p_kind = 'CHANGE'
    else false
  end
$$;

-- How many of a bucket's n accesses, the first at p_first and the last at p_last, a window that
-- starts after p_since counts: all if the first is in it, none if the last is not, else all but
-- the first (the others' instants are not kept: counted as in).
create function ceiling_in_window(
  p_n integer, p_first timestamptz, p_last timestamptz, p_since timestamptz)
returns integer
language sql immutable as $$
  select case when p_first > p_since then p_n when p_last > p_since then greatest(0, p_n - 1)
    else 0 end
$$;

-- How many seconds until an access refused by the limit (p_measure, p_window, p_max) at p_at would
-- be admitted, if nothing more were counted meanwhile: until enough of the counted ones left the
-- window. At least one.
create function ceiling_retry_after(
  p_account uuid, p_at timestamptz, p_measure text, p_window integer, p_max integer)
returns bigint
language plpgsql stable as $$
declare
  v_since timestamptz := p_at - make_interval(secs => p_window);
  v_width integer := greatest(1, p_window / 600);
  v_size bigint;
  v_leaves timestamptz;
begin
  if p_measure in ('PERSONS', 'OUTSIDE_PERSONS') then
    select count(*) into v_size from ceiling_person c
      where c.account_id = p_account
        and case when p_measure = 'PERSONS' then c.last_at else c.outside_at end > v_since;
    -- Admitted again once only max - 1 remain: the oldest (size - max + 1) must leave.
    if v_size >= p_max and v_size > 0 then
      select t into v_leaves from (
        select case when p_measure = 'PERSONS' then c.last_at else c.outside_at end as t
        from ceiling_person c
        where c.account_id = p_account
          and case when p_measure = 'PERSONS' then c.last_at else c.outside_at end > v_since
        order by 1 offset v_size - p_max limit 1) oldest;
    end if;
  else
    select sum(ceiling_in_window(t.n, t.first_at, t.last_at, v_since)) into v_size
      from ceiling_tally t
      where t.account_id = p_account and t.measure = p_measure and t.width_s = v_width
        and t.last_at > v_since;
    if coalesce(v_size, 0) >= p_max and v_size > 0 then
      select b.last_at into v_leaves from (
        select t.bucket, t.last_at,
               sum(ceiling_in_window(t.n, t.first_at, t.last_at, v_since))
                 over (order by t.bucket) as running
        from ceiling_tally t
        where t.account_id = p_account and t.measure = p_measure and t.width_s = v_width
          and t.last_at > v_since) b
      where b.running > v_size - p_max
      order by b.bucket limit 1;
    end if;
  end if;
  if v_leaves is null then
    return p_window;
  end if;
  return greatest(1, ceil(extract(epoch from (v_leaves + make_interval(secs => p_window) - p_at))));
end
$$;

-- The ceilings on one access about to happen, checked and, if admitted, counted in one statement,
-- under a lock of the account (a transaction-level advisory lock), so that two nodes serving the
-- same account at once count one access after the other. The limits come from the application, in
-- order: the first one the access would go over is returned (breach, its 1-based index), with its
-- retry-after; breach 0 when admitted and counted, with when the account last disclosed this person
-- before (prior_at, null if not within the longest window), so that ceiling_uncount can take the
-- access back. Mirrors the in-memory fr.vigie.detection.Counters.
create function ceiling_admit(
  p_account uuid, p_at timestamptz, p_kind text, p_person uuid, p_outside boolean,
  p_found integer, p_measures text[], p_windows integer[], p_maxima integer[],
  p_suspends boolean[])
returns table (breach integer, retry_after_s bigint, prior_at timestamptz)
language plpgsql as $$
declare
  v_prior timestamptz;
  v_prior_outside timestamptz;
  v_forgiven timestamptz;
  v_counts bigint[];
  v_over boolean;
  v_disclosed boolean := p_kind in ('READ', 'UPDATE');
  v_longest integer := coalesce((select max(w) from unnest(p_windows) as w), 0);
  v_limits integer := coalesce(array_length(p_measures, 1), 0);
begin
  perform pg_advisory_xact_lock(70, hashtext(p_account::text));
  select c.forgiven_until into v_forgiven from ceiling_account c where c.account_id = p_account;
  select c.last_at, c.outside_at into v_prior, v_prior_outside from ceiling_person c
    where c.account_id = p_account and c.person_id = p_person;
  -- Every limit's count in one query, in the limits' order; null where the limit does not count
  -- this access (a person already disclosed within its window is no new one).
  select array_agg(counted.n order by counted.o) into v_counts from (
    select l.o,
      case
        when l.m = 'PERSONS' then
          case when v_disclosed and not coalesce(v_prior > l.since, false) then
            (select count(*) from ceiling_person c
             where c.account_id = p_account and c.last_at > l.since) end
        when l.m = 'OUTSIDE_PERSONS' then
          case when v_disclosed and p_outside and not coalesce(v_prior_outside > l.since, false)
          then (select count(*) from ceiling_person c
                where c.account_id = p_account and c.outside_at > l.since) end
        when ceiling_counts(l.m, p_kind, p_found, true) then
          (select coalesce(sum(ceiling_in_window(t.n, t.first_at, t.last_at, l.since)), 0)
           from ceiling_tally t
           where t.account_id = p_account and t.measure = l.m
             and t.width_s = greatest(1, l.w / 600) and t.last_at > l.since)
      end as n
    from (
      select u.m, u.w, u.o,
        -- What led to a released suspension does not lead to it again.
        case when u.s and v_forgiven is not null
                  and v_forgiven > p_at - make_interval(secs => u.w)
             then v_forgiven else p_at - make_interval(secs => u.w) end as since
      from unnest(p_measures, p_windows, p_suspends) with ordinality as u(m, w, s, o)) l
  ) counted;
  for i in 1 .. v_limits loop
    v_over :=
      case when p_measures[i] in ('PERSONS', 'OUTSIDE_PERSONS')
           then v_counts[i] is not null and v_counts[i] >= p_maxima[i]
           else v_counts[i] is not null and v_counts[i] + 1 > p_maxima[i] end;
    if v_over then
      return query select i, ceiling_retry_after(
        p_account, p_at, p_measures[i], p_windows[i], p_maxima[i]), null::timestamptz;
      return;
    end if;
  end loop;
  if v_disclosed then
    insert into ceiling_person as c (account_id, person_id, last_at, outside_at)
      values (p_account, p_person, p_at, case when p_outside then p_at end)
      on conflict (account_id, person_id) do update
        set last_at = excluded.last_at, outside_at = coalesce(excluded.outside_at, c.outside_at);
  end if;
  insert into ceiling_tally as t (account_id, measure, width_s, bucket, n, first_at, last_at)
    select distinct p_account, l.m, greatest(1, l.w / 600),
           floor(extract(epoch from p_at) / greatest(1, l.w / 600))::bigint, 1, p_at, p_at
    from unnest(p_measures, p_windows) as l(m, w)
    where ceiling_counts(l.m, p_kind, p_found, false)
    on conflict (account_id, measure, width_s, bucket) do update
      set n = t.n + 1, first_at = least(t.first_at, excluded.first_at),
          last_at = greatest(t.last_at, excluded.last_at);
  -- Now and then, what no window reaches any more goes.
  if random() < 0.02 then
    delete from ceiling_person c where c.account_id = p_account
      and c.last_at <= p_at - make_interval(secs => v_longest)
      and (c.outside_at is null or c.outside_at <= p_at - make_interval(secs => v_longest));
    delete from ceiling_tally t where t.account_id = p_account
      and t.last_at <= p_at - make_interval(secs => v_longest);
  end if;
  return query select 0, 0::bigint, v_prior;
end
$$;

-- ceiling_admit when p_enabled, nothing otherwise: the guard's query of the account counts a read
-- ahead only for an account whose state lets it read (see fr.vigie.detection.AheadAdmission).
create function ceiling_admit_if(
  p_enabled boolean, p_account uuid, p_at timestamptz, p_kind text, p_person uuid,
  p_outside boolean, p_found integer, p_measures text[], p_windows integer[], p_maxima integer[],
  p_suspends boolean[])
returns table (breach integer, retry_after_s bigint, prior_at timestamptz)
language plpgsql as $$
begin
  if p_enabled then
    -- Called from the guard's read-only query of a person read, in a transaction of its own: the
    -- counts need not wait for a flush of the log to disk (a crash of PostgreSQL may forget the
    -- last fraction of a second of counts; the audit entry of each read is flushed, in its own
    -- transaction, before the data leaves).
    perform set_config('synchronous_commit', 'off', true);
    return query select * from ceiling_admit(
      p_account, p_at, p_kind, p_person, p_outside, p_found, p_measures, p_windows, p_maxima,
      p_suspends);
  end if;
end
$$;

-- Takes back a read counted ahead that did not happen (the guard or the policy refused it): the
-- person's last disclosure goes back to p_prior (or the row goes), and the buckets of p_at lose one.
-- A later access of the same person, counted meanwhile, is kept.
create function ceiling_uncount(
  p_account uuid, p_at timestamptz, p_kind text, p_person uuid, p_prior timestamptz,
  p_measures text[], p_windows integer[])
returns void
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(70, hashtext(p_account::text));
  if p_prior is null then
    delete from ceiling_person c where c.account_id = p_account and c.person_id = p_person
      and c.last_at = p_at and c.outside_at is null;
  else
    update ceiling_person c set last_at = p_prior
      where c.account_id = p_account and c.person_id = p_person and c.last_at = p_at;
  end if;
  update ceiling_tally t set n = t.n - 1
    from (select distinct l.m, greatest(1, l.w / 600) as width
          from unnest(p_measures, p_windows) as l(m, w)
          where ceiling_counts(l.m, p_kind, 0, false)) counted
    where t.account_id = p_account and t.measure = counted.m and t.width_s = counted.width
      and t.bucket = floor(extract(epoch from p_at) / counted.width)::bigint and t.n > 0;
  delete from ceiling_tally t where t.account_id = p_account and t.n = 0;
end
$$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant select, insert, update, delete on ceiling_account, ceiling_person, ceiling_tally
      to vigie_app;
    grant execute on function ceiling_counts(text, text, integer, boolean),
      ceiling_in_window(integer, timestamptz, timestamptz, timestamptz),
      ceiling_retry_after(uuid, timestamptz, text, integer, integer),
      ceiling_admit(uuid, timestamptz, text, uuid, boolean, integer, text[], integer[], integer[],
                    boolean[]),
      ceiling_admit_if(boolean, uuid, timestamptz, text, uuid, boolean, integer, text[], integer[],
                       integer[], boolean[]),
      ceiling_uncount(uuid, timestamptz, text, uuid, timestamptz, text[], integer[])
      to vigie_app;
  end if;
end
$$;
