//! What the page told us about a draft: where it is typed, as whom, and to whom.
//!
//! The content script fills this from the site adapter; the CLI reads it from JSON.
//! Every field but the text is optional, because pages do not always say.

use crate::accounts::Seen;
use crate::policy::{CityAccountReason, Policy, User};
use serde::{Deserialize, Serialize};

/// A draft and its context: one line of `postguard check --jsonl`, one message from a tab.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Draft {
    pub text: String,
    #[serde(flatten)]
    pub context: Context,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Context {
    /// Platform id: "x", "facebook", ... (unknown platforms are fine).
    pub platform: Option<String>,
    /// The account the post would be published as.
    pub account: Option<Account>,
    pub acting_as: ActingAs,
    pub surface: Surface,
    /// For form fields: what the field holds ("email", "password", "bio", ...).
    pub field: Option<String>,
    pub target: Option<Target>,
    /// The employee at the keyboard.
    pub user: Option<User>,
    /// Not a draft but a click on a connection control: follow, like or friend (§6.2.7).
    pub action: Option<Action>,
    /// The password typed in this field is the City password (§6.4.1.2). Set by the
    /// extension's background from a salted hash; the password itself never reaches the engine.
    pub city_password: bool,
    /// The browser's interface language ("es", "en-US"): the language the engine answers in
    /// (`crate::messages`). The worker sets it from `chrome.i18n.getUILanguage()`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A connection the user is about to make with the account or post in `target`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Follow,
    Like,
    Friend,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Account {
    pub handle: Option<String>,
    pub name: Option<String>,
}

/// Whether the person posts as themself or as a Page, company or brand they manage.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ActingAs {
    #[default]
    #[serde(rename = "self")]
    Own,
    Page,
    Company,
    Brand,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Surface {
    #[default]
    Post,
    Reply,
    Comment,
    Dm,
    Profile,
    Login,
    /// A composer the adapter could not classify.
    Unknown,
}

impl Surface {
    /// Surfaces where a person types into a form about an account rather than a post.
    pub fn is_account_form(self) -> bool {
        matches!(self, Surface::Profile | Surface::Login)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Target {
    pub kind: TargetKind,
    pub name: Option<String>,
    /// The account's handle, without '@', where the page shows one.
    pub handle: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// A private individual's profile, wall, post or conversation.
    Person,
    Organization,
    #[default]
    Unknown,
}

impl Context {
    /// Is this about something the user does (a connection click, the City password typed)
    /// rather than a draft? The engine then runs only the rules for such events.
    pub fn is_event(&self) -> bool {
        self.action.is_some() || self.city_password
    }

    /// The account's best label for messages: its name, else its handle.
    pub fn account_label(&self) -> Option<String> {
        let a = self.account.as_ref()?;
        a.name.clone().filter(|n| !n.trim().is_empty()).or_else(|| {
            a.handle
                .as_ref()
                .map(|h| format!("@{}", h.trim_start_matches('@')))
        })
    }

    /// The active account as the page shows it, for matching ([`crate::accounts`]).
    pub fn seen(&self) -> Seen<'_> {
        let account = self.account.as_ref();
        Seen {
            platform: self.platform.as_deref(),
            handle: account.and_then(|a| a.handle.as_deref()),
            name: account.and_then(|a| a.name.as_deref()),
        }
    }

    /// Is the active account a City account, and by what evidence?
    pub fn city_account(&self, policy: &Policy) -> Option<CityAccountReason> {
        self.account.as_ref()?;
        policy.city_account(&self.seen())
    }
}
