"""The settings page's sections: school and room, terms, accounts, backups, interface."""
