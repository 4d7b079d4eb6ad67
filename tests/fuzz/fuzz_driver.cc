// The project's own fuzz driver, for building the targets without clang's libFuzzer (g++, the
// sanitizer build, the tests). It takes libFuzzer's common arguments:
//
//   fuzz_<target> [-max_total_time=SECONDS] [-runs=N] [-seed=N] [-max_len=BYTES]
//                 [-artifact_prefix=PATH] CORPUS_DIR_OR_FILE...
//
// Every corpus file is run first (replay); then, until the time or the runs are used up,
// inputs made by mutating corpus entries (bit flips, random and "interesting" bytes, tokens of
// the project's formats, deleted, duplicated and spliced ranges) are run. Without coverage
// feedback, a mutant joins the working corpus now and then, so mutations compound. A crash
// (a signal, an abort, a sanitizer report) first writes the input to
// <artifact_prefix>crash-<pid> so it can be replayed. Prints executions, time and rate.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "fuzz_target.h"

extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace {

std::vector<uint8_t> current_input;  // what is running, for the crash handlers
std::string crash_path;

void WriteCurrentInput() {
  const int fd = ::open(crash_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  size_t done = 0;
  while (done < current_input.size()) {
    const ssize_t n = ::write(fd, current_input.data() + done, current_input.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  const char note[] = "fuzz_driver: the crashing input is in the crash- file\n";
  (void)!::write(2, note, sizeof note - 1);
}

void OnFatalSignal(int sig) {
  WriteCurrentInput();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

const char* const kTokens[] = {
    "\n",
    "\r\n",
    ",",
    "\"",
    "\"\"",
    "'",
    "'''",
    "\"\"\"",
    "[",
    "]",
    "[[",
    "]]",
    "[[[",
    "{",
    "}",
    "=",
    " = ",
    "#",
    ".",
    "-",
    "+",
    "\\",
    "\\u0000",
    "\t",
    "\0",
    "\xEF\xBB\xBF",
    "\xC3\xA9",
    "\xFF",
    "1",
    "0",
    "-1",
    "2147483648",
    "9999999999999999999",
    "1e308",
    "nan",
    "inf",
    "true",
    "false",
    "2010-04-01",
    "2010-02-30",
    "2011-03-31T23:59:00",
    "null",
    "(",
    ")",
    " and ",
    " or ",
    " not ",
    " in ",
    "==",
    "!=",
    "<=",
    ">=",
    "<",
    ">",
    "*",
    "/",
    "%",
    "count(",
    "sum(",
    "days(",
    "working_days(",
    "[[measures]]",
    "[[items]]",
    "[[risks]]",
    "id = ",
    "code = ",
};

std::vector<uint8_t> Mutate(const std::vector<std::vector<uint8_t>>& corpus, std::mt19937_64& rng,
                            size_t max_len) {
  std::vector<uint8_t> in = corpus[rng() % corpus.size()];
  const int steps = 1 + static_cast<int>(rng() % 6);
  for (int s = 0; s < steps; ++s) {
    const size_t n = in.size();
    const size_t at = n == 0 ? 0 : rng() % (n + 1);
    switch (rng() % 9) {
      case 0:
        if (n > 0) in[rng() % n] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 1:
        if (n > 0) in[rng() % n] = static_cast<uint8_t>(rng());
        break;
      case 2:
        in.insert(in.begin() + at, static_cast<uint8_t>(rng()));
        break;
      case 3: {
        const char* token = kTokens[rng() % std::size(kTokens)];
        const size_t len = token[0] == '\0' ? 1 : std::strlen(token);
        in.insert(in.begin() + at, token, token + len);
        break;
      }
      case 4:
        if (n > 0) {
          const size_t from = rng() % n;
          const size_t len = std::min<size_t>(n - from, 1 + rng() % 64);
          in.erase(in.begin() + from, in.begin() + from + len);
        }
        break;
      case 5:
        if (n > 0) {
          const size_t from = rng() % n;
          const size_t len = std::min<size_t>(n - from, 1 + rng() % 256);
          std::vector<uint8_t> piece(in.begin() + from, in.begin() + from + len);
          in.insert(in.begin() + at, piece.begin(), piece.end());
        }
        break;
      case 6: {  // splice a range of another corpus entry
        const std::vector<uint8_t>& other = corpus[rng() % corpus.size()];
        if (!other.empty()) {
          const size_t from = rng() % other.size();
          const size_t len = std::min<size_t>(other.size() - from, 1 + rng() % 512);
          in.insert(in.begin() + at, other.begin() + from, other.begin() + from + len);
        }
        break;
      }
      case 7:  // cut the input short
        if (n > 0) in.resize(rng() % n);
        break;
      default: {  // swap two bytes (reorders lines, quotes, brackets)
        if (n > 1) std::swap(in[rng() % n], in[rng() % n]);
        break;
      }
    }
  }
  if (in.size() > max_len) in.resize(max_len);
  return in;
}

void AddFile(const std::filesystem::path& path, std::vector<std::vector<uint8_t>>* corpus) {
  std::ifstream f(path, std::ios::binary);
  corpus->emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 0;
  long long runs = -1;
  uint64_t seed =
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  size_t max_len = 1 << 16;
  std::string prefix = "./";
  std::vector<std::vector<uint8_t>> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&](const char* name) -> const char* {
      const size_t len = std::strlen(name);
      return arg.compare(0, len, name) == 0 ? arg.c_str() + len : nullptr;
    };
    if (const char* v = value("-max_total_time=")) {
      seconds = std::atof(v);
    } else if (const char* v = value("-runs=")) {
      runs = std::atoll(v);
    } else if (const char* v = value("-seed=")) {
      seed = std::strtoull(v, nullptr, 10);
    } else if (const char* v = value("-max_len=")) {
      max_len = std::strtoull(v, nullptr, 10);
    } else if (const char* v = value("-artifact_prefix=")) {
      prefix = v;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "fuzz_driver: ignoring %s\n", arg.c_str());
    } else if (std::filesystem::is_directory(arg)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) AddFile(f, &corpus);
    } else {
      AddFile(arg, &corpus);
    }
  }
  crash_path = prefix + "crash-" + std::to_string(::getpid());
  for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) ::signal(sig, OnFatalSignal);
  if (__sanitizer_set_death_callback != nullptr) __sanitizer_set_death_callback(WriteCurrentInput);
  if (corpus.empty()) corpus.emplace_back();

  const auto start = std::chrono::steady_clock::now();
  long long executions = 0;
  for (const std::vector<uint8_t>& input : corpus) {
    current_input = input;
    LLVMFuzzerTestOneInput(current_input.data(), current_input.size());
    ++executions;
  }
  const size_t seeds = corpus.size();
  std::mt19937_64 rng(seed);
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  while ((runs < 0 || executions < runs) && (seconds <= 0 ? runs >= 0 : elapsed() < seconds)) {
    current_input = Mutate(corpus, rng, max_len);
    LLVMFuzzerTestOneInput(current_input.data(), current_input.size());
    ++executions;
    // Now and then keep a mutant (replacing an earlier mutant once the corpus is large), so
    // mutations build on each other while the seeds stay.
    if (rng() % 64 == 0) {
      if (corpus.size() < seeds + 4096) {
        corpus.push_back(current_input);
      } else {
        corpus[seeds + rng() % 4096] = current_input;
      }
    }
  }
  const double took = elapsed();
  std::printf(
      "fuzz_driver: %lld executions (%zu seeds replayed) in %.1f s, %.0f a second, seed %llu, "
      "no crash\n",
      executions, seeds, took, took > 0 ? executions / took : 0.0,
      static_cast<unsigned long long>(seed));
  return 0;
}
