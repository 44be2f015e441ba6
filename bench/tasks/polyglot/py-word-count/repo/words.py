from collections import Counter


def word_count(text):
    """Counts words, ignoring case and punctuation."""
    return Counter(text.split(" "))
