//! Stop words of the major languages of the web, and a language guess.
//!
//! Prose is thick with stop words (`the`, `of`, `und`, `que`); menus,
//! headlines and footers are not. The share of stop words in a line is the
//! strongest single sign of prose that jusText found, and it works in any
//! language whose list we have: the document's language is guessed first,
//! from which list its words hit most.

use std::sync::LazyLock;

use crate::cleaners::{ad_markers, captions, media, metadata, paywall, site_chrome};

use super::eight::{self, bytes_before, eight_bytes, not_alphanumeric, splat};
use super::{Bits, spread};

/// A language with a stop-word list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// English.
    English,
    /// German.
    German,
    /// French.
    French,
    /// Spanish.
    Spanish,
    /// Italian.
    Italian,
    /// Portuguese.
    Portuguese,
    /// Dutch.
    Dutch,
    /// Swedish, Danish and Norwegian, whose function words overlap.
    Scandinavian,
    /// Polish.
    Polish,
    /// Russian.
    Russian,
}

const ENGLISH: &str = "a about above after again against all also am an and any are as at be because been before \
    being below between both but by can could did do does doing down during each even few for from further get \
    got had has have having he her here hers herself him himself his how i if in into is it its itself just like \
    made make many may me might more most much must my myself new no nor not now of off on once one only or \
    other our ours ourselves out over own said same says she should since so some still such than that the their \
    theirs them themselves then there these they this those through to too two under until up upon us very was \
    way we well were what when where which while who whom whose why will with within without would yet you your \
    yours yourself yourselves";
const GERMAN: &str = "aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim \
    bin bis bist da damit dann das dass daß dem den denn der des dich die dies diese dieser dieses dir doch dort \
    du durch ein eine einem einen einer eines er es etwas euch für gegen gewesen hab habe haben hat hatte hatten \
    hier hin hinter ich ihm ihn ihnen ihr ihre im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein \
    keine können man mehr mein meine mich mir mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein \
    seine sich sie sind so soll sollte sondern sonst über um und uns unser unter viel vom von vor war waren warum \
    was weil welche wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen";
const FRENCH: &str = "à au aucun aussi autre aux avait avant avec avoir bien c ça car ce cela celle celui ces cet \
    cette ceux chez comme comment d dans de des deux doit donc dont du elle elles en encore entre est et été être \
    eu fait faire il ils j je l la le les leur leurs lui m mais me même mes moi mon n ne ni nos notre nous on ont \
    ou où par parce pas peu peut plus pour pourquoi qu quand que quel quelle qui s sa sans se ses si son sont sous \
    sur ta te tes toi ton tous tout toute toutes très tu un une vos votre vous y";
const SPANISH: &str = "a al algo algunos ante antes aquí así aunque cada como con contra cual cuando de del desde \
    donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta está están este esto estos fue fueron \
    ha hace hacer han hasta hay la las le les lo los más me mi mientras muy nada ni no nos nosotros o otra otro \
    otros para pero poco por porque puede que qué se sea según ser si sí sido sin sobre son su sus también tan \
    tanto te tiene tienen todo todos tu tus un una uno unos y ya yo";
const ITALIAN: &str = "a agli ai al alla alle allo anche ancora avere aveva c che chi ci come con contro cosa cui \
    da dai dal dalla dalle degli dei del dell della delle dello di dove due e è ed era essere fa fare fino gli ha \
    hanno i il in io la le lei lo loro lui ma mi molto ne negli nei nel nella nelle no noi non nostro o ogni per \
    perché più poi può quale quando quanto quella quelle quello questa queste questo qui se sei si sia sono su \
    sua sue suo suoi tra tutti tutto un una uno vi";
const PORTUGUESE: &str = "a ao aos as até com como da das de dela dele deles depois do dos e é ela elas ele eles \
    em entre era essa esse esta está estão este eu foi foram há isso isto já la mais mas me mesmo muito na nas \
    não nem no nos nós o os ou para pela pelo pelos por porque pode quando que quem se sem ser seu seus sobre \
    sua suas também tem têm toda todos um uma umas uns você";
const DUTCH: &str = "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus \
    een en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand ik in is ja je kan kon \
    kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat ons ook op over reeds te tegen \
    toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil worden zal ze zei zelf \
    zich zij zijn zo zonder zou";
