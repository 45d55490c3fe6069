"""Shared test helpers: the named cast every test module uses."""
