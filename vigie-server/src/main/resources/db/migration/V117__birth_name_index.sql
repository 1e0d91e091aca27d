-- The person's space matches a sign-in on the birth name the identity provider sends
-- (FranceConnect's family_name). name_birth_index holds the name in use (the usual name when there
-- is one), so a person whose usual name differs from their birth name had no entry under the birth
-- name. birth_name_index is the same keyed PRF (same key, same canonical form) of the birth name and
-- birth date, set only when the birth name differs from the name in use: one lookup value matches
-- either column. Erasing a person clears it with the other blind indexes.
alter table person add column birth_name_index bytea;
create index person_birth_name_index on person (birth_name_index)
  where birth_name_index is not null;
