// The demo customer database's consent records, run by `./setup.sh demo`
// after the import (the rules they apply to are examples/demo_privacy.cypher).
// Three in five customers agreed to marketing at sign-up, one in five during
// a campaign whose consent expired.
MATCH (c:Customer) WHERE c.id % 5 IN [0, 1, 2]
CALL privacy.grant(c, 'marketing', {source: 'signup-form'});
MATCH (c:Customer) WHERE c.id % 5 = 3
CALL privacy.grant(c, 'marketing', {source: 'campaign-2025', expires: datetime('2026-06-30T00:00:00Z')});
