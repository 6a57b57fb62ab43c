"""Pairing single applicants: staff run the matching engine's optimal pairing over a call's
applications to be matched, propose pairs, and a pair becomes one joint application when
both organisations accept."""
