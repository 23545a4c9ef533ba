"""The story report: one printable page (and PDF, JSON, CSV) an editor or a class hands in."""
