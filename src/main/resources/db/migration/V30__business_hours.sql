-- An account's business hours: its time zone, one opening per weekday, and days it is closed.
-- An account without a row here keeps the default (Monday to Friday, 9:00 to 17:00 UTC).
create table business_hours (
    account_id  varchar(64) primary key references account (id) on delete cascade,
    time_zone   varchar(64) not null
);

-- A weekday without a row is closed all day. 1 = Monday ... 7 = Sunday (ISO-8601).
create table business_hours_day (
    account_id   varchar(64) not null references business_hours (account_id) on delete cascade,
    day_of_week  smallint    not null,
    opens_at     time        not null,
    closes_at    time        not null,
    primary key (account_id, day_of_week)
);

-- Holidays and other dates the business is closed all day, in its own time zone.
create table business_closed_day (
    account_id  varchar(64) not null references business_hours (account_id) on delete cascade,
    closed_on   date        not null,
    primary key (account_id, closed_on)
);
