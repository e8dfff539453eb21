"""Packages: reusable backend libraries with no Django, no products and no settings of their own."""
