"""The school: setting it up and unlocking it (:mod:`.core`), its accounts, the confidential key
(:mod:`.sealing`), its backups and their catalogue, and rescue."""
