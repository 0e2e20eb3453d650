"""Legal indicator catalogue and the assessment engine (pure: no Django)."""
