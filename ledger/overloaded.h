// Overloaded: the visitor idiom for std::visit over ledger::Event, one lambda per alternative.
#pragma once

namespace fij::ledger {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace fij::ledger
