-- The application connects as its own role, vigie_app, which owns nothing: it reads and writes the
-- rows it works on, and may only append to the audit log and read it (no UPDATE, DELETE or
-- TRUNCATE, and, as it owns neither table, no way to disable their append-only triggers). The
-- migrations run as the owner of the schema.
--
-- The embedded server creates the role (with LOGIN and its password) before migrating. On an
-- external PostgreSQL the role is created here, without LOGIN, when the migrating user may create
-- roles; otherwise nothing is granted and the application keeps connecting as the migrating user,
-- as before. See docs/security.md, "The database".
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vigie_app') then
    if not exists (select 1 from pg_roles
                   where rolname = current_user and (rolsuper or rolcreaterole)) then
      raise notice 'role vigie_app is missing and % may not create it: no grants made', current_user;
      return;
    end if;
    create role vigie_app nologin;
  end if;
  execute format('grant usage on schema %I to vigie_app', current_schema());
  execute format('grant select, insert, update, delete on all tables in schema %I to vigie_app',
                 current_schema());
  execute format('grant usage, select on all sequences in schema %I to vigie_app', current_schema());
  -- Append-only for the application: grants above are revoked where they would allow a rewrite.
  revoke update, delete, truncate, references, trigger on audit_entry, audit_checkpoint
    from vigie_app;
  -- Flyway's own history is the migrating user's business.
  execute format('revoke all on table %I from vigie_app', '${flyway:table}');
  -- Tables and sequences later migrations create (as the same owner) come with the same rights;
  -- a later append-only table must revoke them as above.
  execute format('alter default privileges in schema %I grant select, insert, update, delete'
                 || ' on tables to vigie_app', current_schema());
  execute format('alter default privileges in schema %I grant usage, select on sequences'
                 || ' to vigie_app', current_schema());
end
$$;
