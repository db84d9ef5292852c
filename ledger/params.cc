#include "ledger/params.h"

#include "engine/status.h"

namespace fij::ledger {

const std::vector<ParameterDefault>& DefaultParameters() {
  static const std::vector<ParameterDefault> kDefaults = {
      {param::kCompanyReductionBp, 19000101, 6000, "art. 238 bis CGI, 60 % [C]"},
      {param::kIndividualReductionBp, 19000101, 6600, "art. 200 CGI, 66 % [C]"},
      {param::kCounterpartsRatioMaxBp, 19000101, 2500,
       "administrative practice: counterparts <= 25 % of the gift [S]"},
      {param::kCitizenCounterpartsCapCents, 19000101, 6000, "pre-2011 cap 60 EUR [U]"},
      {param::kCitizenCounterpartsCapCents, 20110101, 6500, "65 EUR from 2011 [S]"},
      {param::kCitizenCounterpartsCapCents, 20160610, 6900, "69 EUR, arrete of 10/6/2016 [S]"},
      {param::kCitizenCounterpartsCapCents, 20210101, 7300, "73 EUR since 1/1/2021 [S]"},
      {param::kCompanyCeilingCents, 19000101, 0, "before LF 2019: 5 permille only [C]"},
      {param::kCompanyCeilingCents, 20191231, 1000000, "10 000 EUR, exercices closed from "
                                                       "31/12/2019 [C]"},
      {param::kCompanyCeilingCents, 20201231, 2000000, "20 000 EUR, exercices closed from "
                                                       "31/12/2020 [C]"},
      {param::kCompanyCeilingTurnoverPermille, 19000101, 5, "5 permille of turnover HT [C]"},
      {param::kIndividualIncomeCeilingBp, 19000101, 2000, "20 % of revenu imposable [C]"},
      {param::kCompanyDeclarationThresholdCents, 20190101, 1000000,
       "art. 238 bis 6: above 10 000 EUR a year [S]"},
      {param::kLoanDeclarationThresholdCents, 19000101, 76000, "form 2062 before 27/9/2020 [S]"},
      {param::kLoanDeclarationThresholdCents, 20200927, 500000, "form 2062: 5 000 EUR [S]"},
      {param::kDeMinimisCeilingCents, 19000101, 20000000, "Reg. 1407/2013: 200 000 EUR [C]"},
      {param::kDeMinimisCeilingCents, 20240101, 30000000, "Reg. 2023/2831: 300 000 EUR [C]"},
      {param::kDeMinimisYears, 19000101, 3, "3 rolling years [C]"},
      {param::kAuditThresholdCents, 19000101, 15300000, "153 000 EUR [S]"},
      {param::kPassCents, 20240101, 4638000, "PASS 2024 [U]"},
      {param::kPassCents, 20250101, 4710000, "PASS 2025 [U]"},
      {param::kImpairmentMonths, 19000101, 6, "6 months unpaid -> 100 % [U]"},
      {param::kReferenceRateBp, 19000101, 500,
       "reference rate for a loan's grant-equivalent (de minimis), 5 % [U]"},
      {param::kGuaranteePremiumBp, 19000101, 250,
       "market premium for a guarantee's grant-equivalent, 2.5 %/year (France Active cost) [S]"},
  };
  return kDefaults;
}

Parameters::Parameters() {
  for (const auto& d : DefaultParameters()) values_[d.name][d.valid_from] = d.value;
}

std::optional<int64_t> Parameters::Find(const std::string& name, uint32_t date) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  auto v = it->second.upper_bound(date);
  if (v == it->second.begin()) return std::nullopt;
  return std::prev(v)->second;
}

int64_t Parameters::At(const std::string& name, uint32_t date) const {
  auto v = Find(name, date);
  FIJ_CHECK(v.has_value()) << "parameter " << name << " has no value on " << date;
  return *v;
}

void Parameters::Set(const std::string& name, uint32_t valid_from, int64_t value) {
  values_[name][valid_from] = value;
}

}  // namespace fij::ledger
