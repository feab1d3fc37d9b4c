//! What an element's name, ARIA role, class and id say it holds.
//!
//! Class and id values are cut into words (at punctuation and at
//! lower-to-upper case changes: `relatedPosts`, `related-posts` and
//! `related_posts` all give `related`, `posts`), and each word and each
//! pair of neighbouring words run together (`most-read` gives `mostread`)
//! is looked up in a vocabulary of boilerplate words in several languages.
//! Words are matched whole, so `add-to-cart` is no ad and `subheader` no
//! header.

use scraper::node::Element;

use super::extract::Tag;

/// A kind of boilerplate an element holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Signal {
    None,
    Navigation,
    /// A page or section header: boilerplate outside the article, but the
    /// article's own header holds its title and standfirst.
    Header,
    Footer,
    Sidebar,
    Related,
    Comments,
    Share,
    Newsletter,
    Ad,
    Paywall,
    Consent,
    Popup,
    Byline,
    Date,
    ArticleMeta,
    Caption,
    Tags,
    AuthorBio,
    Breadcrumbs,
    ScreenReader,
    Form,
    Search,
    /// `hidden`, `aria-hidden`, `display: none`: not shown.
    Hidden,
}

impl Signal {
    /// Whether elements with this signal inside the article are dropped
    /// with their content. A header inside the article holds its title and
    /// standfirst, which are judged line by line.
    pub(crate) fn is_dropped_inside(self) -> bool {
        !matches!(self, Signal::None | Signal::Header)
    }

    /// The most prose (by the weight of its lines) an element with this
    /// signal holds: a byline, a date, share buttons or a caption are short,
    /// and an element full of prose named so is the article (`<article
    /// class="post author-jane tag-travel">`).
    pub(crate) fn max_prose(self) -> f32 {
        match self {
            Signal::Byline
            | Signal::Date
            | Signal::ArticleMeta
            | Signal::Caption
            | Signal::Tags
            | Signal::Share
            | Signal::Breadcrumbs
            | Signal::ScreenReader
            | Signal::Search
            | Signal::Consent => 400.0,
            _ => f32::INFINITY,
        }
    }

    /// What the signal means, for a removal's reason.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Signal::None => "content",
            Signal::Navigation => "navigation",
            Signal::Header => "page header",
            Signal::Footer => "footer",
            Signal::Sidebar => "sidebar",
            Signal::Related => "related stories",
            Signal::Comments => "comments",
            Signal::Share => "share buttons",
            Signal::Newsletter => "newsletter prompt",
            Signal::Ad => "advertisement",
            Signal::Paywall => "paywall prompt",
            Signal::Consent => "cookie notice",
            Signal::Popup => "pop-up",
            Signal::Byline => "byline",
            Signal::Date => "date",
            Signal::ArticleMeta => "article details",
            Signal::Caption => "caption",
            Signal::Tags => "tags",
            Signal::AuthorBio => "author's biography",
            Signal::Breadcrumbs => "breadcrumbs",
            Signal::ScreenReader => "screen-reader text",
            Signal::Form => "form",
            Signal::Search => "search",
            Signal::Hidden => "hidden",
        }
    }
}

/// Where a signal was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    None,
    /// The element's name (`<nav>`).
    Tag,
    /// Its `role` attribute.
    Role,
    /// Its `class` attribute.
    Class,
    /// Its `id` attribute.
    Id,
    /// Its `hidden`, `aria-hidden` or `style` attribute.
    Hidden,
}

/// What the markup says about the article's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Hint {
    None,
    /// `<main>`, `role="main"`.
    Main,
    /// `<article>`, `role="article"`, an `itemtype` of an article.
    Article,
    /// `itemprop="articleBody"`, `class="entry-content"`,
    /// `class="article-body"`.
    Body,
}

/// The attributes the extraction reads, found in one pass.
#[derive(Debug, Default)]
pub(crate) struct Attributes<'e> {
    pub class: Option<&'e str>,
    pub id: Option<&'e str>,
    pub role: Option<&'e str>,
    pub itemprop: Option<&'e str>,
    pub itemtype: Option<&'e str>,
    /// `hidden`, `aria-hidden="true"`, or a style that hides it.
    pub hidden: bool,
}

