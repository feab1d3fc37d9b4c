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
struct Attributes<'e> {
    class: Option<&'e str>,
    id: Option<&'e str>,
    role: Option<&'e str>,
    itemprop: Option<&'e str>,
    itemtype: Option<&'e str>,
    /// `hidden`, `aria-hidden="true"`, or a style that hides it.
    hidden: bool,
}

impl<'e> Attributes<'e> {
    fn read(element: &'e Element) -> Attributes<'e> {
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

/// What an element's markup says about it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Markup {
    pub signal: Signal,
    pub origin: Origin,
    /// The word of the vocabulary that gave the signal.
    pub keyword: &'static str,
    pub hint: Hint,
}

/// Reads an element's markup: its attributes once, its class and id words
/// once.
pub(crate) fn read(tag: Tag, element: &Element) -> Markup {
    let attrs = Attributes::read(element);
    let scans = [
        (attrs.class.map(scan), Origin::Class),
        (attrs.id.map(scan), Origin::Id),
    ];
    let body = scans
        .iter()
        .any(|(s, _)| s.as_ref().is_some_and(|s| s.body));
    let (signal, origin, keyword) = signal(tag, &attrs, body, &scans);
    Markup {
        signal,
        origin,
        keyword,
        hint: hint(tag, &attrs, body),
    }
}

/// The boilerplate signal of an element: from its class or id, then its
/// name, then its role. A class or id that names the article's body
/// (`entry-content`) outweighs boilerplate words beside it and the
/// element's name.
fn signal(
    tag: Tag,
    attrs: &Attributes<'_>,
    body: bool,
    scans: &[(Option<Scan>, Origin)],
) -> (Signal, Origin, &'static str) {
    if attrs.hidden {
        return (Signal::Hidden, Origin::Hidden, "hidden");
    }
    if body {
        return (Signal::None, Origin::None, "");
    }
    // The classes of `<html>` and `<body>` describe the page, not a part.
    if !matches!(tag, Tag::Body | Tag::Root) {
        for (found, origin) in scans {
            // A class says more than the element's name: an `<aside>` may
            // be a newsletter prompt.
            if let Some((signal, keyword)) = found.as_ref().and_then(|f| f.signal) {
                return (signal, *origin, keyword);
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
fn hint(tag: Tag, attrs: &Attributes<'_>, body: bool) -> Hint {
    if body
        || attrs
            .itemprop
            .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "articleBody"))
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
    let bytes = value.as_bytes();
    let mut previous = [0u8; MAX_WORD];
    let mut previous_len = 0;
    let mut negated = false;
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        // A word: letters and digits up to a lower-to-upper case change.
        let start = at;
        at += 1;
        while at < bytes.len()
            && bytes[at].is_ascii_alphanumeric()
            && !(bytes[at].is_ascii_uppercase() && bytes[at - 1].is_ascii_lowercase())
        {
            at += 1;
        }
        let len = at - start;
        if len > MAX_WORD {
            previous_len = 0;
            continue;
        }
        let mut joined = [0u8; 2 * MAX_WORD];
        joined[..previous_len].copy_from_slice(&previous[..previous_len]);
        for (slot, b) in joined[previous_len..previous_len + len]
            .iter_mut()
            .zip(&bytes[start..at])
        {
            *slot = b.to_ascii_lowercase();
        }
        let word = &joined[previous_len..previous_len + len];
        let pair = &joined[..if previous_len > 0 {
            previous_len + len
        } else {
            0
        }];
        scan.body |= is_body_word(word) || is_body_word(pair);
        if scan.signal.is_none() && !negated {
            scan.signal = boilerplate_word(word).or_else(|| boilerplate_word(pair));
        }
        // `has-sidebar`, `no-comments`, `with-ads`: about the layout, not
        // the element's content.
        negated = matches!(word, b"has" | b"no" | b"with" | b"without" | b"hide");
        previous[..len].copy_from_slice(word);
        previous_len = len;
    }
    scan
}

/// Longer words are hashes and such, never in the vocabulary.
const MAX_WORD: usize = 24;

/// Class and id words, alone or two run together, naming the article's
/// body (`articleBody`, `entry-content`, `post_text`, `prose`).
fn is_body_word(word: &[u8]) -> bool {
    matches!(
        word,
        b"articlebody"
            | b"articlecontent"
            | b"articletext"
            | b"articlecopy"
            | b"storybody"
            | b"storycontent"
            | b"storytext"
            | b"postbody"
            | b"postcontent"
            | b"posttext"
            | b"entrycontent"
            | b"entrybody"
            | b"entrytext"
            | b"newsbody"
            | b"newscontent"
            | b"newstext"
            | b"blogcontent"
            | b"blogbody"
            | b"bodytext"
            | b"bodycopy"
            | b"contentbody"
            | b"richtext"
            | b"markdownbody"
            | b"prose"
            | b"markdown"
    )
}

/// The boilerplate a class or id word names, with the word as the
/// vocabulary has it.
fn boilerplate_word(word: &[u8]) -> Option<(Signal, &'static str)> {
    use Signal::{
        Ad, ArticleMeta, AuthorBio, Breadcrumbs, Byline, Caption, Comments, Consent, Date, Footer,
        Form, Header, Navigation, Newsletter, Paywall, Popup, Related, ScreenReader, Search, Share,
        Sidebar, Tags,
    };
    let (signal, keyword) = match word {
        b"nav" | b"navbar" | b"navigation" | b"navi" | b"menu" | b"menubar" | b"submenu"
        | b"megamenu" | b"pagination" | b"pager" | b"skiplink" | b"skiplinks" | b"sitemap"
        | b"toolbar" => (Navigation, "navigation"),
        b"breadcrumb" | b"breadcrumbs" | b"crumbs" | b"breadcrumbtrail" => {
            (Breadcrumbs, "breadcrumbs")
        }
        b"header" | b"masthead" | b"topbar" | b"siteheader" | b"pageheader" | b"globalheader" => {
            (Header, "header")
        }
        b"footer" | b"sitefooter" | b"pagefooter" | b"globalfooter" | b"colophon"
        | b"copyright" => (Footer, "footer"),
        b"sidebar" | b"aside" | b"rail" | b"sidebox" | b"seitenleiste" => (Sidebar, "sidebar"),
        b"related" | b"relatedposts" | b"relatedarticles" | b"recommended" | b"recommendation"
        | b"recommendations" | b"popular" | b"mostpopular" | b"trending" | b"mostread"
        | b"morestories" | b"morearticles" | b"readnext" | b"upnext" | b"readmore"
        | b"outbrain" | b"taboola" | b"recirc" | b"recirculation" | b"similar" | b"suggested"
        | b"suggestions" | b"teaser" | b"teasers" | b"furtherreading" | b"alsoread"
        | b"relacionados" | b"relacionadas" | b"correlati" | b"verwandte" | b"gerelateerd"
        | b"liees" | b"lies" | b"weitere" | b"mehrzumthema" => (Related, "related"),
        b"comment" | b"comments" | b"commentlist" | b"disqus" | b"respond" | b"replies"
        | b"discussion" | b"kommentare" | b"commentaires" | b"comentarios" | b"commenti"
        | b"reacties" => (Comments, "comments"),
        b"share" | b"sharing" | b"sharebar" | b"shares" | b"social" | b"socials"
        | b"socialmedia" | b"addthis" | b"sharethis" | b"sharer" | b"follow" | b"followus"
        | b"teilen" | b"partage" | b"partager" | b"compartir" | b"condividi" | b"delen" => {
            (Share, "share")
        }
        b"newsletter" | b"newsletters" | b"subscribe" | b"subscription" | b"signup" | b"optin"
        | b"mailchimp" | b"mc4wp" | b"emailsignup" => (Newsletter, "newsletter"),
        b"ad" | b"ads" | b"advert" | b"adverts" | b"advertisement" | b"advertising"
        | b"adsense" | b"adslot" | b"adunit" | b"adwrapper" | b"adcontainer" | b"dfp"
        | b"sponsor" | b"sponsored" | b"sponsors" | b"promo" | b"promos" | b"promoted"
        | b"promotion" | b"promotional" | b"affiliate" | b"commercial" | b"werbung"
        | b"anzeige" | b"publicite" | b"publicidad" | b"pubblicita" | b"publicidade"
        | b"advertentie" => (Ad, "ad"),
        b"paywall" | b"regwall" | b"piano" | b"meter" | b"premiumbox" => (Paywall, "paywall"),
        b"cookie" | b"cookies" | b"consent" | b"gdpr" | b"cmp" | b"cookiebanner" => {
            (Consent, "cookie")
        }
        b"modal" | b"popup" | b"overlay" | b"lightbox" | b"interstitial" | b"toast" => {
            (Popup, "popup")
        }
        b"byline" | b"author" | b"authors" | b"writer" | b"contributor" | b"autor" | b"auteur" => {
            (Byline, "byline")
        }
        b"date" | b"dateline" | b"timestamp" | b"pubdate" | b"published" | b"datum" => {
            (Date, "date")
        }
        b"meta" | b"entrymeta" | b"postmeta" | b"articlemeta" | b"postinfo" | b"entryinfo" => {
            (ArticleMeta, "meta")
        }
        b"caption" | b"figcaption" | b"credit" | b"credits" | b"imagecredit" | b"photocredit"
        | b"legende" => (Caption, "caption"),
        b"tags" | b"tagcloud" | b"tagged" | b"keywords" | b"categories" | b"topics" | b"labels"
        | b"schlagworte" | b"etiquetas" => (Tags, "tags"),
        b"bio" | b"authorbio" | b"aboutauthor" | b"authorbox" | b"authorinfo" => {
            (AuthorBio, "author bio")
        }
        b"sronly" | b"srtext" | b"visuallyhidden" | b"screenreader" | b"screenreadertext"
        | b"offscreen" | b"assistive" => (ScreenReader, "screen reader"),
        b"search" | b"searchform" | b"searchbox" => (Search, "search"),
        b"login" | b"signin" | b"register" => (Form, "login"),
        _ => return None,
    };
    Some((signal, keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            scan("relatedPosts").signal,
            Some((Signal::Related, "related"))
        );
        assert_eq!(scan("mostRead").signal, Some((Signal::Related, "related")));
        assert_eq!(
            scan("x-COMMENTS").signal,
            Some((Signal::Comments, "comments"))
        );
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
