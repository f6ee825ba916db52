//! The rules through the public engine API, one module per rule (or pair of rules that share
//! a policy section), named for the rule ids they test.

mod abusive_and_sexual_language;
mod city_account_personal_context;
mod city_email_personal_account;
mod dm_public_record;
mod off_mission_link;
mod personal_accounts;
mod personal_information;
mod political_activity;
mod presidio_vectors;
mod reply_signature;
mod severities;
mod unauthorized_user;
mod vectors;
mod wording;
