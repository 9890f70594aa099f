-- An account's rules for whether and when a text goes out. No row means the defaults:
-- no monthly limit, no line-type check, no quiet hours.
create table sending_rules (
    account_id         varchar(64)  primary key references account (id) on delete cascade,
    -- Texts per calendar month (UTC); null = no limit.
    monthly_limit      integer,
    -- Ask Twilio Lookup for the line type before texting a number not checked before.
    line_type_check    boolean      not null default false,
    quiet_hours        boolean      not null default false,
    quiet_from         varchar(5)   not null default '21:00',
    quiet_until        varchar(5)   not null default '08:00',
    -- For numbers in several time zones; null = the zone of the account's default number.
    time_zone          varchar(64)
);