const SCANDINAVIAN: &str = "af alle andre at av bare blev bli blir da dag de dei dem den denne der deres det dette \
    dig din du där efter eller en er ett fikk fra från för ha hade han hans har hon honom hun hva hvad hvis hvor \
    i ikke inte jag jeg kan kunne man med meg men mig min mot må na når och også om oss på sig sin sitt skal \
    skulle som så til till under upp ut var vi vil ville vor är än";
const POLISH: &str = "a aby ale bardzo był była było być co czy dla do gdy gdzie go i ich innych jak jako jednak \
    jego jej jest jeszcze już ku lub ma mają może mu na nad nie nich nim o od oraz po pod przez przy się są ta \
    tak także tam te tego tej to tu tym w we wszystko z za że żeby";
const RUSSIAN: &str = "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже \
    для до его ее если есть еще же за здесь и из или им их к как ко когда кто ли либо мне может мы на над надо \
    наш не него нее нет ни них но ну о об однако он она они оно от очень по под при с со так также такой там те \
    тем то того тоже только том ты у уже хотя чего чей чем что чтобы эта эти это я";

/// The languages, in the order of their bits in [`TABLE`].
const LANGUAGES: [(Language, &str); 10] = [
    (Language::English, ENGLISH),
    (Language::German, GERMAN),
    (Language::French, FRENCH),
    (Language::Spanish, SPANISH),
    (Language::Italian, ITALIAN),
    (Language::Portuguese, PORTUGUESE),
    (Language::Dutch, DUTCH),
    (Language::Scandinavian, SCANDINAVIAN),
    (Language::Polish, POLISH),
    (Language::Russian, RUSSIAN),
];

/// Every stop word, with one bit per language whose list has it: one
/// lookup answers for all languages.
static TABLE: LazyLock<WordTable> = LazyLock::new(|| {
    let mut table = WordTable::default();
    for (bit, (_, words)) in LANGUAGES.iter().enumerate() {
        for word in words.split_whitespace() {
            table.insert(word, 1 << bit);
        }
    }
    table
});

/// A class of words looked up with the stop words, a bit above the
/// languages' in [`WORDS`]: a line's [`WordCounts`] say which classes its
/// words are of.
pub(crate) type WordClass = u32;

/// Words of page furniture: menus, sharing, accounts, legal.
const FURNITURE: WordClass = 1 << 15;
/// Words of which every paywall prompt holds one.
pub(crate) const PROMPT_WORDS: WordClass = 1 << 14;
/// Words of which every subscription offer holds one.
pub(crate) const OFFER_WORDS: WordClass = 1 << 22;
/// Words of which every newsletter prompt holds one.
pub(crate) const NEWSLETTER_WORDS: WordClass = 1 << 13;
/// Words of which every cookie prompt holds one.
pub(crate) const COOKIE_WORDS: WordClass = 1 << 12;
/// Words of which every link of a site's header and footer holds one.
pub(crate) const FURNITURE_LINK_WORDS: WordClass = 1 << 11;
/// Words in the names of news outlets.
pub(crate) const PRESS_NAME_WORDS: WordClass = 1 << 10;
/// Words of which every copyright notice's `all rights reserved` in a
/// language of ASCII letters holds one.
pub(crate) const RIGHTS_RESERVED_WORDS: WordClass = 1 << 16;
/// The first words of the names of picture agencies, in any case.
pub(crate) const AGENCY_WORDS: WordClass = 1 << 17;
/// Nouns of pictures (`photo`, `map`) that end a caption's label.
pub(crate) const MEDIA_NOUN_WORDS: WordClass = 1 << 18;
/// Words of which every ad marker of a varying form holds one.
pub(crate) const AD_MARKER_WORDS: WordClass = 1 << 19;
/// Words of which every share, follow or navigation button of a varying
/// form holds one.
pub(crate) const CHROME_FORM_WORDS: WordClass = 1 << 20;
/// Words of which every media widget's line of a varying form holds one.
pub(crate) const WIDGET_FORM_WORDS: WordClass = 1 << 21;

