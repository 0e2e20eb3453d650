"""Organisations, their members and roles, and the service directory ("the stones")."""
