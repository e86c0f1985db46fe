"""The 辅导室 page's widgets: the week grid of open slots, the appointment calendar, and dialogs."""
