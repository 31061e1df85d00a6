"""Reading and writing graphs in files."""
