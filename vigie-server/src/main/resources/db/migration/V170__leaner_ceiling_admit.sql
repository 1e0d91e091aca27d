-- The ceilings' check and count of one access in fewer statements, each bounded by its window
-- (issue 13): the same answers as V70's ceiling_admit. V70 summed an account's buckets by the
-- primary key's first three columns and only then filtered those in the window, so every read of
-- an account that had worked all day read every bucket kept for the day (up to 86,400 for the
-- minute's limit); now the index range starts at the window's first bucket. Under the same lock of
-- the account, one query reads the forgiveness, the person's last disclosures and the first limit
-- the access would go over; one statement writes the person's disclosure and the buckets. The
-- counts stay in a function, not in the guard's statement: a statement's snapshot is taken before
-- it runs, so counts read in the statement that waits for the lock would miss what the other node
-- committed while it waited.
--
-- (First written as V120 in an earlier session and not landed then: PersonApiIT's same-person loop
-- and ContainmentIT's releases failed in a full build run at night, where the ceilings are the
-- night's, 11 accesses a minute instead of 30; the tests start on a weekday morning since.)

create or replace function ceiling_admit(
  p_account uuid, p_at timestamptz, p_kind text, p_person uuid, p_outside boolean,
  p_found integer, p_measures text[], p_windows integer[], p_maxima integer[],
  p_suspends boolean[])
returns table (breach integer, retry_after_s bigint, prior_at timestamptz)
language plpgsql as $$
declare
  v_prior timestamptz;
  v_first integer;
  v_disclosed boolean := p_kind in ('READ', 'UPDATE');
begin
  perform pg_advisory_xact_lock(70, hashtext(p_account::text));
  select known.last_at, (
      select min(l.o) from (
        select u.m, u.mx, u.o, greatest(1, u.w / 600) as width,
          -- What led to a released suspension does not lead to it again.
          case when u.s and known.forgiven_until > p_at - make_interval(secs => u.w)
               then known.forgiven_until else p_at - make_interval(secs => u.w) end as since
        from unnest(p_measures, p_windows, p_maxima, p_suspends) with ordinality
          as u(m, w, mx, s, o)) l
      where case
        -- A person already disclosed within the window is no new one: no count.
        when l.m = 'PERSONS' then
          v_disclosed and not coalesce(known.last_at > l.since, false)
          and (select count(*) from ceiling_person c
               where c.account_id = p_account and c.last_at > l.since) >= l.mx
        when l.m = 'OUTSIDE_PERSONS' then
          v_disclosed and p_outside and not coalesce(known.outside_at > l.since, false)
          and (select count(*) from ceiling_person c
               where c.account_id = p_account and c.outside_at > l.since) >= l.mx
        when ceiling_counts(l.m, p_kind, p_found, true) then
          (select coalesce(sum(ceiling_in_window(t.n, t.first_at, t.last_at, l.since)), 0)
           from ceiling_tally t
           where t.account_id = p_account and t.measure = l.m and t.width_s = l.width
             and t.bucket >= floor(extract(epoch from l.since) / l.width)::bigint
             and t.last_at > l.since) + 1 > l.mx
        else false
      end)
    into v_prior, v_first
    from (select a.forgiven_until, p.last_at, p.outside_at
          from (select 1) one
          left join ceiling_account a on a.account_id = p_account
          left join ceiling_person p on p.account_id = p_account and p.person_id = p_person) known;
  if v_first is not null then
    return query select v_first, ceiling_retry_after(
      p_account, p_at, p_measures[v_first], p_windows[v_first], p_maxima[v_first]),
      null::timestamptz;
    return;
  end if;
  with disclosed as (
    insert into ceiling_person as c (account_id, person_id, last_at, outside_at)
      select p_account, p_person, p_at, case when p_outside then p_at end where v_disclosed
      on conflict (account_id, person_id) do update
        set last_at = excluded.last_at, outside_at = coalesce(excluded.outside_at, c.outside_at))
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
    perform ceiling_forget(p_account, p_at - make_interval(
      secs => coalesce((select max(w) from unnest(p_windows) as w), 0)));
  end if;
  return query select 0, 0::bigint, v_prior;
end
$$;

-- Deletes what no window of the account reaches any more: nothing after p_before.
create function ceiling_forget(p_account uuid, p_before timestamptz)
returns void
language sql as $$
  delete from ceiling_person c where c.account_id = p_account and c.last_at <= p_before
    and (c.outside_at is null or c.outside_at <= p_before);
  delete from ceiling_tally t where t.account_id = p_account and t.last_at <= p_before;
$$;

-- The guard's read counted ahead: the same, called straight, for an account whose state lets it
-- read. The counts are committed without waiting for the log's flush (see V70).
create or replace function ceiling_admit_if(
  p_enabled boolean, p_account uuid, p_at timestamptz, p_kind text, p_person uuid,
  p_outside boolean, p_found integer, p_measures text[], p_windows integer[], p_maxima integer[],
  p_suspends boolean[])
returns table (breach integer, retry_after_s bigint, prior_at timestamptz)
language plpgsql as $$
begin
  if p_enabled then
    perform set_config('synchronous_commit', 'off', true);
    return query select * from ceiling_admit(
      p_account, p_at, p_kind, p_person, p_outside, p_found, p_measures, p_windows, p_maxima,
      p_suspends);
  end if;
end
$$;

-- The seconds until a refused access would be admitted: as V70, the buckets read from the window's
-- first one on.
create or replace function ceiling_retry_after(
  p_account uuid, p_at timestamptz, p_measure text, p_window integer, p_max integer)
returns bigint
language plpgsql stable as $$
declare
  v_since timestamptz := p_at - make_interval(secs => p_window);
  v_width integer := greatest(1, p_window / 600);
  v_first_bucket bigint := floor(extract(epoch from v_since) / greatest(1, p_window / 600))::bigint;
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
        and t.bucket >= v_first_bucket and t.last_at > v_since;
    if coalesce(v_size, 0) >= p_max and v_size > 0 then
      select b.last_at into v_leaves from (
        select t.bucket, t.last_at,
               sum(ceiling_in_window(t.n, t.first_at, t.last_at, v_since))
                 over (order by t.bucket) as running
        from ceiling_tally t
        where t.account_id = p_account and t.measure = p_measure and t.width_s = v_width
          and t.bucket >= v_first_bucket and t.last_at > v_since) b
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

-- Takes back a read counted ahead that did not happen: as V70, and only the buckets it touched are
-- looked at again (V70 scanned every bucket of the account for the emptied ones).
create or replace function ceiling_uncount(
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
  delete from ceiling_tally t
    using (select distinct l.m, greatest(1, l.w / 600) as width
           from unnest(p_measures, p_windows) as l(m, w)) touched
    where t.account_id = p_account and t.measure = touched.m and t.width_s = touched.width
      and t.bucket = floor(extract(epoch from p_at) / touched.width)::bigint and t.n = 0;
end
$$;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'vigie_app') then
    grant execute on function ceiling_forget(uuid, timestamptz) to vigie_app;
  end if;
end
$$;
