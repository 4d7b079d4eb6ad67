#include "base/source_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace probation {
namespace {

namespace fs = std::filesystem;

class SourceFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "source_file_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv";
    std::ofstream(path_, std::ios::binary) << std::string(100000, 'a');
  }
  void TearDown() override { fs::remove(path_); }
  std::string path_;
};

TEST_F(SourceFileTest, ReadsTheWholeFileAndAPrefix) {
  Result<SourceFile> file = SourceFile::Open(path_);
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->size(), 100000u);
  Result<std::string> prefix = file->ReadPrefix(10);
  ASSERT_TRUE(prefix.ok());
  EXPECT_EQ(*prefix, "aaaaaaaaaa");
  ASSERT_TRUE(file->ReadAll().ok());
  EXPECT_EQ(file->contents(), std::string(100000, 'a'));
  EXPECT_TRUE(file->CheckUnchanged().ok());
  file->Release();
  EXPECT_TRUE(file->contents().empty());
}

// Truncated after it was opened (an extract job rewriting it): an error, never SIGBUS.
TEST_F(SourceFileTest, AFileTruncatedWhileLoadedIsAnError) {
  Result<SourceFile> file = SourceFile::Open(path_);
  ASSERT_TRUE(file.ok());
  fs::resize_file(path_, 500);
  const Status read = file->ReadAll();
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.message(), path_ +
                                " changed while it was being loaded: it was 100000 bytes and is "
                                "now 500; nothing was loaded from it");
  EXPECT_FALSE(file->CheckUnchanged().ok());
}

TEST_F(SourceFileTest, AFileExtendedWhileLoadedIsAnError) {
  Result<SourceFile> file = SourceFile::Open(path_);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->ReadAll().ok());
  std::ofstream(path_, std::ios::binary | std::ios::app) << "more\n";
  const Status unchanged = file->CheckUnchanged();
  ASSERT_FALSE(unchanged.ok());
  EXPECT_EQ(unchanged.message(),
            path_ + " changed while it was being loaded (100000 bytes when opened, 100005 now)");
}

TEST_F(SourceFileTest, AFileRewrittenInPlaceOrReplacedIsAnError) {
  Result<SourceFile> file = SourceFile::Open(path_);
  ASSERT_TRUE(file.ok());
  usleep(20000);
  std::ofstream(path_, std::ios::binary | std::ios::in) << "b";  // same size, new time
  EXPECT_NE(file->CheckUnchanged().message().find("modified since it was opened"),
            std::string::npos);
  Result<SourceFile> again = SourceFile::Open(path_);
  ASSERT_TRUE(again.ok());
  const std::string other = path_ + ".new";
  std::ofstream(other, std::ios::binary) << std::string(100000, 'a');
  fs::rename(other, path_);
  EXPECT_FALSE(again->CheckUnchanged().ok());
}

TEST_F(SourceFileTest, NotAFileIsAnError) {
  Result<SourceFile> dir = SourceFile::Open(::testing::TempDir());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("not a regular file"), std::string::npos);
  EXPECT_FALSE(SourceFile::Open(path_ + ".missing").ok());
}

}  // namespace
}  // namespace probation
