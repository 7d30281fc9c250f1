"""Readers: files in, canonical tables plus a rejects report out (loaded + rejected = read)."""
