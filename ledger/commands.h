// Commands: what a user asks for. Each has Decide (state + command -> events | rejection) in
// ledger/commands/<verb>.cc, and a Spec: the stream it appends to, the expected version, its
// idempotency key and its canonical body (hashed; a reused key must carry the same body).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <tl/expected.hpp>

#include "engine/store.h"
#include "ledger/events.h"
#include "ledger/rejection.h"
#include "ledger/state.h"

namespace fij::ledger {

inline constexpr char kDefaultFundId[] = "fij";
inline constexpr char kDefaultFundCategory[] =
    "Organisme agréé en application du 4 de l'article 238 bis du code général des impôts "
    "(aide aux petites et moyennes entreprises)";

struct InitFund {
  std::string fund_id = kDefaultFundId;
  std::string name, siren, address, object, category = kDefaultFundCategory;
  std::string signer_name, signer_capacity;
  std::string agrement_ref;
  uint32_t agrement_from = 0, agrement_to = 0;
  uint32_t date = 0;
};
struct AddAgrement {
  std::string fund_id;  // "" = default fund
  std::string reference;
  uint32_t valid_from = 0, valid_to = 0;
  uint32_t date = 0;
};
struct RegisterPartner {
  std::string partner_id;
  PartnerKind kind = PartnerKind::kCompany;
  std::string name, siren, legal_form, address;
  uint32_t date = 0;
};
struct CorrectPartner {
  std::string partner_id;
  std::string name, siren, legal_form, address;
  uint32_t date = 0;
};
struct MakePledge {
  std::string pledge_id, partner_id, fund_id;
  int64_t amount_per_year_cents = 0;
  uint32_t years = 1;
  int32_t from_year = 0;
  bool renewable = false;
  uint32_t date = 0;
};
struct RecordGift {
  std::string gift_id, partner_id, fund_id;
  int64_t amount_cents = 0;
  uint32_t date = 0;  // the tax date; with `pending`, the announcement date
  bool pending = false;
  PaymentMethod method = PaymentMethod::kTransfer;
  GiftNature nature = GiftNature::kCash;
  GiftKind kind = GiftKind::kPatronage;
  std::string pledge_id;
  int64_t counterparts_cents = 0;
  std::string counterparts_description, valuation_ref, description;
};
struct ReceiveGift {
  std::string gift_id;
  uint32_t date = 0;
};
struct IssueReceipt {
  std::string fund_id;
  std::string gift_id;     // one gift, or
  std::string partner_id;  // a recap for partner and year
  int32_t year = 0;
  uint32_t date = 0;  // issue date; 0 = today
  std::string replaces;
};
struct CancelReceipt {
  std::string number;
  std::string reason;
  uint32_t date = 0;  // 0 = today
  bool reissue = false;  // also issue the corrected receipt in the same append
};
struct SetParameter {
  std::string name;
  int64_t value = 0;
  uint32_t valid_from = 0;
  std::string note;
};
struct FileDeclaration {
  std::string fund_id;
  int32_t year = 0;
  uint32_t date = 0;
};

using Command = std::variant<InitFund, AddAgrement, RegisterPartner, CorrectPartner, MakePledge,
                             RecordGift, ReceiveGift, IssueReceipt, CancelReceipt, SetParameter,
                             FileDeclaration>;

using Decision = tl::expected<std::vector<Event>, Rejected>;

struct CommandSpec {
  std::string stream_id;
  uint64_t expected_version = engine::kAnyVersion;
  std::string idempotency_key;
  std::string body;  // canonical text of the command's explicit arguments
};

Decision Decide(const State& s, const InitFund& c);
Decision Decide(const State& s, const AddAgrement& c);
Decision Decide(const State& s, const RegisterPartner& c);
Decision Decide(const State& s, const CorrectPartner& c);
Decision Decide(const State& s, const MakePledge& c);
Decision Decide(const State& s, const RecordGift& c);
Decision Decide(const State& s, const ReceiveGift& c);
Decision Decide(const State& s, const IssueReceipt& c);
Decision Decide(const State& s, const CancelReceipt& c);
Decision Decide(const State& s, const SetParameter& c);
Decision Decide(const State& s, const FileDeclaration& c);

CommandSpec Spec(const State& s, const InitFund& c);
CommandSpec Spec(const State& s, const AddAgrement& c);
CommandSpec Spec(const State& s, const RegisterPartner& c);
CommandSpec Spec(const State& s, const CorrectPartner& c);
CommandSpec Spec(const State& s, const MakePledge& c);
CommandSpec Spec(const State& s, const RecordGift& c);
CommandSpec Spec(const State& s, const ReceiveGift& c);
CommandSpec Spec(const State& s, const IssueReceipt& c);
CommandSpec Spec(const State& s, const CancelReceipt& c);
CommandSpec Spec(const State& s, const SetParameter& c);
CommandSpec Spec(const State& s, const FileDeclaration& c);

Decision DecideCommand(const State& s, const Command& c);
CommandSpec SpecCommand(const State& s, const Command& c);

// Builds canonical bodies: "name=value\n" lines in the order added.
class Body {
 public:
  Body& Add(const char* name, const std::string& v);
  Body& Add(const char* name, int64_t v);
  std::string str() const { return s_; }

 private:
  std::string s_;
};

// First 16 hex digits of SHA-256(text): a compact, stable key part.
std::string ShortDigest(const std::string& text);
// A SIREN: 9 digits with a valid Luhn key.
bool ValidSiren(const std::string& siren);
// Checked sum of cents; nullopt on overflow.
std::optional<int64_t> CheckedSum(const std::vector<int64_t>& cents);

}  // namespace fij::ledger
