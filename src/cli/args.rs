//! Command-line arguments.

use crate::settings::{FeedbackMode, PlaySettings, seed_from_clock};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  hearken                                   open the home screen and pick a scenario
  hearken play back-after-relapse           practise one scenario
  hearken play my-scenario.toml --plain     line by line, for screen readers
  hearken play back-after-relapse --script - --json <<< '1 3 2 1'
  hearken validate scenarios/               check every scenario in a folder
  hearken validate --format github scenarios/   annotations for a pull request
  hearken test scenarios/                   run the scenarios' [[tests]]
  hearken new talking-about-work            start a new scenario
  hearken classify 'you sound exhausted' --context 'so tired'
  hearken classify --jsonl < answers.jsonl  one JSON result a line
  hearken explain H030                      what a diagnostic means, and how to fix it
  hearken graph back-after-relapse | dot -Tsvg > map.svg
  hearken sync --status                     learning records waiting for your organisation's LRS
  hearken export --xapi records.json        every session as xAPI statements, for offline sites";

#[derive(Parser, Debug)]
#[command(
    name = "hearken",
    version,
    about = "Practise active listening: a peer in distress talks, you choose how to respond, and every choice is scored and explained.",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Also load scenarios from this folder (repeatable)
    #[arg(long = "scenarios", value_name = "DIR", global = true)]
    pub scenarios: Vec<PathBuf>,

    /// Where history and user scenarios live (default: $HEARKEN_DATA_DIR, else your platform's data folder)
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Practise a scenario (by id or path); without one, pick from the home screen
    Play(PlayArgs),
    /// Check scenario files and folders (default: the built-in library)
    Validate(ValidateArgs),
    /// Run every [[tests]] block in scenario files and folders
    Test(TestArgs),
    /// Explain a diagnostic code, with a bad example and its fix
    Explain {
        /// A code such as H030; with none, the list of codes
        code: Option<String>,
    },
    /// Draw the map of a conversation (Graphviz dot or Mermaid)
    Graph(GraphArgs),
    /// Write a commented starter scenario
    New {
        /// The new scenario's id, in kebab-case (e.g. talking-about-work)
        id: String,
        /// Folder to write it in
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Print a JSON Schema of the scenario format, for editors
    Schema,
    /// Say what Hearken hears in a typed answer: reflection, question and skills, each with its cue
    Classify(ClassifyArgs),
    /// Past sessions and per-rubric trends
    History(HistoryArgs),
    /// Send queued learning records to the configured Learning Record Store (xAPI)
    Sync {
        /// Only show the queue: pending, sent and set-aside statements
        #[arg(long)]
        status: bool,
    },
    /// Write every stored session as xAPI statements (a JSON array), for an LRS that imports files
    Export {
        /// Write xAPI statements (the only format)
        #[arg(long, required = true)]
        xapi: bool,
        /// The file to write, or - for standard output
        #[arg(value_name = "FILE", default_value = "-")]
        output: String,
    },
    /// Print shell completions
    Completions { shell: clap_complete::Shell },
}

#[derive(Args, Debug, Clone)]
pub struct PlayArgs {
    /// Scenario id or path to a .toml file
    pub scenario: Option<String>,
    /// Seed for the order options are shown in (recorded in the report)
    #[arg(long)]
    pub seed: Option<u64>,
    /// When to show feedback
    #[arg(long, value_enum, default_value_t = FeedbackMode::Immediate)]
    pub feedback: FeedbackMode,
    /// Speed multiplier for the peer's speech (2 = twice as fast)
    #[arg(long, default_value_t = 1.0, value_parser = parse_pace)]
    pub pace: f64,
    /// Show the peer's words at once (nobody can interrupt, so non-interruption is not scored)
    #[arg(long)]
    pub no_animation: bool,
    /// Score with this rubric table instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Do not record this session in your history
    #[arg(long)]
    pub no_history: bool,
    /// Play headless: option numbers in file order from FILE or - (stdin); `!N` interrupts; `> words` types an answer
    #[arg(long, value_name = "FILE", conflicts_with = "plain")]
    pub script: Option<String>,
    /// With --script: print the report as JSON instead of the transcript
    #[arg(long, requires = "script")]
    pub json: bool,
    /// With --script: record the session in your history
    #[arg(long, requires = "script")]
    pub record: bool,
    /// Line-by-line mode for screen readers and simple terminals
    #[arg(long)]
    pub plain: bool,
    /// For authors: restart the conversation whenever the file is saved, and show its problems
    /// while it is broken (never recorded in history)
    #[arg(long, conflicts_with_all = ["script", "plain"], requires = "scenario")]
    pub watch: bool,
    /// Start at this node instead of the scenario's start (for authors; never recorded)
    #[arg(long, value_name = "NODE", requires = "scenario", conflicts_with = "record")]
    pub from: Option<String>,
    /// Type mode: answer in your own words instead of picking an option
    #[arg(long = "type", conflicts_with = "script")]
    pub typed: bool,
}

impl Default for PlayArgs {
    fn default() -> Self {
        PlayArgs {
            scenario: None,
            seed: None,
            feedback: FeedbackMode::Immediate,
            pace: 1.0,
            no_animation: false,
            rubric: None,
            no_history: false,
            script: None,
            json: false,
            record: false,
            plain: false,
            watch: false,
            from: None,
            typed: false,
        }
    }
}

impl PlayArgs {
    /// How sessions are played, for the front ends.
    pub fn play_settings(&self, color: bool) -> PlaySettings {
        PlaySettings {
            feedback: self.feedback,
            speed: self.pace,
            animate: !self.no_animation,
            seed: self.seed,
            base_seed: seed_from_clock(),
            color,
            // A session started part way is a rehearsal of that part, not practice to count.
            history: !self.no_history && self.from.is_none(),
            from: self.from.clone(),
            typed: self.typed,
        }
    }
}

fn parse_pace(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && (0.1..=10.0).contains(&x) => Ok(x),
        _ => Err("give a speed from 0.1 to 10 (1 is the peer's own pace)".into()),
    }
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    #[default]
    Human,
    Json,
    Github,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Files and folders (folders are searched for *.toml); default: the built-in library
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Treat warnings as errors (exit 1)
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check against this rubric table instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Do not compare options' skills with what Hearken hears in their words (H070)
    #[arg(long)]
    pub no_classifier_check: bool,
}

#[derive(Args, Debug)]
pub struct TestArgs {
    /// Files and folders; default: the built-in library
    pub paths: Vec<PathBuf>,
    /// Failed tests as located diagnostics: human, json (as `validate`) or github annotations
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Score with this rubric table instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    #[default]
    Dot,
    Mermaid,
}

#[derive(Args, Debug)]
pub struct GraphArgs {
    /// Scenario id or path
    pub scenario: String,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Only this scenario
    #[arg(long)]
    pub scenario: Option<String>,
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    #[default]
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct ClassifyArgs {
    /// The typed answer to classify (quote it); without it, read from standard input
    pub text: Option<String>,
    /// A line the peer said before the answer, oldest first (repeatable)
    #[arg(long, value_name = "LINE")]
    pub context: Vec<String>,
    #[arg(long, value_enum, default_value_t = ClassifyFormat::Human)]
    pub format: ClassifyFormat,
    /// Read {"context": "...", "text": "..."} lines on standard input; write one JSON result a line
    #[arg(long, conflicts_with_all = ["text", "context", "format"])]
    pub jsonl: bool,
}
