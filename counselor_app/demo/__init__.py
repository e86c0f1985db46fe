"""The pieces of the demo school generator; :mod:`counselor_app.demo.generator` puts them together."""
