-- breach_letter_batch.letters kept the count from when the batch was made even after a person
-- erased since left it (their notice ended ERASED): the sender now takes such a letter off the
-- count in the statement that ends the notice. The counts already stored are made true here.
update breach_letter_batch b
   set letters = (select count(*) from breach_notice n where n.letter_batch = b.id)
 where letters <> (select count(*) from breach_notice n where n.letter_batch = b.id);
alter table breach_letter_batch add constraint breach_letter_batch_letters_check
  check (letters >= 0);
