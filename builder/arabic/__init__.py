"""Arabic text: folding for matching, printing dates, numbers and counted nouns, all the site's wording, bidi isolation."""
