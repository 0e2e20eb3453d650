"""Base templates, home page, language switch, static assets and start-up checks."""