/// The classes of [`WordCounts::classes`]; the furniture is counted.
const CLASSES: WordClass = PROMPT_WORDS
    | OFFER_WORDS
    | NEWSLETTER_WORDS
    | COOKIE_WORDS
    | FURNITURE_LINK_WORDS
    | PRESS_NAME_WORDS
    | RIGHTS_RESERVED_WORDS
    | AGENCY_WORDS
    | MEDIA_NOUN_WORDS
    | AD_MARKER_WORDS
    | CHROME_FORM_WORDS
    | WIDGET_FORM_WORDS;

// The languages' bits and the classes' share one `u32`.
const _: () = assert!(((1 << LANGUAGES.len()) - 1) & (CLASSES | FURNITURE) == 0);

/// Builds the word tables, which are built on first use.
pub(super) fn prepare() {
    // `WORDS` is built from `TABLE`.
    LazyLock::force(&WORDS);
}

/// The stop words of every language and the words of each class, in
/// lowercase. One lookup per word answers for all. The lists of the
/// classes are the cleaners' own, next to the patterns they stand for.
static WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut table = TABLE.clone();
    let furniture = "share shares tweet facebook twitter linkedin instagram pinterest whatsapp youtube \
        tiktok email subscribe subscription newsletter sign login log register account cookie cookies \
        privacy policy terms copyright rights reserved menu search home comment comments reply posted \
        tag tags category categories related popular trending advertisement advertising sponsored click \
        download app contact follow skip navigation previous next prev older newer page author by \
        teilen anmelden datenschutz impressum kommentare partager connexion confidentialité \
        commentaires compartir iniciar privacidad comentarios condividi accedi";
    for (class, words) in [
        (FURNITURE, furniture),
        (PROMPT_WORDS, paywall::PROMPT_HELD_WORDS),
        (OFFER_WORDS, paywall::OFFER_HELD_WORDS),
        (NEWSLETTER_WORDS, site_chrome::NEWSLETTER_HELD_WORDS),
        (COOKIE_WORDS, site_chrome::COOKIE_HELD_WORDS),
        (FURNITURE_LINK_WORDS, site_chrome::FURNITURE_HELD_WORDS),
        (PRESS_NAME_WORDS, metadata::PRESS_HELD_WORDS),
        (
            RIGHTS_RESERVED_WORDS,
            site_chrome::RIGHTS_RESERVED_HELD_WORDS,
        ),
        (AD_MARKER_WORDS, ad_markers::MARKER_FORM_HELD_WORDS),
        (CHROME_FORM_WORDS, site_chrome::CHROME_FORM_HELD_WORDS),
        (WIDGET_FORM_WORDS, media::WIDGET_FORM_HELD_WORDS),
    ] {
        words
            .split_whitespace()
            .for_each(|word| table.insert(word, class));
    }
    for word in captions::agency_first_words() {
        table.insert(word, AGENCY_WORDS);
    }
    for word in captions::MEDIA_NOUNS {
        table.insert(word, MEDIA_NOUN_WORDS);
    }
    table
});

/// What the words of one line are: how many are stop words of each
/// language, how many are words of page furniture, and whether one holds
/// `copyright` (in any case).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordCounts {
    pub(crate) stop_words: StopWordCounts,
    pub(crate) furniture: u32,
    pub(crate) copyright: bool,
    /// The classes of its words, but for the furniture, which is counted.
    pub(crate) classes: WordClass,
    /// Whether the words of its key, as `\b` parts them in the key or in
    /// the line, may not be its words in lowercase: when it holds a mark
    /// (which the key drops, unless it is a letter too) or a letter or
    /// digit that `\b` parts from the letters around it (`only²`; see
    /// `WORD_GAP` in `shape`). Never for an ASCII line. Set where the
    /// line's shape is read, which classes each of its characters.
    pub(crate) key_words_differ: bool,
}

impl WordCounts {
    /// The counts of `line`'s words, read a word at a time (all but
    /// [`key_words_differ`](WordCounts::key_words_differ)).
    pub(crate) fn of(line: &str) -> WordCounts {
        let mut counts = WordCounts::default();
        let words = &*WORDS;
        word_keys(line, |key| {
            counts.add_bits(key.map_or(0, |key| words.bits_of_key(key)))
        });
        counts.copyright = holds_copyright(line.as_bytes());
        counts
    }

