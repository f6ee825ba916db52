//! §6.4.1.2: a City email address on a personal account.

use crate::support::*;
use postguard::context::Surface;

#[test]
fn city_email_in_a_personal_profile_field_warns() {
    let mut c = ctx(PERSONAL, Surface::Profile);
    c.field = Some("email".into());
    let text = "jane.doe@westalliswi.gov";
    let v = eval(text, c);
    assert_eq!(sections(&v), ["6.4.1.2"]);
    assert_eq!((v.findings[0].start, v.findings[0].end), (0, text.len()));
}

#[test]
fn subdomains_count_and_lookalikes_do_not() {
    let mut c = ctx(PERSONAL, Surface::Login);
    c.field = Some("email".into());
    assert_eq!(
        sections(&eval("j@police.westalliswi.gov", c.clone())),
        ["6.4.1.2"]
    );
    assert!(eval("j@notwestalliswi.gov", c.clone()).findings.is_empty());
    assert!(eval("jane@gmail.com", c).findings.is_empty());
}

#[test]
fn own_city_email_in_a_personal_post_warns_but_a_department_address_does_not() {
    let v = eval(
        "DM me or write jdoe@westalliswi.gov",
        ctx(PERSONAL, Surface::Post),
    );
    assert_eq!(sections(&v), ["6.4.1.2"]);
    let v = eval(
        "Permit questions go to permits@westalliswi.gov",
        ctx(PERSONAL, Surface::Post),
    );
    assert!(v.findings.is_empty());
}

#[test]
fn city_email_on_a_city_account_is_fine() {
    let mut c = ctx(CITY, Surface::Profile);
    c.field = Some("email".into());
    assert!(eval("comms@westalliswi.gov", c).findings.is_empty());
}
