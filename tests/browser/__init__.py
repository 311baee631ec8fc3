"""Browser tests: a real Chromium reads the built site as a reader would (offline, served, on a phone)."""
