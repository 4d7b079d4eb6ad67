#include "store/image_io.h"

#include "base/output_paths.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace probation {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the snapshot image stores values as little-endian memory bytes");

constexpr size_t kBufferBytes = size_t{1} << 20;
// Larger reads and writes go straight between the caller's memory and the file.
constexpr size_t kDirectBytes = kBufferBytes / 2;
// Linux transfers at most this much in one read() or write().
constexpr size_t kMaxTransfer = size_t{1} << 30;

constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint64_t Round(uint64_t lane, uint64_t word) {
  return std::rotl(lane + word * kPrime2, 31) * kPrime1;
}

std::string Errno() { return std::strerror(errno); }

}  // namespace

uint64_t ImageChecksum(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  const unsigned char* const end = p + size;
  uint64_t v1 = kPrime1 + kPrime2, v2 = kPrime2, v3 = 0, v4 = 0 - kPrime1;
  for (; end - p >= 32; p += 32) {
    v1 = Round(v1, Load64(p));
    v2 = Round(v2, Load64(p + 8));
    v3 = Round(v3, Load64(p + 16));
    v4 = Round(v4, Load64(p + 24));
  }
  uint64_t h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
  h += size;
  for (; end - p >= 8; p += 8) h = std::rotl(h ^ Round(0, Load64(p)), 27) * kPrime1 + kPrime4;
  for (; p < end; ++p) h = std::rotl(h ^ (*p * kPrime5), 11) * kPrime1;
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  return h ^ (h >> 32);
}

void AdviseHugePages(void* data, size_t size) {
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  if (size < 4 * kHugePage) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + size) & ~(kHugePage - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

ImageWriter::ImageWriter(std::string path)
    : path_(std::move(path)), partial_(TemporaryPathFor(path_)), buffer_(kBufferBytes) {}

ImageWriter::~ImageWriter() {
  if (fd_ < 0) return;  // never opened, or Commit() ran (and removed the partial file if it failed)
  ::close(fd_);
  std::remove(partial_.c_str());
}

Status ImageWriter::Open() {
  fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) return IoError("cannot write " + partial_ + ": " + Errno());
  return Status::Ok();
}

void ImageWriter::Write(const void* data, size_t size) {
  if (!error_.ok() || size == 0) return;  // an empty vector's data() may be null
  const char* p = static_cast<const char*>(data);
  bytes_written_ += size;
  if (size >= kDirectBytes) {
    error_ = Flush();
    while (error_.ok() && size > 0) {
      const ssize_t n = ::write(fd_, p, std::min(size, kMaxTransfer));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) error_ = IoError("cannot write " + partial_ + ": " + Errno());
      if (n > 0) {
        p += n;
        size -= static_cast<size_t>(n);
      }
    }
    return;
  }
  if (buffered_ + size > buffer_.size()) {
    error_ = Flush();
    if (!error_.ok()) return;
  }
  std::memcpy(buffer_.data() + buffered_, p, size);
  buffered_ += size;
}

void ImageWriter::WriteString(std::string_view text) {
  WriteValue<uint64_t>(text.size());
  Write(text.data(), text.size());
}

