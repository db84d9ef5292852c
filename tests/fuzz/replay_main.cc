// Runs a fuzz target's LLVMFuzzerTestOneInput over every file of the directories (or files)
// given, without libFuzzer: the corpus replay of the normal build (tests/fuzz/CMakeLists.txt).
// A property violation aborts inside the target; an empty corpus is an error too.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

int RunFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly `size` bytes on the heap, as libFuzzer hands them: ASan sees overreads.
  std::vector<uint8_t> data(bytes.begin(), bytes.end());
  std::fprintf(stderr, "%s (%zu bytes)\n", path.c_str(), data.size());
  LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  size_t files = 0;
  int errors = 0;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      std::vector<std::filesystem::path> paths;
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) paths.push_back(entry.path());
      }
      std::sort(paths.begin(), paths.end());
      for (const auto& p : paths) {
        errors += RunFile(p);
        ++files;
      }
    } else {
      errors += RunFile(arg);
      ++files;
    }
  }
  std::fprintf(stderr, "replayed %zu inputs\n", files);
  if (files == 0) {
    std::fprintf(stderr, "no input: give the corpus directory\n");
    return 1;
  }
  return errors == 0 ? 0 : 1;
}
