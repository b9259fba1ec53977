"""Blueprints, one group per listener: ``kiosk`` for inmates, ``staff`` for staff."""
