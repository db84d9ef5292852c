// Effective-dated parameters: every rate, cap and threshold the rules use. Defaults come from
// DOMAIN-LAW.md with their sources (docs/PARAMETERS.md); a ParameterSet event adds a value from
// a date on, so a law change is an event, never a code change.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fij::ledger {

// Names; units are in the name: _bp = basis points (1/100 of a percent), _cents, _months.
namespace param {
inline constexpr char kCompanyReductionBp[] = "company_reduction_rate_bp";
inline constexpr char kIndividualReductionBp[] = "individual_reduction_rate_bp";
inline constexpr char kCounterpartsRatioMaxBp[] = "counterparts_ratio_max_bp";
inline constexpr char kCitizenCounterpartsCapCents[] = "citizen_counterparts_cap_cents";
inline constexpr char kCompanyCeilingCents[] = "company_ceiling_cents";
inline constexpr char kCompanyCeilingTurnoverPermille[] = "company_ceiling_turnover_permille";
inline constexpr char kIndividualIncomeCeilingBp[] = "individual_income_ceiling_bp";
inline constexpr char kCompanyDeclarationThresholdCents[] =
    "company_declaration_threshold_cents";
inline constexpr char kLoanDeclarationThresholdCents[] = "loan_declaration_threshold_cents";
inline constexpr char kDeMinimisCeilingCents[] = "de_minimis_ceiling_cents";
inline constexpr char kDeMinimisYears[] = "de_minimis_years";
inline constexpr char kAuditThresholdCents[] = "audit_threshold_cents";
inline constexpr char kPassCents[] = "pass_cents";
inline constexpr char kImpairmentMonths[] = "impairment_months";
inline constexpr char kReferenceRateBp[] = "reference_rate_bp";
inline constexpr char kGuaranteePremiumBp[] = "guarantee_premium_bp";
}  // namespace param

struct ParameterDefault {
  const char* name;
  uint32_t valid_from;  // YYYYMMDD
  int64_t value;
  const char* source;
};
// The built-in table (DOMAIN-LAW.md), oldest first per name.
const std::vector<ParameterDefault>& DefaultParameters();

class Parameters {
 public:
  Parameters();  // loaded with DefaultParameters()
  bool Known(const std::string& name) const { return values_.count(name) > 0; }
  // The value in force on `date` (YYYYMMDD): the latest entry with valid_from <= date. FIJ_CHECK
  // that the name is known and that a value exists for that date (defaults start early enough).
  int64_t At(const std::string& name, uint32_t date) const;
  std::optional<int64_t> Find(const std::string& name, uint32_t date) const;
  void Set(const std::string& name, uint32_t valid_from, int64_t value);
  const std::map<std::string, std::map<uint32_t, int64_t>>& all() const { return values_; }

 private:
  std::map<std::string, std::map<uint32_t, int64_t>> values_;
};

}  // namespace fij::ledger
