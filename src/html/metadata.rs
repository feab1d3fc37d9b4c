//! The article's metadata as the page states it: JSON-LD (`NewsArticle`,
//! `Article`, `BlogPosting`, ...), Open Graph and `article:` meta tags,
//! other common meta tags, `<title>` and `<time datetime>`.

use std::borrow::Cow;

use serde_json::Value;

use super::extract::HeadData;
use crate::Metadata;

/// JSON-LD types of articles, whose fields are read first.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
    "DiscussionForumPosting",
];

/// JSON-LD objects looked at per page, at most: a bound on hostile input.
const MAX_OBJECTS: usize = 4096;

/// The metadata the page states, each field from the most reliable source
/// that has it.
pub(crate) fn structured(head: &HeadData) -> Metadata<'static> {
    let mut meta = Metadata::default();
    for json in &head.json_ld {
        if let Some(article) = parse_json_ld(json).as_ref().and_then(find_article) {
            fill_from_json_ld(&mut meta, article);
        }
    }
    let tag = |names: &[&str]| -> Option<Cow<'static, str>> {
        names.iter().find_map(|name| {
            head.meta
                .iter()
                .find(|(key, value)| key == name && !value.trim().is_empty())
                .map(|(_, value)| Cow::Owned(squeeze(value)))
        })
    };
    fill(&mut meta.title, || {
        tag(&[
            "og:title",
            "twitter:title",
            "headline",
            "title",
            "parsely-title",
        ])
    });
    fill(&mut meta.published, || {
        tag(&[
            "article:published_time",
            "datepublished",
            "og:published_time",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dcterms.created",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ])
    });
    fill(&mut meta.updated, || {
        tag(&[
            "article:modified_time",
            "datemodified",
            "og:updated_time",
            "dcterms.modified",
            "last-modified",
        ])
    });
    fill(&mut meta.byline, || {
        tag(&[
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
        ])
        .filter(|a| !a.starts_with("http"))
    });
    fill(&mut meta.publisher, || {
        tag(&["og:site_name", "application-name", "publisher"])
    });
    fill(&mut meta.section, || {
        tag(&["article:section", "parsely-section", "section"])
    });
    fill(&mut meta.title, || {
        head.title
            .as_deref()
            .map(squeeze)
            .filter(|t| !t.is_empty())
            .map(Cow::Owned)
    });
    fill(&mut meta.published, || {
        head.times.first().map(|t| Cow::Owned(squeeze(t)))
    });
    meta
}

/// Fields of `text` (found in the text by the line cleaners) fill what the
/// page's structured data left empty.
pub(crate) fn merge<'a>(mut structured: Metadata<'a>, text: Metadata<'a>) -> Metadata<'a> {
    fill(&mut structured.title, || text.title);
    fill(&mut structured.byline, || text.byline);
    fill(&mut structured.published, || text.published);
    fill(&mut structured.updated, || text.updated);
    fill(&mut structured.publisher, || text.publisher);
    fill(&mut structured.section, || text.section);
    structured.captions.extend(text.captions);
    structured.paywalled |= text.paywalled;
    structured
}

fn fill<'a>(field: &mut Option<Cow<'a, str>>, value: impl FnOnce() -> Option<Cow<'a, str>>) {
    if field.is_none() {
        *field = value();
    }
}

/// Parses a JSON-LD block, forgiving the HTML comment or CDATA markers
/// some pages wrap it in.
fn parse_json_ld(json: &str) -> Option<Value> {
    let mut text = json.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
    ] {
        if let Some(inner) = text.strip_prefix(open) {
            text = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    serde_json::from_str(text).ok()
}

/// The first object of an article type, searched breadth-first through
/// arrays, `@graph` and nested objects (`mainEntity`).
fn find_article(root: &Value) -> Option<&serde_json::Map<String, Value>> {
    let mut queue = std::collections::VecDeque::from([root]);
    let mut seen = 0;
    while let Some(value) = queue.pop_front() {
        seen += 1;
        if seen > MAX_OBJECTS {
            break;
        }
        match value {
            Value::Array(items) => queue.extend(items),
            Value::Object(object) => {
                if is_article(object) {
                    return Some(object);
                }
                queue.extend(object.values().filter(|v| v.is_object() || v.is_array()));
            }
            _ => {}
        }
    }
    None
}

fn is_article(object: &serde_json::Map<String, Value>) -> bool {
    let is_type = |t: &Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match object.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is_type),
        Some(t) => is_type(t),
        None => false,
    }
}

