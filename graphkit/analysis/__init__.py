"""Analysis: pure functions of a NetworkX stakeholder graph. Nothing here talks to a store."""
