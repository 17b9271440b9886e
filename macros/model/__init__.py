"""The data model: what a handbook's `data/` folder may hold, read with line marks and checked for shape.

Owns the typed model (`types`), YAML reading with positions (`yamldoc`), loading a folder into a `Project`
(`loader`), cross-file references, findings and their locations, pydantic errors turned into findings, and the
JSON Schemas derived from the model.

Layer 0: imports nothing else from `macros`.
"""
