"""What a product is and the rules it obeys, checked without running its code.

Standard library only: the names every product derives from its one name,
the contract rules and contract lock (``python -m slicekit contracts``) and
the product layout lint (``manage.py lintproducts``). The Django-aware checks
live in ``slicekit.django.checks`` and build on this package.
"""
