//! Prints what the classifier hears: `cargo run --example probe -- "answer" "peer line" …`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let context: Vec<&str> = args[1..].iter().map(String::as_str).collect();
    let c = hearken_classifier::classify(&args[0], &context);
    println!("{}/{} {:?}", c.reflection.as_str(), c.question.as_str(), c.skills);
    for cue in c.cues {
        println!("  {cue}");
    }
}
