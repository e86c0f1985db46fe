"""Every record type listed, searched, created, edited and deleted through one set of widgets.

The widgets are generated from the record catalogue (``counselor_app.records.catalog``): a table
model whose columns are a type's fields, a list view with search, date range and undo, and a form
that validates as you type by asking the record service. They hold no rule of their own.
"""
