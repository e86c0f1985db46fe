"""The pages of the main window, one module per section of the navigation."""
