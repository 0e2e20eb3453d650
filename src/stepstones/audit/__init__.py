"""The hash-chained audit log of every write and every identity read."""
