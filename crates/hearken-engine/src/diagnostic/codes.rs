//! The catalogue of diagnostic codes. Each code's long explanation, with a bad example and its
//! fix, lives in `docs/diagnostics/CODE.md` and is compiled in for `hearken explain`.

use super::Severity;

macro_rules! codes {
    ($($code:ident $sev:ident $title:literal,)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($code,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code),)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev,)* }
            }

            /// A few words naming the kind of problem.
            pub fn title(self) -> &'static str {
                match self { $(Code::$code => $title,)* }
            }

            /// The long form: what the problem is, why it matters, a bad example and the fix.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$code => include_str!(concat!("../../../../docs/diagnostics/", stringify!($code), ".md")),)* }
            }
        }
    };
}

codes! {
    H001 Error "the file is not valid TOML",
    H002 Error "the file is not UTF-8 text",
    H003 Error "the file is too large",
    H004 Error "too many nodes",
    H005 Error "values nested too deeply",
    H006 Error "text too long",
    H007 Error "the file is empty",
    H008 Error "a double quote inside text",
    H009 Warning "the file starts with a byte-order mark",
    H010 Error "unknown key",
    H011 Error "wrong type of value",
    H012 Error "missing required key",
    H013 Error "unsupported format version",
    H014 Error "id is not kebab-case",
    H015 Error "number out of range",
    H016 Error "control character in text",
    H017 Error "unknown choice of value",
    H018 Error "empty text or list",
    H019 Error "a key written under the wrong header",
    H020 Error "an ending has options",
    H021 Error "an ending has no outcome",
    H022 Error "a node has no options and is not an ending",
    H023 Error "an outcome on a node that is not an ending",
    H024 Warning "a key that does nothing on an ending",
    H025 Error "`after` names no line of the peer's turn",
    H026 Error "a decision's key on an ending",
    H030 Error "unknown node",
    H031 Error "unknown skill code",
    H032 Error "the last branch of a conditional `next` has a condition",
    H033 Warning "a branch that can never be taken",
    H034 Error "scenario id used twice",
    H035 Error "a skill listed twice in one option",
    H037 Warning "the scenario id differs from the file name",
    H040 Warning "unreachable node",
    H041 Error "no ending can be reached",
    H042 Warning "every option is a pitfall",
    H043 Warning "a decision with only one option",
    H044 Warning "two options with the same text",
    H045 Warning "a rubric the scenario cannot train",
    H046 Warning "the best option carries a pitfall",
    H047 Warning "a pitfall leads straight to a good ending",
    H048 Warning "the best option is usually the longest",
    H049 Warning "a critical moment with no single best option",
    H050 Error "a test choice is not an option number",
    H051 Error "a test expects an ending that does not exist",
    H052 Error "a test's score range is empty",
    H053 Error "a test choice does not fit the conversation",
    H054 Error "a test ran out of choices before an ending",
    H055 Error "a test reached a different ending",
    H056 Error "a test's score is out of its range",
    H057 Error "a test's result is not the one expected",
    H058 Error "a test cannot run because the file has errors",
    H060 Error "the rubric table is missing a skill",
    H070 Warning "an option's skills and its words disagree",
    H090 Error "a file or folder cannot be read",
    H091 Warning "a check could not run",
    H092 Error "no scenario files found",
    H093 Warning "a file that looks like a scenario is not read",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Code, ()> {
        let s = s.trim();
        // "30" and "h30" are how people remember "H030".
        let digits = s.strip_prefix(['H', 'h']).unwrap_or(s);
        let upper = match digits.parse::<u16>() {
            Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => format!("H{n:03}"),
            _ => s.to_ascii_uppercase(),
        };
        Code::ALL.iter().copied().find(|c| c.as_str() == upper).ok_or(())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_found_however_people_write_them() {
        for s in ["H030", "h030", "h30", "30", " H030 "] {
            assert_eq!(s.parse::<Code>(), Ok(Code::H030), "{s}");
        }
        assert!("H999".parse::<Code>().is_err());
        assert!("H".parse::<Code>().is_err());
        assert!("x30".parse::<Code>().is_err());
    }
}
