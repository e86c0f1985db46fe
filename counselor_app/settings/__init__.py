"""What the counsellor sets for the school (设置) and what is built on it: the per-school options
(:mod:`.school_settings`), the screen lock, the self-check's choices, the first-run setup and the
housekeeping after every unlock."""
