"""Exchange with other books: ``briefings.json`` out, other books' JSON in."""
