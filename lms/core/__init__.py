"""What every concept shares: hand-written SQL (`sql`), query expressions, the
sign-in backend, people's names, report rows and their filters, admin table
columns, the base of the permission policies and the administrators-only
check. It imports no other concept."""
