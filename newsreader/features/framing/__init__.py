"""Outlet framing: loaded words, frames, sourcing, reporting verbs, distinctive terms, omissions."""
