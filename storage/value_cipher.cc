#include "storage/value_cipher.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <unordered_map>
#include <vector>

#include "storage/bytes.h"
#include "storage/index_key_codec.h"
#include "storage/key_store.h"
#include "storage/opened_record_cache.h"
#include "storage/opened_value_cache.h"
#include "storage/privacy_catalog.h"
#include "storage/record_codec.h"

namespace guanxi::storage {

namespace {

constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

// The subject keys a write transaction made, written to the key store just
// before it commits.
struct PendingSubjectKeys {
  std::vector<std::pair<std::uint64_t, SubjectKey>> keys;
  std::unordered_map<std::uint64_t, std::size_t> position;
  bool flush_registered = false;
};

// Binds a box to the place it was sealed for: entity kind and id, property.
std::array<unsigned char, 13> additional_data(SealedEntity entity, std::uint64_t id,
                                              PropertyKeyId key) {
  std::array<unsigned char, 13> ad{};
  ad[0] = static_cast<unsigned char>(entity);
  put_be64(reinterpret_cast<char*>(ad.data() + 1), id);
  put_be32(reinterpret_cast<char*>(ad.data() + 9), key);
  return ad;
}

std::int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct ValueCipher::Keys {
  std::string master;
  std::array<unsigned char, crypto_generichash_KEYBYTES> fingerprint{};
  ~Keys() {
    sodium_memzero(master.data(), master.size());
    sodium_memzero(fingerprint.data(), fingerprint.size());
  }
};

void ValueCipher::fingerprint_into(const Keys& keys, const Value& plain, Sealed& sealed) {
  std::string message;
  if (index_key_indexable(plain)) {
    message = 'i' + encode_index_key(plain);
  } else {
    message = 'v';
    ByteWriter w(&message);
    encode_value(plain, w);
  }
  hash_into(keys, message, sealed);
}

void ValueCipher::hash_into(const Keys& keys, std::string_view message, Sealed& sealed) {
  crypto_generichash(sealed.fingerprint.data(), sealed.fingerprint.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     keys.fingerprint.data(), keys.fingerprint.size());
}

// The budget is shared: a quarter for single values, the rest for whole
// records (which hold the values a read snapshot meets most).
ValueCipher::ValueCipher(Environment& env)
    : env_(env),
      opened_(std::make_unique<OpenedValueCache>(env.options().opened_value_cache / 4)),
      opened_records_(std::make_unique<OpenedRecordCache>(env.options().opened_value_cache -
                                                          env.options().opened_value_cache / 4)) {}
ValueCipher::~ValueCipher() = default;

std::filesystem::path ValueCipher::key_store_path() const {
  std::filesystem::path path = env_.key_file();
  path += ".store";
  return path;
}

const ValueCipher::Keys* ValueCipher::keys(const Transaction& txn) {
  if (const Keys* ready = keys_ready_.load(std::memory_order_acquire)) return ready;
  const std::optional<std::string> master = database_secret(txn);
  if (!master) return nullptr;
  if (sodium_init() < 0) throw StorageError(ErrorCode::kIo, "libsodium failed to initialize");
  auto made = std::make_unique<Keys>();
  made->master = *master;
  crypto_kdf_derive_from_key(made->fingerprint.data(), made->fingerprint.size(), 4, "gxindex1",
                             reinterpret_cast<const unsigned char*>(master->data()));
  std::lock_guard lock(mutex_);
  if (!keys_) {
    keys_ = std::move(made);
    keys_ready_.store(keys_.get(), std::memory_order_release);
  }
  return keys_.get();
}

KeyStore* ValueCipher::key_store(const Transaction& txn, bool create) {
  if (KeyStore* ready = store_ready_.load(std::memory_order_acquire)) return ready;
  const Keys* k = keys(txn);
  if (!k) return nullptr;
  std::lock_guard lock(mutex_);
  if (store_) return store_.get();
  const std::filesystem::path path = key_store_path();
  if (!create && !std::filesystem::exists(path)) return nullptr;
  store_ = KeyStore::open(path, env_.identity().id, k->master, create);
  store_ready_.store(store_.get(), std::memory_order_release);
  return store_.get();
}

std::optional<Value> ValueCipher::fingerprint(const Transaction& txn, const Value& plain) {
  const Keys* k = keys(txn);
  if (!k) return std::nullopt;
  Sealed sealed;
  fingerprint_into(*k, plain, sealed);
  return Value(std::move(sealed));
}

std::optional<Value> ValueCipher::fingerprint_of_index_key(const Transaction& txn,
                                                           std::string_view encoded) {
  const Keys* k = keys(txn);
  if (!k) return std::nullopt;
  Sealed sealed;
  hash_into(*k, 'i' + std::string(encoded), sealed);
  return Value(std::move(sealed));
}

Value ValueCipher::seal(WriteTransaction& txn, SealedEntity entity, std::uint64_t id,
                        NodeId subject, PropertyKeyId key, const Value& plain) {
  ensure_database_secret(txn);
  KeyStore* store = key_store(txn, true);
  auto& pending = txn.attachment<PendingSubjectKeys>();
  SubjectKey subject_key;
  if (auto it = pending.position.find(subject); it != pending.position.end()) {
    subject_key = pending.keys[it->second].second;
  } else if (auto found = store->find(subject)) {
    subject_key = *found;
  } else {
    subject_key = KeyStore::generate();
    pending.position.emplace(subject, pending.keys.size());
    pending.keys.emplace_back(subject, subject_key);
    if (!pending.flush_registered) {
      pending.flush_registered = true;
      txn.before_commit([store, &pending] {
        store->put(pending.keys, now_micros());
        pending.keys.clear();
        pending.position.clear();
      });
    }
  }
  Sealed sealed;
  fingerprint_into(*keys(txn), plain, sealed);
  std::string message;
  ByteWriter w(&message);
  encode_value(plain, w);
  const auto ad = additional_data(entity, id, key);
  sealed.box.resize(kNonceBytes + message.size() + kTagBytes);
  auto* box = reinterpret_cast<unsigned char*>(sealed.box.data());
  randombytes_buf(box, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      box + kNonceBytes, &written, reinterpret_cast<const unsigned char*>(message.data()),
      message.size(), ad.data(), ad.size(), nullptr, box, subject_key.data());
  sodium_memzero(message.data(), message.size());
  sodium_memzero(subject_key.data(), subject_key.size());
  return Value(std::move(sealed));
}

std::optional<Value> ValueCipher::unseal(const Transaction& txn, SealedEntity entity,
                                         std::uint64_t id, NodeId subject, PropertyKeyId key,
                                         const Sealed& sealed) {
  if (sealed.box.size() < kNonceBytes + kTagBytes) return std::nullopt;
  if (std::optional<Value> remembered = opened_->find(entity, id, subject, key, sealed))
    return remembered;
  std::optional<SubjectKey> subject_key;
  if (WriteTransaction* write = txn.as_write()) {
    const auto& pending = write->attachment<PendingSubjectKeys>();
    if (auto it = pending.position.find(subject); it != pending.position.end())
      subject_key = pending.keys[it->second].second;
  }
  if (!subject_key) {
    KeyStore* store = key_store(txn, false);
    if (!store) return std::nullopt;
    subject_key = store->find(subject);
    if (!subject_key) return std::nullopt;
  }
  const auto ad = additional_data(entity, id, key);
  const auto* box = reinterpret_cast<const unsigned char*>(sealed.box.data());
  const std::size_t cipher_bytes = sealed.box.size() - kNonceBytes;
  const std::size_t message_bytes = cipher_bytes - kTagBytes;
  // Most tagged values are short (phones, emails, dates): open them on the
  // stack rather than allocate for each read.
  std::array<unsigned char, 256> small;
  std::vector<unsigned char> large;
  unsigned char* message = small.data();
  if (message_bytes > small.size()) {
    large.resize(message_bytes);
    message = large.data();
  }
  unsigned long long read = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      message, &read, nullptr, box + kNonceBytes, cipher_bytes, ad.data(), ad.size(), box,
      subject_key->data());
  sodium_memzero(subject_key->data(), subject_key->size());
  if (rc != 0) return std::nullopt;
  ByteReader r(std::string_view(reinterpret_cast<const char*>(message), message_bytes),
               "sealed value of entity", id);
  Value plain = decode_value(r);
  sodium_memzero(message, message_bytes);
  opened_->remember(entity, id, subject, key, sealed, plain);
  return plain;
}

void ValueCipher::erase_subject_key(const Transaction& txn, NodeId subject,
                                    std::int64_t at_micros) {
  KeyStore* store = key_store(txn, true);
  if (!store) return;
  store->erase(subject, at_micros);
  opened_->clear();
  opened_records_->clear();
}

}  // namespace guanxi::storage
