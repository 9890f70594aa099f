-- "Confirm answered calls": a team member must press 1 before a forwarded call counts as answered,
-- so a cell phone's voicemail picking up no longer swallows the caller's text.
create table call_screening (
    account_id  varchar(64) primary key references account (id) on delete cascade,
    enabled     boolean     not null
);

-- Incoming calls that rang the team with the "press 1" whisper, by the caller's CallSid;
-- confirmed_at is set once a team member pressed 1.
create table screened_call (
    call_sid      varchar(64) primary key,
    screened_at   timestamp with time zone not null,
    confirmed_at  timestamp with time zone
);
