-- What Twilio Lookup (or a refused text) said about the contact's line: mobile, landline, fixedVoip, ...
-- Looked up once per contact, since every lookup costs money.
alter table contact add column line_type varchar(32);
alter table contact add column line_type_checked_at timestamp with time zone;
