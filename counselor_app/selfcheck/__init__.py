"""The termly self-check (学期自查): district checklists evaluated from the records.

Profiles (``resources/profiles/*.toml``) say which rules a district asks for, with their texts and
thresholds; metrics (``metrics/``) are the code that measures them; the engine runs a profile for a
term. Nothing here imports Qt or draws anything.
"""
