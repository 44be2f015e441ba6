/// "a  b c" -> "c b a".
pub fn reverse_words(s: &str) -> String {
    todo!("reverse the words of {s}")
}
