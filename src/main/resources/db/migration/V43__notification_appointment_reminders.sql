-- The appointment reminders the notification module sent, one row per appointment, channel and start time, so that
-- a reminder event delivered again (after a crash) sends nothing twice, and an appointment moved to another time is
-- reminded again.
create table notification_appointment_reminder (
    appointment_id uuid        not null,
    channel        text        not null check (channel in ('EMAIL', 'SMS')),
    recipient      text        not null constraint notification_appointment_reminder_recipient_max_200 check (char_length(recipient) <= 200),
    starts_at      timestamptz not null,
    sent_at        timestamptz not null default now(),
    primary key (appointment_id, channel, starts_at)
);
