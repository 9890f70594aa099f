-- Why the provider refused a text or reported it undeliverable, in Textback's words: unsubscribed,
-- not-textable, invalid-number, channel-unavailable or other. What Textback does about a refusal is
-- decided on this; the provider's own code and message stay in error_code and error_message.
alter table text_message add column refusal varchar(32);
alter table text_status_report add column refusal varchar(32);

-- Entries kept before: Twilio's codes for these reasons, as the Twilio sender tells them now.
update text_message set refusal = case error_code
        when '21610' then 'unsubscribed'
        when '21614' then 'not-textable'
        when '30006' then 'not-textable'
        when '21211' then 'invalid-number'
        when '63016' then 'channel-unavailable'
        else 'other' end
    where error_code is not null and error_code <> '';
update text_status_report set refusal = case error_code
        when '21610' then 'unsubscribed'
        when '21614' then 'not-textable'
        when '30006' then 'not-textable'
        when '21211' then 'invalid-number'
        when '63016' then 'channel-unavailable'
        else 'other' end
    where error_code is not null and error_code <> '';
update text_message set refusal = 'channel-unavailable'
    where status = 'failed' and error_code is null and error_message = 'no WhatsApp sender is set for this account';
