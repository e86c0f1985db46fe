"""Storage: the encrypted database, the key file, migrations, backups and the audit trail.

Nothing here knows about screens; nothing here writes a student's data to disk in plaintext.
"""
