"""Cases: the whistleblower channel, case management and recommendation tracking (issue #6).

The store (`db`, `models`, `migrations`), the crypto (`crypto`, `receipts`, `keys`), the audit
chain (`audit`) and intake live here; the web app sits on top of them, in `adaldyq.web`.
"""
