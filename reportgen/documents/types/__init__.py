"""The document types, one module each: its declaration (a DocType named TYPE), its context and its plan.

The registry (documents/registry.py) lists them; nothing else needs to know a type exists.
"""
