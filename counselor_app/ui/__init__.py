"""The desktop program (Qt Widgets): windows, pages, table models and the glue to the services.

Everything that imports PySide6 lives under this package. It holds no business rule: numbers and
checks shown here come from services in ``counselor_app`` that the command line can call too.
"""
