use shapes::Rect;

#[test]
fn area_and_hold() {
    let r = Rect { width: 3, height: 4 };
    assert_eq!(r.area(), 12);
    assert_eq!(Rect::square(2).area(), 4);
    assert!(r.can_hold(&Rect::square(2)));
    assert!(!r.can_hold(&Rect::square(3)));
}