    /// [`of`](WordCounts::of) `line`, whose key (see
    /// [`push_key`](super::push_key)) is `key`, for a line whose key's words
    /// are its words in lowercase: one without marks or letters that `\b`
    /// parts from the letters around them (see
    /// [`key_words_differ`](WordCounts::key_words_differ)). Its words are
    /// read from the key, with nothing to decode or lowercase.
    pub(crate) fn of_key(key: &[u8], line: &str) -> WordCounts {
        let mut counts = WordCounts::default();
        let words = &*WORDS;
        for word in key.split(|&b| b == b' ').filter(|word| !word.is_empty()) {
            let packed = (word.len() <= 16).then(|| {
                let mut bytes = [0; 16];
                bytes[..word.len()].copy_from_slice(word);
                u128::from_le_bytes(bytes)
            });
            counts.add_bits(packed.map_or(0, |key| words.bits_of_key(key)));
        }
        counts.copyright = holds_copyright(line.as_bytes());
        counts
    }

    /// Counts a word whose bits in [`WORDS`] are `bits`.
    fn add_bits(&mut self, bits: u32) {
        self.stop_words.add_bits(bits);
        self.furniture += u32::from(bits & FURNITURE != 0);
        self.classes |= bits & CLASSES;
    }

    /// Counts the ASCII word `word`, whose key (see [`word_keys`]) is
    /// `key`, in `words`, the table [`WordCounts::words`] gives.
    pub(super) fn add_ascii_word(&mut self, words: &WordTable, word: &[u8], key: Option<u128>) {
        self.add_bits(key.map_or(0, |key| words.bits_of_key(key)));
        // Its letters are a word's: `copyright` is never cut in two.
        self.copyright |= word.len() >= COPYRIGHT.len()
            && key.map_or_else(
                || holds_copyright(word),
                |key| key_holds_copyright(key, word.len()),
            );
    }

    /// The table of words these counts look words up in.
    pub(super) fn words() -> &'static WordTable {
        &WORDS
    }
}

const COPYRIGHT: &[u8] = b"copyright";

/// Whether `key`, that of a word of `len` bytes (see [`word_keys`]), holds
/// `copyright`: compared in place, rather than searched for, at each
/// offset it fits at where a `c` is. Those offsets are all among the key's
/// first eight bytes, as a key has at most 16; most long words have no `c`
/// there.
fn key_holds_copyright(key: u128, len: usize) -> bool {
    const KEY: u128 = u128::from_le_bytes(*b"copyright\0\0\0\0\0\0\0");
    const MASK: u128 = (1 << (8 * COPYRIGHT.len())) - 1;
    let offsets = (len + 1).saturating_sub(COPYRIGHT.len());
    let fits = match offsets {
        0 => return false,
        1..8 => (1u64 << (8 * offsets)) - 1,
        _ => u64::MAX,
    };
    let mut starts = eight::equal_to(key as u64, b'c') & fits;
    while starts != 0 {
        let at = bytes_before(starts);
        if (key >> (8 * at)) & MASK == KEY {
            return true;
        }
        starts &= starts - 1;
    }
    false
}

/// Whether `text` holds `copyright` in any case.
fn holds_copyright(text: &[u8]) -> bool {
    // Only where a `c` is: `memchr` finds those faster than each place is
    // compared.
    memchr::memchr2_iter(b'c', b'C', text).any(|at| {
        text.get(at..at + COPYRIGHT.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(COPYRIGHT))
    })
}

/// Short words, each with a set of bits, looked up in any case.
///
/// A word of up to 16 bytes is its own key: its bytes in lowercase, packed
/// into a `u128`. Looking one up neither allocates nor hashes a string;
/// longer words are never in the table.
///
/// Every word of every line is looked up, most of them in vain: the table
/// is open addressed with linear probing and kept at most a quarter full,
/// so that a lookup is one multiplication and nearly always one slot, and a
/// small filter turns away most words before any slot is read. A slot holds
/// the word's key and its bits together, so that a lookup that passes the
/// filter reads one line of memory, not two.
#[derive(Clone, Debug)]
pub(crate) struct WordTable {
    slots: Vec<Slot>,
    /// How many slots hold a word.
    len: usize,
    /// One bit per [`WordTable::hash`]'s top [`FILTER_SHIFT`] bits, set for
    /// the words in the table: small enough to stay in the nearest cache,
    /// where the slots do not, it turns away nearly every other word.
    filter: Bits,
}

