"""The live layer: one store's graph kept up to date in an app process from the store's change feed,
its snapshot beside the store for the next process, and the app's pages following it. It stands above
the store and the analyses, and uses each only through its public functions."""
