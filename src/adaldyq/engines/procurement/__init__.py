"""Procurement risk engine: Cardinal's red flags, the CRI components and the seed's patterns."""
