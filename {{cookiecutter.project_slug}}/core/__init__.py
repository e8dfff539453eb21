"""The shared core: what every product may use (user model, base models, test helpers)."""
