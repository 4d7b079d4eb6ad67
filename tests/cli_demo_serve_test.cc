// `probation demo --serve` end to end, as a user runs it: a small generated trust, one user of
// each role printed with a password, the server on a free port (127.0.0.1:0, the port read
// from its "listening on" line); each printed user signs in and GET /api/v1/me answers 200
// with their role; SIGTERM stops the server gracefully.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "http_client.h"
#include "run_probation.h"

namespace probation {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DemoServeTest, EveryPrintedUserSignsInAndReadsMe) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("demo_serve_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path out = dir / "out.txt", err = dir / "err.txt";
  const std::string binary = ProbationBinary();
  const std::string demo_dir = (dir / "demo").string();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("PROBATION_REFERENCE_DIR", PROBATION_SOURCE_DIR "/reference", 1);
    ::setenv("PROBATION_FRAMEWORKS_DIR", PROBATION_SOURCE_DIR "/frameworks", 1);
    ::setenv("PROBATION_EXAMPLES_DIR", PROBATION_SOURCE_DIR "/examples", 1);
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(err.c_str(), "w", stderr))
      _exit(127);
    ::execl(binary.c_str(), binary.c_str(), "demo", "--dir", demo_dir.c_str(), "--scale", "0.05",
            "--serve", "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
    _exit(127);
  }
  // The server's port, from its "listening on http://127.0.0.1:PORT/" line.
  const std::string marker = "listening on http://127.0.0.1:";
  uint16_t port = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (port == 0 && std::chrono::steady_clock::now() < deadline) {
    const std::string text = ReadAll(err);
    if (const size_t at = text.find(marker); at != std::string::npos) {
      port = static_cast<uint16_t>(std::atoi(text.c_str() + at + marker.size()));
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      FAIL() << "demo exited before serving: " << ReadAll(out) << ReadAll(err);
    }
    if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (port == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    FAIL() << "no listening line: " << ReadAll(err);
  }
  ASSERT_NE(port, 0);

  // The printed users: "  <username> <role> <unit or staff id> <password>" after the heading.
  const std::string printed = ReadAll(out);
  const size_t users_at = printed.find("Users (the passwords are shown only now):\n");
  ASSERT_NE(users_at, std::string::npos) << printed;
  std::istringstream lines(printed.substr(users_at));
  std::string line;
  std::getline(lines, line);                      // the heading
  std::vector<std::array<std::string, 3>> users;  // username, role, password
  while (std::getline(lines, line) && !line.empty()) {
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    ASSERT_GE(w.size(), 3u) << line;
    users.push_back({w[0], w[1], w.back()});
  }
  ASSERT_EQ(users.size(), 5u) << printed;
  std::set<std::string> roles;
  for (const auto& [username, role, password] : users) {
    testing::TestClient client(port);
    const testing::ClientResponse signed_in = client.SignIn(username, password);
    EXPECT_EQ(signed_in.status, 201) << username << ": " << signed_in.body;
    const testing::ClientResponse me = client.Request("GET", "/api/v1/me");
    EXPECT_EQ(me.status, 200) << username << ": " << me.body;
    EXPECT_EQ(me.Json()["user"]["username"], username) << me.body;
    EXPECT_EQ(me.Json()["user"]["role"], role) << me.body;
    roles.insert(role);
  }
  EXPECT_EQ(roles.size(), 5u);  // one of each

  // SIGTERM: a graceful stop.
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  const auto stop_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
  pid_t done = 0;
  while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < stop_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (done != pid) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    FAIL() << "the server did not stop on SIGTERM";
  }
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_NE(ReadAll(err).find("probation serve: stopped"), std::string::npos) << ReadAll(err);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace probation
