"""The shipped .docx templates (installed as the package ``reportgen.templates``)."""
