//! The mailing-list signup form: from `[signup]` in config.toml, the form each language posts
//! to its provider, with the exact fields that provider expects. Listmonk, Mailchimp,
//! Buttondown and Keila are known by their contracts; any other service can be mapped by hand.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// `[signup]` as written.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSignup {
    pub provider: String,
    /// Put the form in the footer of every page.
    #[serde(default)]
    pub footer: bool,
    /// `@/…` link to the page that says what happens to subscribers' addresses.
    pub privacy: Option<String>,
    /// Listmonk and Keila: the address of the installation (`https://lists.example.org`).
    pub url: Option<String>,
    /// Listmonk: the UUIDs of the lists to subscribe to.
    #[serde(default)]
    pub lists: Vec<String>,
    /// Mailchimp: the form's action; generic: where the form posts.
    pub action: Option<String>,
    /// Buttondown: the newsletter's username.
    pub username: Option<String>,
    /// Buttondown: a tag given to new subscribers.
    pub tag: Option<String>,
    /// Keila: the form's id.
    pub form_id: Option<String>,
    /// Generic: `post` (default) or `get`.
    pub method: Option<String>,
    /// Generic: the names the service gives its fields.
    pub email_field: Option<String>,
    pub name_field: Option<String>,
    pub honeypot_field: Option<String>,
    /// Generic: fixed fields sent with every submission.
    #[serde(default)]
    pub hidden: IndexMap<String, String>,
    /// Per language: other lists (Listmonk), another tag (Buttondown), other fixed fields.
    #[serde(default)]
    pub languages: IndexMap<String, RawLanguageSignup>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawLanguageSignup {
    pub lists: Option<Vec<String>>,
    pub tag: Option<String>,
    #[serde(default)]
    pub hidden: IndexMap<String, String>,
}

/// The form of one language, as the theme renders it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Form {
    pub provider: &'static str,
    pub action: String,
    pub method: &'static str,
    /// Names of the fields.
    pub email: String,
    pub name: Option<String>,
    /// A field people never see or hear; bots fill it in, and the provider drops those.
    pub honeypot: Option<String>,
    /// Fixed fields sent with the address, in order (`l` may repeat for Listmonk).
    pub hidden: Vec<(String, String)>,
}

/// The signup settings of a site, checked: one form per configured language.
#[derive(Debug, Clone, Serialize)]
pub struct Signup {
    pub footer: bool,
    pub privacy: Option<String>,
    #[serde(skip)]
    pub forms: IndexMap<String, Form>,
}

/// Where the build publishes the pages providers send subscribers back to.
pub fn result_path(language_url: &str, outcome: &str) -> String {
    format!("{language_url}signup/{outcome}/")
}

fn required<'a>(
    value: &'a Option<String>,
    key: &str,
    provider: &str,
    example: &str,
) -> Result<&'a str, String> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| {
            format!("the {provider} signup needs `{key}`: add {key} = {example} under [signup]")
        })
}

fn web_address(value: &str, key: &str) -> Result<String, String> {
    let value = value.trim().trim_end_matches('/');
    if value.starts_with("https://") || value.starts_with("http://") {
        Ok(value.to_string())
    } else {
        Err(format!(
            "`{key}` must be a web address starting with https://, not `{value}`"
        ))
    }
}

/// The `u` and `id` of a Mailchimp form action.
fn mailchimp_ids(action: &str) -> Option<(String, String)> {
    let (_, query) = action.split_once('?')?;
    let get = |key: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
            .map(str::to_string)
    };
    Some((get("u")?, get("id")?))
}

