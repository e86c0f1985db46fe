"""The screening page's own tabs and dialogs (the worklist, answers, student mode, imports)."""
