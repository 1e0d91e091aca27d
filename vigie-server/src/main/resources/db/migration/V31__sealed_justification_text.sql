-- Justification texts are written by staff and may name the person: they are now encrypted under
-- the person's data key (text_sealed), so that crypto-shredding the person makes them unreadable.
-- The clear column stays for the rows written before, which Vigie seals at its next start (a SQL
-- migration cannot reach the keys); a new row never fills it.
alter table justification add column text_sealed bytea;
alter table justification alter column text drop not null;
alter table justification add constraint justification_text_clear_or_sealed
  check (text is null or text_sealed is null);
create index justification_clear_text on justification (id) where text is not null;
