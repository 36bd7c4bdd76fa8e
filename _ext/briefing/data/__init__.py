"""The book as data (pure): what the domain stores (records) and what each view shows (views)."""
