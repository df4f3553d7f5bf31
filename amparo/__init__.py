"""Amparo: case management for legal teams defending people held in immigration detention."""
