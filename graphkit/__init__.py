"""graphkit: a stakeholder-relationship graph for library advocates in Internet governance."""

__version__ = "0.1.0"
