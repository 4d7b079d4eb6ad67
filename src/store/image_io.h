// The file access under the snapshot image (snapshot_image.h): ImageWriter writes a binary file
// sequentially and atomically, ImageReader reads one back with every length checked against
// the bytes left, and ImageChecksum guards each array. Values are written as their in-memory
// bytes (little-endian on every machine this builds for).
//
// Both classes are thread-compatible: one object per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/status.h"

namespace probation {

// 64 bits, four lanes of multiply-rotate over 32-byte blocks in the manner of xxHash64: fast,
// for catching corruption, not cryptographic.
uint64_t ImageChecksum(const void* data, size_t size);

// Asks the kernel to back [data, data + size), freshly allocated and not yet touched, with
// transparent huge pages where it can: a gigabyte read into new memory then takes hundreds of
// page faults instead of a quarter of a million. Only a hint; small ranges are left alone.
void AdviseHugePages(void* data, size_t size);

// Writes to a temporary file beside `path` whose name is unique to the writer (so two writers
// of one image never share it; TemporaryPathFor()); Commit() flushes it to disk and renames
// it over `path`, so the last complete image wins. Writes
// after an error are ignored and the first error is returned by Commit(). A writer destroyed
// without a successful Commit() removes the partial file.
class ImageWriter {
 public:
  explicit ImageWriter(std::string path);
  ~ImageWriter();
  ImageWriter(const ImageWriter&) = delete;
  ImageWriter& operator=(const ImageWriter&) = delete;

  Status Open();
  // The temporary file written until Commit().
  const std::string& partial_path() const { return partial_; }

  void Write(const void* data, size_t size);
  template <typename T>
  void WriteValue(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    Write(&value, sizeof value);
  }
  // u64 byte count, then the bytes.
  void WriteString(std::string_view text);
  // u64 element count, the elements' bytes, then the u64 ImageChecksum of those bytes.
  template <typename T>
  void WriteArray(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    WriteValue<uint64_t>(values.size());
    Write(values.data(), values.size_bytes());
    WriteValue<uint64_t>(ImageChecksum(values.data(), values.size_bytes()));
  }

  // REQUIRES: Open() succeeded.
  Status Commit();
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  Status Flush();

  std::string path_, partial_;
  int fd_ = -1;
  std::vector<char> buffer_;
  size_t buffered_ = 0;
  uint64_t bytes_written_ = 0;
  Status error_;
};

// Reads a file front to back, or a range of it after Seek(). Every read names what it reads
// (`what`, e.g. "contacts.crn"), and a read past the end of the file (or of the range) is an
// IoError naming the file and `what`.
class ImageReader {
 public:
  explicit ImageReader(std::string path);
  ~ImageReader();
  ImageReader(const ImageReader&) = delete;
  ImageReader& operator=(const ImageReader&) = delete;

  // NotFound when there is no file at the path; IoError when it cannot be read.
  Status Open();
  // Another reader of the file this one has open, from its start, for another thread: the
  // same file even if its path has been replaced since. REQUIRES: Open() succeeded.
  Result<std::unique_ptr<ImageReader>> Another() const;

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  uint64_t position() const { return position_; }
  // The bytes left to read: up to the end of the file, or of the range Seek() set.
  uint64_t remaining() const { return end_ - position_; }

  // Reads continue from byte `position` and stop at byte `end` (reads beyond it fail as at the
  // end of the file). IoError naming the file when the range is not inside it.
  Status Seek(uint64_t position, uint64_t end);

  Status Read(void* data, size_t size, std::string_view what);
  template <typename T>
  Result<T> ReadValue(std::string_view what) {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    PROBATION_RETURN_IF_ERROR(Read(&value, sizeof value, what));
    return value;
  }
  // What WriteString wrote.
  Result<std::string> ReadString(std::string_view what);
  // What WriteArray wrote, its checksum verified.
  template <typename T>
  Status ReadArray(std::vector<T>* values, std::string_view what) {
    static_assert(std::is_trivially_copyable_v<T>);
    PROBATION_ASSIGN_OR_RETURN(const uint64_t count, ReadValue<uint64_t>(what));
    // Checked before allocating: a corrupt count must not ask for more than the file holds.
    if (count > remaining() / sizeof(T)) return Truncated(what, count, sizeof(T));
    values->clear();
    values->shrink_to_fit();
    values->reserve(count);
    AdviseHugePages(values->data(), count * sizeof(T));
    values->resize(count);
    const size_t bytes = count * sizeof(T);
    PROBATION_RETURN_IF_ERROR(Read(values->data(), bytes, what));
    PROBATION_ASSIGN_OR_RETURN(const uint64_t checksum, ReadValue<uint64_t>(what));
    if (checksum != ImageChecksum(values->data(), bytes)) {
      return Corrupt(std::string(what) + " does not match its checksum");
    }
    return Status::Ok();
  }

  // IoError "<path> is corrupt: <why>".
  Status Corrupt(std::string_view why) const;

 private:
  // `what` needs `count` values of `unit` bytes, more than remain.
  Status Truncated(std::string_view what, uint64_t count, size_t unit) const;
  // Reads the file from position_ on with pread (no file offset shared with Another()'s
  // readers). REQUIRES: the buffer is used up.
  Status ReadFromFile(char* data, size_t size, std::string_view what);

  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t position_ = 0;  // bytes consumed by the caller
  uint64_t end_ = 0;       // where reading stops: the file's size unless Seek() said otherwise
  std::vector<char> buffer_;
  size_t buffer_start_ = 0, buffer_end_ = 0;  // the unconsumed part of buffer_
};

}  // namespace probation
