-- The metrics count the last hour's texts by status at every refresh; without this, each count reads the whole table.
create index text_message_created on text_message (created_at);