impl Signup {
    /// Checks `[signup]` and builds each language's form. `thanks` gives, per language code,
    /// the absolute address of its thank-you page (Listmonk's `next`).
    pub fn new(raw: &RawSignup, languages: &[(&str, String)]) -> Result<Signup, String> {
        let provider = raw.provider.trim().to_ascii_lowercase();
        for code in raw.languages.keys() {
            if !languages.iter().any(|(l, _)| l == code) {
                return Err(format!(
                    "[signup.languages.{code}] names a language that is not configured"
                ));
            }
        }
        let mut forms = IndexMap::new();
        for (code, thanks) in languages {
            let own = raw.languages.get(*code).cloned().unwrap_or_default();
            let mut form = provider_form(&provider, raw, &own, thanks)?;
            form.hidden
                .extend(own.hidden.iter().map(|(k, v)| (k.clone(), v.clone())));
            forms.insert(code.to_string(), form);
        }
        Ok(Signup {
            footer: raw.footer,
            privacy: raw.privacy.clone(),
            forms,
        })
    }
}

/// The form of one language for `provider`, before the language's own fixed fields; `own` is
/// the language's `[signup.languages.LANG]`.
fn provider_form(
    provider: &str,
    raw: &RawSignup,
    own: &RawLanguageSignup,
    thanks: &str,
) -> Result<Form, String> {
    match provider {
        "listmonk" => listmonk_form(raw, own, thanks),
        "mailchimp" => mailchimp_form(raw),
        "buttondown" => buttondown_form(raw, own),
        "keila" => keila_form(raw),
        "generic" => generic_form(raw),
        other => {
            let known = ["listmonk", "mailchimp", "buttondown", "keila", "generic"];
            let hint = crate::diagnostics::did_you_mean(other, known)
                .map_or(String::new(), |best| format!(" (did you mean `{best}`?)"));
            Err(format!(
                "`{other}` is not a signup provider Bayan knows{hint}: use listmonk, mailchimp, buttondown, keila, or generic with its fields named by hand"
            ))
        }
    }
}

/// A setting that must be given and be a web address, without its trailing `/`.
fn required_address(
    value: &Option<String>,
    key: &str,
    provider: &str,
    example: &str,
) -> Result<String, String> {
    web_address(required(value, key, provider, example)?, key)
}

/// Listmonk's public subscription form: the lists as repeated `l` fields, then where to go next.
fn listmonk_form(raw: &RawSignup, own: &RawLanguageSignup, thanks: &str) -> Result<Form, String> {
    let url = required_address(&raw.url, "url", "Listmonk", "\"https://lists.example.org\"")?;
    let lists = own.lists.clone().unwrap_or_else(|| raw.lists.clone());
    if lists.is_empty() {
        return Err("the Listmonk signup needs `lists`: the UUIDs of the lists to subscribe to, e.g. lists = [\"8f1a…\"] under [signup] (or per language under [signup.languages.ar])".into());
    }
    let mut hidden: Vec<(String, String)> = lists
        .into_iter()
        .map(|uuid| ("l".to_string(), uuid))
        .collect();
    hidden.push(("next".into(), thanks.to_string()));
    Ok(Form {
        provider: "listmonk",
        action: format!("{url}/subscription/form"),
        method: "post",
        email: "email".into(),
        name: Some("name".into()),
        honeypot: Some("nonce".into()),
        hidden,
    })
}

/// Mailchimp's embedded form, whose honeypot is named after the ids in its action.
fn mailchimp_form(raw: &RawSignup) -> Result<Form, String> {
    let action = required_address(
        &raw.action,
        "action",
        "Mailchimp",
        "\"https://….list-manage.com/subscribe/post?u=…&id=…\"",
    )?;
    let (u, id) = mailchimp_ids(&action)
        .filter(|_| action.contains(".list-manage.com/subscribe/post"))
        .ok_or("the Mailchimp `action` must be the form's address, like https://X.us21.list-manage.com/subscribe/post?u=…&id=… (Audience → Signup forms → Embedded forms)")?;
    Ok(Form {
        provider: "mailchimp",
        honeypot: Some(format!("b_{u}_{id}")),
        action,
        method: "post",
        email: "EMAIL".into(),
        name: Some("FNAME".into()),
        hidden: Vec::new(),
    })
}