impl<'e> Attributes<'e> {
    pub(crate) fn read(element: &'e Element) -> Attributes<'e> {
        let mut attrs = Attributes::default();
        for (name, value) in element.attrs() {
            match name {
                "class" => attrs.class = Some(value),
                "id" => attrs.id = Some(value),
                "role" => attrs.role = Some(value),
                "itemprop" => attrs.itemprop = Some(value),
                "itemtype" => attrs.itemtype = Some(value),
                "hidden" => attrs.hidden = true,
                "aria-hidden" => attrs.hidden |= value.trim().eq_ignore_ascii_case("true"),
                "style" => attrs.hidden |= hides(value),
                _ => {}
            }
        }
        attrs
    }
}

/// Whether an inline style hides the element.
fn hides(style: &str) -> bool {
    let mut rest = style;
    while let Some(colon) = rest.find(':') {
        let property = rest[..colon].rsplit(';').next().unwrap_or("").trim();
        let value_end = rest[colon + 1..]
            .find(';')
            .map_or(rest.len(), |i| colon + 1 + i);
        let value = rest[colon + 1..value_end].trim();
        let value = value.strip_suffix("!important").unwrap_or(value).trim();
        if (property.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (property.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden"))
        {
            return true;
        }
        rest = &rest[value_end..];
    }
    false
}

/// The boilerplate signal of an element: from its class or id, then its
/// name, then its role. A class or id that names the article's body
/// (`entry-content`) outweighs boilerplate words beside it and the
/// element's name.
pub(crate) fn signal(tag: Tag, attrs: &Attributes<'_>) -> (Signal, Origin, &'static str) {
    if attrs.hidden {
        return (Signal::Hidden, Origin::Hidden, "hidden");
    }
    // The classes of `<html>` and `<body>` describe the page, not a part.
    if !matches!(tag, Tag::Body | Tag::Root) {
        for (value, origin) in [(attrs.class, Origin::Class), (attrs.id, Origin::Id)] {
            let Some(value) = value else { continue };
            let found = scan(value);
            if found.body {
                return (Signal::None, Origin::None, "");
            }
            // A class says more than the element's name: an `<aside>` may
            // be a newsletter prompt.
            if let Some((signal, keyword)) = found.signal {
                return (signal, origin, keyword);
            }
        }
    }
    let by_tag = match tag {
        Tag::Nav => Some((Signal::Navigation, "nav")),
        Tag::Header => Some((Signal::Header, "header")),
        Tag::Footer => Some((Signal::Footer, "footer")),
        Tag::Aside => Some((Signal::Sidebar, "aside")),
        Tag::Form => Some((Signal::Form, "form")),
        _ => None,
    };
    if let Some((signal, keyword)) = by_tag {
        return (signal, Origin::Tag, keyword);
    }
    if let Some(role) = attrs.role {
        let signal = match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" => Some((Signal::Navigation, "navigation")),
            "banner" => Some((Signal::Header, "banner")),
            "contentinfo" => Some((Signal::Footer, "contentinfo")),
            "complementary" => Some((Signal::Sidebar, "complementary")),
            "search" => Some((Signal::Search, "search")),
            "dialog" | "alertdialog" => Some((Signal::Popup, "dialog")),
            _ => None,
        };
        if let Some((signal, keyword)) = signal {
            return (signal, Origin::Role, keyword);
        }
    }
    (Signal::None, Origin::None, "")
}

/// Whether the element's markup says it holds the article or its body.
pub(crate) fn hint(tag: Tag, attrs: &Attributes<'_>) -> Hint {
    if attrs
        .itemprop
        .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "articleBody"))
    {
        return Hint::Body;
    }
    if [attrs.class, attrs.id]
        .into_iter()
        .flatten()
        .any(|value| scan(value).body)
    {
        return Hint::Body;
    }
    let role = attrs.role.map(str::trim);
    if tag == Tag::Article
        || role == Some("article")
        || attrs.itemtype.is_some_and(|t| {
            t.ends_with("/NewsArticle")
                || t.ends_with("/Article")
                || t.ends_with("/BlogPosting")
                || t.ends_with("/Report")
        })
    {
        return Hint::Article;
    }
    if tag == Tag::Main || role == Some("main") {
        return Hint::Main;
    }
    Hint::None
}

