def transpose(matrix):
    """Rows become columns: [[1, 2], [3, 4]] -> [[1, 3], [2, 4]]."""
    raise NotImplementedError
