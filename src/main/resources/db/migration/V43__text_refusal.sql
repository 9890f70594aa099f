-- Why the provider refused a text or reported it undeliverable, in Textback's words: unsubscribed,
-- not-textable, invalid-number, channel-unavailable or other. What Textback does about a refusal is
-- decided on this; the provider's own code and message stay in error_code and error_message.
alter table text_message add column refusal varchar(32);
alter table text_status_report add column refusal varchar(32);

-- Entries kept before: Twilio's codes for these reasons, as the Twilio sender tells them now.
create table refusal_of_twilio_code (error_code varchar(16) primary key, refusal varchar(32) not null);
insert into refusal_of_twilio_code (error_code, refusal) values
    ('21610', 'unsubscribed'), ('21614', 'not-textable'), ('30006', 'not-textable'),
    ('21211', 'invalid-number'), ('63016', 'channel-unavailable');
update text_message set refusal = coalesce(
        (select r.refusal from refusal_of_twilio_code r where r.error_code = text_message.error_code), 'other')
    where error_code is not null and error_code <> '';
update text_status_report set refusal = coalesce(
        (select r.refusal from refusal_of_twilio_code r where r.error_code = text_status_report.error_code), 'other')
    where error_code is not null and error_code <> '';
drop table refusal_of_twilio_code;
update text_message set refusal = 'channel-unavailable'
    where status = 'failed' and error_code is null and error_message = 'no WhatsApp sender is set for this account';
