// fuzz_seed_events STORE_DIR OUT_DIR: writes seeds for fuzz_event_decode from a store: for the
// first event of each type, its stored envelope (`env-<Type>`) and its payload as a flat message
// (`flat-<Type>`); and the largest envelope of each type when it is not the first
// (`env-<Type>-largest`: the one with the most optional fields set, e.g. a gift's counterparts).
// Used by scripts/fuzz_seed.sh on a store built from the bundled history.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "engine/store.h"
#include "ledger/codec.h"

namespace {

bool Write(const std::string& path, const void* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fuzz_seed_events STORE_DIR OUT_DIR\n");
    return 2;
  }
  const std::string out_dir = argv[2];
  fij::engine::OpenOptions options;
  options.read_only = true;
  auto store = fij::engine::Store::Open(argv[1], options);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().ToString().c_str());
    return 1;
  }
  std::map<std::string, size_t> first_bytes;   // by type: the size of its first envelope
  std::map<std::string, std::string> largest;  // by type, when larger than its first
  bool ok = true;
  fij::Status s = (*store)->ReadForward(1, 0, [&](const fij::engine::RecordedEvent& ev) {
    const std::string type(ev.type());
    auto words = ev.words();
    const size_t bytes = words.size() * sizeof(capnp::word);
    if (auto [first, inserted] = first_bytes.try_emplace(type, bytes); !inserted) {
      std::string& kept = largest[type];
      if (bytes > std::max(first->second, kept.size()))
        kept.assign(reinterpret_cast<const char*>(words.begin()), bytes);
      return true;
    }
    ok &= Write(out_dir + "/env-" + type, words.begin(), bytes);
    auto event = fij::ledger::DecodeEvent(ev);
    if (!event) {
      std::fprintf(stderr, "%s\n", event.error().ToString().c_str());
      ok = false;
      return false;
    }
    auto flat = fij::ledger::EncodeEvent(*event);
    ok &= Write(out_dir + "/flat-" + type, flat.begin(), flat.size() * sizeof(capnp::word));
    return true;
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  for (const auto& [type, bytes] : largest)
    if (!bytes.empty())
      ok &= Write(out_dir + "/env-" + type + "-largest", bytes.data(), bytes.size());
  std::printf("%zu event types written to %s\n", first_bytes.size(), out_dir.c_str());
  return ok ? 0 : 1;
}
