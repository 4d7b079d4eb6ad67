// DbPool: connections to the store for the server's worker threads. A connection is used by
// one thread at a time (store/database.h); Acquire() lends an idle one or opens a new one, so
// the pool grows to the number of threads that use it at once.
//
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/database.h"

namespace probation {

class DbPool {
 public:
  class Lease {
   public:
    Lease(DbPool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_) pool_->Return(std::move(db_));
    }
    Database* get() const { return db_.get(); }
    Database* operator->() const { return db_.get(); }

   private:
    DbPool* pool_;
    std::unique_ptr<Database> db_;
  };

  // REQUIRES: the database at `path` has been migrated (OpenStore) before the pool is used.
  explicit DbPool(std::string path) : path_(std::move(path)) {}
  Result<Lease> Acquire();
  const std::string& path() const { return path_; }

 private:
  void Return(std::unique_ptr<Database> db);

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
};

}  // namespace probation
