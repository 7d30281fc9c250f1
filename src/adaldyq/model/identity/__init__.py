"""Identity of people and organisations: Kazakh IIN/BIN, names, contacts and addresses.

Pure functions that turn what registers and portals write into comparison keys, so entity
resolution (the integrity graph) and the Kazakhstan connectors decide "same person?" or "same
company?" from one definition. No I/O, no data files: every table is code, small and reviewed.
"""
