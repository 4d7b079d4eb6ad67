// ImageWriter and ImageReader: values and arrays of every size (through the buffer and past it)
// read back as written; reads past the end, bad checksums and failed writes are errors naming
// the file; nothing is left at the target until Commit().
#include "store/image_io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace probation {
namespace {

namespace fs = std::filesystem;

class ImageIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("image_io_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "file.bin").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string path_;
};

std::vector<int32_t> Counting(size_t n, int32_t from) {
  std::vector<int32_t> v(n);
  std::iota(v.begin(), v.end(), from);
  return v;
}

TEST_F(ImageIoTest, WhatIsWrittenReadsBack) {
  // Sizes on both sides of the buffered and direct paths, interleaved with small values so
  // that reads straddle buffer refills.
  const std::vector<size_t> sizes = {0, 1, 7, 1000, 131071, 131072, 300000, 1 << 20, 3};
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    out.WriteValue<uint8_t>(9);
    out.WriteString("header");
    for (size_t i = 0; i < sizes.size(); ++i) {
      out.WriteArray<int32_t>(Counting(sizes[i], static_cast<int32_t>(i)));
      out.WriteValue<uint16_t>(static_cast<uint16_t>(i));
    }
    EXPECT_FALSE(fs::exists(path_)) << "nothing at the target before Commit()";
    ASSERT_TRUE(out.Commit().ok());
    EXPECT_EQ(out.bytes_written(), fs::file_size(path_));
  }
  for (const auto& e : fs::directory_iterator(fs::path(path_).parent_path())) {
    EXPECT_EQ(e.path().string().find(".partial"), std::string::npos) << e.path();
  }
  ImageReader in(path_);
  ASSERT_TRUE(in.Open().ok());
  EXPECT_EQ(*in.ReadValue<uint8_t>("a"), 9);
  EXPECT_EQ(*in.ReadString("b"), "header");
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::vector<int32_t> values = {42};
    ASSERT_TRUE(in.ReadArray(&values, "array").ok()) << sizes[i];
    EXPECT_TRUE(values == Counting(sizes[i], static_cast<int32_t>(i))) << sizes[i];
    EXPECT_EQ(*in.ReadValue<uint16_t>("c"), i);
  }
  EXPECT_EQ(in.remaining(), 0u);
  const Status past = in.ReadValue<uint8_t>("the end").status();
  EXPECT_EQ(past.code(), StatusCode::kIoError);
  EXPECT_EQ(past.message(), path_ +
                                " is truncated or corrupt: the end needs 1 bytes but only 0 "
                                "bytes remain");
}

TEST_F(ImageIoTest, ACountLargerThanTheFileIsRefusedBeforeAllocating) {
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    out.WriteValue<uint64_t>(uint64_t{1} << 60);  // an array count no file could hold
    ASSERT_TRUE(out.Commit().ok());
  }
  ImageReader in(path_);
  ASSERT_TRUE(in.Open().ok());
  std::vector<double> values;
  const Status read = in.ReadArray(&values, "x.y");
  EXPECT_EQ(read.message(), path_ +
                                " is truncated or corrupt: x.y needs 1152921504606846976 values "
                                "of 8 bytes but only 0 bytes remain");
}

