"""The notes assistant in Django: CLI command, API and review fragment. Stores nothing."""
