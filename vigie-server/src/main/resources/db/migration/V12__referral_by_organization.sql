-- A partner advisor's list of the persons referred to its organization (GET /api/caseloads/me),
-- newest first, reads the active referrals of one organization: no full scan of the table.
create index referral_organization_active on referral (organization_id, referred_at desc)
  where ended_at is null;
