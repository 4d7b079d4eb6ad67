#include "server/db_pool.h"

namespace probation {

Result<DbPool::Lease> DbPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path_));
  return Lease(this, std::move(db));
}

void DbPool::Return(std::unique_ptr<Database> db) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace probation
