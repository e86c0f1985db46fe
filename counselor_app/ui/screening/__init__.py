"""Screening in the desktop program: student mode, paper answer entry, the worklist tab with its
interview dialog, and the platform import dialog."""
