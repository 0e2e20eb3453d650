"""Job offers: the public checker page, reporting deceptive offers, the API and the CLI."""
