//! §6.5.2.5: campaigning on City accounts warns; neutral election information does not.

use crate::support::*;

const RULE: &str = "political-activity";

#[test]
fn campaigning_and_endorsements_warn() {
    for (text, quoted) in [
        ("Vote for Jane Smith on April 7!", "Vote for"),
        ("Re-elect Mayor Devine", "Re-elect"),
        ("We endorse Jim Smith for Alderman", "endorse"),
        ("Vote NO on the referendum", "Vote NO"),
        ("Paid for by Friends of Smith", "Paid for by"),
        ("#VoteBlue this November", "VoteBlue"),
        ("Please donate to my campaign", "donate to my campaign"),
        ("Time to vote them out.", "vote them out"),
    ] {
        let v = eval(text, city_post());
        let f = finding(&v, RULE).unwrap_or_else(|| panic!("{text}: {:?}", v.findings));
        assert_eq!(f.section, "6.5.2.5");
        assert_eq!(utf16_slice(text, f.start, f.end), quoted, "{text}");
        assert!(f.message.contains(&format!("“{quoted}”")), "{}", f.message);
    }
}

#[test]
fn neutral_election_information_stays_clean() {
    for text in [
        "Polls open 7am–8pm on Tuesday.",
        "Register to vote at myvote.wi.gov",
        "Absentee ballots are available at the City Clerk's office.",
        "Find your polling place and sample ballot at myvote.wi.gov.",
        "Candidates for mayor will appear at a public forum Thursday.",
        "The City does not endorse any candidate or party.",
        "Links are not an endorsement of the sites.",
        "Vote for your favorite pumpkin at the Farmers Market!",
        "Election results are posted after the polls close.",
        "Voters must show a photo ID. Early voting starts Monday.",
        "You can vote no later than 8pm on Election Day.",
    ] {
        let v = eval(text, city_post());
        assert!(finding(&v, RULE).is_none(), "{text}: {:?}", v.findings);
    }
}

#[test]
fn only_city_accounts() {
    let v = eval("Vote for Jane Smith!", personal_post());
    assert!(finding(&v, RULE).is_none());
}
