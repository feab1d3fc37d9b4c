use std::borrow::Cow;

/// What the cleaners learned about the article besides its body.
///
/// Text fields borrow from the input when they are a slice of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Metadata<'a> {
    /// The headline.
    pub title: Option<Cow<'a, str>>,
    /// The authors, as printed (`Dan Bloom & Lizzy Buchan`).
    pub byline: Option<Cow<'a, str>>,
    /// When the article was first published, as printed.
    pub published: Option<Cow<'a, str>>,
    /// When it was last updated, as printed.
    pub updated: Option<Cow<'a, str>>,
    /// The outlet (`Daily Mirror`).
    pub publisher: Option<Cow<'a, str>>,
    /// The desk or section (`Politics`).
    pub section: Option<Cow<'a, str>>,
    /// Photo captions taken out of the body, in order.
    pub captions: Vec<Caption<'a>>,
    /// A paywall or sign-up prompt follows the body: the text is cut short.
    pub paywalled: bool,
}

/// A photo caption moved out of the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Caption<'a> {
    /// The caption's words, without the credit (empty when the line was only
    /// a credit).
    pub text: Cow<'a, str>,
    /// Who took or owns the picture (`AP`, `Clive Marshall/PA`).
    pub credit: Option<Cow<'a, str>>,
}

impl<'a> Caption<'a> {
    /// A caption with an optional credit.
    #[must_use]
    pub fn new(text: impl Into<Cow<'a, str>>, credit: Option<Cow<'a, str>>) -> Caption<'a> {
        Caption {
            text: text.into(),
            credit,
        }
    }

    /// The same caption, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Caption<'static> {
        Caption {
            text: Cow::Owned(self.text.into_owned()),
            credit: self.credit.map(|c| Cow::Owned(c.into_owned())),
        }
    }
}

impl Metadata<'_> {
    /// The same metadata, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Metadata<'static> {
        let own = |field: Option<Cow<'_, str>>| field.map(|v| Cow::Owned(v.into_owned()));
        Metadata {
            title: own(self.title),
            byline: own(self.byline),
            published: own(self.published),
            updated: own(self.updated),
            publisher: own(self.publisher),
            section: own(self.section),
            captions: self.captions.into_iter().map(Caption::into_owned).collect(),
            paywalled: self.paywalled,
        }
    }

    /// Whether nothing was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}
