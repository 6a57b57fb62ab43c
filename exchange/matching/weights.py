"""What makes a good pair, and how much each part counts. The only place these numbers live.

In the programme's order of importance:

* COMMON_NEED: both organisations want to strengthen the same capacity area. The
  programme exists for partnerships that work on *one common organisational issue*, so
  this counts double.
* COMPLEMENT: one offers what the other needs, in either direction (each direction
  counts once).
* SHARED_FIELD: both work on the same thematic field (youth, climate, ...): useful
  context, not a reason on its own.
* HOSTS_VISITS: the candidate can host a study visit; the exchange includes visits both
  ways, so this only breaks ties.

Areas inferred from free text count with the confidence the engine has in them (a
probability between 0 and 1), so a pair built on guesses ranks below a pair built on
areas the organisations chose themselves.
"""

COMMON_NEED = 2.0
COMPLEMENT = 1.0
SHARED_FIELD = 0.5
HOSTS_VISITS = 0.1

# A candidate must reach this score to be recommended at all: one shared field alone
# (0.5) does not make a partnership.
MIN_SCORE = 0.55
