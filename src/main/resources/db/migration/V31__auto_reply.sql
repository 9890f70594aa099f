-- An account's auto-reply to texts it receives. An account without a row has it switched off.
create table auto_reply_settings (
    account_id  varchar(64)   primary key references account (id) on delete cascade,
    enabled     boolean       not null,
    message     varchar(1600) not null,
    recipe_key  varchar(255)  not null
);

-- One auto-reply per conversation (account and texter) per day, the day in the business's time zone.
create table auto_reply_day (
    account_id    varchar(64) not null references account (id) on delete cascade,
    phone_number  varchar(20) not null,
    replied_on    date        not null,
    primary key (account_id, phone_number, replied_on)
);
