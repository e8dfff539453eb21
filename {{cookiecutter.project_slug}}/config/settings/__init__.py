"""Settings: ``base`` is shared; ``dev``, ``test`` and ``prod`` adjust it per environment."""
