//! Word wrapping done here rather than by `Paragraph`, so layouts can measure text before
//! drawing it (how tall the options are decides how much transcript fits) and so long
//! transcripts are wrapped only as far as the screen shows.

use ratatui::text::Span;

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// `text` broken into rows at most `width` columns wide, at spaces where possible. Newlines
/// in the text start new rows; tabs count as spaces. Always at least one row.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut rows = Vec::new();
    for paragraph in text.split('\n') {
        let mut row = String::new();
        let mut row_w = 0;
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let w = width(word);
            let gap = usize::from(row_w > 0);
            if row_w + gap + w <= max {
                if gap == 1 {
                    row.push(' ');
                }
                row.push_str(word);
                row_w += gap + w;
                continue;
            }
            if row_w > 0 {
                rows.push(std::mem::take(&mut row));
                row_w = 0;
            }
            if w <= max {
                row.push_str(word);
                row_w = w;
                continue;
            }
            // A word longer than the row: break it between characters.
            for (i, c) in word.char_indices() {
                let cw = width(&word[i..i + c.len_utf8()]);
                if row_w + cw > max && row_w > 0 {
                    rows.push(std::mem::take(&mut row));
                    row_w = 0;
                }
                row.push(c);
                row_w += cw;
            }
        }
        rows.push(row);
    }
    rows
}

/// `s` cut to at most `max` columns, with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for (i, c) in s.char_indices() {
        let cw = width(&s[i..i + c.len_utf8()]);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_every_word() {
        let rows = wrap("I almost didn't come in today. I walked past the door twice.", 20);
        assert_eq!(rows, ["I almost didn't come", "in today. I walked", "past the door twice."]);
        assert!(rows.iter().all(|r| width(r) <= 20));
    }

    #[test]
    fn long_words_are_broken_and_newlines_kept() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn wide_characters_count_as_two_columns() {
        let rows = wrap("日本語のテキスト", 6);
        assert!(rows.iter().all(|r| width(r) <= 6), "{rows:?}");
        assert_eq!(rows.concat(), "日本語のテキスト");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("short", 8), "short");
    }
}
