// The demo customer database's privacy rules, run by `./setup.sh demo` on
// the new, empty database before the import, so that the import seals each
// value a tag covers as it writes it (docs/privacy.md explains each
// statement). Customers' phone numbers, e-mail addresses and WeChat ids are
// personal data read in full only by the purposes allowed to; birthdays read
// as years except for customer service. The consent records follow the
// import (examples/demo_consent.cypher).
CREATE TAG pii ON :Customer(phone, email, wechat) MASK partial(3);
CREATE TAG dob ON :Customer(birthday) MASK year;
CREATE PURPOSE marketing BASIS consent;
CREATE PURPOSE service BASIS contract;
CREATE PURPOSE analytics BASIS legitimate_interest;
ALLOW marketing READ pii;
ALLOW service READ pii;
ALLOW service READ dob;
