"""Reading paper business cards from photos, offline: find the card, read it, recognise fields."""
