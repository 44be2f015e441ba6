use words::reverse_words;

#[test]
fn reverses() {
    assert_eq!(reverse_words("a  b c"), "c b a");
    assert_eq!(reverse_words("  hello world "), "world hello");
    assert_eq!(reverse_words(""), "");
}
