"""People (pseudonymous), the encrypted identity vault, consent, cases and assessments."""