/// A slot of a [`WordTable`]: 32 bytes, aligned to them, so that no slot
/// is cut by the end of a line of memory.
#[derive(Clone, Copy, Debug, Default)]
#[repr(align(32))]
struct Slot {
    /// A word's key, or 0 for none (no word has the empty key).
    key: u128,
    /// The bits of its word.
    bits: u32,
}

/// The filter has `1 << (64 - FILTER_SHIFT)` bits: four kilobytes, for a
/// few thousand words.
const FILTER_SHIFT: u32 = 49;

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable::with_slots(64)
    }
}

impl WordTable {
    /// An empty table of `slots` slots, a power of two.
    fn with_slots(slots: usize) -> WordTable {
        WordTable {
            slots: vec![Slot::default(); slots],
            len: 0,
            filter: Bits::new(1 << (64 - FILTER_SHIFT)),
        }
    }

    /// The key's hash: its high bits depend on every byte of the key.
    fn hash(key: u128) -> u64 {
        spread((key as u64) ^ ((key >> 64) as u64).rotate_left(29))
    }

    /// The bit of [`WordTable::filter`] that stands for the key of `hash`.
    fn filter_bit(hash: u64) -> usize {
        (hash >> FILTER_SHIFT) as usize
    }

    /// Whether the filter lets the key of `hash` through.
    fn may_hold(&self, hash: u64) -> bool {
        self.filter.get(WordTable::filter_bit(hash))
    }

    /// The slot holding the key of `hash`, `key`, or the empty slot where it
    /// would go.
    fn slot(&self, key: u128, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = (hash >> (64 - self.slots.len().trailing_zeros())) as usize;
        while self.slots[at].key != key && self.slots[at].key != 0 {
            at = (at + 1) & mask;
        }
        at
    }

    /// Adds `bits` to `word`'s.
    pub(crate) fn insert(&mut self, word: &str, bits: u32) {
        let Some(key) = pack(word).filter(|&key| key != 0) else {
            return;
        };
        if (self.len + 1) * 4 > self.slots.len() {
            let mut larger = WordTable::with_slots(self.slots.len() * 2);
            for &Slot { key, bits } in &self.slots {
                if key != 0 {
                    larger.insert_key(key, bits);
                }
            }
            *self = larger;
        }
        self.insert_key(key, bits);
    }

    fn insert_key(&mut self, key: u128, bits: u32) {
        let hash = WordTable::hash(key);
        self.filter.set(WordTable::filter_bit(hash));
        let at = self.slot(key, hash);
        let slot = &mut self.slots[at];
        if slot.key == 0 {
            slot.key = key;
            self.len += 1;
        }
        slot.bits |= bits;
    }

    /// The bits of `word` (any case), or 0.
    pub(crate) fn bits(&self, word: &str) -> u32 {
        pack(word).map_or(0, |key| self.bits_of_key(key))
    }

    /// The bits of the word whose key is `key` (see [`word_keys`]).
    #[inline]
    pub(crate) fn bits_of_key(&self, key: u128) -> u32 {
        let hash = WordTable::hash(key);
        if !self.may_hold(hash) {
            return 0;
        }
        // The empty key finds an empty slot, whose bits are 0.
        self.slots[self.slot(key, hash)].bits
    }
}

