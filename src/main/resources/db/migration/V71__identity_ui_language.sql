-- The language a member of staff reads Caremap in (en or es), chosen on the account page or by the language switch;
-- empty until they choose: the browser's language is used then.
alter table user_account add column ui_language text
    constraint user_account_ui_language check (ui_language in ('en', 'es'));
