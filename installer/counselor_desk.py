"""Entry script of the windowed executable ``counselor-desk`` (no console window on Windows).

The console executable ``counselor-app`` is built from ``counselor_app/__main__.py``.
"""

from counselor_app.ui.app import main

raise SystemExit(main())
