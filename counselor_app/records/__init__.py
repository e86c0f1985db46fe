"""Record types: what each kind of record holds (``catalog``), how it is checked (``validation``)
and how it is created, read, changed and deleted (``service``)."""