/// Calls `f` with the key of each word of `text` (words as
/// [`super::words`] cuts them), or `None` for a word too long to have one.
/// The text is cut and packed in one pass; ASCII bytes, nearly all there
/// are, need no decoding, and are read eight at a time.
pub(crate) fn word_keys(text: &str, mut f: impl FnMut(Option<u128>)) {
    // The word so far in lowercase, and its length in bytes; past 16 it
    // has no key.
    let mut key = 0u128;
    let mut len = 0usize;
    let raw = text.as_bytes();
    let mut at = 0;
    loop {
        let chunk = eight_bytes(raw, at);
        // The run of ASCII letters and digits at `at`: bytes past the end
        // of the text read as 0, which ends a run.
        let run = bytes_before(not_alphanumeric(chunk)) as usize;
        if run > 0 {
            let lower = (chunk | splat(0x20)) & (u64::MAX >> (64 - 8 * run));
            if len == 0 {
                key = u128::from(lower);
            } else if len + run <= 16 {
                key |= u128::from(lower) << (8 * len);
            }
            len += run;
            at += run;
            if run == 8 {
                continue;
            }
        }
        let (c, end) = match raw.get(at) {
            None => (None, true),
            Some(b) if b.is_ascii() => {
                at += 1;
                (None, false)
            }
            Some(_) => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => {
                    at += c.len_utf8();
                    (Some(c).filter(|&c| super::in_word(c)), false)
                }
                None => (None, true),
            },
        };
        match c {
            Some(c) => {
                for lower in c.to_lowercase() {
                    let n = lower.len_utf8();
                    if len + n <= 16 {
                        let mut bytes = [0; 4];
                        lower.encode_utf8(&mut bytes);
                        key |= u128::from(u32::from_le_bytes(bytes)) << (8 * len);
                    }
                    len += n;
                }
            }
            None => {
                if len > 0 {
                    f((len <= 16).then_some(key));
                    key = 0;
                    len = 0;
                }
                if end {
                    break;
                }
            }
        }
    }
}

/// `word` in lowercase as a key, when it fits in 16 bytes.
fn pack(word: &str) -> Option<u128> {
    let mut bytes = [0u8; 16];
    if word.is_ascii() {
        if word.len() > 16 {
            return None;
        }
        for (slot, b) in bytes.iter_mut().zip(word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
    } else {
        let mut at = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let len = c.len_utf8();
            if at + len > 16 {
                return None;
            }
            c.encode_utf8(&mut bytes[at..at + len]);
            at += len;
        }
    }
    Some(u128::from_le_bytes(bytes))
}

/// Words read to guess a language: enough to tell, few enough to be quick.
const GUESS_WORDS: usize = 800;

/// The words of one line, and how many are stop words of each language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct StopWordCounts {
    words: u32,
    hits: [u32; LANGUAGES.len()],
}

impl StopWordCounts {
    /// Counts the word whose key is `key` (see [`word_keys`]).
    pub(crate) fn add(&mut self, key: Option<u128>) {
        self.add_bits(key.map_or(0, |key| TABLE.bits_of_key(key)));
    }

    /// Counts a word whose bits in [`TABLE`] (or in [`WORDS`], which has
    /// more, past the languages') are `bits`.
    pub(crate) fn add_bits(&mut self, bits: u32) {
        self.words += 1;
        // Most words are no stop word, and the rest of few languages: only
        // the bits set are visited.
        let mut languages = bits & ((1 << LANGUAGES.len()) - 1);
        while languages != 0 {
            self.hits[languages.trailing_zeros() as usize] += 1;
            languages &= languages - 1;
        }
    }
}

/// The stop words of one language.
#[derive(Clone, Copy)]
pub struct StopWords {
    /// The language's place in [`LANGUAGES`], and its bit in [`TABLE`].
    index: usize,
}

impl std::fmt::Debug for StopWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopWords")
            .field("language", &self.language())
            .finish()
    }
}

impl StopWords {
    /// The list for `language`.
    #[must_use]
    pub fn of(language: Language) -> StopWords {
        let index = LANGUAGES
            .iter()
            .position(|(l, _)| *l == language)
            .unwrap_or(0);
        StopWords { index }
    }

