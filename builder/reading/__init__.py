"""Reading the corpus: files, strict YAML, typed fields into records, the record cache."""
