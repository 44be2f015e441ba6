def apply_discount(price, discount):
    """Price after a fixed discount, never below zero."""
    result = price - discount
    return round(result, 2)


def apply_tax(price, rate):
    result = price * (1 + rate)
    return round(result, 2)
