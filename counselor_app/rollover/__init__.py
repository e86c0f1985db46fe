"""The roll-over to a new school year (升级到新学年): its plan, doing it, its record, undoing it, and
the school years at a glance."""
