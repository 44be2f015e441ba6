use pal::is_palindrome;

#[test]
fn phrases() {
    assert!(is_palindrome("A man, a plan, a canal: Panama"));
    assert!(is_palindrome("racecar"));
    assert!(!is_palindrome("rust"));
}
