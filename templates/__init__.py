"""The shipped .docx templates, installed as the package data reportgen.templates (see setup.cfg)."""
