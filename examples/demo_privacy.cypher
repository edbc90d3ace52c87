// The demo customer database's privacy rules and consent records, run by
// `./setup.sh demo` after the import (docs/privacy.md explains each
// statement). Customers' phone numbers, e-mail addresses and WeChat ids are
// personal data read in full only by the purposes allowed to; birthdays read
// as years except for customer service. Three in five customers agreed to
// marketing at sign-up, one in five during a campaign whose consent expired.
CREATE TAG pii ON :Customer(phone, email, wechat) MASK partial(3);
CREATE TAG dob ON :Customer(birthday) MASK year;
CREATE PURPOSE marketing BASIS consent;
CREATE PURPOSE service BASIS contract;
CREATE PURPOSE analytics BASIS legitimate_interest;
ALLOW marketing READ pii;
ALLOW service READ pii;
ALLOW service READ dob;
MATCH (c:Customer) WHERE c.id % 5 IN [0, 1, 2]
CALL privacy.grant(c, 'marketing', {source: 'signup-form'});
MATCH (c:Customer) WHERE c.id % 5 = 3
CALL privacy.grant(c, 'marketing', {source: 'campaign-2025', expires: datetime('2026-06-30T00:00:00Z')});
