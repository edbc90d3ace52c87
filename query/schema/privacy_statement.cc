#include "query/schema/privacy_statement.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "query/query_error.h"
#include "query/storage_error_translation.h"
#include "storage/graph.h"
#include "storage/privacy_catalog.h"

namespace guanxi::query {

namespace {

using ast::StatementKind;
using storage::LegalBasis;
using storage::MaskKind;
using storage::NameKind;
using storage::TaggedEntity;

constexpr std::pair<std::string_view, LegalBasis> kBases[] = {
    {"consent", LegalBasis::kConsent},
    {"contract", LegalBasis::kContract},
    {"legal_obligation", LegalBasis::kLegalObligation},
    {"legitimate_interest", LegalBasis::kLegitimateInterest},
};
constexpr std::pair<std::string_view, MaskKind> kMasks[] = {
    {"null", MaskKind::kNull}, {"redact", MaskKind::kRedact}, {"partial", MaskKind::kPartial},
    {"hash", MaskKind::kHash}, {"year", MaskKind::kYear},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The warning of a CREATE TAG that sealed `records` written before it. The
// message names how many, never which: the records are the tag's subjects.
Notification clear_copies_remain(const std::string& tag, TaggedEntity entity,
                                 std::uint64_t records) {
  Notification n;
  n.code = Notification::Code::kClearCopiesRemain;
  n.name = tag;
  n.message = fmt::format(
      "tag '{}' sealed the values of {} {} written before it; their earlier copies stay in "
      "the clear in free pages of the data file until 'guanxi compact' rewrites it",
      tag, records,
      entity == TaggedEntity::kNode ? (records == 1 ? "node" : "nodes")
                                    : (records == 1 ? "relationship" : "relationships"));
  return n;
}

class PrivacyStatementRunner {
 public:
  PrivacyStatementRunner(storage::Graph& graph, const storage::Transaction& txn,
                         storage::WriteTransaction* write_txn, const ast::Statement& statement)
      : graph_(graph),
        txn_(txn),
        write_txn_(write_txn),
        statement_(statement),
        schema_(storage::read_privacy_schema(txn)) {}

  SchemaResult run() {
    try {
      switch (statement_.kind) {
        case StatementKind::kCreateTag: return create_tag();
        case StatementKind::kDropTag: return drop_tag();
        case StatementKind::kCreatePurpose: return create_purpose();
        case StatementKind::kDropPurpose: return drop_purpose();
        case StatementKind::kAllowRead: return change_policy(/*allow=*/true);
        case StatementKind::kDisallowRead: return change_policy(/*allow=*/false);
        case StatementKind::kShowTags: return show_tags();
        case StatementKind::kShowPurposes: return show_purposes();
        case StatementKind::kShowPolicies: return show_policies();
        default: break;
      }
    } catch (const storage::StorageError& e) {
      fail(query_error_from(e).code(), e.what());
    }
    fail(QueryErrorCode::kSemantic, "not a privacy statement");
  }

 private:
  [[noreturn]] void fail(QueryErrorCode code, const std::string& message) const {
    if (statement_.pos.known()) throw QueryError(code, message, statement_.pos, statement_.text);
    throw QueryError(code, message);
  }

  storage::WriteTransaction& writer() const {
    if (!write_txn_) {
      fail(QueryErrorCode::kTransaction, "a privacy schema change needs a write transaction");
    }
    return *write_txn_;
  }

  const storage::TagDefinition* find_tag(std::string_view name) const {
    for (const auto& tag : schema_.tags) {
      if (tag.name == name) return &tag;
    }
    return nullptr;
  }
  const storage::PurposeDefinition* find_purpose(std::string_view name) const {
    for (const auto& purpose : schema_.purposes) {
      if (purpose.name == name) return &purpose;
    }
    return nullptr;
  }
  const storage::TagDefinition& existing_tag(std::string_view name) const {
    const storage::TagDefinition* tag = find_tag(name);
    if (!tag) fail(QueryErrorCode::kNotFound, fmt::format("no tag named '{}'", name));
    return *tag;
  }
  const storage::PurposeDefinition& existing_purpose(std::string_view name) const {
    const storage::PurposeDefinition* purpose = find_purpose(name);
    if (!purpose) fail(QueryErrorCode::kNotFound, fmt::format("no purpose named '{}'", name));
    return *purpose;
  }

  storage::Mask parse_mask() const {
    const std::string name = lower(statement_.mask);
    const auto* known = std::find_if(std::begin(kMasks), std::end(kMasks),
                                     [&](const auto& m) { return m.first == name; });
    if (known == std::end(kMasks)) {
      fail(QueryErrorCode::kInvalidArgument,
           fmt::format("unknown mask '{}' (expected null, redact, partial(n), hash or year)",
                       statement_.mask));
    }
    storage::Mask mask{known->second, 0};
    const bool partial = mask.kind == MaskKind::kPartial;
    if (partial && statement_.mask_argument < 0) {
      fail(QueryErrorCode::kInvalidArgument,
           "mask partial needs the number of characters to keep: partial(n)");
    }
    if (!partial && statement_.mask_argument >= 0) {
      fail(QueryErrorCode::kInvalidArgument, fmt::format("mask {} takes no argument", name));
    }
    if (partial) {
      if (statement_.mask_argument > 1000) {
        fail(QueryErrorCode::kInvalidArgument, "mask partial keeps at most 1000 characters");
      }
      mask.keep = static_cast<std::uint32_t>(statement_.mask_argument);
    }
    return mask;
  }

  // ON :Name names a label or a relationship type (docs/privacy.md).
  std::pair<TaggedEntity, std::uint32_t> tagged_entity(storage::WriteTransaction& w) const {
    auto& dict = graph_.dictionary();
    const auto label = dict.find(txn_, NameKind::kLabel, statement_.label);
    const auto type = dict.find(txn_, NameKind::kType, statement_.label);
    if (label && type) {
      fail(QueryErrorCode::kInvalidArgument,
           fmt::format("'{}' is both a label and a relationship type; rename one to tag it",
                       statement_.label));
    }
    if (label) return {TaggedEntity::kNode, *label};
    if (type) return {TaggedEntity::kRelationship, *type};
    const bool has_lower = std::any_of(statement_.label.begin(), statement_.label.end(),
                                       [](unsigned char c) { return std::islower(c) != 0; });
    if (has_lower) return {TaggedEntity::kNode, dict.intern(w, NameKind::kLabel, statement_.label)};
    return {TaggedEntity::kRelationship, dict.intern(w, NameKind::kType, statement_.label)};
  }

  SchemaResult changed() const {
    SchemaResult result;
    result.changes.privacy_rules_changed = 1;
    return result;
  }

  SchemaResult create_tag() {
    if (find_tag(statement_.schema_name)) {
      fail(QueryErrorCode::kInvalidArgument,
           fmt::format("tag '{}' already exists", statement_.schema_name));
    }
    storage::TagDefinition tag;
    tag.name = statement_.schema_name;
    tag.mask = parse_mask();
    storage::WriteTransaction& w = writer();
    std::tie(tag.entity, tag.label_or_type) = tagged_entity(w);
    for (const std::string& property : statement_.properties) {
      const storage::PropertyKeyId key =
          graph_.dictionary().intern(w, NameKind::kPropertyKey, property);
      for (const auto& other : schema_.tags) {
        if (other.entity == tag.entity && other.label_or_type == tag.label_or_type &&
            std::binary_search(other.properties.begin(), other.properties.end(), key)) {
          fail(QueryErrorCode::kInvalidArgument,
               fmt::format("property {}.{} already belongs to tag '{}'", statement_.label, property,
                           other.name));
        }
      }
      tag.properties.push_back(key);
    }
    std::sort(tag.properties.begin(), tag.properties.end());
    tag.properties.erase(std::unique(tag.properties.begin(), tag.properties.end()),
                         tag.properties.end());
    storage::put_tag(w, tag);
    // The values it covers are sealed from now. Those written before are
    // sealed into new places; LMDB leaves the old ones in the pages it frees.
    const std::uint64_t sealed = graph_.reseal(w, tag.entity, tag.label_or_type);
    SchemaResult result = changed();
    if (sealed > 0)
      result.notifications.push_back(clear_copies_remain(tag.name, tag.entity, sealed));
    return result;
  }

  SchemaResult drop_tag() {
    const storage::TagDefinition& tag = existing_tag(statement_.schema_name);
    storage::WriteTransaction& w = writer();
    for (const auto& policy : schema_.policies) {
      if (policy.tag == tag.name) storage::erase_policy(w, policy);
    }
    storage::erase_tag(w, tag.name);
    graph_.reseal(w, tag.entity, tag.label_or_type);  // what no other tag covers opens
    return changed();
  }

  SchemaResult create_purpose() {
    if (find_purpose(statement_.schema_name)) {
      fail(QueryErrorCode::kInvalidArgument,
           fmt::format("purpose '{}' already exists", statement_.schema_name));
    }
    const std::string basis = lower(statement_.basis);
    const auto* known = std::find_if(std::begin(kBases), std::end(kBases),
                                     [&](const auto& b) { return b.first == basis; });
    if (known == std::end(kBases)) {
      fail(QueryErrorCode::kInvalidArgument,
           fmt::format("unknown legal basis '{}' (expected consent, contract, legal_obligation "
                       "or legitimate_interest)",
                       statement_.basis));
    }
    storage::put_purpose(writer(), {statement_.schema_name, known->second, 0});
    return changed();
  }

  SchemaResult drop_purpose() {
    const storage::PurposeDefinition& purpose = existing_purpose(statement_.schema_name);
    storage::WriteTransaction& w = writer();
    for (const auto& policy : schema_.policies) {
      if (policy.purpose == purpose.name) storage::erase_policy(w, policy);
    }
    storage::erase_purpose(w, purpose.name);
    return changed();
  }

  SchemaResult change_policy(bool allow) {
    const storage::PolicyDefinition policy{existing_purpose(statement_.schema_name).name,
                                           existing_tag(statement_.target).name};
    const bool exists = std::find(schema_.policies.begin(), schema_.policies.end(), policy) !=
                        schema_.policies.end();
    if (exists == allow) return {};
    if (allow) {
      storage::put_policy(writer(), policy);
    } else {
      storage::erase_policy(writer(), policy);
    }
    return changed();
  }

  SchemaResult show_tags() {
    SchemaResult result;
    result.columns = {"name", "mask", "entityType", "labelOrType", "properties"};
    auto& dict = graph_.dictionary();
    for (const auto& tag : schema_.tags) {
      const bool node = tag.entity == TaggedEntity::kNode;
      List properties;
      for (storage::PropertyKeyId key : tag.properties) {
        properties.emplace_back(dict.name(txn_, NameKind::kPropertyKey, key));
      }
      std::sort(properties.begin(), properties.end(),
                [](const Value& a, const Value& b) { return a.as_string() < b.as_string(); });
      result.rows.push_back(
          {Value(tag.name), Value(mask_text(tag.mask)), Value(node ? "NODE" : "RELATIONSHIP"),
           Value(dict.name(txn_, node ? NameKind::kLabel : NameKind::kType, tag.label_or_type)),
           Value(std::move(properties))});
    }
    return result;
  }

  SchemaResult show_purposes() {
    SchemaResult result;
    result.columns = {"name", "basis"};
    for (const auto& purpose : schema_.purposes) {
      result.rows.push_back({Value(purpose.name), Value(std::string(basis_text(purpose.basis)))});
    }
    return result;
  }

  SchemaResult show_policies() {
    SchemaResult result;
    result.columns = {"purpose", "action", "tag"};
    for (const auto& policy : schema_.policies) {
      result.rows.push_back({Value(policy.purpose), Value("READ"), Value(policy.tag)});
    }
    return result;
  }

  storage::Graph& graph_;
  const storage::Transaction& txn_;
  storage::WriteTransaction* write_txn_;
  const ast::Statement& statement_;
  storage::PrivacySchema schema_;
};

}  // namespace

bool is_privacy_statement(const ast::Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateTag:
    case StatementKind::kDropTag:
    case StatementKind::kCreatePurpose:
    case StatementKind::kDropPurpose:
    case StatementKind::kAllowRead:
    case StatementKind::kDisallowRead:
    case StatementKind::kShowTags:
    case StatementKind::kShowPurposes:
    case StatementKind::kShowPolicies: return true;
    default: return false;
  }
}

bool is_privacy_show(const ast::Statement& statement) {
  return statement.kind == StatementKind::kShowTags ||
         statement.kind == StatementKind::kShowPurposes ||
         statement.kind == StatementKind::kShowPolicies;
}

SchemaResult run_privacy_statement(storage::Graph& graph, const storage::Transaction& txn,
                                   storage::WriteTransaction* write_txn,
                                   const ast::Statement& statement) {
  return PrivacyStatementRunner(graph, txn, write_txn, statement).run();
}

std::string_view basis_text(LegalBasis basis) {
  for (const auto& [text, b] : kBases) {
    if (b == basis) return text;
  }
  return "unknown";
}

std::string mask_text(const storage::Mask& mask) {
  switch (mask.kind) {
    case MaskKind::kNull: return "null";
    case MaskKind::kRedact: return "redact";
    case MaskKind::kPartial: return fmt::format("partial({})", mask.keep);
    case MaskKind::kHash: return "hash";
    case MaskKind::kYear: return "year";
  }
  return "null";
}

}  // namespace guanxi::query