TEST_F(ImageIoTest, AChangedByteFailsTheChecksum) {
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    out.WriteArray<int32_t>(Counting(1000, 0));
    ASSERT_TRUE(out.Commit().ok());
  }
  std::string bytes;
  {
    std::ifstream file(path_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  bytes[8 + 2000] ^= 1;
  std::ofstream(path_, std::ios::binary) << bytes;
  ImageReader in(path_);
  ASSERT_TRUE(in.Open().ok());
  std::vector<int32_t> values;
  EXPECT_EQ(in.ReadArray(&values, "t.f").message(),
            path_ + " is corrupt: t.f does not match its checksum");
}

TEST_F(ImageIoTest, TwoWritersOfOneImageUseDistinctTemporaryFilesAndTheLastCompleteWins) {
  ImageWriter first(path_), second(path_);
  ASSERT_TRUE(first.Open().ok());
  ASSERT_TRUE(second.Open().ok());
  EXPECT_NE(first.partial_path(), second.partial_path());
  first.WriteValue<int32_t>(1);
  second.WriteValue<int32_t>(2);
  ASSERT_TRUE(first.Commit().ok());
  ASSERT_TRUE(second.Commit().ok());
  std::ifstream in(path_, std::ios::binary);
  int32_t value = 0;
  in.read(reinterpret_cast<char*>(&value), sizeof value);
  EXPECT_EQ(value, 2);
}

TEST_F(ImageIoTest, AWriterNotCommittedLeavesNothing) {
  std::string partial;
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    partial = out.partial_path();
    out.WriteArray<int32_t>(Counting(1 << 20, 0));
    EXPECT_TRUE(fs::exists(partial));
  }
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(ImageIoTest, CommitReplacesTheTargetWhole) {
  std::ofstream(path_) << "the earlier file";
  ImageWriter out(path_);
  ASSERT_TRUE(out.Open().ok());
  out.WriteString("new");
  EXPECT_EQ(fs::file_size(path_), 16u) << "the earlier file stays until Commit()";
  ASSERT_TRUE(out.Commit().ok());
  EXPECT_EQ(fs::file_size(path_), 8u + 3u);
}

// Seek() reads a range: from its start, through the buffer and past it, and not beyond its end.
TEST_F(ImageIoTest, SeekReadsARangeAndNotBeyondIt) {
  const std::vector<int32_t> big = Counting(300000, 5);  // read directly, not through the buffer
  uint64_t small_at = 0, big_at = 0, end_at = 0;
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    out.WriteString("header");
    small_at = out.bytes_written();
    out.WriteValue<uint32_t>(7);
    out.WriteValue<uint32_t>(8);
    big_at = out.bytes_written();
    out.WriteArray<int32_t>(big);
    end_at = out.bytes_written();
    out.WriteValue<uint64_t>(99);
    ASSERT_TRUE(out.Commit().ok());
  }
  ImageReader in(path_);
  ASSERT_TRUE(in.Open().ok());
  // Out of order, as the snapshot image's second thread reads.
  ASSERT_TRUE(in.Seek(big_at, end_at).ok());
  std::vector<int32_t> values;
  ASSERT_TRUE(in.ReadArray(&values, "big").ok());
  EXPECT_TRUE(values == big);
  EXPECT_EQ(in.remaining(), 0u);
  EXPECT_EQ(in.ReadValue<uint8_t>("past the range").status().code(), StatusCode::kIoError);
  ASSERT_TRUE(in.Seek(small_at, small_at + 4).ok());
  EXPECT_EQ(*in.ReadValue<uint32_t>("seven"), 7u);
  const Status past = in.ReadValue<uint32_t>("eight").status();
  EXPECT_EQ(past.code(), StatusCode::kIoError);
  EXPECT_NE(past.message().find("eight needs 4 bytes but only 0 bytes remain"), std::string::npos)
      << past.message();
  ASSERT_TRUE(in.Seek(end_at, in.size()).ok());
  EXPECT_EQ(*in.ReadValue<uint64_t>("last"), 99u);
  ASSERT_TRUE(in.Seek(0, in.size()).ok());
  EXPECT_EQ(*in.ReadString("header again"), "header");
  const Status outside = in.Seek(0, in.size() + 1);
  EXPECT_EQ(outside.code(), StatusCode::kIoError);
  EXPECT_NE(outside.message().find(path_), std::string::npos) << outside.message();
}

// Another() reads the file its reader has open, even after a new file is renamed over the path.
TEST_F(ImageIoTest, AnotherReaderReadsTheSameFileAfterThePathIsReplaced) {
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    out.WriteString("the first file");
    ASSERT_TRUE(out.Commit().ok());
  }
  ImageReader in(path_);
  ASSERT_TRUE(in.Open().ok());
  {
    ImageWriter out(path_);
    ASSERT_TRUE(out.Open().ok());
    out.WriteString("the second file, longer");
    ASSERT_TRUE(out.Commit().ok());
  }
  Result<std::unique_ptr<ImageReader>> other = in.Another();
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_EQ((*other)->size(), in.size());
  EXPECT_EQ(*(*other)->ReadString("text"), "the first file");
  EXPECT_EQ(*in.ReadString("text"), "the first file");  // each reader keeps its own place
}

TEST_F(ImageIoTest, MissingAndUnreadableFiles) {
  ImageReader missing((dir_ / "none").string());
  EXPECT_EQ(missing.Open().code(), StatusCode::kNotFound);
  ImageReader folder(dir_.string());
  const Status opened = folder.Open();
  EXPECT_EQ(opened.code(), StatusCode::kIoError);
  EXPECT_NE(opened.message().find(dir_.string()), std::string::npos) << opened.message();
  ImageWriter nowhere((dir_ / "no" / "file").string());
  EXPECT_EQ(nowhere.Open().code(), StatusCode::kIoError);
}

TEST(ImageChecksumTest, DependsOnEveryByteAndTheLength) {
  std::string bytes(100, 'a');
  const uint64_t base = ImageChecksum(bytes.data(), bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string changed = bytes;
    changed[i] = 'b';
    EXPECT_NE(ImageChecksum(changed.data(), changed.size()), base) << i;
  }
  EXPECT_NE(ImageChecksum(bytes.data(), 99), base);
  EXPECT_EQ(ImageChecksum(bytes.data(), bytes.size()), base);
}

}  // namespace
}  // namespace probation
