-- What became of each call, set by its recipe as it runs (see io.textback.calls.CallOutcome).
alter table phone_call add column outcome varchar(32);
-- The reason behind an outcome: Twilio's code and message, an incident's message, a hold's end.
alter table phone_call add column outcome_detail varchar(500);
-- While waiting or held: when the text is due.
alter table phone_call add column due_at timestamp with time zone;
-- The text the recipe sent (or tried to send) for this call.
alter table phone_call add column text_message_id bigint;
-- The calls list: newest first, per account or for all accounts.
create index phone_call_started on phone_call (started_at);
create index phone_call_account_started on phone_call (account_id, started_at);
