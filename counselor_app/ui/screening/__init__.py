"""Screening in the desktop program: student mode, paper answer entry (and, in files of their own,
the worklist tab and the platform import dialog)."""
