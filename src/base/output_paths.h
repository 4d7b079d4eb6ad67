// Output paths: the guard every command that writes a file applies before it opens anything
// for writing, and the temporary name an output is written under until it is complete.
//
// A command must never write over its own database (nor the database's -wal, -shm or
// -journal file, nor its snapshot image), over one of its inputs, or twice to one file.
// Files are compared as files: by device and inode when the file exists (so a second name, a
// hard link or a symbolic link is caught), by the resolved absolute path when it does not.
// Functions only; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace probation {

// A file a command reads or writes, with what the user called it in messages ("--out",
// "--report", "input").
struct NamedPath {
  std::string role;
  std::string path;
};

// Whether `a` and `b` name the same file (see above).
bool SameFile(const std::string& a, const std::string& b);

// The files that make up the database at `db_path`: the database itself, its -wal, -shm and
// -journal files and its snapshot image.
std::vector<std::string> DatabaseFiles(const std::string& db_path);

// InvalidArgument naming the output and what it is, when an output is one of the database's
// files (`db_path` empty: no database), one of `inputs`, or another output; Ok otherwise.
// Call before anything is opened for writing.
Status CheckOutputPaths(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs,
                        const std::string& db_path);

// A name in the same folder as `path`, unique to this process and call, under which to write
// the output before renaming it over `path` (so a failure never leaves a half-written file,
// and two commands writing one output at once never share a temporary file).
std::string TemporaryPathFor(const std::string& path);

}  // namespace probation
