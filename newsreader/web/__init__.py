"""The web shell: home, story, article, outlet and import pages, forms and text rendering."""
