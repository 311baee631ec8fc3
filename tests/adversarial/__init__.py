"""Adversarial tests: what a hostile pull request could put into seeds/ and briefs/ (see docs/security.md)."""
