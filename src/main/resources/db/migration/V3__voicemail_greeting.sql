-- An account's own voicemail greeting. The audio lives in the database so every node of a cluster
-- serves it; `bytea` is PostgreSQL's binary type and H2 reads it as BINARY VARYING.
create table voicemail_greeting (
    account_id    varchar(64)  primary key references account (id) on delete cascade,
    -- Twilio fetches the audio without a login, so its URL carries this random token instead.
    token         varchar(64)  not null unique,
    content_type  varchar(32)  not null,
    file_name     varchar(255) not null,
    size_bytes    integer      not null,
    audio         bytea        not null,
    uploaded_at   timestamp with time zone not null
);