/// What the words of one class or id value say.
#[derive(Default)]
struct Scan {
    signal: Option<(Signal, &'static str)>,
    /// It names the article's body.
    body: bool,
}

fn scan(value: &str) -> Scan {
    let mut scan = Scan::default();
    let mut previous = Word::default();
    let mut negated = false;
    for_each_word(value, |word| {
        let word = Word::from(word);
        let joined = previous.join(&word);
        if joined.as_str().is_some_and(is_body_pair) || is_body_word(word.as_str().unwrap_or("")) {
            scan.body = true;
        }
        if scan.signal.is_none() && !negated {
            scan.signal = [word.as_str(), joined.as_str()]
                .into_iter()
                .flatten()
                .find_map(boilerplate_word);
        }
        // `has-sidebar`, `no-comments`, `with-ads`: about the layout, not
        // the element's content.
        negated = matches!(
            word.as_str(),
            Some("has" | "no" | "with" | "without" | "hide")
        );
        previous = word;
    });
    scan
}

/// Calls `f` with each word of a class or id value, lowercased: split at
/// anything but ASCII letters and digits, and where a lowercase letter is
/// followed by an uppercase one.
fn for_each_word(value: &str, mut f: impl FnMut(&[u8])) {
    let bytes = value.as_bytes();
    let mut word = [0u8; MAX_WORD];
    let mut len = 0;
    let mut too_long = false;
    let emit = |word: &[u8], too_long: bool, f: &mut dyn FnMut(&[u8])| {
        if !word.is_empty() && !too_long {
            f(word);
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = !b.is_ascii_alphanumeric()
            || (b.is_ascii_uppercase() && i > 0 && bytes[i - 1].is_ascii_lowercase());
        if boundary {
            emit(&word[..len], too_long, &mut f);
            len = 0;
            too_long = false;
            if !b.is_ascii_alphanumeric() {
                continue;
            }
        }
        if len == MAX_WORD {
            too_long = true;
        } else {
            word[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    emit(&word[..len], too_long, &mut f);
}

const MAX_WORD: usize = 24;

/// A word of a class or id, on the stack.
#[derive(Clone, Copy)]
struct Word {
    bytes: [u8; 2 * MAX_WORD],
    len: usize,
}

impl Default for Word {
    fn default() -> Word {
        Word {
            bytes: [0; 2 * MAX_WORD],
            len: 0,
        }
    }
}

impl Word {
    fn from(word: &[u8]) -> Word {
        let mut w = Word::default();
        w.bytes[..word.len()].copy_from_slice(word);
        w.len = word.len();
        w
    }

    /// This word and `next` run together, when both are words.
    fn join(&self, next: &Word) -> Word {
        let mut w = Word::default();
        if self.len > 0 && next.len > 0 {
            w.bytes[..self.len].copy_from_slice(&self.bytes[..self.len]);
            w.bytes[self.len..self.len + next.len].copy_from_slice(&next.bytes[..next.len]);
            w.len = self.len + next.len;
        }
        w
    }

    fn as_str(&self) -> Option<&str> {
        (self.len > 0)
            .then(|| std::str::from_utf8(&self.bytes[..self.len]).ok())
            .flatten()
    }
}

/// Class and id words naming the article's body, alone.
fn is_body_word(word: &str) -> bool {
    matches!(
        word,
        "articlebody"
            | "storybody"
            | "postbody"
            | "entrycontent"
            | "postcontent"
            | "articlecontent"
            | "storycontent"
            | "articletext"
            | "storytext"
            | "bodytext"
            | "richtext"
            | "prose"
            | "markdown"
    )
}

/// Two words run together naming the article's body (`article-body`,
/// `entry-content`, `post_text`).
fn is_body_pair(joined: &str) -> bool {
    matches!(
        joined,
        "articlebody"
            | "articlecontent"
            | "articletext"
            | "articlecopy"
            | "storybody"
            | "storycontent"
            | "storytext"
            | "postbody"
            | "postcontent"
            | "posttext"
            | "entrycontent"
            | "entrybody"
            | "entrytext"
            | "newsbody"
            | "newscontent"
            | "newstext"
            | "blogcontent"
            | "blogbody"
            | "bodytext"
            | "bodycopy"
            | "contentbody"
            | "richtext"
            | "markdownbody"
    )
}

/// The boilerplate a class or id word names, with the word as the
/// vocabulary has it.
fn boilerplate_word(word: &str) -> Option<(Signal, &'static str)> {
    use Signal::{
        Ad, ArticleMeta, AuthorBio, Breadcrumbs, Byline, Caption, Comments, Consent, Date, Footer,
        Form, Header, Navigation, Newsletter, Paywall, Popup, Related, ScreenReader, Search, Share,
        Sidebar, Tags,
    };
    let (signal, keyword) = match word {
        "nav" | "navbar" | "navigation" | "navi" | "menu" | "menubar" | "submenu" | "megamenu"
        | "pagination" | "pager" | "skiplink" | "skiplinks" | "sitemap" | "toolbar" => {
            (Navigation, "navigation")
        }
        "breadcrumb" | "breadcrumbs" | "crumbs" | "breadcrumbtrail" => (Breadcrumbs, "breadcrumbs"),
        "header" | "masthead" | "topbar" | "siteheader" | "pageheader" | "globalheader" => {
            (Header, "header")
        }
        "footer" | "sitefooter" | "pagefooter" | "globalfooter" | "colophon" | "copyright" => {
            (Footer, "footer")
        }
        "sidebar" | "aside" | "rail" | "sidebox" | "seitenleiste" => (Sidebar, "sidebar"),
        "related" | "relatedposts" | "relatedarticles" | "recommended" | "recommendation"
        | "recommendations" | "popular" | "mostpopular" | "trending" | "mostread"
        | "morestories" | "morearticles" | "readnext" | "upnext" | "readmore" | "outbrain"
        | "taboola" | "recirc" | "recirculation" | "similar" | "suggested" | "suggestions"
        | "teaser" | "teasers" | "furtherreading" | "alsoread" | "relacionados"
        | "relacionadas" | "correlati" | "verwandte" | "gerelateerd" | "liees" | "lies"
        | "weitere" | "mehrzumthema" => (Related, "related"),
        "comment" | "comments" | "commentlist" | "disqus" | "respond" | "replies"
        | "discussion" | "kommentare" | "commentaires" | "comentarios" | "commenti"
        | "reacties" => (Comments, "comments"),
        "share" | "sharing" | "sharebar" | "shares" | "social" | "socials" | "socialmedia"
        | "addthis" | "sharethis" | "sharer" | "follow" | "followus" | "teilen" | "partage"
        | "partager" | "compartir" | "condividi" | "delen" => (Share, "share"),
        "newsletter" | "newsletters" | "subscribe" | "subscription" | "signup" | "optin"
        | "mailchimp" | "mc4wp" | "emailsignup" => (Newsletter, "newsletter"),
        "ad" | "ads" | "advert" | "adverts" | "advertisement" | "advertising" | "adsense"
        | "adslot" | "adunit" | "adwrapper" | "adcontainer" | "dfp" | "sponsor" | "sponsored"
        | "sponsors" | "promo" | "promos" | "promoted" | "promotion" | "promotional"
        | "affiliate" | "commercial" | "werbung" | "anzeige" | "publicite" | "publicidad"
        | "pubblicita" | "publicidade" | "advertentie" => (Ad, "ad"),
        "paywall" | "regwall" | "piano" | "meter" | "premiumbox" => (Paywall, "paywall"),
        "cookie" | "cookies" | "consent" | "gdpr" | "cmp" | "cookiebanner" => (Consent, "cookie"),
        "modal" | "popup" | "overlay" | "lightbox" | "interstitial" | "toast" => (Popup, "popup"),
        "byline" | "author" | "authors" | "writer" | "contributor" | "autor" | "auteur" => {
            (Byline, "byline")
        }
        "date" | "dateline" | "timestamp" | "pubdate" | "published" | "datum" => (Date, "date"),
        "meta" | "entrymeta" | "postmeta" | "articlemeta" | "postinfo" | "entryinfo" => {
            (ArticleMeta, "meta")
        }
        "caption" | "figcaption" | "credit" | "credits" | "imagecredit" | "photocredit"
        | "legende" => (Caption, "caption"),
        "tags" | "tagcloud" | "tagged" | "keywords" | "categories" | "topics" | "labels"
        | "schlagworte" | "etiquetas" => (Tags, "tags"),
        "bio" | "authorbio" | "aboutauthor" | "authorbox" | "authorinfo" => {
            (AuthorBio, "author bio")
        }
        "sronly" | "srtext" | "visuallyhidden" | "screenreader" | "screenreadertext"
        | "offscreen" | "assistive" => (ScreenReader, "screen reader"),
        "search" | "searchform" | "searchbox" => (Search, "search"),
        "login" | "signin" | "register" => (Form, "login"),
        _ => return None,
    };
    Some((signal, keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(value, |w| out.push(String::from_utf8(w.to_vec()).unwrap()));
        out
    }

    #[test]
    fn words_split_at_punctuation_and_case() {
        assert_eq!(
            words("relatedPosts  main-nav__item"),
            ["related", "posts", "main", "nav", "item"]
        );
        assert_eq!(words("HTMLBlock"), ["htmlblock"]);
    }

    #[test]
    fn boilerplate_words_are_whole_words_or_pairs() {
        assert_eq!(
            scan("post related-posts").signal,
            Some((Signal::Related, "related"))
        );
        assert_eq!(scan("most-read").signal, Some((Signal::Related, "related")));
        assert_eq!(scan("add-to-cart").signal, None);
        assert_eq!(scan("subheader").signal, None);
        assert_eq!(scan("page has-sidebar").signal, None);
    }

    #[test]
    fn body_names_outweigh_boilerplate_words() {
        assert!(scan("entry-content share-enabled").body);
        assert!(scan("articleBody").body);
        assert!(!scan("article-footer").body);
    }

    #[test]
    fn styles_that_hide() {
        assert!(hides("display:none"));
        assert!(hides("color: red; DISPLAY : none !important"));
        assert!(hides("visibility:hidden"));
        assert!(!hides("display: block"));
        assert!(!hides("font-family: none"));
    }
}
