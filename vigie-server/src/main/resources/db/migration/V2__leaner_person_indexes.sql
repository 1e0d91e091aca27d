-- Each index costs every import and update. Rotation is rare and may scan the table;
-- searches go through the blind indexes, not the organization.
drop index person_kek_id;
drop index person_organization;
