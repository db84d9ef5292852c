// fuzz_seed_events STORE_DIR OUT_DIR: writes seeds for fuzz_event_decode from a store: for the
// first event of each type, its stored envelope (`env-<Type>`) and its payload as a flat message
// (`flat-<Type>`). Used by scripts/fuzz_seed.sh on a store built from the bundled history.
#include <cstdio>
#include <fstream>
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
  bool ok = true;
  fij::Status s = (*store)->ReadForward(1, 0, [&](const fij::engine::RecordedEvent& ev) {
    const std::string type(ev.type());
    if (!seen.insert(type).second) return true;
    auto words = ev.words();
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
  std::printf("%zu event types written to %s\n", seen.size(), out_dir.c_str());
  return ok ? 0 : 1;
}
