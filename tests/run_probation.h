// RunProbation: runs the built `probation` binary as a user would, with the source tree's
// reference data, and captures its standard output, standard error and exit status.
// For end-to-end tests; each call uses its own stderr file, so tests may run in parallel.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

namespace probation {

struct RunResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

// The binary under test: $PROBATION_TEST_BINARY when set (to run the end-to-end tests against
// another build, such as an older one), else the one built with the tests.
inline std::string ProbationBinary() {
  const char* other = std::getenv("PROBATION_TEST_BINARY");
  return other != nullptr && *other != '\0' ? other : PROBATION_BINARY;
}

// REQUIRES: `args` needs no shell quoting beyond what the caller wrote.
inline RunResult RunProbation(const std::string& args) {
  static std::atomic<int> calls{0};
  const std::string err_path = ::testing::TempDir() + "probation_stderr_" +
                               std::to_string(getpid()) + "_" + std::to_string(calls++) + ".txt";
  const std::string command = std::string("PROBATION_REFERENCE_DIR='") + PROBATION_SOURCE_DIR +
                              "/reference' PROBATION_FRAMEWORKS_DIR='" + PROBATION_SOURCE_DIR +
                              "/frameworks' PROBATION_EXAMPLES_DIR='" + PROBATION_SOURCE_DIR +
                              "/examples' '" + ProbationBinary() + "' " + args + " 2>'" + err_path +
                              "'";
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed for: " << command;
    return result;
  }
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) result.out.append(buf, n);
  const int status = pclose(pipe);
  if (status != -1 && WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  std::ifstream err(err_path, std::ios::binary);
  result.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  std::remove(err_path.c_str());
  return result;
}

}  // namespace probation
