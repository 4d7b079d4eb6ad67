#include "base/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace probation {
namespace {

int64_t ModifiedNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Reads up to `size` bytes at `offset`, retrying short reads; returns the bytes read.
Result<size_t> ReadAt(int fd, char* out, size_t size, uint64_t offset, const std::string& path) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot read " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

}  // namespace

Result<SourceFile> SourceFile::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot read " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return IoError("cannot read " + path + ": not a regular file");
  }
  SourceFile file;
  file.path_ = path;
  file.fd_ = fd;
  file.size_ = static_cast<uint64_t>(st.st_size);
  file.mtime_ns_ = ModifiedNs(st);
  file.device_ = st.st_dev;
  file.inode_ = st.st_ino;
  return file;
}

SourceFile::SourceFile(SourceFile&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      size_(other.size_),
      mtime_ns_(other.mtime_ns_),
      device_(other.device_),
      inode_(other.inode_),
      bytes_(std::move(other.bytes_)) {}

SourceFile& SourceFile::operator=(SourceFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
    mtime_ns_ = other.mtime_ns_;
    device_ = other.device_;
    inode_ = other.inode_;
    bytes_ = std::move(other.bytes_);
  }
  return *this;
}

SourceFile::~SourceFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> SourceFile::ReadPrefix(size_t max) const {
  std::string prefix(static_cast<size_t>(std::min<uint64_t>(max, size_)), '\0');
  Result<size_t> n = ReadAt(fd_, prefix.data(), prefix.size(), 0, path_);
  if (!n.ok()) return n.status();
  prefix.resize(*n);
  return prefix;
}

Status SourceFile::ReadAll() {
  bytes_.resize(static_cast<size_t>(size_));
  Result<size_t> n = ReadAt(fd_, bytes_.data(), bytes_.size(), 0, path_);
  if (!n.ok()) return n.status();
  if (*n != bytes_.size()) {
    bytes_.clear();
    return IoError(path_ + " changed while it was being loaded: it was " + std::to_string(size_) +
                   " bytes and is now " + std::to_string(*n) + "; nothing was loaded from it");
  }
  return Status::Ok();
}

void SourceFile::Release() { UninitializedVector<char>().swap(bytes_); }

Status SourceFile::CheckUnchanged() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return IoError("cannot check " + path_ + ": " + std::strerror(errno));
  if (static_cast<uint64_t>(st.st_size) != size_) {
    return IoError(path_ + " changed while it was being loaded (" + std::to_string(size_) +
                   " bytes when opened, " + std::to_string(st.st_size) + " now)");
  }
  if (ModifiedNs(st) != mtime_ns_) {
    return IoError(path_ + " changed while it was being loaded (modified since it was opened)");
  }
  // Replaced by another file of the same name (an extract job writing a new file and renaming
  // it over the old one): what was read is not what the name now holds.
  struct stat now {};
  if (::stat(path_.c_str(), &now) == 0 && (now.st_dev != device_ || now.st_ino != inode_)) {
    return IoError(path_ + " changed while it was being loaded (replaced by another file)");
  }
  return Status::Ok();
}

}  // namespace probation
