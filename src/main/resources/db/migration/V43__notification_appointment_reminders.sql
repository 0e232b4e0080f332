-- The appointment reminders the notification module sent, one row per appointment and channel, so that a reminder
-- event delivered again (after a crash) sends nothing twice.
create table notification_appointment_reminder (
    appointment_id uuid        not null,
    channel        text        not null check (channel in ('EMAIL', 'SMS')),
    recipient      text        not null constraint notification_appointment_reminder_recipient_max_200 check (char_length(recipient) <= 200),
    sent_at        timestamptz not null default now(),
    primary key (appointment_id, channel)
);