Status ImageWriter::Flush() {
  const char* p = buffer_.data();
  while (buffered_ > 0) {
    const ssize_t n = ::write(fd_, p, buffered_);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("cannot write " + partial_ + ": " + Errno());
    p += n;
    buffered_ -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status ImageWriter::Commit() {
  if (error_.ok()) error_ = Flush();
  // On disk before the rename, so that not even a power cut leaves a half image in place.
  if (error_.ok() && ::fsync(fd_) != 0)
    error_ = IoError("cannot write " + partial_ + ": " + Errno());
  if (::close(fd_) != 0 && error_.ok())
    error_ = IoError("cannot write " + partial_ + ": " + Errno());
  fd_ = -1;
  if (error_.ok() && std::rename(partial_.c_str(), path_.c_str()) != 0) {
    error_ = IoError("cannot write " + path_ + ": " + Errno());
  }
  if (!error_.ok()) {
    std::remove(partial_.c_str());
    return error_;
  }
  return Status::Ok();
}

ImageReader::ImageReader(std::string path) : path_(std::move(path)) {}

ImageReader::~ImageReader() {
  if (fd_ >= 0) ::close(fd_);
}

Status ImageReader::Open() {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    if (errno == ENOENT) return NotFound("there is no file " + path_);
    return IoError("cannot read " + path_ + ": " + Errno());
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    return IoError("cannot read " + path_ + ": not a regular file");
  }
  size_ = static_cast<uint64_t>(st.st_size);
  end_ = size_;
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  buffer_.resize(kBufferBytes);
  return Status::Ok();
}

Status ImageReader::Read(void* data, size_t size, std::string_view what) {
  if (size > remaining()) return Truncated(what, size, 1);
  if (size == 0) return Status::Ok();  // an empty vector's data() may be null
  char* out = static_cast<char*>(data);
  const size_t from_buffer = std::min(size, buffer_end_ - buffer_start_);
  std::memcpy(out, buffer_.data() + buffer_start_, from_buffer);
  buffer_start_ += from_buffer;
  position_ += from_buffer;
  out += from_buffer;
  size -= from_buffer;
  if (size == 0) return Status::Ok();
  if (size >= kDirectBytes) {
    PROBATION_RETURN_IF_ERROR(ReadFromFile(out, size, what));
    position_ += size;
    return Status::Ok();
  }
  // Refill the buffer with as much as remains, up to its size, and serve the rest from it.
  const size_t refill = static_cast<size_t>(std::min<uint64_t>(buffer_.size(), remaining()));
  PROBATION_RETURN_IF_ERROR(ReadFromFile(buffer_.data(), refill, what));
  buffer_start_ = 0;
  buffer_end_ = refill;
  std::memcpy(out, buffer_.data(), size);
  buffer_start_ = size;
  position_ += size;
  return Status::Ok();
}

Result<std::unique_ptr<ImageReader>> ImageReader::Another() const {
  auto other = std::make_unique<ImageReader>(path_);
  other->fd_ = ::fcntl(fd_, F_DUPFD_CLOEXEC, 0);  // the same open file, whatever the path is now
  if (other->fd_ < 0) return IoError("cannot read " + path_ + ": " + Errno());
  other->size_ = size_;
  other->end_ = size_;
  other->buffer_.resize(kBufferBytes);
  return other;
}

Status ImageReader::Seek(uint64_t position, uint64_t end) {
  if (position > end || end > size_) {
    return Corrupt("a part lies outside the file (bytes " + std::to_string(position) + " to " +
                   std::to_string(end) + " of " + std::to_string(size_) + ")");
  }
  position_ = position;
  end_ = end;
  buffer_start_ = buffer_end_ = 0;
  return Status::Ok();
}

Status ImageReader::ReadFromFile(char* data, size_t size, std::string_view what) {
  // The buffer is used up whenever the file is read: the next byte is at position_.
  uint64_t offset = position_;
  while (size > 0) {
    const ssize_t n = ::pread(fd_, data, std::min(size, kMaxTransfer), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot read " + path_ + ": " + Errno());
    // The file shrank while being read.
    if (n == 0) return Truncated(what, size, 1);
    data += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return Status::Ok();
}

Result<std::string> ImageReader::ReadString(std::string_view what) {
  PROBATION_ASSIGN_OR_RETURN(const uint64_t size, ReadValue<uint64_t>(what));
  if (size > remaining()) return Truncated(what, size, 1);
  std::string text(size, '\0');
  PROBATION_RETURN_IF_ERROR(Read(text.data(), size, what));
  return text;
}

Status ImageReader::Corrupt(std::string_view why) const {
  return IoError(path_ + " is corrupt: " + std::string(why));
}

Status ImageReader::Truncated(std::string_view what, uint64_t count, size_t unit) const {
  const std::string needed =
      unit == 1 ? std::to_string(count) + " bytes"
                : std::to_string(count) + " values of " + std::to_string(unit) + " bytes";
  return IoError(path_ + " is truncated or corrupt: " + std::string(what) + " needs " + needed +
                 " but only " + std::to_string(remaining()) + " bytes remain");
}

}  // namespace probation
