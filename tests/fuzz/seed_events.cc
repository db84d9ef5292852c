// fuzz_seed_events STORE_DIR OUT_DIR: writes seeds for fuzz_event_decode from a store: for the
// first event of each type, its stored envelope (`env-<Type>`) and its payload as a flat message
// (`flat-<Type>`); and the largest envelope of each type when it is not the first
// (`env-<Type>-largest`: the one with the most optional fields set, e.g. a gift's counterparts).
// Used by scripts/fuzz_seed.sh on a store built from the bundled history.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
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
  std::set<std::string> seen;
  std::map<std::string, std::string> largest;  // by type, when larger than the type's first
  bool ok = true;
  fij::Status s = (*store)->ReadForward(1, 0, [&](const fij::engine::RecordedEvent& ev) {
    const std::string type(ev.type());
    auto words = ev.words();
    if (!seen.insert(type).second) {
      const size_t bytes = words.size() * sizeof(capnp::word);
      std::string& kept = largest[type];
      if (bytes > kept.size()) kept.assign(reinterpret_cast<const char*>(words.begin()), bytes);
      return true;
    }
    ok &= Write(out_dir + "/env-" + type, words.begin(), words.size() * sizeof(capnp::word));
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
  for (const auto& [type, bytes] : largest) {
    const std::string first = out_dir + "/env-" + type;
    if (bytes.size() > std::filesystem::file_size(first))
      ok &= Write(first + "-largest", bytes.data(), bytes.size());
  }
  std::printf("%zu event types written to %s\n", seen.size(), out_dir.c_str());
  return ok ? 0 : 1;
}
