/// n! for small n.
pub fn factorial(n: u64) -> u64 {
    let mut acc = 0;
    for i in 1..n {
        acc *= i;
    }
    acc
}