fn fill_from_json_ld(meta: &mut Metadata<'static>, article: &serde_json::Map<String, Value>) {
    let text = |key: &str| -> Option<Cow<'static, str>> {
        names(article.get(key)?).into_iter().next().map(Cow::Owned)
    };
    fill(&mut meta.title, || {
        text("headline").or_else(|| text("name"))
    });
    fill(&mut meta.published, || text("datePublished"));
    fill(&mut meta.updated, || text("dateModified"));
    fill(&mut meta.byline, || {
        let authors = names(article.get("author")?);
        (!authors.is_empty()).then(|| Cow::Owned(authors.join(", ")))
    });
    fill(&mut meta.publisher, || text("publisher"));
    fill(&mut meta.section, || text("articleSection"));
}

/// The names a JSON-LD value holds: a string, an object's `name`, or a
/// list of those; empty strings and URLs left out.
fn names(value: &Value) -> Vec<String> {
    let one = |v: &Value| -> Option<String> {
        let s = match v {
            Value::String(s) => s.as_str(),
            Value::Object(o) => o.get("name")?.as_str()?,
            _ => return None,
        };
        let s = squeeze(s);
        (!s.is_empty() && !s.starts_with("http")).then_some(s)
    };
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    }
}

/// `text` trimmed, each run of whitespace one space.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(json_ld: &[&str], meta: &[(&str, &str)]) -> HeadData {
        HeadData {
            title: Some("Bridge reopens | The Daily Example".to_owned()),
            meta: meta
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            json_ld: json_ld.iter().map(|s| (*s).to_owned()).collect(),
            times: vec![],
        }
    }

    #[test]
    fn json_ld_in_a_graph_wins_over_meta_tags() {
        let json = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Example"},
            {"@type":["NewsArticle"],"headline":"Bridge  reopens after repairs",
             "datePublished":"2023-05-03T10:15:00Z","dateModified":"2023-05-04",
             "author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
             "publisher":{"@type":"Organization","name":"The Daily Example"},
             "articleSection":["Local"]}]}"#;
        let meta = structured(&head(&[json], &[("og:title", "OG title")]));
        assert_eq!(meta.title.as_deref(), Some("Bridge reopens after repairs"));
        assert_eq!(meta.published.as_deref(), Some("2023-05-03T10:15:00Z"));
        assert_eq!(meta.updated.as_deref(), Some("2023-05-04"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(meta.publisher.as_deref(), Some("The Daily Example"));
        assert_eq!(meta.section.as_deref(), Some("Local"));
    }

    #[test]
    fn meta_tags_then_title() {
        let meta = structured(&head(
            &["{not json"],
            &[
                ("article:published_time", "2024-01-02"),
                ("article:author", "https://example.com/jane"),
                ("author", "Jane Doe"),
                ("og:site_name", "Example"),
            ],
        ));
        assert_eq!(
            meta.title.as_deref(),
            Some("Bridge reopens | The Daily Example")
        );
        assert_eq!(meta.published.as_deref(), Some("2024-01-02"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(meta.publisher.as_deref(), Some("Example"));
    }

    #[test]
    fn commented_json_ld_and_nested_articles() {
        let json = r#"<!-- {"@type":"WebPage","mainEntity":{"@type":"BlogPosting","headline":"Inner"}} -->"#;
        assert_eq!(
            structured(&head(&[json], &[])).title.as_deref(),
            Some("Inner")
        );
    }

    #[test]
    fn text_fields_fill_only_what_is_missing() {
        let from_page = Metadata {
            title: Some("Page title".into()),
            ..Metadata::default()
        };
        let from_text = Metadata {
            title: Some("Text title".into()),
            byline: Some("Jane Doe".into()),
            ..Metadata::default()
        };
        let merged = merge(from_page, from_text);
        assert_eq!(merged.title.as_deref(), Some("Page title"));
        assert_eq!(merged.byline.as_deref(), Some("Jane Doe"));
    }
}
