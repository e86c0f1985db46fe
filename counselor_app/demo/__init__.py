"""The pieces of the demo school generator; :mod:`counselor_app.demo_data` puts them together."""
