"""Views of open statistics, one module per page family."""