/// Buttondown's embed form, with the language's tag (or the site's) for new subscribers.
fn buttondown_form(raw: &RawSignup, own: &RawLanguageSignup) -> Result<Form, String> {
    let username = required(
        &raw.username,
        "username",
        "Buttondown",
        "\"your-newsletter\"",
    )?;
    let mut hidden: Vec<(String, String)> = vec![("embed".into(), "1".into())];
    if let Some(tag) = own.tag.as_ref().or(raw.tag.as_ref()) {
        hidden.push(("tag".into(), tag.clone()));
    }
    Ok(Form {
        provider: "buttondown",
        action: format!(
            "https://buttondown.com/api/emails/embed-subscribe/{}",
            username.trim()
        ),
        method: "post",
        email: "email".into(),
        name: None,
        honeypot: None,
        hidden,
    })
}

/// A Keila form, named by its id, with Keila's contact fields.
fn keila_form(raw: &RawSignup) -> Result<Form, String> {
    let url = required_address(&raw.url, "url", "Keila", "\"https://keila.example.org\"")?;
    let form_id = required(&raw.form_id, "form_id", "Keila", "\"nfrm_…\"")?;
    Ok(Form {
        provider: "keila",
        action: format!("{url}/forms/{}", form_id.trim()),
        method: "post",
        email: "contact[email]".into(),
        name: Some("contact[first_name]".into()),
        honeypot: Some("h[url]".into()),
        hidden: Vec::new(),
    })
}

