use core_lib::average;

#[test]
fn averages() {
    assert_eq!(average(&[]), None);
    assert_eq!(average(&[2.0, 4.0]), Some(3.0));
}
