"""Review notes on passages: add, list, delete; groups to share them with."""
