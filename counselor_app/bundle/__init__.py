"""The sealed district bundle (上报包) and the district's tools to open, check and total them.

A school seals its termly self-check and figures for the district: signed with the school's
Ed25519 key in minisign's format, encrypted to the district's X25519 key with age, and the
encrypted payload signed again so the district checks who sent it before decrypting anything.
The format is described in ``docs/bundle-format.md``; every module here is plain Python (no Qt).

Import what you need from the modules (nothing heavy is imported here):

- :mod:`.school_keys` — the school's signing key, its fingerprint (``school_fingerprint``) and
  the imported district key;
- :mod:`.export` — ``export_bundle`` (the school's side), followed and stopped between its
  phases through :mod:`.export_progress`;
- :mod:`.district` — the district's key folder: keygen, unlock, register, open;
- :mod:`.receipts` — signed receipts and their import by the school;
- :mod:`.summary` — totals over many bundles (Excel, PDF).
"""
