"""actionplan: public-sector action plans (PDF, DOCX, text) in, one typed table of actions out."""

__version__ = "0.1.0"
