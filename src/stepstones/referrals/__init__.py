"""Referrals, transfers of responsibility, services, deadlines and the chain view."""
