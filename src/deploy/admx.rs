//! ADMX/ADML templates for Group Policy (Chrome and Edge on Windows), generated from
//! extension/managed_schema.json so they cannot drift from it. One policy per top-level key,
//! written where the browsers read an extension's managed storage:
//! `Software\Policies\<vendor>\3rdparty\extensions\<id>\policy`. As in the .reg template,
//! booleans and integers are DWORDs and strings REG_SZ; lists and objects are REG_SZ holding
//! JSON, which the browsers parse against the extension's schema.

use super::xml_escape as esc;
use serde_json::Value;

const SCHEMA: &str = include_str!("../../extension/managed_schema.json");

/// One browser's templates.
pub struct Admx {
    /// The file names without extension: `postguard_chrome`, `postguard_edge`.
    pub name: String,
    pub admx: String,
    /// en-US, in `en-US/<name>.adml`.
    pub adml: String,
}

/// Chrome's and Edge's templates for the extension `id`.
pub fn templates(id: &str) -> Vec<Admx> {
    [
        (
            "chrome",
            "Google Chrome",
            r"Software\Policies\Google\Chrome",
        ),
        (
            "edge",
            "Microsoft Edge",
            r"Software\Policies\Microsoft\Edge",
        ),
    ]
    .iter()
    .map(|(short, browser, root)| {
        template(
            short,
            browser,
            &format!(r"{root}\3rdparty\extensions\{id}\policy"),
        )
    })
    .collect()
}

fn template(short: &str, browser: &str, key: &str) -> Admx {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the managed schema is JSON");
    let props = schema["properties"]
        .as_object()
        .expect("the schema has properties");
    let (mut policies, mut strings, mut presentations) =
        (String::new(), String::new(), String::new());
    let string = |out: &mut String, id: &str, text: &str| {
        out.push_str(&format!(
            "      <string id=\"{id}\">{}</string>\n",
            esc(text)
        ));
    };
    string(&mut strings, "PostGuard", &format!("PostGuard ({browser})"));
    string(
        &mut strings,
        "SUPPORTED",
        &format!("{browser} with the PostGuard extension"),
    );
    for (name, p) in props {
        let ty = p["type"].as_str().unwrap_or("string");
        let about = p["description"].as_str().unwrap_or("");
        let explain = match ty {
            "array" | "object" => format!("{about}\n\nThe value is JSON ({ty}); check it first with `postguard policy validate --managed`."),
            _ => about.to_string(),
        };
        string(&mut strings, name, name);
        string(&mut strings, &format!("{name}_Explain"), &explain);
        let head = format!(
            "    <policy name=\"{name}\" class=\"Machine\" displayName=\"$(string.{name})\" explainText=\"$(string.{name}_Explain)\" key=\"{}\"",
            esc(key)
        );
        let tail =
            "      <parentCategory ref=\"PostGuard\" />\n      <supportedOn ref=\"SUPPORTED\" />\n";
        if ty == "boolean" {
            policies.push_str(&format!(
                "{head} valueName=\"{name}\">\n{tail}      <enabledValue><decimal value=\"1\" /></enabledValue>\n      <disabledValue><decimal value=\"0\" /></disabledValue>\n    </policy>\n"
            ));
            continue;
        }
        let element = match ty {
            "integer" => {
                format!("<decimal id=\"{name}\" valueName=\"{name}\" maxValue=\"4294967295\" />")
            }
            _ => format!("<text id=\"{name}\" valueName=\"{name}\" maxLength=\"1048576\" />"),
        };
        let field = match ty {
            "integer" => format!("<decimalTextBox refId=\"{name}\">{name}</decimalTextBox>"),
            _ => format!("<textBox refId=\"{name}\"><label>{name}</label></textBox>"),
        };
        policies.push_str(&format!(
            "{head} presentation=\"$(presentation.{name})\">\n{tail}      <elements>\n        {element}\n      </elements>\n    </policy>\n"
        ));
        presentations.push_str(&format!(
            "      <presentation id=\"{name}\">\n        {field}\n      </presentation>\n"
        ));
    }
    let ns = format!(
        "PostGuard.Policies.{}",
        if short == "edge" { "Edge" } else { "Chrome" }
    );
    let admx = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<!-- PostGuard's managed configuration for {browser}: generated from managed_schema.json by `postguard policy admx`. -->
<policyDefinitions xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions" revision="1.0" schemaVersion="1.0">
  <policyNamespaces>
    <target prefix="postguard" namespace="{ns}" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED" displayName="$(string.SUPPORTED)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="PostGuard" displayName="$(string.PostGuard)" />
  </categories>
  <policies>
{policies}  </policies>
</policyDefinitions>
"#
    );
    let adml = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<policyDefinitionResources xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions" revision="1.0" schemaVersion="1.0">
  <displayName>PostGuard ({browser})</displayName>
  <description>PostGuard's managed configuration (the City's Social Media Policy).</description>
  <resources>
    <stringTable>
{strings}    </stringTable>
    <presentationTable>
{presentations}    </presentationTable>
  </resources>
</policyDefinitionResources>
"#
    );
    Admx {
        name: format!("postguard_{short}"),
        admx,
        adml,
    }
}
