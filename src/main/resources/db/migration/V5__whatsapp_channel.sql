-- The WhatsApp sender of an account (a number Twilio has enabled for WhatsApp), for "Send text"
-- tasks whose channel is WhatsApp.
create table whatsapp_sender (
    account_id  varchar(64) primary key references account (id) on delete cascade,
    sender      varchar(20) not null
);

-- The channel a text went by: sms or whatsapp.
alter table text_message add column channel varchar(16) default 'sms' not null;
