use super::*;

#[test]
fn smoke() {
    let c = classify("what happened", &[]);
    assert_eq!(c.question, Question::Open);
}