/// Any other service, its fields named by hand.
fn generic_form(raw: &RawSignup) -> Result<Form, String> {
    let action = required_address(
        &raw.action,
        "action",
        "generic",
        "\"https://example.org/subscribe\"",
    )?;
    let email = required(&raw.email_field, "email_field", "generic", "\"email\"")?;
    let method = match raw
        .method
        .as_deref()
        .unwrap_or("post")
        .to_ascii_lowercase()
        .as_str()
    {
        "post" => "post",
        "get" => "get",
        other => return Err(format!("`method` must be post or get, not `{other}`")),
    };
    Ok(Form {
        provider: "generic",
        action,
        method,
        email: email.to_string(),
        name: raw.name_field.clone(),
        honeypot: raw.honeypot_field.clone(),
        hidden: raw
            .hidden
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

/// Whether an address looks deliverable: one `@`, something before it, a dotted domain after.
pub fn plausible_email(address: &str) -> bool {
    let address = address.trim();
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && address.len() <= 254
        && !address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:[]\\".contains(c) && c != '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Vec<(&'static str, String)> {
        ["ar", "en", "ku"]
            .iter()
            .map(|l| (*l, format!("https://example.org/{l}/signup/thanks/")))
            .collect()
    }

    fn raw(toml_text: &str) -> RawSignup {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn listmonk_posts_email_name_lists_and_an_empty_nonce() {
        let signup = Signup::new(
            &raw("provider = \"listmonk\"\nurl = \"https://lists.example.org/\"\nlists = [\"uuid-all\"]\n[languages.ar]\nlists = [\"uuid-ar\", \"uuid-all\"]\n"),
            &languages(),
        )
        .unwrap();
        let ar = &signup.forms["ar"];
        assert_eq!(ar.action, "https://lists.example.org/subscription/form");
        assert_eq!(ar.method, "post");
        assert_eq!(
            (
                ar.email.as_str(),
                ar.name.as_deref(),
                ar.honeypot.as_deref()
            ),
            ("email", Some("name"), Some("nonce"))
        );
        assert_eq!(
            ar.hidden,
            vec![
                ("l".into(), "uuid-ar".into()),
                ("l".into(), "uuid-all".into()),
                (
                    "next".into(),
                    "https://example.org/ar/signup/thanks/".into()
                )
            ]
        );
        assert_eq!(
            signup.forms["en"].hidden[0],
            ("l".into(), "uuid-all".into())
        );
    }

    #[test]
    fn mailchimp_takes_its_honeypot_from_the_action() {
        let signup = Signup::new(
            &raw("provider = \"mailchimp\"\naction = \"https://org.us21.list-manage.com/subscribe/post?u=abc123&id=def456\"\n"),
            &languages(),
        )
        .unwrap();
        let ku = &signup.forms["ku"];
        assert_eq!(
            ku.action,
            "https://org.us21.list-manage.com/subscribe/post?u=abc123&id=def456"
        );
        assert_eq!(
            (
                ku.email.as_str(),
                ku.name.as_deref(),
                ku.honeypot.as_deref()
            ),
            ("EMAIL", Some("FNAME"), Some("b_abc123_def456"))
        );
    }

    #[test]
    fn buttondown_needs_a_plain_post_with_embed_and_a_tag_per_language() {
        let signup = Signup::new(
            &raw("provider = \"buttondown\"\nusername = \"forum\"\ntag = \"all\"\n[languages.en]\ntag = \"english\"\n"),
            &languages(),
        )
        .unwrap();
        let en = &signup.forms["en"];
        assert_eq!(
            en.action,
            "https://buttondown.com/api/emails/embed-subscribe/forum"
        );
        assert_eq!(en.email, "email");
        assert_eq!(
            en.hidden,
            vec![
                ("embed".into(), "1".into()),
                ("tag".into(), "english".into())
            ]
        );
        assert_eq!(signup.forms["ar"].hidden[1], ("tag".into(), "all".into()));
    }

    #[test]
    fn keila_uses_contact_fields_and_its_honeypot() {
        let signup = Signup::new(&raw("provider = \"keila\"\nurl = \"https://keila.example.org\"\nform_id = \"nfrm_42\"\n"), &languages()).unwrap();
        let ar = &signup.forms["ar"];
        assert_eq!(ar.action, "https://keila.example.org/forms/nfrm_42");
        assert_eq!(
            (
                ar.email.as_str(),
                ar.name.as_deref(),
                ar.honeypot.as_deref()
            ),
            (
                "contact[email]",
                Some("contact[first_name]"),
                Some("h[url]")
            )
        );
    }

    #[test]
    fn generic_maps_fields_by_hand() {
        let signup = Signup::new(
            &raw("provider = \"generic\"\naction = \"https://example.org/join\"\nmethod = \"get\"\nemail_field = \"addr\"\nhoneypot_field = \"website\"\n[hidden]\nsource = \"site\"\n"),
            &languages(),
        )
        .unwrap();
        let en = &signup.forms["en"];
        assert_eq!(
            (en.action.as_str(), en.method, en.email.as_str()),
            ("https://example.org/join", "get", "addr")
        );
        assert_eq!(en.honeypot.as_deref(), Some("website"));
        assert_eq!(en.hidden, vec![("source".into(), "site".into())]);
    }

    #[test]
    fn missing_and_wrong_settings_say_what_is_needed() {
        let err = |t: &str| Signup::new(&raw(t), &languages()).unwrap_err();
        assert!(err("provider = \"listmonk\"\nlists = [\"x\"]\n").contains("needs `url`"));
        assert!(err("provider = \"listmonk\"\nurl = \"https://x.org\"\n").contains("needs `lists`"));
        assert!(
            err("provider = \"listmonk\"\nurl = \"lists.example.org\"\nlists = [\"x\"]\n")
                .contains("https://")
        );
        assert!(
            err("provider = \"mailchimp\"\naction = \"https://example.org/join\"\n")
                .contains("list-manage.com")
        );
        assert!(err("provider = \"buttondown\"\n").contains("needs `username`"));
        assert!(err("provider = \"keila\"\nurl = \"https://k.org\"\n").contains("needs `form_id`"));
        assert!(err("provider = \"listmonc\"\n").contains("did you mean `listmonk`"));
        assert!(
            err("provider = \"buttondown\"\nusername = \"x\"\n[languages.fr]\ntag = \"x\"\n")
                .contains("not configured")
        );
    }

    #[test]
    fn email_addresses() {
        for good in [
            "a@example.org",
            "name.surname+tag@mail.example.co.uk",
            "علي@example.org",
        ] {
            assert!(plausible_email(good), "{good}");
        }
        for bad in [
            "",
            "a@b",
            "a@@b.org",
            "@example.org",
            "a@.org",
            "a b@example.org",
            "a@example.org.",
            "<a@example.org>",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}
