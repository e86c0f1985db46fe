"""Counselor Desk (心理辅导工作台): records, self-check and district reports for a school counsellor.

This package and everything below it, except ``counselor_app.ui``, is plain Python and never imports Qt.
"""

__version__ = "0.1.0"
