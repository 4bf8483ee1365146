"""What every stage shares: diagnostics (errors as data), the record model, worker processes."""
