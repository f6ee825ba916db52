//! §6.5.2.5: campaigning on City accounts warns; neutral election information does not.

use crate::support::*;

const RULE: &str = "political-activity";

#[test]
fn only_city_accounts() {
    let v = eval("Vote for Jane Smith!", personal_post());
    assert!(finding(&v, RULE).is_none());
}
