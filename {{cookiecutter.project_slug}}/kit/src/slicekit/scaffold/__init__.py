"""The product scaffolder: the single source of every product's skeleton."""
