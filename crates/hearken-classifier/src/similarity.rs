//! How alike two wordings are, for matching a typed answer to the closest option
//! (docs/classifier.md, "Wording similarity"). Integer arithmetic only: the same pair gives the
//! same number on every machine.

use std::cell::RefCell;
use std::rc::Rc;

use crate::lexicon;
use crate::normalize;

/// The words of a text, cleaned as the classifier reads them.
fn words(text: &str) -> Vec<String> {
    let (chunks, _) = normalize::read(&normalize::clean(text));
    let mut out = Vec::new();
    for mut chunk in chunks {
        normalize::canonical_pairs(&mut chunk.words);
        out.extend(chunk.words.into_iter().map(|w| w.text));
    }
    out
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Size of the intersection of two sorted, deduplicated lists.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient in thousandths.
fn dice<T: Ord>(a: &[T], b: &[T]) -> u32 {
    if a.is_empty() && b.is_empty() {
        return 1000;
    }
    (2000 * common(a, b) / (a.len() + b.len())) as u32
}

/// Character trigrams of the words, hashed (FNV-1a) so they compare as integers.
fn trigrams(words: &[String]) -> Vec<u32> {
    let joined = format!(" {} ", words.join(" "));
    let bytes = joined.as_bytes();
    let grams =
        bytes.windows(3).map(|g| g.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)));
    sorted(grams.collect())
}

/// A wording read once: its words, content stems and letter triples.
struct Prepared {
    words: Vec<String>,
    stems: Vec<String>,
    trigrams: Vec<u32>,
}

fn prepare(text: &str) -> Prepared {
    let words = words(text);
    let content: Vec<String> = words.iter().filter(|x| !lexicon::is_stopword(x)).map(|x| normalize::stem(x)).collect();
    let stems = if content.is_empty() { sorted(words.clone()) } else { sorted(content) };
    let trigrams = trigrams(&words);
    Prepared { words, stems, trigrams }
}

/// Recently read wordings: matching compares one typed answer with every option and
/// paraphrase at a node, so each is read once, not once per pair. A cache of pure results,
/// so it never changes an answer.
fn prepared(text: &str) -> Rc<Prepared> {
    const KEEP: usize = 32;
    thread_local! {
        static CACHE: RefCell<Vec<(String, Rc<Prepared>)>> = const { RefCell::new(Vec::new()) };
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, p)) = cache.iter().find(|(t, _)| t == text) {
            return Rc::clone(p);
        }
        let p = Rc::new(prepare(text));
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((text.to_owned(), Rc::clone(&p)));
        p
    })
}

/// Similarity of wording in 0..=1000 between a typed answer and an option text or paraphrase:
/// 600 parts shared content words (stemmed, so "exhausted" meets "exhausting", and one typo
/// apart still meets), 400 parts shared letter triples (so word forms still count).
pub fn wording_similarity(a: &str, b: &str) -> u32 {
    let (pa, pb) = (prepared(a), prepared(b));
    if pa.words == pb.words {
        return if pa.words.is_empty() { 0 } else { 1000 };
    }
    if pa.words.is_empty() || pb.words.is_empty() {
        return 0;
    }
    let (sa, sb) = (&pa.stems, &pb.stems);
    // A typo ("exhuasted") still meets its word: one edit apart counts as the same stem.
    let near = sa
        .iter()
        .filter(|x| sb.iter().any(|y| x == &y || (x.len() >= 5 && y.len() >= 5 && normalize::within_one_edit(x, y))))
        .count()
        .min(sb.len());
    let word_score = (2000 * near / (sa.len() + sb.len())) as u32;
    let tri_score = dice(&pa.trigrams, &pb.trigrams);
    (600 * word_score + 400 * tri_score) / 1000
}