    /// The language whose stop words the words of `lines` hit most (read
    /// until enough words are seen): English when nothing hits.
    #[must_use]
    pub fn guess<'t>(lines: impl IntoIterator<Item = &'t str>) -> StopWords {
        StopWords::guess_from_counts(lines.into_iter().map(|line| {
            let mut counts = StopWordCounts::default();
            word_keys(line, |key| counts.add(key));
            counts
        }))
    }

    /// [`StopWords::guess`] from the [`StopWordCounts`] of each line.
    pub(crate) fn guess_from_counts(lines: impl IntoIterator<Item = StopWordCounts>) -> StopWords {
        let mut hits = [0u32; LANGUAGES.len()];
        let mut seen = 0;
        for line in lines {
            seen += line.words as usize;
            for (count, line_hits) in hits.iter_mut().zip(line.hits) {
                *count += line_hits;
            }
            if seen >= GUESS_WORDS {
                break;
            }
        }
        let best = (0..hits.len())
            .max_by_key(|&k| (hits[k], usize::MAX - k))
            .unwrap_or(0);
        StopWords { index: best }
    }

    /// How many words of the line counted in `counts` are stop words of
    /// this list.
    pub(crate) fn hits(&self, counts: &StopWordCounts) -> u32 {
        counts.hits[self.index]
    }

    /// The language of the list.
    #[must_use]
    pub fn language(&self) -> Language {
        LANGUAGES[self.index].0
    }

    /// Whether `word` (any case) is a stop word.
    #[must_use]
    pub fn contains(&self, word: &str) -> bool {
        TABLE.bits(word) >> self.index & 1 != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    #[test]
    fn guesses_the_language_from_its_function_words() {
        let cases = [
            (
                "The council said that it would meet again in the spring.",
                Language::English,
            ),
            (
                "Der Rat sagte, dass er sich im Frühjahr wieder treffen werde.",
                Language::German,
            ),
            (
                "Le conseil a dit qu'il se réunirait de nouveau au printemps.",
                Language::French,
            ),
            (
                "El consejo dijo que se reuniría de nuevo en la primavera.",
                Language::Spanish,
            ),
            (
                "Il consiglio ha detto che si riunirà di nuovo in primavera.",
                Language::Italian,
            ),
            (
                "De raad zei dat hij in het voorjaar weer bijeen zou komen.",
                Language::Dutch,
            ),
            (
                "Совет заявил, что он снова соберется весной.",
                Language::Russian,
            ),
        ];
        for (text, language) in cases {
            assert_eq!(StopWords::guess([text]).language(), language, "{text}");
        }
    }

    #[test]
    fn word_keys_match_the_keys_of_words() {
        for text in [
            "The Council, it said: über-Rat 9am",
            "ASCII only, with some_underscore",
            "a-very-long-compound-word-indeed",
            // Runs of ASCII read eight bytes at a time, across the 16-byte
            // limit, and around other letters.
            "abcdefgh ABCDEFGHIJKLMNOP abcdefghijklmnopq Überabcdefgh12345678 abcdefgh12345678é",
            "x0123456789abcdeü@[`{ end",
        ] {
            let mut keys = Vec::new();
            word_keys(text, |k| keys.push(k));
            let expected: Vec<Option<u128>> = words(text).map(pack).collect();
            assert_eq!(keys, expected, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_keys_of_any_text_match_the_keys_of_words(
            text in "(a|Z|9|,| |é|É|\u{301}|\u{200d}|ß|İ|ΣΑΣ|’|—|\\PC){0,40}"
        ) {
            let mut keys = Vec::new();
            word_keys(&text, |k| keys.push(k));
            let expected: Vec<Option<u128>> = words(&text).map(pack).collect();
            proptest::prop_assert_eq!(keys, expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn keys_hold_copyright_where_their_words_do(
            word in "[copyrightC0]{0,8}(copyright)?[copyrightC0]{0,8}"
        ) {
            if let Some(key) = pack(&word) {
                proptest::prop_assert_eq!(
                    key_holds_copyright(key, word.len()),
                    holds_copyright(word.as_bytes()),
                    "{}", word
                );
            }
        }
    }

    #[test]
    fn word_counts_hold_stop_words_furniture_and_copyright() {
        let counts = WordCounts::of("The Share button, © COPYRIGHTED by the ÜBER site");
        assert_eq!(counts.stop_words.words, 8);
        assert_eq!(StopWords::of(Language::English).hits(&counts.stop_words), 3);
        assert_eq!(StopWords::of(Language::German).hits(&counts.stop_words), 1);
        // `share` and `by`.
        assert_eq!(counts.furniture, 2);
        assert!(counts.copyright);
        for text in [
            "COPYRIGHT 2024",
            "Copyrigh",
            "© cC copyright",
            "copy-right",
            "xCopyrightx",
        ] {
            assert_eq!(
                WordCounts::of(text).copyright,
                text.to_ascii_lowercase().contains("copyright"),
                "{text}"
            );
        }
    }

    #[test]
    fn lookups_ignore_case() {
        let en = StopWords::of(Language::English);
        assert!(en.contains("The"));
        assert!(!en.contains("Council"));
        assert!(!en.contains("thereforeandthenagainsometimes"));
        assert!(StopWords::of(Language::German).contains("Über"));
    }
}
