-- A person crypto-shredded (retention, or an erasure) while an article 34 notice to them waits in
-- the outbox cannot be told: their contact data went with their key. Such a notice ends as ERASED
-- (when the sender found the person erased), counted apart from the notices that went out, so
-- that the incident's figures say how many persons were not told and why.
alter table breach_notice drop constraint breach_notice_state_check;
alter table breach_notice add constraint breach_notice_state_check
  check (state in ('PENDING', 'CLAIMED', 'SENT', 'LETTER_DUE', 'LETTER_BATCHED', 'PRINTED',
                   'ERASED'));
