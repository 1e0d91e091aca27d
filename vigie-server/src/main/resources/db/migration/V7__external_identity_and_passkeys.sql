-- Sign-in through a partner's identity provider (OIDC), and passkeys (WebAuthn) as a second factor.

-- The subject an identity provider knows the account by: one account per (issuer, subject).
alter table staff_account
  add column oidc_issuer  text,
  add column oidc_subject text;
create unique index staff_account_oidc on staff_account (oidc_issuer, oidc_subject)
  where oidc_subject is not null;

-- Spring Security's JDBC passkey repositories (PostgreSQL schema of spring-security-web):
-- the WebAuthn user entity of an account (name = the account's login) and its credentials.
-- A public key is no secret; nothing here lets anyone sign in without the authenticator.
create table user_entities (
  id           varchar(1000) not null primary key,
  name         varchar(100)  not null unique,
  display_name varchar(200)
);

create table user_credentials (
  credential_id                varchar(1000) not null primary key,
  user_entity_user_id          varchar(1000) not null references user_entities (id) on delete cascade,
  public_key                   bytea         not null,
  signature_count              bigint,
  uv_initialized               boolean,
  backup_eligible              boolean       not null,
  authenticator_transports     varchar(1000),
  public_key_credential_type   varchar(100),
  backup_state                 boolean       not null,
  attestation_object           bytea,
  attestation_client_data_json bytea,
  created                      timestamp,
  last_used                    timestamp,
  label                        varchar(1000) not null
);
create index user_credentials_user on user_credentials (user_entity_user_id);
