// Helpers shared by the tests: temporary directories and running the real `fij` binary.
#pragma once

#include <string>
#include <vector>

namespace fij::testing {

// A fresh directory under $TMPDIR, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;  // the process's exit status, or 128 + signal
  std::string out;
  std::string err;
};

// Runs the built `fij` binary with `args` (no shell), stdin empty, and captures its output.
RunResult RunFij(const std::vector<std::string>& args);
// Runs any program (argv[0] looked up on PATH).
RunResult RunProgram(const std::vector<std::string>& argv);

}  // namespace fij::testing
