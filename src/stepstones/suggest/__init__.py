"""The notes assistant in Django: CLI command, API router and the review fragment (stores nothing)."""
