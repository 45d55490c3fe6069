"""Knutpunkt: early, coordinated and preventive social work."""
