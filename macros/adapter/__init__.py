"""The MkDocs adapter: hooks, the macros registered with mkdocs-macros, and the per-build cache of checked data.

Layer 6, the top: the only package that may import MkDocs or its plugins; may import every package below it.
Nothing in `macros` imports this package except `macros.define_env`, the macros plugin's entry point.
"""
